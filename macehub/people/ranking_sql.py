"""One class of candidates read for many children in one PostgreSQL statement.

Each child's rows are read through a lateral join exactly as the child-by-child read does:
the partnership's name rows (the actor's scoped query, embedded whole), the class's tests
against that child's sounds and names, its day excluded, in child order as far as the
cap. An import's hundreds of unsure children then cost one statement per class, not one
per class per child."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import QuerySet

from macehub.people.birth import same_birth_days
from macehub.people.models import ChildName

if TYPE_CHECKING:
    from macehub.people.ranking import Class, Wanted

# A class's tests, against the wanted child's values (w) on a name row (n).
_TESTS = {
    "surname": "n.last_key = w.key_last",
    "first": "n.first_key = w.key_first",
    "same_last": "n.last_norm = w.last",
    "same_first": "n.first_norm = w.first",
}
# A row is born on the child's day when its day is one of the days (an exact date, or
# its month's first for a row held as a month and year) or in the month (a month and
# year); COALESCE keeps the rows whose day is not known.
_NOT_ON_THE_DAY = ("NOT COALESCE(n.born = ANY(w.days) OR n.born BETWEEN w.month_from "
                   "AND w.month_to, FALSE)")


def read_class_together(names: QuerySet[ChildName], wanted: list[Wanted], cls: Class,
                        limit: int) -> dict[Wanted, list[int]]:
    """The first `limit` children, in id order, with a row in the class, for each child.
    Each child has one first name (none known as another): its sound and the name itself
    are then one equality each, so the planner reads a class through an index in child
    order."""
    if not wanted:
        return {}
    base, base_params = names.values("child_id", "last_key", "first_key", "last_norm",
                                     "first_norm", "born").query.sql_with_params()
    tests = [(_TESTS[name] if want else f"NOT ({_TESTS[name]})")
             for name, want in (("surname", cls.surname), ("first", cls.first),
                                ("same_last", cls.same_last),
                                ("same_first", cls.same_first)) if want is not None]
    assert all(len(w.keys_first) <= 1 and len(w.firsts) <= 1 for w in wanted), \
        "one first name a child"
    rows = ", ".join(["(%s, %s, %s, %s, %s, %s::date[], %s::date, %s::date)"]
                     * len(wanted))
    # Only fixed text is formatted in (the tests above, the scoped query Django compiled,
    # an integer); every value is a parameter.
    sql = (f"SELECT w.i, c.child_id FROM (VALUES {rows}) AS w(i, key_last, last, key_first,"  # noqa: S608
           f" first, days, month_from, month_to) CROSS JOIN LATERAL (SELECT DISTINCT "
           f"n.child_id FROM ({base}) AS n WHERE {' AND '.join([*tests, _NOT_ON_THE_DAY])} "
           f"ORDER BY n.child_id LIMIT {int(limit)}) AS c")
    params: list[Any] = []
    for i, w in enumerate(wanted):
        days = same_birth_days(w.birth.born, w.birth.precision) or ([], None, None)
        params += [i, w.key_last, w.last, min(w.keys_first, default=""),
                   min(w.firsts, default=""), *days]
    found: dict[Wanted, list[int]] = {w: [] for w in wanted}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *base_params])
        for i, child_id in cursor.fetchall():
            found[wanted[i]].append(child_id)
    return found
