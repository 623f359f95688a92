"""Inserting many records at once: `insert_many` is bulk_create, by COPY on PostgreSQL.

An import writes thousands of episodes, trigger firings and audit events a chunk. Most of
bulk_create's time goes to building one INSERT of every value and quoting each into it;
COPY streams the rows instead. The records take their ids from the table's sequence first,
so afterwards they are exactly as bulk_create leaves them: saved, with their ids. Records
of a partnership are checked as bulk_create checks them (macehub.access.scoped)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models

M = TypeVar("M", bound=models.Model)
# Fields whose value, when it is a plain int, str or bool, is stored as it is: Django's
# preparation of such a value gives it back unchanged on PostgreSQL, so it is skipped
# (most of a row). The same holds for a day and an aware instant.
_PLAIN_FIELDS = (models.IntegerField, models.CharField, models.TextField,
                 models.BooleanField, models.ForeignKey)
_PLAIN_VALUES = (int, str, bool, type(None))


def _value(field: Any, connection: Any) -> Callable[[models.Model], Any]:
    """How `field`'s stored value is read from a record, as bulk_create prepares it."""
    def prepared(obj: models.Model) -> Any:
        return field.get_db_prep_save(field.pre_save(obj, True), connection)

    attname = field.attname
    if isinstance(field, models.DateField) and not (field.auto_now or field.auto_now_add):
        # An aware instant for an instant, or a day for a day, is stored as it is; a day
        # for an instant, or an instant for a day, is converted by Django in UK time.
        instant = isinstance(field, models.DateTimeField)

        def day_or_instant(obj: models.Model) -> Any:
            value = getattr(obj, attname)
            if (type(value) is datetime and value.tzinfo is not None) if instant else \
                    type(value) is date:
                return value
            return prepared(obj)
        return day_or_instant
    if not isinstance(field, _PLAIN_FIELDS) or \
            type(field).pre_save is not models.Field.pre_save:
        return prepared

    # A yes/no is stored as it is only where a yes/no is wanted (Django makes it 1 or 0
    # for a number).
    kept = _PLAIN_VALUES if isinstance(field, models.BooleanField) else \
        tuple(t for t in _PLAIN_VALUES if t is not bool)

    def plain(obj: models.Model) -> Any:
        value = getattr(obj, attname)
        return value if type(value) in kept else prepared(obj)
    return plain


def insert_many(model: type[M], objs: list[M], *, with_ids: bool = True) -> list[M]:
    """`with_ids=False`: the records are written without taking their ids first (one
    statement fewer on PostgreSQL), for records nobody reads back."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql" or not objs:
        return model._default_manager.bulk_create(objs, batch_size=1000)
    for obj in objs:
        fill = getattr(obj, "fill_partnership", None)
        if fill is not None:
            fill()
    table = model._meta.db_table
    pk = model._meta.pk
    assert pk is not None
    fields = [f for f in model._meta.concrete_fields if with_ids or f is not pk]
    if with_ids:
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                           "FROM generate_series(1, %s)", [table, pk.column, len(objs)])
            ids = sorted(row[0] for row in cursor.fetchall())
        for obj, new_id in zip(objs, ids, strict=True):
            obj.pk = new_id
    quote = connection.ops.quote_name
    statement = (f"COPY {quote(table)} ({', '.join(quote(f.column) for f in fields)}) "
                 "FROM STDIN")
    values = [_value(f, connection) for f in fields]
    started = time.monotonic()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(statement) as copy:  # type: ignore[attr-defined]
            for obj in objs:
                copy.write_row([value(obj) for value in values])
    if connection.queries_logged:  # counted as Django counts its own statements
        connection.queries_log.append({"sql": statement,
                                       "time": f"{time.monotonic() - started:.3f}"})
    if with_ids:
        for obj in objs:
            obj._state.adding = False
            obj._state.db = connection.alias
    return objs

