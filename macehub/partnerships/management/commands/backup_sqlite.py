"""An online backup of the SQLite database (SECURITY R6; docs/deployment.md).

Copies the database through SQLite's backup API while the application keeps running:
the copy is one consistent moment, including writes still in the WAL file. It is written
beside PATH and renamed into place only once complete and checked, readable by its owner
only (it holds OFFICIAL-SENSITIVE data). PostgreSQL is backed up with scripts/pg_backup.sh."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection


class Command(BaseCommand):
    help = "Back up the SQLite database to PATH while the application runs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the backup file to create (must not exist)")

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        if connection.vendor != "sqlite":
            raise CommandError("The database is not SQLite: back PostgreSQL up with "
                               "scripts/pg_backup.sh (docs/deployment.md).")
        target = Path(path).resolve()
        if target.exists():
            raise CommandError(f"{target} already exists: choose a new file name.")
        if not target.parent.is_dir():
            raise CommandError(f"There is no folder {target.parent}.")
        partial = target.with_name(target.name + ".part")
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        connection.ensure_connection()
        source = connection.connection
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy, pages=4096)
            [(verdict,)] = copy.execute("PRAGMA integrity_check").fetchall()
            tables = copy.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                  ).fetchone()[0]
        finally:
            copy.close()
        if verdict != "ok":
            partial.unlink(missing_ok=True)
            raise CommandError(f"The copy failed its integrity check ({verdict}); nothing "
                               f"was written to {target}.")
        os.replace(partial, target)
        self.stdout.write(f"Backed up {tables} tables ({target.stat().st_size:,} bytes) "
                          f"to {target}")
