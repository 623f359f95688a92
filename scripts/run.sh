#!/usr/bin/env bash
# The product for `make run`: the background worker and scheduler (`manage.py qcluster`,
# its queue in the same SQLite database) beside the web server. Stopping the web server
# (Ctrl+C) stops the worker too.
set -uo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
UV=(python3 -m uv run --frozen)

"${UV[@]}" python manage.py qcluster >var/worker.log 2>&1 &
worker=$!
stop_worker() {
  kill -TERM "$worker" 2>/dev/null && wait "$worker" 2>/dev/null
}
trap stop_worker EXIT
trap 'exit 130' INT TERM
echo "The background worker is running (its log: var/worker.log)."
"${UV[@]}" python manage.py runserver --nostatic --noreload "127.0.0.1:$PORT"
