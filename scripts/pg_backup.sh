#!/usr/bin/env bash
# pg_backup.sh BACKUP_ROOT [pg_basebackup connection options...]
# Takes a base backup of the running PostgreSQL server into BACKUP_ROOT/base/<UTC time>/
# (base.tar.gz and backup_manifest). WAL is not copied into it: the server archives every
# WAL segment to BACKUP_ROOT/wal with its archive_command (docs/deployment.md), and a
# restore replays that archive from this backup to any later moment (pg_restore_pitr.sh).
# Connection: the usual libpq variables (PGHOST, PGPORT, PGUSER) or options after the
# directory, e.g. `-h /run/postgresql -U backup`. The role needs REPLICATION.
# Run it as the user that owns BACKUP_ROOT; as root it runs as `postgres`.
set -euo pipefail
root=$(realpath -m "$1"); shift
bin=$(dirname "$(command -v pg_basebackup 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pg_basebackup | sort -V | tail -n 1)")
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$root/base/$stamp"
as_owner mkdir -p "$root/base" "$root/wal"
# -X none: WAL comes from the archive; -c fast: start at once rather than at the next
# checkpoint; --wal-method none needs the archive, so the backup waits until the WAL it
# needs has been archived.
as_owner "$bin/pg_basebackup" -D "$target" -Ft -z -X none -c fast --no-password "$@" 2>&1 \
  | grep -v "all required WAL segments have been archived" >&2 || true
[ -f "$target/base.tar.gz" ] || { echo "the base backup failed" >&2; exit 1; }
echo "$target"
