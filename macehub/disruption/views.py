"""Disruption pages: the partnership's list (filters in the address, a page at a time), a
disruption's page, recording one against an intelligence record, and changing its dates,
outcome and details."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown
from macehub.disruption import forms, queries, services
from macehub.disruption.models import Disruption
from macehub.intelligence.kinds import KINDS
from macehub.lib.forms import saved
from macehub.lib.listing import Column, list_page

COLUMNS = [Column("Agreed", "agreed"), Column("Tactic"), Column("Aimed at"),
           Column("Started", "started"), Column("Outcome")]


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


@requires("disruption.view")
def index(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    listing = list_page(request, lambda filters: queries.disruption_list(actor, filters),
                        noun="disruptions", columns=COLUMNS, sorts=queries.SORTS,
                        default=queries.DEFAULT_SORT,
                        form=forms.FilterForm(request.GET or None, actor=actor))
    rows = listing.rows
    audit_shown(action="disruption.list", actor=actor, records=rows, purpose="disruptions",
                request=request)
    named = queries.targets(actor, rows)
    return render(request, "disruption/list.html", {
        "listing": listing, "rows": [(d, named[d.pk]) for d in rows]},
        status=listing.status)


@requires("disruption.view")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    disruption = Disruption.objects.get_for(actor, pk)
    return render(request, "disruption/disruption.html", {
        "disruption": disruption, "target": queries.targets(actor, [disruption])[pk],
        "can_record": actor.has("disruption.record")})


@requires("disruption.record")
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    actor = _actor(request)
    target = services.target_of(actor, kind, pk)
    form = forms.RecordForm(request.POST or None, actor=actor)
    made: list[Disruption] = []
    if request.method == "POST" and saved(form, lambda data: made.append(services.record(
            actor=actor, target=target, **data))):
        messages.success(request, "Disruption recorded.")
        return redirect("disruption:detail", made[0].pk)
    return render(request, "disruption/form.html", {
        "form": form, "target": target, "kind": KINDS[kind],
        "title": "Record a disruption",
        "back": reverse(f"intelligence:{kind}", args=[target.pk])},
        status=400 if form.errors else 200)


def _initial(disruption: Disruption) -> dict[str, Any]:
    return {name: getattr(disruption, name) for name in services.CHANGEABLE} | {
        "version": disruption.version}


@requires("disruption.record")
@require_http_methods(["GET", "POST"])
def change(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    disruption = Disruption.objects.get_for(actor, pk, purpose="change")
    form = forms.ChangeForm(request.POST or None, initial=_initial(disruption))
    if request.method == "POST" and saved(form, lambda data: services.change(
            actor=actor, disruption=disruption, version=data.pop("version"), **data)):
        messages.success(request, "Disruption changed.")
        return redirect("disruption:detail", disruption.pk)
    target = queries.targets(actor, [disruption])[disruption.pk]
    return render(request, "disruption/form.html", {
        "form": form, "target": target, "disruption": disruption,
        "title": f"Change the disruption: {disruption.tactic_label()}",
        "back": reverse("disruption:detail", args=[disruption.pk])},
        status=400 if form.errors else 200)
