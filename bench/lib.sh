#!/usr/bin/env bash
# Shared by the benchmark scripts that start copies of the apps beside the stack (replicas.sh, traces.sh).

# ana's token (annotator of team-a), from the stack's Keycloak.
ana_token() {
  curl -fsS -d grant_type=password -d client_id=rubrix-client -d username=ana -d password=ana-password \
    http://127.0.0.1:8180/realms/rubrix/protocol/openid-connect/token | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# Waits until the app whose management port is $1 is ready.
ready() { until curl -fsS "http://127.0.0.1:$1/q/health/ready" 2>/dev/null | grep -q UP; do sleep 0.2; done; }

# The median of the numbers on stdin, one per line ("-" for none).
median() { grep . | sort -n | awk '{v[NR]=$1} END {print (NR ? v[int((NR+1)/2)] : "-")}'; }

# The median of a space-separated list.
median_of() { tr ' ' '\n' <<<"$1" | median; }

# The figures of SearchBenchmark's output on stdin: "searches/s p99-ms query-service-CPU-ms-per-search" (the CPU
# figure only when it was given the service's pid).
search_figures() {
  local line
  line=$(grep 'query-service :search')
  echo "$(grep -oE '[0-9]+ requests/s' <<<"$line" | grep -oE '[0-9]+') $(grep -oE 'p99 +[0-9.]+' <<<"$line" | grep -oE '[0-9.]+$') $(grep -oE 'query-service [0-9.]+ ms' <<<"$line" | grep -oE '[0-9.]+' || true)"
}
