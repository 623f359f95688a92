"""The Due page: everything due or overdue that the coordinator reaches, filtered, sorted
and a page at a time."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, cases_shown
from macehub.cases.due_list import DUE_SORTS, DueFilterForm, due_filtered
from macehub.lib.listing import Column, list_page
from macehub.rules.due import due_items

DUE_COLUMNS = [Column("Due", "due"), Column("What", "what"), Column("For", "for"),
               Column("Why (rule and source)")]


@requires("due.view")
def due(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    items = due_items(actor)
    listing = list_page(request, lambda filters: due_filtered(items, filters), noun="items",
                        form=DueFilterForm(request.GET or None), columns=DUE_COLUMNS,
                        sorts=DUE_SORTS, default="due")
    audit_shown(action="due.list", actor=actor,
                records=cases_shown(actor, [i.case_id for i in listing.rows]),
                purpose="due list", request=request)
    return render(request, "cases/due.html", {
        "listing": listing, "overdue": sum(i.overdue for i in items), "total": len(items)},
        status=listing.status)
