"""Bulk writing for the synthetic data generator: ids handed out up front (so that rows can
point at each other before any is written), then COPY on PostgreSQL or batched
bulk_create elsewhere. Rows are dicts of column (attname) to value; a model's defaults
fill what a row leaves out. Each table's rows and seconds are counted for the report.

The generator writes into one partnership that nothing else writes to while it runs: the
ids it reserves are taken from the table's sequence (PostgreSQL) or after the highest id
(SQLite), and the sequence is moved past them."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.utils import timezone

BATCH = 5000


@dataclass
class Counted:
    rows: int = 0
    seconds: float = 0.0


@dataclass
class Writer:
    counts: dict[str, Counted] = field(default_factory=dict)

    def ids(self, model: type[models.Model], n: int) -> range:
        """`n` fresh primary keys for `model`, reserved so that nothing else takes them."""
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                sequence = cursor.fetchone()[0]
                cursor.execute(f"LOCK TABLE {connection.ops.quote_name(table)} "  # noqa: S608
                               "IN SHARE ROW EXCLUSIVE MODE")
                cursor.execute(f"SELECT GREATEST((SELECT COALESCE(MAX(id), 0) FROM "  # noqa: S608
                               f"{connection.ops.quote_name(table)}), "
                               f"(SELECT last_value FROM {sequence}))")
                start = cursor.fetchone()[0] + 1
                if n:
                    cursor.execute("SELECT setval(%s, %s)", [sequence, start + n - 1])
            else:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM "  # noqa: S608
                               f"{connection.ops.quote_name(table)}")
                start = cursor.fetchone()[0] + 1
        reserved = getattr(self, "_reserved", {})
        start = max(start, reserved.get(table, 0))
        reserved[table] = start + n
        self._reserved = reserved
        return range(start, start + n)

    def write(self, model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
        """Write `rows` (each with its `id`) to `model`'s table; returns how many."""
        began = time.perf_counter()
        fields = [f for f in model._meta.concrete_fields]
        now = timezone.now()
        defaults: dict[str, Any] = {}
        for f in fields:
            if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
                defaults[f.attname] = now
            elif f.has_default():
                defaults[f.attname] = f.get_default()
            elif f.null:
                defaults[f.attname] = None
            elif f.blank and isinstance(f, (models.CharField, models.TextField)):
                defaults[f.attname] = ""
        written = 0
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                written += self._flush(model, fields, defaults, batch)
                batch = []
        if batch:
            written += self._flush(model, fields, defaults, batch)
        counted = self.counts.setdefault(model._meta.label, Counted())
        counted.rows += written
        counted.seconds += time.perf_counter() - began
        return written

    def _flush(self, model: type[models.Model], fields: list[Any], defaults: dict[str, Any],
               batch: list[dict[str, Any]]) -> int:
        if connection.vendor == "postgresql":
            self._copy(model, fields, defaults, batch)
        else:
            model._base_manager.bulk_create(  # type: ignore[attr-defined]
                [model(**{**defaults, **row}) for row in batch], batch_size=500)
        return len(batch)

    def _copy(self, model: type[models.Model], fields: list[Any], defaults: dict[str, Any],
              batch: list[dict[str, Any]]) -> None:
        names = [f.attname for f in fields]
        json = [isinstance(f, models.JSONField) for f in fields]
        quote = connection.ops.quote_name
        statement = (f"COPY {quote(model._meta.db_table)} "
                     f"({', '.join(quote(f.column) for f in fields)}) FROM STDIN")
        connection.ensure_connection()
        from psycopg.types.json import Jsonb

        with connection.cursor() as cursor:
            with cursor.cursor.copy(statement) as copy:  # type: ignore[attr-defined]
                for row in batch:
                    values = []
                    for name, is_json in zip(names, json, strict=True):
                        value = row[name] if name in row else defaults.get(name)
                        values.append(Jsonb(value) if is_json and value is not None else value)
                    copy.write_row(values)
