#!/usr/bin/env bash
# pg_restore_pitr.sh BASE_BACKUP_DIR WAL_ARCHIVE_DIR NEW_DATA_DIR 'TARGET_TIME'
# Prepares NEW_DATA_DIR (which must not exist or be empty) to recover to TARGET_TIME, an
# instant with its offset such as '2026-12-02 09:15:00+00': unpacks the base backup taken
# by pg_backup.sh, sets restore_command to read the WAL archive, the recovery target, and
# recovery.signal. Start the server on it (pg_ctl -D NEW_DATA_DIR start): it replays WAL
# up to the last transaction committed at or before TARGET_TIME, then opens read-write.
# Run it as the user the server runs as; as root it runs as `postgres`.
set -euo pipefail
base=$(realpath "$1"); wal=$(realpath "$2"); data=$(realpath -m "$3"); target=$4
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -e "$data" ] && [ -n "$(ls -A "$data")" ]; then
  echo "$data is not empty: restore into a new directory" >&2; exit 1
fi
[ -f "$base/base.tar.gz" ] || { echo "$base holds no base.tar.gz" >&2; exit 1; }
as_owner mkdir -p "$data"
as_owner chmod 700 "$data"
as_owner tar -xzf "$base/base.tar.gz" -C "$data"
as_owner sh -c "cat >> '$data/postgresql.auto.conf'" <<CONF
# point-in-time recovery (pg_restore_pitr.sh)
restore_command = 'cp "$wal/%f" "%p"'
recovery_target_time = '$target'
recovery_target_inclusive = on
recovery_target_action = 'promote'
archive_mode = off
CONF
as_owner touch "$data/recovery.signal"
echo "$data"
