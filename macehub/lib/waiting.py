"""Work waiting for someone, as a registry: each app says what of its own is waiting for
which people, and the home page gathers it.

A provider is a function of the actor that returns the counts it has for them (none when
the actor's role has nothing to do there). A count is a number and a link to the list that
shows those records, filtered; it never names anyone, so showing it reads no record.

A provider gives its counts as queries where it can (`counted`): the page reads every
provider's queries in one statement (`macehub.lib.counting`), however many apps have
work waiting."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from macehub.lib.counting import count_together

if TYPE_CHECKING:
    from macehub.access.actor import Actor

# "Due soon" is a view of the due list and of home's counts, not a rule of any
# partnership: two weeks ahead.
SOON = timedelta(days=14)


@dataclass(frozen=True)
class Waiting:
    label: str  # "Concerns waiting for screening"
    count: int
    url: str  # the list, filtered to these records
    alert: bool = False  # shown in the banner at the top when the count is not zero
    order: int = 50  # where it sits on the page; lower comes first
    # Queries whose rows are added to `count`; `waiting_for` counts them all together.
    counted: tuple[QuerySet[Any], ...] = ()


Provider = Callable[["Actor"], Iterable[Waiting]]
_PROVIDERS: list[Provider] = []


def register_waiting(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def waiting_for(actor: Actor) -> list[Waiting]:
    found = [w for provider in _PROVIDERS for w in provider(actor)]
    numbers = iter(count_together([q for w in found for q in w.counted]))
    found = [replace(w, count=w.count + sum(next(numbers) for _ in w.counted), counted=())
             for w in found]
    return sorted(found, key=lambda w: (w.order, w.label))
