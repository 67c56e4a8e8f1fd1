#!/usr/bin/env bash
# Start-up and resident memory of each service alone (issue 31: "measure before choosing"), JVM flags side by side.
#   bench/footprint.sh [--rounds 5] [--apps "ingest-service query-service annotation-service ui"]
# Needs Elasticsearch, Kafka and Keycloak running (infra/infra.sh start es kafka keycloak) and the apps built
# (mvn -o package -DskipTests), and none of the four apps running (their ports are used). For each app and each JVM
# variant, starts the app alone --rounds times and prints the medians of: Quarkus' own "started in" time, the wall
# time until /q/health/ready answers UP, and the resident memory (VmRSS) then and after 100 requests to /q/health.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=5
apps="ingest-service query-service annotation-service ui"
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --apps) apps=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
declare -A MANAGEMENT=([ingest-service]=9081 [query-service]=9082 [annotation-service]=9083 [ui]=9900)
JDK17=${JAVA17:-java}
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
CDS_DIR=$(mktemp -d)
trap 'rm -rf "$CDS_DIR"' EXIT
# name|java|flags (APP is replaced by the app's name, for its class-data archive)
VARIANTS=(
  "jdk17 -Xmx512m (as scripts/stack.sh)|$JDK17|-Xmx512m"
  "jdk17 Serial GC, -Xmx256m|$JDK17|-Xmx256m -XX:+UseSerialGC"
  "jdk17 Serial GC, C1 only, -Xmx256m|$JDK17|-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
  "jdk25 Serial GC, -Xmx256m, AppCDS (auto-created)|$JDK25|-Xmx256m -XX:+UseSerialGC -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$CDS_DIR/APP.jsa"
)

median() { sort -n | awk '{v[NR]=$1} END {print (NR ? v[int((NR+1)/2)] : "-")}'; }

run_once() { # app java flags -> "started_ms ready_ms rss_kb rss_after_kb"
  local app=$1 java=$2 flags=$3 log port pid start ready rss rss_after started
  log=$(mktemp); port=${MANAGEMENT[$app]}
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$ROOT" && exec $java ${flags//APP/$app} -jar "$app/target/quarkus-app/quarkus-run.jar") >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    if curl -fsS "http://127.0.0.1:$port/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; then break; fi
    kill -0 $pid 2>/dev/null || { echo "$app exited: $(tail -3 "$log")" >&2; return 1; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health" || true; done
  rss_after=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  started=$(grep -oE 'started in [0-9.]+s' "$log" | head -1 | grep -oE '[0-9.]+' | awk '{printf "%d", $1 * 1000}')
  kill $pid; wait $pid 2>/dev/null || true
  rm -f "$log"
  echo "${started:-0} $ready $rss $rss_after"
}

printf '%-20s %-50s %12s %12s %10s %14s\n' app "JVM" "started (ms)" "ready (ms)" "RSS (MB)" "RSS after (MB)"
for app in $apps; do
  for variant in "${VARIANTS[@]}"; do
    IFS='|' read -r name java flags <<<"$variant"
    [ -x "$(command -v "$java")" ] || { echo "$java is missing: $name skipped" >&2; continue; }
    case $flags in *AutoCreateSharedArchive*) run_once "$app" "$java" "$flags" >/dev/null ;; esac # the archive, made once
    results=$(for _ in $(seq "$rounds"); do run_once "$app" "$java" "$flags"; done)
    printf '%-20s %-50s %12s %12s %10s %14s\n' "$app" "$name" \
      "$(cut -d' ' -f1 <<<"$results" | median)" "$(cut -d' ' -f2 <<<"$results" | median)" \
      "$(( $(cut -d' ' -f3 <<<"$results" | median) / 1024 ))" "$(( $(cut -d' ' -f4 <<<"$results" | median) / 1024 ))"
  done
done
