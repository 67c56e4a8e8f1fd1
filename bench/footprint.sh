#!/usr/bin/env bash
# Start-up and resident memory of each app started alone (issue 31), JVM settings side by side.
#   bench/footprint.sh [--rounds 5] [--apps "ingest-service query-service annotation-service ui"]
#                      [--variants stack|all] [--port-offset 10000]
# Needs Elasticsearch, Kafka and Keycloak running (infra/infra.sh start es kafka keycloak) and the apps built
# (mvn -o package -DskipTests). Each app is started on its ports plus --port-offset, so the local stack may run beside
# it (idle: bench/run.sh gateway calls this after its load); one app at a time, --rounds times per JVM variant. Prints
# the medians of Quarkus' own "started in" time, the wall time until /q/health/ready answers UP, and the resident
# memory (VmRSS) then and after 100 requests to /q/health, next to the goals (1.5 s alone; 200 MB).
# Variants: "stack" is the JVM of scripts/stack.sh (scripts/jvm.sh: JDK 25 with an ahead-of-time cache made by
# scripts/AotTraining.java where the machine has JDK 25, and the same settings on JDK 17 beside it); "all" adds the
# JVM's defaults with -Xmx512m (before issue 31) and C1 only.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/jvm.sh
source "$ROOT/scripts/jvm.sh"
rounds=5
apps="ingest-service query-service annotation-service ui"
variants=stack
offset=10000
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --apps) apps=$2; shift 2 ;;
    --variants) variants=$2; shift 2 ;;
    --port-offset) offset=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
declare -A PORTS=([ingest-service]="8081 9081" [query-service]="8082 9082" [annotation-service]="8083 9083" [ui]="6900 9900")
JDK17=${JAVA17:-java}
AOT_DIR=$(mktemp -d)
trap 'rm -rf "$AOT_DIR"' EXIT
# name|java|flags (HEAP is the app's heap of scripts/jvm.sh; APP its name, for its cache)
AOT="the stack's settings, jdk25, AOT cache|$JDK25|${JVM_COMMON[*]} HEAP -XX:AOTCache=$AOT_DIR/APP.aot"
if [ "$APP_JAVA" != java ]; then
  VARIANTS=("as scripts/stack.sh: ${AOT#*, }" "the stack's settings on jdk17|$JDK17|${JVM_COMMON[*]} HEAP")
else
  VARIANTS=("as scripts/stack.sh: jdk17|$JDK17|${JVM_COMMON[*]} HEAP")
  [ "$variants" = all ] && [ -x "$JDK25" ] && VARIANTS+=("$AOT")
fi
if [ "$variants" = all ]; then
  VARIANTS+=(
    "jdk17 defaults, -Xmx512m (before issue 31)|$JDK17|-Xmx512m"
    "the stack's settings on jdk17, C1 only|$JDK17|${JVM_COMMON[*]} HEAP -XX:TieredStopAtLevel=1"
  )
fi

median() { sort -n | awk '{v[NR]=$1} END {print (NR ? v[int((NR+1)/2)] : "-")}'; }

# app java flags -> "started_ms ready_ms rss_kb rss_after_kb"
run_once() {
  local app=$1 java=$2 flags=$3 log http management pid start ready rss rss_after started
  read -r http management <<<"${PORTS[$app]}"
  http=$((http + offset)); management=$((management + offset))
  flags=${flags//HEAP/${JVM_HEAP[$app]}}; flags=${flags//APP/$app}
  log=$(mktemp)
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$ROOT" && exec $java $flags -Dquarkus.http.port=$http -Dquarkus.management.port=$management \
    -jar "$app/target/quarkus-app/quarkus-run.jar") >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1200); do
    if curl -fsS "http://127.0.0.1:$management/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; then break; fi
    kill -0 $pid 2>/dev/null || { echo "$app exited: $(tail -3 "$log")" >&2; return 1; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$management/q/health" || true; done
  rss_after=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  started=$(grep -oE 'started in [0-9.]+s' "$log" | head -1 | grep -oE '[0-9.]+' | awk '{printf "%d", $1 * 1000}')
  kill $pid; wait $pid 2>/dev/null || true
  rm -f "$log"
  echo "${started:-0} $ready $rss $rss_after"
}

# The cache of a variant that has one, made as scripts/stack.sh makes it (scripts/AotTraining.java).
train() { # app java flags
  local app=$1 java=$2 flags=$3 http management
  read -r http management <<<"${PORTS[$app]}"
  flags=${flags//HEAP/${JVM_HEAP[$app]}}; flags=${flags//APP/$app}
  # shellcheck disable=SC2086
  aot_train "$app" "$java" "$AOT_DIR/$app.aot" $((http + offset)) $((management + offset)) "$AOT_DIR/$app.log" \
    ${flags/-XX:AOTCache=$AOT_DIR\/$app.aot/}
}

printf '%-20s %-44s %13s %11s %9s %15s\n' app "JVM" "started (ms)" "ready (ms)" "RSS (MB)" "RSS after (MB)"
for app in $apps; do
  for variant in "${VARIANTS[@]}"; do
    IFS='|' read -r name java flags <<<"$variant"
    [ -x "$(command -v "$java")" ] || { echo "$java is missing: $name skipped" >&2; continue; }
    case $flags in *AOTCache=*) train "$app" "$java" "$flags" ;; esac
    results=$(for _ in $(seq "$rounds"); do run_once "$app" "$java" "$flags"; done)
    printf '%-20s %-44s %13s %11s %9s %15s\n' "$app" "$name" \
      "$(cut -d' ' -f1 <<<"$results" | median)" "$(cut -d' ' -f2 <<<"$results" | median)" \
      "$(( $(cut -d' ' -f3 <<<"$results" | median) / 1024 ))" "$(( $(cut -d' ' -f4 <<<"$results" | median) / 1024 ))"
  done
done
echo "goals: started <= 1500 ms alone in JVM mode; resident memory <= 200 MB after load (bench/run.sh gateway)"
