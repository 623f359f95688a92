"""Due items: what the policy pack says must happen next, each with its reason.

Worked out from the records and the pack, so a change of pack changes them at once. The
same providers serve the case page, the coordinator's work list and the API. Each app
registers a provider for its own records (`register_due()` in its `AppConfig.ready()`);
this module imports none of them. Each case's items are also stored for the lists
(`cases.due_store`), and items that grow with the records are counted and paged in the
database by a source (`register_due_source()`, docs/adr/0033)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from django.db.models import QuerySet
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.rules.reason import Reason


@dataclass(frozen=True)
class DueItem:
    kind: str
    title: str
    subject: str
    due_on: date
    reason: Reason
    overdue: bool
    url: str = ""
    case_id: int | None = None
    concern_id: int | None = None


def due_item(today: date, *, kind: str, title: str, subject: str, due_on: date,
             reason: Reason, url: str = "", case_id: int | None = None,
             concern_id: int | None = None) -> DueItem:
    """A due item, overdue when its date is before `today`."""
    return DueItem(kind=kind, title=title, subject=subject, due_on=due_on, reason=reason,
                   overdue=due_on < today, url=url, case_id=case_id, concern_id=concern_id)


@dataclass(frozen=True)
class DueScope:
    """What a provider is asked for: everything due that the actor reaches in their
    partnership, or (with `case`) only what is due on that one open case. `case` is the
    cases app's model, typed loosely because this layer sits below it. `discussed`, when
    known, says whether the case has been discussed at a held meeting."""

    actor: Actor
    today: date
    case: Any | None = None
    discussed: bool | None = None
    # Records loaded once and shared by the providers (the open cases, say).
    loaded: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def partnership(self) -> Any:
        return self.actor.partnership


class DueSource(Protocol):
    """Items too many to work out on every view (return interviews due at a county):
    counted and read a page at a time in the database. `filters` are the due list's:
    `when` (overdue, or soon: overdue or due within `lib.waiting.SOON`) and `subject`."""

    def count(self, filters: Mapping[str, Any]) -> int: ...

    def counting(self, filters: Mapping[str, Any]) -> QuerySet[Any]:
        """The rows `count` counts, as a query: a page that shows many counts reads them
        in one statement (`macehub.lib.counting`)."""
        ...

    def head(self, stop: int, fields: tuple[str, ...], descending: bool,
             filters: Mapping[str, Any]) -> list[DueItem]:
        """At least the first `stop` items in the order of `fields` (DueItem attributes),
        with every item tied with the last in the first of them."""
        ...

    def every(self) -> list[DueItem]: ...


DueProvider = Callable[[DueScope], list[DueItem]]
SourceFactory = Callable[[DueScope], DueSource | None]
_PROVIDERS: dict[str, DueProvider] = {}
_SOURCES: dict[str, SourceFactory] = {}
# Providers whose items each belong to one case and grow with the number of open cases:
# the due list reads their items as stored per case (macehub.cases.due_store).
_PER_CASE: set[str] = set()


def register_due(provider: DueProvider, *, per_case: bool = False) -> DueProvider:
    """Add an app's due items to every list (idempotent: registering twice is harmless)."""
    key = f"{provider.__module__}.{provider.__qualname__}"
    _PROVIDERS[key] = provider
    if per_case:
        _PER_CASE.add(key)
    return provider


def register_due_source(factory: SourceFactory) -> SourceFactory:
    """Add an app's source of many items to every list; `factory` returns None where the
    partnership's pack makes none due (or for one case: a source is never per case)."""
    _SOURCES[f"{factory.__module__}.{factory.__qualname__}"] = factory
    return factory


def due_sources(actor: Actor, *, today: date | None = None) -> list[DueSource]:
    scope = DueScope(actor, today or timezone.localdate())
    return [s for factory in _SOURCES.values() if (s := factory(scope)) is not None]


def due_items(actor: Actor, *, today: date | None = None, case: Any | None = None,
              discussed: bool | None = None, per_case: bool | None = None,
              sources: bool = True) -> list[DueItem]:
    """Everything due or overdue that the actor reaches in their partnership (or on one
    case, already loaded with its child), soonest first. With `per_case` True or False,
    only the items of the providers that are (or are not) per case; with `sources` False,
    none of the items the due list counts and pages in the database (`due_sources`)."""
    scope = DueScope(actor, today or timezone.localdate(), case, discussed)
    items = [item for key, provider in _PROVIDERS.items()
             if per_case is None or (key in _PER_CASE) == per_case
             for item in provider(scope)]
    if sources and not per_case and case is None:
        items += [item for source in due_sources(actor, today=scope.today)
                  for item in source.every()]
    return sorted(items, key=lambda i: (i.due_on, i.kind, i.subject))
