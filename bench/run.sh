#!/usr/bin/env bash
# Ingestion benchmark against the local stack (start it first: scripts/stack.sh up).
#   bench/run.sh [--records N] [--warmup N] [--rounds N] [--chunk N] [--only d1,d4,a,b,c,r,p,k,n,w] [--keep]
#                [--placement split|shared]                                    ingestion (issue 3)
#   bench/run.sh search [--records N] [--requests N] [--concurrency N] [--rounds N] [--export-only]  search, export (4, 33)
#   bench/run.sh annotation [--records N] [--requests N] [--concurrency N] [--rounds N]  labels, bulk jobs (5, 33)
#   bench/run.sh gateway [--records N] [--rounds 3] [--no-startup]              through the gateway vs direct, memory,
#                                                                               start-up (issues 6, 31)
#   bench/run.sh webapp [--records N] [--rounds N]                              the web app on a large dataset (issue 7)
#   bench/run.sh team [--records N] [--annotators 8] [--seconds 180] [--agreement-calls 20] [--keep] [--two-calls]
#                                                                               team labelling and agreement (issue 27)
#   bench/run.sh rules [--records N] [--calls 50] [--warmup 5] [--keep]       labelling rule figures (issue 28)
#   bench/run.sh drift [--records N] [--rounds 3] [--monitors 20]              drift monitor evaluation (issue 29)
#   bench/run.sh traces [--rounds 3] [--requests N] [--records N]             what traces cost, on vs off (issue 32)
#   bench/run.sh replicas [--part search|kafka|both] [--rounds 3] [--requests N] [--records N]
#                                                                               search and Kafka ingest, 1 vs 2 replicas (issue 32)
# Gets a token for the model service account, then runs bench/IngestBenchmark.java, which prints
# records/s for :bulk (sequential read-your-writes, 4 clients), Kafka, and raw Elasticsearch _bulk.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "$(id -u)" = 0 ]; then cache=/var/cache/rubrix-infra; else cache=$HOME/.cache/rubrix-infra; fi
KAFKA_LIBS=${RUBRIX_INFRA_CACHE:-$cache}/kafka-4.1.2/libs

if [ "${1:-}" = webapp ]; then
  shift
  exec node "$ROOT/bench/webapp.mjs" "$@"
fi
if [ "${1:-}" = replicas ]; then
  shift
  exec "$ROOT/bench/replicas.sh" "$@"
fi
if [ "${1:-}" = traces ]; then
  shift
  exec "$ROOT/bench/traces.sh" "$@"
fi
if [ "${1:-}" = gateway ]; then
  shift
  # The local notebook API key (annotator of team-a: may log and read).
  token=$(curl -fsS -d grant_type=client_credentials -d client_id=rubrix-notebook-ana -d client_secret=rubrix-notebook-ana-dev-secret \
    http://127.0.0.1:8180/realms/rubrix/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  startup=1
  args=()
  for arg in "$@"; do
    if [ "$arg" = --no-startup ]; then startup=0; else args+=("$arg"); fi
  done
  # The floor (bench/StreamingProxy.java) runs on the gateway's own Vert.x and Netty.
  libs=$ROOT/ui/target/quarkus-app/lib/main
  floor_classpath=$(ls "$libs"/io.vertx.vertx-core-*.jar "$libs"/io.netty.netty-*.jar 2>/dev/null | tr '\n' : || true)
  RUBRIX_TOKEN=$token java -Xmx1g -Drubrix.bench.proxy="$ROOT/bench/StreamingProxy.java" \
    -Drubrix.bench.proxy-classpath="$floor_classpath" "$ROOT/bench/GatewayBenchmark.java" "${args[@]}"
  # Then each app started alone beside the idle stack (other ports), median of 5 (issue 31).
  if [ "$startup" = 1 ]; then exec "$ROOT/bench/footprint.sh" --rounds 5; fi
  exit 0
fi
if [ "${1:-}" = annotation ]; then
  shift
  # An annotator of team-a (ana, from the local realm), through the public client's password grant.
  token=$(curl -fsS -d grant_type=password -d client_id=rubrix-client -d username=ana -d password=ana-password \
    http://127.0.0.1:8180/realms/rubrix/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  RUBRIX_TOKEN=$token exec java -Xmx1g "$ROOT/bench/AnnotationBenchmark.java" "$@"
fi
if [ "${1:-}" = team ]; then
  shift
  # Eight distinct annotators: the benchmark makes bench-1..bench-8 (group /team-a, role annotator) through Keycloak's
  # admin API (master realm admin/admin, the local stack's) and deletes them when it ends; it gets every token itself.
  exec java -Xmx1g "$ROOT/bench/TeamBenchmark.java" "$@"
fi
if [ "${1:-}" = rules ]; then
  shift
  # Loads the records straight into Elasticsearch, writes 10 rules into the descriptor, then gets an annotator's token
  # (ana, team-a) itself after the load (a token lives 15 minutes; 1M records take longer to load).
  exec java -Xmx1g "$ROOT/bench/RulesBenchmark.java" "$@"
fi
if [ "${1:-}" = drift ]; then
  shift
  # Loads 2N records straight into Elasticsearch (N per window), writes 20 monitors as the admin (its token fetched
  # after the load), and reads the CPU time of Elasticsearch and annotation-service from /proc.
  exec java -Xmx1g "$ROOT/bench/DriftBenchmark.java" "$@"
fi
token=$(curl -fsS -d grant_type=client_credentials -d client_id=rubrix-ingest -d client_secret=rubrix-ingest-dev-secret \
  http://127.0.0.1:8180/realms/rubrix/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
# The service account token lives 15 minutes: enough for 100,000 records four ways on 2 cores.
if [ "${1:-}" = search ]; then
  shift
  RUBRIX_TOKEN=$token exec java -Xmx1g "$ROOT/bench/SearchBenchmark.java" "$@"
fi
# Way (p) goes through bench/PassThroughProxy.java, which the benchmark starts on the Vert.x and Netty jars the
# ingest service was built with.
libs=$ROOT/ingest-service/target/quarkus-app/lib/main
proxy_classpath=$(ls "$libs"/io.vertx.vertx-core-*.jar "$libs"/io.netty.netty-*.jar 2>/dev/null | tr '\n' : || true)

# Where the processes run (docs/adr/0002, "Where Elasticsearch runs"). split, the default: Elasticsearch alone on
# CPU 0, everything else (the services, Kafka, Keycloak, this benchmark and its proxy) on the other CPUs, as in a
# deployment where Elasticsearch has its own nodes; the ratios then measure the service, not how two vCPUs are
# shared. shared: every process on every CPU (the numbers of sessions 8-12). The placement is undone on exit.
placement=split
args=("$@")
for ((i = 0; i < ${#args[@]} - 1; i++)); do
  if [ "${args[i]}" = --placement ]; then placement=${args[i + 1]}; fi
done
cpus=$(nproc)
if [ "$placement" = split ] && { [ "$cpus" -lt 2 ] || ! command -v taskset > /dev/null; }; then
  echo "--placement split needs 2 CPUs and taskset; running shared" >&2
  placement=shared
fi
launch=()
if [ "$placement" = split ]; then
  elasticsearch=$(pgrep -f org.elasticsearch.bootstrap || true)
  if [ -z "$elasticsearch" ]; then
    echo "Elasticsearch does not run on this machine: start the stack first, or measure with --placement shared" >&2
    exit 1
  fi
  others=$(pgrep -f 'quarkus-run.jar|kafka\.Kafka|kc\.script|keycloak' || true)
  place() { for pid in $2; do taskset -a -p -c "$1" "$pid" > /dev/null 2>&1 || true; done; }
  trap 'place 0-$((cpus - 1)) "$elasticsearch $others"' EXIT
  place 0 "$elasticsearch"
  place 1-$((cpus - 1)) "$others"
  launch=(taskset -c 1-$((cpus - 1)))
elif [ "$placement" != shared ]; then
  echo "--placement is split or shared, not $placement" >&2
  exit 2
fi
RUBRIX_TOKEN=$token "${launch[@]}" java -Xmx1g -Drubrix.bench.proxy="$ROOT/bench/PassThroughProxy.java" \
  -Drubrix.bench.proxy-classpath="$proxy_classpath" -Drubrix.bench.placement="$placement" -cp "$KAFKA_LIBS/*" \
  "$ROOT/bench/IngestBenchmark.java" "$@"
