# The JVM of each app on a machine without containers, sourced by scripts/stack.sh and bench/footprint.sh
# (docs/adr/0015-footprint.md). The Serial collector (G1's own structures cost 40 MB per app, and on 2 cores its
# throughput was lower); a heap that starts small and is given back when free (-Xms: on a big machine the JVM's
# default initial heap is 1/64 of its memory); malloc's freed memory returned to the system every 5 s. The heap
# ceilings are those of the containers (a share of the memory limit: each app's Dockerfile.jvm, k8s/, compose);
# deployment/JvmSettingsTest checks that they agree. An OutOfMemoryError ends the JVM: it can stop any thread (the
# Elasticsearch client's I/O reactor was seen to stop, every later request a 500), and a process that exits is
# restarted by Kubernetes and shows in scripts/stack.sh status.
JVM_COMMON=(-XX:+UseSerialGC -XX:MinHeapFreeRatio=15 -XX:MaxHeapFreeRatio=40 -XX:TrimNativeHeapInterval=5000
  -XX:+ExitOnOutOfMemoryError)
# query-service's young generation is fixed at 16 MB with 4 MB survivor spaces: an export holds a few pages of a
# megabyte in flight (3 slices), which outgrew the default 1 MB survivors at every young collection, filled the old
# generation and cost a full collection every few pages (docs/adr/0003: with the export's copies cut too, 1.1 s of GC
# per 100,000 records exported became about 0.3 s, the export 25-41k -> 55-60k records/s). 32 MB did better (62-67k)
# but held query-service above 200 MB after the gateway benchmark (207; 192 with 16 MB).
declare -A JVM_HEAP=([ingest-service]="-Xms32m -Xmx460m" [query-service]="-Xms32m -Xmx192m -Xmn16m -XX:SurvivorRatio=2"
  [annotation-service]="-Xms32m -Xmx192m" [ui]="-Xms16m -Xmx128m")

# The apps run on JDK 25 where the machine has it (this one must, for Elasticsearch 9), each with an ahead-of-time
# cache (JEP 483/515: classes loaded and linked, method profiles) made by one training run after each build
# (scripts/AotTraining.java, the same run each Dockerfile.jvm makes): each app alone starts in 1.1-1.4 s instead of
# 1.6-1.9 s on JDK 17 (docs/adr/0015-footprint.md). RUBRIX_AOT=0 runs them on `java` without a cache.
JDK25=${RUBRIX_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
APP_JAVA=java
if [ "${RUBRIX_AOT:-1}" = 1 ] && [ -x "$JDK25" ]; then APP_JAVA=$JDK25; fi
# The gateway's training proxies requests to a stand-in for the services (scripts/AotTraining.java --stand-in).
declare -A AOT_STAND_IN=([ui]=rubrix.gateway.ingest-url,rubrix.gateway.query-url,rubrix.gateway.annotation-url)

# An app's training run (scripts/AotTraining.java), as scripts/stack.sh and bench/footprint.sh make it.
aot_train() { # app java cache port management-port log [JVM options of the app...]
  local app=$1 java=$2 cache=$3 port=$4 management=$5 log=$6
  shift 6
  "$java" "$ROOT/scripts/AotTraining.java" --java "$java" --jar "$ROOT/$app/target/quarkus-app/quarkus-run.jar" \
    --cache "$cache" --log "$log" --port "$port" --management-port "$management" \
    --stand-in "${AOT_STAND_IN[$app]:-}" -- "$@" >/dev/null
}
