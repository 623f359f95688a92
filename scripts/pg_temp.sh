#!/usr/bin/env bash
# pg_temp.sh start DIR  -> starts a throwaway PostgreSQL in DIR, prints its DATABASE_URL
# pg_temp.sh stop DIR   -> stops it and removes DIR
# pg_temp.sh restart DIR -> starts the server on DIR's existing data again (after a crash it
#                          runs crash recovery first), e.g. after kill -9 in a crash test
# PG_TEMP_OPTIONS adds server settings after the defaults, e.g. "-c synchronous_commit=on".
# initdb refuses to run as root, so as root the server runs as the `postgres` system user.
# It listens only on a Unix socket inside DIR: no port to clash with, nothing on the network.
set -euo pipefail
action=$1; dir=$(realpath -m "$2")

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; return; fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "PostgreSQL is not installed: installing it with apt-get" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; return
  fi
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 15 or newer" >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

serve() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 ${PG_TEMP_OPTIONS:-}" \
    start >&2 || { cat "$dir/server.log" >&2; exit 1; }
}

case "$action" in
  start)
    bin=$(bindir)
    rm -rf "$dir"; mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; chmod 700 "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U macehub -A trust -E UTF8 --no-locale >"$dir.init.log" 2>&1 \
      || { cat "$dir.init.log" >&2; exit 1; }
    serve
    rm -f "$dir.init.log"
    echo "postgres://macehub@/postgres?host=$dir"
    ;;
  restart)
    bin=$(bindir)
    serve
    echo "postgres://macehub@/postgres?host=$dir"
    ;;
  stop)
    bin=$(bindir)
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|restart|stop DIR" >&2; exit 2 ;;
esac
