"""The Due page: everything due or overdue that the coordinator reaches, filtered, sorted
and a page at a time."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, cases_shown
from macehub.cases.due_list import DUE_SORTS, DueFilterForm, DueParts, DueRows
from macehub.lib.listing import Column, list_page

DUE_COLUMNS = [Column("Due", "due"), Column("What", "what"), Column("For", "for"),
               Column("Why (rule and source)")]


@requires("due.view")
def due(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    today = timezone.localdate()
    # Each case's items are stored (cases.due_store), and return interviews and overdue
    # actions are counted and paged in the database: a page reads its own rows only.
    parts = DueParts(actor, today)
    counts = parts.entries.aggregate(total=Count("pk"), overdue=Count(
        "pk", filter=Q(due_on__lt=today, overdue_never=False)))

    def rows(filters: dict[str, Any]) -> DueRows:
        # Without a subject the entries are counted already, for the heading.
        when = filters.get("when") or ""
        counted = None if filters.get("subject") or when == "soon" else \
            counts["overdue" if when == "overdue" else "total"]
        return parts.rows(filters, counted)

    listing = list_page(
        request, rows,
        noun="items", form=DueFilterForm(request.GET or None), columns=DUE_COLUMNS,
        sorts=DUE_SORTS, default="due")
    audit_shown(action="due.list", actor=actor,
                records=cases_shown(actor, [i.case_id for i in listing.rows]),
                purpose="due list", request=request)
    overdue = counts["overdue"] + parts.besides_entries("overdue")
    total = counts["total"] + parts.besides_entries()
    return render(request, "cases/due.html", {
        "listing": listing, "overdue": overdue, "total": total}, status=listing.status)
