#!/usr/bin/env bash
# The whole test suite: lint, types and the import layers (import-linter), pytest on
# SQLite, pytest on a real PostgreSQL started here in a temporary directory, and the
# browser suite in headless Chromium with axe-core. Ends with one line adding up every pytest stage.
set -uo pipefail
cd "$(dirname "$0")/.."
UV=(python3 -m uv run --frozen)
RESULTS=var/test-results
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
failed=0

stage() {  # stage NAME PYTEST-ARGS...; pytest's exit 5 ("no tests collected") is not a failure
  local name=$1; shift
  echo "== pytest: $name"
  "${UV[@]}" pytest --junitxml="$RESULTS/$name.xml" "$@"
  local code=$?
  if [ "$code" -ne 0 ] && [ "$code" -ne 5 ]; then failed=1; fi
}

echo "== ruff"; "${UV[@]}" ruff check . || failed=1
echo "== mypy"; "${UV[@]}" mypy macehub bench || failed=1
echo "== import-linter"; "${UV[@]}" lint-imports || failed=1

WORKERS=$(python3 -c "import os; print(min(4, os.cpu_count() or 1))")
stage sqlite -q -m "not browser and not postgres" -n "$WORKERS"

if PGURL=$(./scripts/pg_temp.sh start var/pg); then
  trap './scripts/pg_temp.sh stop var/pg' EXIT
  DATABASE_URL=$PGURL stage postgresql -q -m "not browser" -n "$WORKERS"
  ./scripts/pg_temp.sh stop var/pg; trap - EXIT
else
  echo "PostgreSQL could not be started (see above)."; failed=1
fi

if ./scripts/ensure_chromium.sh; then
  stage browser -q -m browser -p no:xdist
else
  failed=1
fi

"${UV[@]}" python scripts/summarise_results.py "$RESULTS" || failed=1
exit $failed
