"""How PostgreSQL runs the product's statements.

`without_jit`: PostgreSQL compiles a statement to machine code (JIT) when the planner
estimates it costly. The product's statements are short, and where the estimate is far
out (correlated subqueries, a lateral read per child of an import) compiling costs more
than running: 10 to 40 ms a statement. `SET LOCAL` ends with the transaction, so it holds
behind a pooler in transaction mode too (docs/adr/0030)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def without_jit() -> Iterator[None]:
    """On PostgreSQL, the statements inside without JIT compilation: in the caller's
    transaction (for the rest of it), or in one of their own. Elsewhere, nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield
