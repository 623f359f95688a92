"""The one path across partnerships.

A partnership's records are reached only from inside it, except through here. Cross-border
sharing (the Southend, Essex and Thurrock protocol: one partnership shares a person,
location or intelligence item with another partnership's single point of contact) will be
a deliberate, audited record; the app that keeps those records registers a provider that
turns them into the rows an actor in the receiving partnership may read.

Today no provider is registered, so nothing crosses a partnership. A provider must
return only rows named by a share record that is in force for the actor's partnership,
and never a whole table."""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db.models import Model, Q

if TYPE_CHECKING:
    from macehub.access.actor import Actor

Provider = Callable[["Actor", type[Model]], "Q | None"]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Add a provider of shared rows. The sharing app is the only caller."""
    if provider not in _providers:
        _providers.append(provider)


def unregister(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def shared_rows(actor: Actor, model: type[Model]) -> Q | None:
    """Rows of another partnership shared with this actor, or None."""
    found = [q for q in (p(actor, model) for p in _providers) if q is not None]
    return reduce(or_, found) if found else None
