#!/usr/bin/env bash
# A short load test (bench/load.py): gunicorn on $DATABASE_URL (PostgreSQL) with a
# partnership made by `manage.py synth`, 200 simulated people for 60 seconds by default,
# starting 4 a second (RAMP): each signs in once, through the password and two-factor steps.
#   DATABASE_URL=postgres://... scripts/load_smoke.sh [PARTNERSHIP] [SECONDS] [USERS]
# Figures land in var/load_stats.csv (per page: requests, failures, p50, p95, p99).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?Set DATABASE_URL to a PostgreSQL database holding synth data}"
PARTNERSHIP=${1:-county}
SECONDS_=${2:-60}
USERS=${3:-200}
PORT=${LOAD_PORT:-8765}
UV=(python3 -m uv run --frozen)
mkdir -p var
"${UV[@]}" python -m bench.load setup --partnership "$PARTNERSHIP" --users "$USERS" \
  --plan var/load-plan.json
WEB_CONCURRENCY=${WEB_CONCURRENCY:-2} PORT=$PORT "${UV[@]}" gunicorn macehub.wsgi:application \
  -c gunicorn.conf.py --access-logfile /dev/null >var/load-gunicorn.log 2>&1 &
server=$!
trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done
LOAD_PLAN=var/load-plan.json "${UV[@]}" locust -f bench/load.py --headless \
  -u "$USERS" -r "${RAMP:-4}" -t "${SECONDS_}s" --host "http://127.0.0.1:$PORT" --csv var/load \
  --only-summary
