#!/usr/bin/env bash
# `make demo`: broker (if needed) + one worker + replay of examples/news.jsonl; stops what it started.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
py=".venv/bin/python"
mkdir -p .cache/demo
export TICKERWIRE_DATA_DIR="${TICKERWIRE_DATA_DIR:-$root/.cache/demo/data}"
export TICKERWIRE_WEB_PORT="${TICKERWIRE_WEB_PORT:-6066}"
log=.cache/demo/worker.log
: > "$log"

"$py" -m streams worker -l info >>"$log" 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null || true' EXIT
start=$SECONDS
until curl -fs "http://127.0.0.1:$TICKERWIRE_WEB_PORT/ready" >/dev/null 2>&1; do
  kill -0 $worker 2>/dev/null || { echo "worker exited; see $log" >&2; tail -n 30 "$log" >&2; exit 1; }
  (( SECONDS - start < 120 )) || { echo "worker not ready after 120s; see $log" >&2; exit 1; }
  sleep 0.5
done
echo "worker ready after $((SECONDS - start))s (log: $log)"
"$py" scripts/demo.py examples/news.jsonl
