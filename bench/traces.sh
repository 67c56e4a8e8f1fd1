#!/usr/bin/env bash
# What traces cost (issue 32, docs/adr/0016-fleet-and-traces.md): a second query-service, started beside the stack
# (ports + 10000), serves the search benchmark with traces off (the default), then on, exporting to a collector that
# drops them (bench/OtlpSink.java), round after round; prints searches/s, p99 and query-service's CPU per search for
# each, their medians and the ratio on/off.
#   bench/run.sh traces [--rounds 3] [--requests 2000] [--records 100000]
# Needs the stack (scripts/stack.sh up) and the apps built; the benchmark dataset is loaded on first use.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/jvm.sh
source "$ROOT/scripts/jvm.sh"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
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
token=$(ana_token)
work=$(mktemp -d)
sink_port=14318
java "$ROOT/bench/OtlpSink.java" $sink_port "$work/exports" &
sink=$!
copy=
trap 'kill $sink ${copy:-} 2>/dev/null || true; rm -rf "$work"' EXIT

# mode (off|on) -> "requests/s p99 cpu_ms"
run_once() {
  local mode=$1 env=() out
  [ "$mode" = on ] && env=(QUARKUS_OTEL_SDK_DISABLED=false QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:$sink_port)
  # shellcheck disable=SC2086
  env "${env[@]}" java "${JVM_COMMON[@]}" ${JVM_HEAP[query-service]} -Dquarkus.http.port=18082 \
    -Dquarkus.management.port=19082 -jar "$ROOT/query-service/target/quarkus-app/quarkus-run.jar" >"$work/query.log" 2>&1 &
  copy=$!
  until curl -fsS http://127.0.0.1:19082/q/health/ready 2>/dev/null | grep -q UP; do
    kill -0 $copy 2>/dev/null || { tail -5 "$work/query.log" >&2; exit 1; }
    sleep 0.2
  done
  local search=(java -Xmx1g "$ROOT/bench/SearchBenchmark.java" --records "$records" --service-only
    --query http://127.0.0.1:18082 --query-pid $copy --token "$token")
  "${search[@]}" --requests 2000 >/dev/null # warm-up: the JIT compilers done with the hot paths
  out=$("${search[@]}" --requests "$requests")
  kill $copy; wait $copy 2>/dev/null || true; copy=
  search_figures <<<"$out"
}

declare -A all
printf '%-6s %-4s %12s %10s %24s\n' round mode searches/s "p99 (ms)" "query-service CPU/search"
for round in $(seq "$rounds"); do
  for mode in off on; do
    read -r rps p99 cpu <<<"$(run_once $mode)"
    printf '%-6s %-4s %12s %10s %21s ms\n' "$round" "$mode" "$rps" "$p99" "$cpu"
    all[$mode.rps]+="$rps "; all[$mode.p99]+="$p99 "; all[$mode.cpu]+="$cpu "
  done
done
for mode in off on; do
  for measure in rps p99 cpu; do
    eval "m_${mode}_$measure=$(median_of "${all[$mode.$measure]}")"
  done
done
# shellcheck disable=SC2154
printf 'medians: off %s searches/s, p99 %s ms, %s ms CPU; on %s searches/s, p99 %s ms, %s ms CPU\n' \
  "$m_off_rps" "$m_off_p99" "$m_off_cpu" "$m_on_rps" "$m_on_p99" "$m_on_cpu"
# shellcheck disable=SC2154
awk -v a="$m_on_rps" -v b="$m_off_rps" -v c="$m_on_cpu" -v d="$m_off_cpu" \
  'BEGIN {printf "traces on/off: throughput %.2f, query-service CPU per search %.2f\n", a / b, c / d}'
echo "spans exported to the sink (exports, bytes): $(cat "$work/exports" 2>/dev/null || echo 'none')"
