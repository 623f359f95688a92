"""Background work: hand a function to the worker (a django-q2 cluster whose queue is a
database table; docs/adr/0014-background-work-with-django-q2.md).

The queue row is written in the caller's transaction, so work queued by a write that rolls
back never runs, and work queued by one that commits is never lost. A task's arguments are
record ids only, never a person's details: the queue and the task results are plain tables
outside the scoped kernel. A task must be safe to run again: a worker killed part-way
hands it back, and the task carries on from what it had committed."""

from __future__ import annotations

from django_q.tasks import async_task


def enqueue(func: str, *args: int | str, name: str) -> str:
    """Queue `func` (a dotted path) with `args`; returns the task id. `name` says what
    the task is in the worker's log."""
    return str(async_task(func, *args, task_name=name))
