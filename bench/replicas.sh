#!/usr/bin/env bash
# One replica of query-service against two, behind a gateway (issue 32, docs/adr/0016-fleet-and-traces.md): a second
# query-service (ports 8182/9182, as RUBRIX_REPLICAS=2 would start it) and a gateway copy (16900/19900) balancing
# over the stack's query-service alone, then over both; the search benchmark (every aggregation, concurrency 8)
# through that gateway, round after round; prints searches/s and p99 for each and the ratio two/one. On this
# machine's 2 shared cores a second replica adds no CPU: the ratio says what balancing costs, not what it would gain.
#   bench/run.sh replicas [--rounds 3] [--requests 2000] [--records 100000]
# Needs the stack with one replica (scripts/stack.sh up) and the apps built.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/jvm.sh
source "$ROOT/scripts/jvm.sh"
rounds=3
requests=2000
records=100000
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --records) records=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
token=$(curl -fsS -d grant_type=password -d client_id=rubrix-client -d username=ana -d password=ana-password \
  http://127.0.0.1:8180/realms/rubrix/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
work=$(mktemp -d)
second=
gateway=
trap 'kill ${second:-} ${gateway:-} 2>/dev/null || true; rm -rf "$work"' EXIT

ready() { until curl -fsS "http://127.0.0.1:$1/q/health/ready" 2>/dev/null | grep -q UP; do sleep 0.2; done; }

# shellcheck disable=SC2086
java "${JVM_COMMON[@]}" ${JVM_HEAP[query-service]} -Dquarkus.http.port=8182 -Dquarkus.management.port=9182 \
  -jar "$ROOT/query-service/target/quarkus-app/quarkus-run.jar" >"$work/query-2.log" 2>&1 &
second=$!
ready 9182

# replicas (1|2) -> "requests/s p99"
run_once() {
  local urls=http://127.0.0.1:8082 out line
  [ "$1" = 2 ] && urls=http://127.0.0.1:8082,http://127.0.0.1:8182
  # shellcheck disable=SC2086
  RUBRIX_GATEWAY_QUERY_URL=$urls java "${JVM_COMMON[@]}" ${JVM_HEAP[ui]} -Dquarkus.http.port=16900 \
    -Dquarkus.management.port=19900 -jar "$ROOT/ui/target/quarkus-app/quarkus-run.jar" >"$work/ui.log" 2>&1 &
  gateway=$!
  ready 19900
  local search=(java -Xmx1g "$ROOT/bench/SearchBenchmark.java" --records "$records" --service-only
    --query http://127.0.0.1:16900 --token "$token")
  "${search[@]}" --requests 1000 >/dev/null # warm-up
  out=$("${search[@]}" --requests "$requests")
  kill $gateway; wait $gateway 2>/dev/null || true; gateway=
  line=$(grep 'query-service :search' <<<"$out")
  echo "$(grep -oE '[0-9]+ requests/s' <<<"$line" | grep -oE '[0-9]+') $(grep -oE 'p99 +[0-9.]+' <<<"$line" | grep -oE '[0-9.]+$')"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR ? v[int((NR+1)/2)] : "-")}'; }
declare -A all
printf '%-6s %-9s %12s %10s\n' round replicas searches/s "p99 (ms)"
for round in $(seq "$rounds"); do
  for replicas in 1 2; do
    read -r rps p99 <<<"$(run_once $replicas)"
    printf '%-6s %-9s %12s %10s\n' "$round" "$replicas" "$rps" "$p99"
    all[$replicas.rps]+="$rps "; all[$replicas.p99]+="$p99 "
  done
done
one=$(tr ' ' '\n' <<<"${all[1.rps]}" | grep . | median); two=$(tr ' ' '\n' <<<"${all[2.rps]}" | grep . | median)
one99=$(tr ' ' '\n' <<<"${all[1.p99]}" | grep . | median); two99=$(tr ' ' '\n' <<<"${all[2.p99]}" | grep . | median)
awk -v a="$two" -v b="$one" -v c="$two99" -v d="$one99" 'BEGIN {printf "medians: one replica %d searches/s, p99 %.1f ms; two %d searches/s, p99 %.1f ms; two/one: throughput %.2f, p99 %.2f\n", b, d, a, c, a / b, c / d}'
