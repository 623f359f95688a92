"""Reads of intelligence: the lists with their filters, the links of a record with both
ends named, and a link's history. A link to a child names the child only to those who
reach the child's record; to everyone else it reads "A child" (welfare first)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.intelligence.kinds import KINDS
from macehub.intelligence.merging import unmerged
from macehub.intelligence.models import (
    Entity,
    GroupType,
    Link,
    LocationStatus,
    LocationType,
    PersonOfInterest,
    PoiStatus,
)
from macehub.lib.forms import Form
from macehub.lib.listing import Sorts
from macehub.people.models import Child

SORTS: dict[str, Sorts] = {
    "person": {"name": ("name", "pk"), "recorded": ("created_at", "pk")},
    "vehicle": {"registration": ("registration", "pk"), "recorded": ("created_at", "pk")},
    "phone": {"number": ("number", "pk"), "recorded": ("created_at", "pk")},
    "account": {"handle": ("handle", "pk"), "recorded": ("created_at", "pk")},
    "location": {"address": ("address", "pk"), "recorded": ("created_at", "pk")},
    "group": {"name": ("name", "pk"), "recorded": ("created_at", "pk")},
}
DEFAULT_SORT = {"person": "name", "vehicle": "registration", "phone": "number",
                "account": "handle", "location": "address", "group": "name"}


class FilterForm(Form):
    q = forms.CharField(required=False, max_length=100, label="Search")
    status = forms.ChoiceField(required=False, label="Status")
    type = forms.ChoiceField(required=False, label="Type")
    deal_line = forms.BooleanField(required=False, label="Deal lines only")
    area: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        required=False, label="Area", empty_label="Any area", queryset=None)

    def __init__(self, *args: Any, kind: str, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].label = KINDS[kind].search_label
        statuses = {"person": PoiStatus.choices, "location": LocationStatus.choices}
        types = {"location": LocationType.choices, "group": GroupType.choices}
        for name, options in (("status", statuses), ("type", types)):
            if kind in options:
                self.fields[name].choices = [("", "Any")] + options[kind]  # type: ignore[attr-defined]
            else:
                del self.fields[name]
        if kind != "phone":
            del self.fields["deal_line"]
        if kind == "location":
            self.fields["area"].queryset = actor.partnership.areas.all()  # type: ignore[attr-defined]
        else:
            del self.fields["area"]


def search_filter(kind: str, text: str) -> Q:
    """Records of `kind` matching `text` as the list's search box reads it."""
    squeezed = re.sub(r"[\s-]", "", text).upper()
    if kind == "person":
        return Q(name__icontains=text) | Q(names__name__icontains=text)
    if kind == "vehicle":
        return Q(registration__contains=squeezed)
    if kind == "phone":
        digits = re.sub(r"\D", "", text).removeprefix("44").removeprefix("0")
        found = Q(line_name__icontains=text)
        return found | Q(number__contains=digits) if digits else found
    if kind == "account":
        return Q(platform__icontains=text) | Q(handle__icontains=text)
    if kind == "location":
        return Q(address__icontains=text) | Q(postcode__icontains=text) | Q(
            postcode__icontains=f"{squeezed[:-3]} {squeezed[-3:]}")
    return Q(name__icontains=text)


def entity_list(actor: Actor, kind: str, filters: dict[str, Any]) -> QuerySet[Any]:
    rows: QuerySet[Any] = unmerged(KINDS[kind].model.objects.for_actor(actor), kind)
    if kind == "person":
        rows = rows.prefetch_related("names")
    if kind == "location":
        rows = rows.select_related("area")
    text = (filters.get("q") or "").strip()
    if text:
        matched = rows.filter(search_filter(kind, text)).values("pk")
        rows = rows.filter(pk__in=matched)
    for name in ("status", "type", "area"):
        if filters.get(name):
            rows = rows.filter(**{name: filters[name]})
    if filters.get("deal_line"):
        rows = rows.filter(deal_line=True)
    return rows


@dataclass
class End:
    kind: str
    pk: int
    label: str
    url: str = ""
    kind_label: str = ""


@dataclass
class Shown:
    """A link as a page shows it: the link, its far end, and the versions it corrected."""

    link: Link
    other: End
    history: list[Link] = field(default_factory=list)


def _chain(link: Link, by_pk: dict[int, Link]) -> list[Link]:
    found, at = [], link.corrects_id
    while at is not None and at in by_pk:
        found.append(by_pk[at])
        at = by_pk[at].corrects_id
    return found


def ends(actor: Actor, wanted: set[tuple[str, int]]) -> dict[tuple[str, int], End]:
    """Each end named for this actor, one query per kind of end."""
    by_kind: dict[str, set[int]] = defaultdict(set)
    for kind, pk in wanted:
        by_kind[kind].add(pk)
    named: dict[tuple[str, int], End] = {}
    for kind, pks in by_kind.items():
        if kind == "child":
            shown = actor.has("child.view")
            for child in Child.objects.for_actor(actor).filter(pk__in=pks):
                named[(kind, child.pk)] = End(kind, child.pk, str(child), reverse(
                    "people:detail", args=[child.pk]) if shown else "", "Child")
            for pk in pks - {p for k, p in named if k == kind}:
                named[(kind, pk)] = End(kind, pk, "A child (not shown: need to know)",
                                        kind_label="Child")
            continue
        model = KINDS[kind].model
        rows: QuerySet[Any] = model.objects.for_actor(actor).filter(pk__in=pks)
        if kind == "person":
            rows = rows.prefetch_related("names")
        for record in rows:
            named[(kind, record.pk)] = End(kind, record.pk, str(record), reverse(
                f"intelligence:{kind}", args=[record.pk]), KINDS[kind].label)
    return named


def links_of(actor: Actor, kind: str, pk: int) -> list[Shown]:
    """The current links of a record (latest first), each with its far end and the earlier
    versions it corrected; links the actor does not reach are left out."""
    touching = (Q(a_kind=kind, a_id=pk) | Q(b_kind=kind, b_id=pk))
    every = list(Link.objects.for_actor(actor).filter(touching).select_related(
        "recorded_by", "ended_by"))
    by_pk = {link.pk: link for link in every}
    current = [link for link in every if not link.superseded]
    named = ends(actor, {link.other_end(kind, pk) for link in current})
    shown = []
    for link in current:
        far_kind, far_pk = link.other_end(kind, pk)
        far = named.get((far_kind, far_pk)) or End(far_kind, far_pk, "Not found")
        shown.append(Shown(link, far, _chain(link, by_pk)))
    return shown


def person_for_child(actor: Actor, child_id: int) -> PersonOfInterest | None:
    if not actor.has("intelligence.view"):
        return None
    return PersonOfInterest.objects.for_actor(actor).filter(child_id=child_id).first()


def entity_url(record: Entity) -> str:
    return reverse(f"intelligence:{type(record).kind}", args=[record.pk])
