"""Need to know, as a registry (ARCHITECTURE principle 4).

Each app declares, for each of its scoped models, who reaches which records: the roles
that see every record of their partnership ("the hub and chairs see every case"), and
narrower grants with the rows they open ("a panel member sees a case on the agenda of a
meeting they are invited to, from publication until the window closes"). A role with no
grant on a model reaches none of its records: deny by default.

`where(actor, model)` is the one place this is read: `for_actor` and `get_for` ask it for
pages, the API, exports and jobs alike. A system actor (a scheduled job or an import run
for one partnership) reaches every record of that partnership and nothing else."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db.models import Model, Q

from macehub.access import sharing

if TYPE_CHECKING:
    from macehub.access.actor import Actor

Rows = Callable[["Actor"], Q]


@dataclass(frozen=True)
class Grant:
    model: str  # app_label.ModelName
    name: str  # what the grant means, in words a data protection officer would use
    roles: frozenset[str]
    rows: Rows | None = None  # None: every record of the partnership

    @property
    def is_whole_partnership(self) -> bool:
        return self.rows is None


_GRANTS: dict[str, list[Grant]] = {}


def _label(model: type[Model] | str) -> str:
    return model if isinstance(model, str) else model._meta.label


def grant(model: type[Model] | str, *, name: str, roles: Iterable[str],
          rows: Rows | None = None) -> Grant:
    """Declare that `roles` reach the model's records (all of them, or `rows`)."""
    entry = Grant(model=_label(model), name=name, roles=frozenset(roles), rows=rows)
    grants = _GRANTS.setdefault(entry.model, [])
    if any(g.name == entry.name for g in grants):  # registering twice is a no-op
        return entry
    grants.append(entry)
    return entry


def grants_for(model: type[Model] | str) -> list[Grant]:
    return list(_GRANTS.get(_label(model), []))


def all_grants() -> dict[str, list[Grant]]:
    return {label: list(grants) for label, grants in _GRANTS.items()}


def where(actor: Actor, model: type[Model]) -> Q | None:
    """The rows of `model` this actor reaches, as one filter; None when they reach none."""
    home = Q(partnership=actor.partnership)
    if actor.is_system:
        return home
    grants = [g for g in _GRANTS.get(_label(model), []) if g.roles & actor.roles]
    inside: Q | None
    if not grants:
        inside = None
    elif any(g.is_whole_partnership for g in grants):
        inside = home
    else:
        inside = home & reduce(or_, (g.rows(actor) for g in grants if g.rows is not None))
    shared = sharing.shared_rows(actor, model)
    if inside is None:
        return shared
    return inside if shared is None else inside | shared


def reaches(actor: Actor, record: Model) -> bool:
    """Whether the actor reaches one record already loaded (asks the database once)."""
    rows = where(actor, type(record))
    if rows is None:
        return False
    manager = type(record)._base_manager
    return manager.filter(rows, pk=record.pk).exists()
