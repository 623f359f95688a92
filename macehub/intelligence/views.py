"""Intelligence pages: the index with a count per kind, a list per kind (filters in the
address, a page at a time), a record's page with its links, and the forms to record and
change a record. Links: views_links.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown
from macehub.intelligence import forms, services
from macehub.intelligence.candidates import candidate_confirm_new, prefill
from macehub.intelligence.kinds import KINDS
from macehub.intelligence.merging import merged_into, unmerged
from macehub.intelligence.models import Entity, PersonOfInterest
from macehub.intelligence.models_matching import Candidate, Merge, Outcome
from macehub.intelligence.queries import (
    DEFAULT_SORT,
    SORTS,
    FilterForm,
    entity_list,
    entity_url,
    links_of,
)
from macehub.lib.forms import saved
from macehub.lib.listing import Column, list_page
from macehub.people.models import Child

COLUMNS = {
    "person": [Column("Name", "name"), Column("Other names"), Column("Age"),
               Column("Status")],
    "vehicle": [Column("Registration", "registration"), Column("Make and model"),
                Column("Colour")],
    "phone": [Column("Number", "number"), Column("Deal line"), Column("Line name")],
    "account": [Column("Handle", "handle"), Column("Platform")],
    "location": [Column("Address", "address"), Column("Postcode"), Column("Type"),
                 Column("Area"), Column("Status")],
    "group": [Column("Name", "name"), Column("Type")],
}


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _cells(kind: str, r: Any) -> list[str]:
    """A list row's cells after the first (which links to the record)."""
    if kind == "person":
        age = (r.date_of_birth.strftime("Born %-d %b %Y") if r.date_of_birth else
               f"About {r.approximate_age}" if r.approximate_age else "Not known")
        return [", ".join(n.name for n in r.names.all()), age, r.get_status_display()]
    if kind == "vehicle":
        return [" ".join(p for p in (r.make, r.model) if p), r.colour]
    if kind == "phone":
        return ["Yes" if r.deal_line else "No", r.line_name]
    if kind == "account":
        return [r.platform]
    if kind == "location":
        return [r.postcode, r.get_type_display(), str(r.area or ""), r.get_status_display()]
    return [r.get_type_display()]


def _first(kind: str, r: Any) -> str:
    if kind == "vehicle":
        return f"{r.registration} (partial)" if r.partial else r.registration
    if kind == "phone":
        return str(r.display)
    return str(r.name or r) if kind in {"person", "group"} else (
        r.handle if kind == "account" else r.address)


@requires("intelligence.view")
def index(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    kinds = [{"kind": k, "count": unmerged(k.model.objects.for_actor(actor), k.key).count(),
              "url": reverse(f"intelligence:{k.key}_list")} for k in KINDS.values()]
    return render(request, "intelligence/index.html", {
        "kinds": kinds, "can_manage": actor.has("intelligence.manage"),
        "to_confirm": Candidate.objects.for_actor(actor).filter(
            outcome=Outcome.PENDING).count() if actor.has("intelligence.manage") else 0})


@requires("intelligence.view")
def entity_index(request: HttpRequest, kind: str) -> HttpResponse:
    actor = _actor(request)
    listing = list_page(request, lambda filters: entity_list(actor, kind, filters),
                        noun=KINDS[kind].plural.lower(), columns=COLUMNS[kind],
                        sorts=SORTS[kind], default=DEFAULT_SORT[kind],
                        form=FilterForm(request.GET or None, kind=kind, actor=actor))
    rows = listing.rows
    audit_shown(action="intelligence.list", actor=actor, records=rows,
                purpose=KINDS[kind].plural.lower(), request=request)
    table = [{"first": _first(kind, r), "url": entity_url(r), "cells": _cells(kind, r)}
             for r in rows]
    return render(request, "intelligence/list.html", {
        "kind": KINDS[kind], "listing": listing, "table": table,
        "can_manage": actor.has("intelligence.manage")}, status=listing.status)


@requires("intelligence.view")
def entity(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    actor = _actor(request)
    record = KINDS[kind].model.objects.get_for(actor, pk)
    if isinstance(record, PersonOfInterest):
        prefetch_related_objects([record], "names")
    links = links_of(actor, kind, record.pk)
    children = [("people.child", s.other.pk) for s in links
                if s.other.kind == "child" and s.other.url]
    if links:
        audit_shown(action="link.view", actor=actor, records=[
            *(s.link for s in links), *children], purpose="links of a record",
            request=request)
    merges = list(Merge.objects.for_actor(actor).filter(
        kind=kind, kept_id=record.pk, undone_at__isnull=True))
    return render(request, "intelligence/entity.html", {
        "kind": KINDS[kind], "record": record, "links": links,
        "child": _child_shown(actor, record), "merged_into": merged_into(actor, record),
        "merges": merges, "can_manage": actor.has("intelligence.manage")})


def _child_shown(actor: Actor, record: Entity) -> dict[str, str] | None:
    """The child a person of interest is, named only to those who reach the child."""
    if not isinstance(record, PersonOfInterest) or record.child_id is None:
        return None
    found = Child.objects.for_actor(actor).filter(pk=record.child_id).first()
    if found is None:
        return {"label": "A child (not shown: need to know)", "url": ""}
    return {"label": str(found), "url": reverse("people:detail", args=[found.pk])
            if actor.has("child.view") else ""}


def _initial(record: Entity) -> dict[str, Any]:
    form = forms.ENTITY_FORMS[type(record).kind]
    initial = {name: getattr(record, name) for name in form.base_fields
               if hasattr(record, name) and name != "version"}
    initial["version"] = record.version
    if isinstance(record, PersonOfInterest):
        names = list(record.names.all())
        initial["aliases"] = "\n".join(n.name for n in names if n.kind == "alias")
        initial["street_names"] = "\n".join(n.name for n in names if n.kind == "street_name")
    if "area" in initial:
        initial["area"] = record.area_id  # type: ignore[attr-defined]
    return initial


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def entity_new(request: HttpRequest, kind: str) -> HttpResponse:
    actor = _actor(request)
    child = None
    if kind == "person" and request.GET.get("child"):
        child = Child.objects.get_for(actor, request.GET["child"],
                                      purpose="record as a person of interest")
    # Confirming a candidate as a new record: the form starts with what was named.
    candidate = None
    if request.GET.get("candidate"):
        candidate = Candidate.objects.get_for(actor, request.GET["candidate"],
                                              purpose="confirm as new")
        if candidate.kind != kind or candidate.outcome != Outcome.PENDING:
            candidate = None
    initial = prefill(candidate) | {"version": candidate.version} if candidate else None
    form = forms.entity_form(kind, actor, request.POST or None, initial=initial)
    made: list[Entity] = []

    def write(data: dict[str, Any]) -> None:
        if candidate is not None:
            made.append(candidate_confirm_new(actor=actor, candidate=candidate,
                                              version=data.get("version"),
                                              **_fields(data, child)))
        else:
            made.append(services.entity_create(actor=actor, kind=kind,
                                               **_fields(data, child)))

    if request.method == "POST" and saved(form, write):
        messages.success(request, f"{KINDS[kind].label} recorded.")
        return redirect(entity_url(made[0]))
    return render(request, "intelligence/form.html", {
        "kind": KINDS[kind], "form": form, "child": child, "candidate": candidate,
        "title": f"Record a {KINDS[kind].label.lower()}"},
        status=400 if form.errors else 200)


def _fields(data: dict[str, Any], child: Child | None = None) -> dict[str, Any]:
    fields = {k: v for k, v in data.items() if k != "version"}
    if child is not None:
        fields["child"] = child
    return fields


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def entity_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    actor = _actor(request)
    record = KINDS[kind].model.objects.get_for(actor, pk, purpose="change")
    form = forms.entity_form(kind, actor, request.POST or None, initial=_initial(record))
    keep = {"child": record.child} if isinstance(record, PersonOfInterest) else {}
    if request.method == "POST" and saved(form, lambda data: services.entity_update(
            actor=actor, record=record, version=data.get("version"),
            **(_fields(data) | keep))):
        messages.success(request, f"{KINDS[kind].label} changed.")
        return redirect(entity_url(record))
    return render(request, "intelligence/form.html", {
        "kind": KINDS[kind], "form": form, "record": record,
        "title": f"Change {record}"}, status=400 if form.errors else 200)
