#!/usr/bin/env bash
# Runs every test: starts the Elasticsearch and Kafka the tests need (installing them on first use),
# runs `mvn verify` over all modules, and stops what it started. Extra arguments go to Maven.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

started=()
cleanup() {
  if [ ${#started[@]} -gt 0 ]; then infra/infra.sh stop "${started[@]}" || true; fi
}
trap cleanup EXIT

for component in es kafka; do
  if infra/infra.sh status "$component" | grep -q running; then
    echo "[test] $component already running: using it, leaving it running"
  else
    infra/infra.sh start "$component"
    started+=("$component")
  fi
done

mvn -B -ntp verify "$@"
