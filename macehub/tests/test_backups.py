"""Backups you have restored (SECURITY R6).

PostgreSQL: scripts/pg_drill.sh starts its own throwaway cluster with WAL archiving on,
takes a base backup (scripts/pg_backup.sh), writes more, restores to an instant in between
(scripts/pg_restore_pitr.sh) and checks the restored database holds exactly the rows
committed up to that instant. SQLite: `manage.py backup_sqlite PATH` copies the live
database through SQLite's backup API."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from macehub.partnerships.models import Partnership

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.postgres
def test_postgresql_restore_drill_recovers_exactly_the_rows_up_to_the_target_time() -> None:
    done = subprocess.run([str(ROOT / "scripts" / "pg_drill.sh")], cwd=ROOT,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "restore drill passed" in done.stdout and "1050 rows as expected" in done.stdout
    print(done.stdout.strip())


@pytest.mark.django_db(transaction=True)
def test_sqlite_online_backup_holds_the_live_database(tmp_path: Path) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        with pytest.raises(CommandError, match="pg_backup.sh"):
            call_command("backup_sqlite", str(tmp_path / "copy.sqlite3"))
        return
    Partnership.objects.create(slug="backup-test", name="Backup Test", policy_key="dudley")
    target = tmp_path / "copy.sqlite3"
    call_command("backup_sqlite", str(target))
    assert target.stat().st_mode & 0o077 == 0  # owner only
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        names = copy.execute("SELECT name FROM partnerships_partnership").fetchall()
    assert ("Backup Test",) in names
    assert not list(tmp_path.glob("*.part"))
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_sqlite", str(target))
