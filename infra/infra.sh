#!/usr/bin/env bash
# Real Elasticsearch, Kafka and Keycloak without Docker, from Maven Central (see INFRA.md).
#
#   infra/infra.sh install|start|stop|status [es] [kafka] [keycloak]
#
# No component named: es and kafka (what the service tests need). `install` downloads once
# into the cache; `start` installs what is missing, starts each component bound to
# 127.0.0.1, waits until it is ready and records its PID; `stop` stops by those PIDs.
#
# Environment:
#   RUBRIX_INFRA_CACHE  downloads and installs (default /var/cache/rubrix-infra as root,
#                       ~/.cache/rubrix-infra otherwise)
#   RUBRIX_RUN_DIR      data, logs and PID files (default <repo>/.run)
#   ES_JAVA_HOME        a JDK that Elasticsearch 9 accepts (default Temurin 25)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ES_VERSION=9.2.0
KAFKA_VERSION=4.1.2
KEYCLOAK_VERSION=26.7.3

if [ "$(id -u)" = 0 ]; then default_cache=/var/cache/rubrix-infra; else default_cache=$HOME/.cache/rubrix-infra; fi
CACHE=${RUBRIX_INFRA_CACHE:-$default_cache}
RUN=${RUBRIX_RUN_DIR:-$ROOT/.run}
ES_JAVA_HOME=${ES_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
M2_REPO=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
MVN=(mvn -B -q -ntp)
ES_USER=rubrix-es   # Elasticsearch refuses to run as root

ES_HOME=$CACHE/elasticsearch-$ES_VERSION
ES_DATA=$CACHE/elasticsearch-data   # under the cache: the ES user must reach it, a checkout may be private
KAFKA_LIBS=$CACHE/kafka-$KAFKA_VERSION/libs
KC_HOME=$CACHE/keycloak-$KEYCLOAK_VERSION

log() { printf '[infra] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

maven_fetch() { # group:artifact:version:packaging -> path of the file in the local repository
  local gav=$1 g a v p
  IFS=: read -r g a v p <<<"$gav"
  local file="$M2_REPO/${g//.//}/$a/$v/$a-$v.$p"
  if [ ! -f "$file" ]; then
    log "downloading $gav from Maven Central"
    (cd "$CACHE" && "${MVN[@]}" dependency:get -Dartifact="$gav" -Dtransitive=false >&2)
  fi
  [ -f "$file" ] || die "$gav not found at $file after download"
  printf '%s\n' "$file"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # description seconds command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq "$seconds"); do
    if "$@" >/dev/null 2>&1; then log "$what is ready"; return 0; fi
    sleep 1
  done
  return 1
}

# ---------------------------------------------------------------- Elasticsearch
es_install() {
  [ -x "$ES_HOME/bin/elasticsearch" ] && return 0
  mkdir -p "$CACHE"
  local zip; zip=$(maven_fetch "org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip")
  rm -rf "$ES_HOME.tmp" && mkdir -p "$ES_HOME.tmp"
  unzip -q "$zip" -d "$ES_HOME.tmp"
  mv "$ES_HOME.tmp/elasticsearch-$ES_VERSION" "$ES_HOME" && rm -rf "$ES_HOME.tmp"
  log "Elasticsearch $ES_VERSION installed in $ES_HOME"
}

es_as_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$ES_USER" -- env "$@"; else env "$@"; fi
}

es_start() {
  es_install
  local pidfile=$ES_DATA/es.pid
  if alive "$pidfile"; then log "Elasticsearch already running (pid $(cat "$pidfile"))"; return 0; fi
  mkdir -p "$ES_DATA/data" "$ES_DATA/logs" "$ES_DATA/repo" "$ES_DATA/tmp"
  if [ "$(id -u)" = 0 ]; then
    id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    chmod 755 "$CACHE"
    chown -R "$ES_USER" "$ES_HOME" "$ES_DATA"
  fi
  log "starting Elasticsearch $ES_VERSION on 127.0.0.1:9200"
  es_as_user ES_JAVA_HOME="$ES_JAVA_HOME" ES_TMPDIR="$ES_DATA/tmp" \
    ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}" \
    "$ES_HOME/bin/elasticsearch" -d -p "$pidfile" \
    -E discovery.type=single-node -E xpack.security.enabled=false \
    -E network.host=127.0.0.1 -E http.port=9200 -E cluster.name=rubrix-local \
    -E path.data="$ES_DATA/data" -E path.logs="$ES_DATA/logs" -E path.repo="$ES_DATA/repo" \
    -E cluster.routing.allocation.disk.threshold_enabled=false >"$ES_DATA/logs/console.out" 2>&1 \
    || die "Elasticsearch did not start; see $ES_DATA/logs"
  wait_for "Elasticsearch" 120 curl -fsS 'http://127.0.0.1:9200/_cluster/health?wait_for_status=yellow&timeout=1s' \
    || die "Elasticsearch not ready after 120 s; see $ES_DATA/logs/rubrix-local.log"
}

es_stop() { stop_pid Elasticsearch "$ES_DATA/es.pid"; }

# ---------------------------------------------------------------- Kafka
kafka_install() {
  [ -f "$KAFKA_LIBS/.complete" ] && return 0
  log "downloading Kafka $KAFKA_VERSION jars from Maven Central"
  rm -rf "$KAFKA_LIBS" && mkdir -p "$KAFKA_LIBS"
  "${MVN[@]}" -f "$ROOT/infra/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS" -DincludeScope=runtime >&2
  touch "$KAFKA_LIBS/.complete"
  log "Kafka $KAFKA_VERSION installed in $KAFKA_LIBS"
}

kafka_start() {
  kafka_install
  local dir=$RUN/kafka pidfile=$RUN/kafka/kafka.pid
  if alive "$pidfile"; then log "Kafka already running (pid $(cat "$pidfile"))"; return 0; fi
  mkdir -p "$dir/logs"
  { cat "$ROOT/infra/kafka/server.properties"; echo "log.dirs=$dir/data"; } >"$dir/server.properties"
  if [ ! -f "$dir/data/meta.properties" ]; then
    local uuid; uuid=$(java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    java -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$uuid" -c "$dir/server.properties" >"$dir/logs/format.log" 2>&1 \
      || die "Kafka storage format failed; see $dir/logs/format.log"
  fi
  log "starting Kafka $KAFKA_VERSION on 127.0.0.1:9092"
  nohup java -Xms256m -Xmx512m -Dkafka.logs.dir="$dir/logs" \
    -Dlog4j2.configurationFile="$ROOT/infra/kafka/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$dir/server.properties" >"$dir/logs/kafka.out" 2>&1 &
  echo $! >"$pidfile"
  wait_for "Kafka" 90 grep -q "Kafka Server started" "$dir/logs/kafka.out" \
    || die "Kafka not ready after 90 s; see $dir/logs/kafka.out"
}

kafka_stop() { stop_pid Kafka "$RUN/kafka/kafka.pid"; }

# ---------------------------------------------------------------- Keycloak
keycloak_install() {
  [ -x "$KC_HOME/bin/kc.sh" ] && return 0
  mkdir -p "$CACHE"
  local zip; zip=$(maven_fetch "org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip")
  rm -rf "$KC_HOME.tmp" && mkdir -p "$KC_HOME.tmp"
  unzip -q "$zip" -d "$KC_HOME.tmp"
  mv "$KC_HOME.tmp/keycloak-$KEYCLOAK_VERSION" "$KC_HOME" && rm -rf "$KC_HOME.tmp"
  log "Keycloak $KEYCLOAK_VERSION installed in $KC_HOME"
}

keycloak_start() {
  keycloak_install
  local dir=$RUN/keycloak pidfile=$RUN/keycloak/keycloak.pid realm=$ROOT/infra/keycloak/rubrix-realm.json
  if alive "$pidfile"; then log "Keycloak already running (pid $(cat "$pidfile"))"; return 0; fi
  mkdir -p "$dir" "$KC_HOME/data/import"
  cp "$realm" "$KC_HOME/data/import/"
  # --import-realm skips a realm that exists: start from an empty database when the realm file changed.
  local sum; sum=$(sha256sum "$realm" | cut -d' ' -f1)
  if [ "$(cat "$KC_HOME/data/realm.sha256" 2>/dev/null)" != "$sum" ]; then
    rm -rf "$KC_HOME/data/h2"; echo "$sum" >"$KC_HOME/data/realm.sha256"
  fi
  log "starting Keycloak $KEYCLOAK_VERSION on 127.0.0.1:8180 (realm rubrix)"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
    nohup "$KC_HOME/bin/kc.sh" start-dev --http-host 127.0.0.1 --http-port 8180 \
    --hostname http://127.0.0.1:8180 --import-realm >"$dir/keycloak.out" 2>&1 &
  echo $! >"$pidfile"
  wait_for "Keycloak" 180 curl -fsS http://127.0.0.1:8180/realms/rubrix/.well-known/openid-configuration \
    || die "Keycloak not ready after 180 s; see $dir/keycloak.out"
}

keycloak_stop() { stop_pid Keycloak "$RUN/keycloak/keycloak.pid"; }

# ---------------------------------------------------------------- common
stop_pid() { # name pidfile
  local name=$1 pidfile=$2
  if ! alive "$pidfile"; then rm -f "$pidfile"; log "$name is not running"; return 0; fi
  local pid; pid=$(cat "$pidfile")
  log "stopping $name (pid $pid)"
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in 30 s: killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
}

status_of() { # name pidfile
  if alive "$2"; then echo "$1: running (pid $(cat "$2"))"; else echo "$1: stopped"; fi
}

main() {
  local action=${1:-}; shift || true
  local components=("$@")
  [ ${#components[@]} -gt 0 ] || components=(es kafka)
  case $action in
    install|start|stop|status) ;;
    *) echo "usage: $0 install|start|stop|status [es] [kafka] [keycloak]" >&2; exit 2 ;;
  esac
  if [ "$action" = stop ]; then # reverse order
    local reversed=(); for ((i=${#components[@]}-1; i>=0; i--)); do reversed+=("${components[i]}"); done
    components=("${reversed[@]}")
  fi
  for c in "${components[@]}"; do
    case "$action:$c" in
      install:es) es_install ;; install:kafka) kafka_install ;; install:keycloak) keycloak_install ;;
      start:es) es_start ;; start:kafka) kafka_start ;; start:keycloak) keycloak_start ;;
      stop:es) es_stop ;; stop:kafka) kafka_stop ;; stop:keycloak) keycloak_stop ;;
      status:es) status_of Elasticsearch "$ES_DATA/es.pid" ;;
      status:kafka) status_of Kafka "$RUN/kafka/kafka.pid" ;;
      status:keycloak) status_of Keycloak "$RUN/keycloak/keycloak.pid" ;;
      *) die "unknown component '$c' (es, kafka, keycloak)" ;;
    esac
  done
}

main "$@"
