#!/usr/bin/env bash
# Runs every test: starts the Elasticsearch and Kafka the tests need (installing them on first use),
# runs `mvn install` over all modules (verify, then install: the e2e module, built on its own afterwards, takes
# the client and the CLI from the local Maven repository, which a clean machine does not have yet), then starts the whole stack (Keycloak, the services, the gateway) and
# runs the end-to-end suite (module e2e) and the web app's browser tests (headless Chromium) against it, and stops
# what it started. Extra arguments go to Maven.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

started=()
stack_started=false
cleanup() {
  if $stack_started; then scripts/stack.sh down >/dev/null 2>&1 || true; fi
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

mvn -B -ntp install "$@"

if scripts/stack.sh status | grep -q "ui: running"; then
  echo "[test] the stack is already running: end-to-end tests use it, leaving it running"
else
  stack_started=true
  RUBRIX_STACK_BUILD=0 scripts/stack.sh up
fi
mvn -B -ntp -Pe2e -pl e2e verify "$@"
# The web app in headless Chromium against the same stack (its npm packages were installed by the ui build).
npm --prefix ui/src/main/webapp run browser
