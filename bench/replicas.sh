#!/usr/bin/env bash
# One replica against two (issue 32, docs/adr/0016-fleet-and-traces.md), round after round, medians and ratios
# two/one. On this machine's 2 shared cores a second replica adds no CPU: the ratios say what a second JVM, balancing
# and (Kafka) a shared consumer group cost, not what a second machine would gain.
#   search: a second query-service (ports 8182/9182, as RUBRIX_REPLICAS=2 would start it) and a gateway copy
#           (16900/19900) balancing over the stack's query-service alone, then over both; the search benchmark (every
#           aggregation, concurrency 8) through that gateway: searches/s and p99.
#   kafka:  records produced to rubrix.records and consumed by the stack's ingest-service alone, then with a second
#           one in its consumer group (ports 8181/9181; the topic's 3 partitions shared); IngestBenchmark's (c),
#           beside raw Elasticsearch _bulk with 4 clients (d4) in the same round: records/s and c/d4.
#   bench/run.sh replicas [--part search|kafka|both] [--rounds 3] [--requests 2000] [--records 100000]
# Needs the stack with one replica (scripts/stack.sh up) and the apps built.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/jvm.sh
source "$ROOT/scripts/jvm.sh"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
if [ "$(id -u)" = 0 ]; then cache=/var/cache/rubrix-infra; else cache=$HOME/.cache/rubrix-infra; fi
KAFKA_LIBS=${RUBRIX_INFRA_CACHE:-$cache}/kafka-4.1.2/libs
part=both
rounds=3
requests=2000
records=100000
while [ $# -gt 0 ]; do
  case $1 in
    --part) part=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --records) records=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
second=
gateway=
trap 'kill ${second:-} ${gateway:-} 2>/dev/null || true; rm -rf "$work"' EXIT

start_second() { # module port management-port
  # shellcheck disable=SC2086
  java "${JVM_COMMON[@]}" ${JVM_HEAP[$1]} -Dquarkus.http.port="$2" -Dquarkus.management.port="$3" \
    -jar "$ROOT/$1/target/quarkus-app/quarkus-run.jar" >"$work/$1-2.log" 2>&1 &
  second=$!
  ready "$3"
}

stop_second() {
  kill "$second"; wait "$second" 2>/dev/null || true; second=
}

# replicas (1|2) -> "searches/s p99"
search_once() {
  local urls=http://127.0.0.1:8082 out
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
  search_figures <<<"$out" | cut -d' ' -f1,2
}

# -> "c-records/s d4-records/s": through the Kafka consumers there are now, and raw Elasticsearch beside it
kafka_once() {
  local out
  out=$(RUBRIX_TOKEN=$ingest_token java -Xmx1g -Drubrix.bench.placement=shared -cp "$KAFKA_LIBS/*" \
    "$ROOT/bench/IngestBenchmark.java" --only c,d4 --records "$records" --warmup 20000)
  echo "$(grep -E '^c +Kafka' <<<"$out" | grep -oE '[0-9]+ records/s' | grep -oE '[0-9]+') $(grep -E '^d4 ' <<<"$out" | grep -oE '[0-9]+ records/s' | grep -oE '[0-9]+')"
}

declare -A all
if [ "$part" = search ] || [ "$part" = both ]; then
  token=$(ana_token)
  start_second query-service 8182 9182
  printf '%-6s %-9s %12s %10s\n' round replicas searches/s "p99 (ms)"
  for round in $(seq "$rounds"); do
    for replicas in 1 2; do
      read -r rps p99 <<<"$(search_once $replicas)"
      printf '%-6s %-9s %12s %10s\n' "$round" "$replicas" "$rps" "$p99"
      all[$replicas.rps]+="$rps "; all[$replicas.p99]+="$p99 "
    done
  done
  stop_second
  awk -v a="$(median_of "${all[2.rps]}")" -v b="$(median_of "${all[1.rps]}")" -v c="$(median_of "${all[2.p99]}")" \
    -v d="$(median_of "${all[1.p99]}")" 'BEGIN {printf "search medians: one replica %d searches/s, p99 %.1f ms; two %d searches/s, p99 %.1f ms; two/one: throughput %.2f, p99 %.2f\n", b, d, a, c, a / b, c / d}'
fi
if [ "$part" = kafka ] || [ "$part" = both ]; then
  ingest_token=$(curl -fsS -d grant_type=client_credentials -d client_id=rubrix-ingest -d client_secret=rubrix-ingest-dev-secret \
    http://127.0.0.1:8180/realms/rubrix/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  printf '%-6s %-9s %16s %16s %6s\n' round replicas "Kafka records/s" "raw d4 records/s" "c/d4"
  for round in $(seq "$rounds"); do
    for replicas in 1 2; do
      if [ "$replicas" = 2 ]; then
        start_second ingest-service 8181 9181
        sleep 10 # the group rebalanced: the second consumer has its partitions
      fi
      read -r c d4 <<<"$(kafka_once)"
      [ "$replicas" = 2 ] && stop_second && sleep 5 # the stack's consumer has every partition again
      printf '%-6s %-9s %16s %16s %6s\n' "$round" "$replicas" "$c" "$d4" "$(awk -v c="$c" -v d="$d4" 'BEGIN {printf "%.2f", c / d}')"
      all[k$replicas.c]+="$c "; all[k$replicas.d4]+="$d4 "
    done
  done
  awk -v a="$(median_of "${all[k2.c]}")" -v b="$(median_of "${all[k1.c]}")" -v c="$(median_of "${all[k2.d4]}")" \
    -v d="$(median_of "${all[k1.d4]}")" 'BEGIN {printf "Kafka medians: one replica %d records/s (raw beside it %d, c/d4 %.2f); two %d records/s (raw %d, c/d4 %.2f); two/one %.2f\n", b, d, b / d, a, c, a / c, a / b}'
fi
