#!/usr/bin/env bash
# HTTP API benchmark of `cronaca serve` (issue 9): wrk on loopback against a
# database of 100,000 documents; prints requests per second and p50/p99
# latency for the story list, two event queries and a document page, with the
# response cache (cached pages) and without it (--cache 0: every request
# runs its SQL).
#
#   bench/http_bench.sh [BUILD_DIR] [DOCUMENTS]     # defaults: build, 100000
#
# The database (BUILD_DIR/http_bench_<N>.db, kept for re-runs) is made by
# bench/http_bench_data.py: synthetic rows written straight into the store's
# tables (not analysed), see that file. Needs wrk and curl (scripts/setup
# installs wrk). On this project's machine the server and wrk share the same
# two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
N=${2:-100000}
CRONACA=$BUILD/cronaca
DB=$BUILD/http_bench_$N.db
PORT=${PORT:-18080}
DURATION=${DURATION:-10s}
THREADS=${WRK_THREADS:-2}
CONNECTIONS=${WRK_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "http_bench: wrk not found (run scripts/setup)" >&2; exit 2; }
[ -x "$CRONACA" ] || { echo "http_bench: $CRONACA not built" >&2; exit 2; }

if [ ! -f "$DB" ]; then
  echo "http_bench: generating $N synthetic documents into $DB" >&2
  start=$(date +%s)
  "$CRONACA" summary --db "$DB.tmp" >/dev/null   # the schema, by the store itself
  python3 bench/http_bench_data.py "$DB.tmp" "$N"
  "$CRONACA" summary --db "$DB.tmp" >/dev/null   # indexes added on open, WAL checkpointed
  mv "$DB.tmp" "$DB"
  rm -f "$DB.tmp-wal" "$DB.tmp-shm"
  echo "http_bench: generated in $(( $(date +%s) - start )) s ($(du -h "$DB" | cut -f1))" >&2
fi

URLS=(
  "/api/stories?limit=50"
  "/api/events?root=19&limit=50"
  "/api/events?country=RUS&from=2025-01-01&to=2025-12-31"
  "/api/documents/doc-004242"
)

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=
}
trap stop_server EXIT

start_server() {  # extra serve flags...
  "$CRONACA" serve --db "$DB" --port "$PORT" --web "" --threads 64 "$@" >/dev/null &
  SERVER_PID=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && return 0
    sleep 0.1
  done
  echo "http_bench: server did not start" >&2
  exit 1
}

# One row: the time of a first, lone request (nothing cached: the cost of its
# SQL), then a wrk run (req/s, p50, p99, errors).
measure() {
  local url=$1 out first
  first=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT$url") ||
    { echo "http_bench: $url fails" >&2; exit 1; }
  first=$(awk -v t="$first" 'BEGIN {printf "%.1fms", t * 1000}')
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency "http://127.0.0.1:$PORT$url")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {printf "%s non-2xx ", $5} /Socket errors:/ {sub(/^ *Socket errors: */, ""); printf "%s", $0}' <<<"$out")
  printf '| %-56s | %-5s | %9s | %10s | %9s | %9s | %s\n' "$url" "$2" "$first" "$rps" "$p50" "$p99" "${errors:-0} |"
}

echo "cronaca serve on $N documents; wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback; $(nproc) cores shared by server and wrk"
echo
printf '| %-56s | %-5s | %9s | %10s | %9s | %9s | %s\n' "request" "cache" "alone" "req/s" "p50" "p99" "errors |"
echo "|---|---|---:|---:|---:|---:|---:|"
start_server
for url in "${URLS[@]}"; do measure "$url" on; done
stop_server
start_server --cache 0
for url in "${URLS[@]}"; do measure "$url" off; done
stop_server
