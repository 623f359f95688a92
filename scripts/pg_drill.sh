#!/usr/bin/env bash
# pg_drill.sh: the backup restore drill (SECURITY R6), self-contained.
# Starts a throwaway PostgreSQL with WAL archiving on, writes rows, takes a base backup with
# pg_backup.sh, writes more rows, notes an instant, writes more after it, then restores the
# backup with pg_restore_pitr.sh to that instant into a second cluster and checks that it
# holds exactly the rows committed up to that instant: none lost, none after it.
# Prints one line with the time taken; exits non-zero on any difference.
# Like pg_temp.sh, it listens only on Unix sockets in its own directory; as root the
# servers run as the `postgres` system user.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
started=$(date +%s.%N)

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; return; fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 15 or newer" >&2
  exit 1
}
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

bin=$(bindir)
export PATH="$bin:$PATH"
work=$(mktemp -d)  # a fresh private folder for the drill
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$work"; fi
chmod 700 "$work"
cleanup() {
  for cluster in primary restored; do
    if [ -f "$work/$cluster/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$work/$cluster" -m immediate -w stop >/dev/null 2>&1 || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
as_owner mkdir -p "$work/backup/wal" "$work/sock-primary" "$work/sock-restored"

sql() {  # sql SOCKET_DIR STATEMENT -> unaligned, tuples only
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -At -h "$1" -U drill -d postgres -c "$2"
}

as_owner "$bin/initdb" -D "$work/primary" -U drill -A trust -E UTF8 --no-locale >"$work/init.log" 2>&1 \
  || { cat "$work/init.log" >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w -t 60 -o "-k $work/sock-primary \
  -c listen_addresses='' -c fsync=off -c wal_level=replica -c archive_mode=on -c max_wal_senders=4 \
  -c archive_command='test ! -f $work/backup/wal/%f && cp %p $work/backup/wal/%f'" \
  start >/dev/null || { cat "$work/primary.log" >&2; exit 1; }

P=$work/sock-primary
sql "$P" "CREATE TABLE drill (id integer PRIMARY KEY, phase text NOT NULL)"
sql "$P" "INSERT INTO drill SELECT g, 'before the backup' FROM generate_series(1, 1000) g"

base=$(PGHOST=$P PGUSER=drill "$here/pg_backup.sh" "$work/backup" | tail -n 1)

# Transactions committed after the backup, then the instant to restore to, then more.
for i in 1001 1011 1021 1031 1041; do
  sql "$P" "INSERT INTO drill SELECT g, 'after the backup' FROM generate_series($i, $i + 9) g"
done
sleep 0.2
target=$(sql "$P" "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
sleep 0.2
for i in 1051 1061 1071 1081 1091; do
  sql "$P" "INSERT INTO drill SELECT g, 'after the target' FROM generate_series($i, $i + 9) g"
done
expected=$(sql "$P" "SELECT count(*) || ':' || max(id) FROM drill WHERE phase <> 'after the target'")

# Close the current WAL segment and wait until the archive holds it.
segment=$(sql "$P" "SELECT pg_walfile_name(pg_switch_wal())")
for _ in $(seq 1 200); do
  [ -f "$work/backup/wal/$segment" ] && break
  sleep 0.1
done
[ -f "$work/backup/wal/$segment" ] || { echo "WAL segment $segment was never archived" >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$work/primary" -m fast -w stop >/dev/null

"$here/pg_restore_pitr.sh" "$base" "$work/backup/wal" "$work/restored" "$target" >/dev/null
R=$work/sock-restored
as_owner "$bin/pg_ctl" -D "$work/restored" -l "$work/restored.log" -w -t 120 \
  -o "-k $R -c listen_addresses=''" start >/dev/null || { cat "$work/restored.log" >&2; exit 1; }
for _ in $(seq 1 300); do
  [ "$(sql "$R" "SELECT pg_is_in_recovery()")" = "f" ] && break
  sleep 0.1
done
[ "$(sql "$R" "SELECT pg_is_in_recovery()")" = "f" ] || { cat "$work/restored.log" >&2; echo "recovery did not finish" >&2; exit 1; }

restored=$(sql "$R" "SELECT count(*) || ':' || max(id) FROM drill")
late=$(sql "$R" "SELECT count(*) FROM drill WHERE phase = 'after the target'")
gaps=$(sql "$R" "SELECT count(*) FROM generate_series(1, 1050) g LEFT JOIN drill d ON d.id = g WHERE d.id IS NULL")
elapsed=$(echo "$(date +%s.%N) - $started" | bc 2>/dev/null || python3 -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2]), 1))" "$(date +%s.%N)" "$started")
if [ "$restored" != "$expected" ] || [ "$late" != "0" ] || [ "$gaps" != "0" ]; then
  echo "restore drill FAILED: expected rows:max $expected up to $target, restored $restored ($late after the target, $gaps missing)" >&2
  exit 1
fi
printf 'restore drill passed: base backup + WAL archive restored to %s, %s rows as expected, none after it, in %.1f s\n' \
  "$target" "${restored%%:*}" "$elapsed"
