"""The MACE tracker page and its spreadsheet (Essex 000 §6.3)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, with_child
from macehub.lib.paging import paged
from macehub.oversight import tracker
from macehub.oversight.exports_tracker import tracker_xlsx
from macehub.oversight.forms_tracker import TrackerFilterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE = 50


@requires("tracker.view")
def tracker_page(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = TrackerFilterForm(request.GET or None, actor=actor)
    bad = form.is_bound and not form.is_valid()
    cases = tracker.tracker_cases(actor, form.filters())
    listing = paged(request, "page", cases, PER_PAGE)
    shown = list(listing["page"].object_list)
    audit_shown(action="tracker.view", actor=actor, records=with_child(shown),
                purpose="MACE tracker", request=request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "oversight/tracker.html", {
        **listing, "query": listing["page_query"], "form": form,
        "columns": tracker.columns(actor), "rows": tracker.rows(actor, shown),
        "export_query": query.urlencode(), "can_import": actor.has("tracker.import"),
        "rule": actor.partnership.policy.oversight.tracker.columns},
        status=400 if bad else 200)


@requires("tracker.view")
def tracker_export(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = TrackerFilterForm(request.GET or None, actor=actor)
    if form.is_bound and not form.is_valid():  # the page shows what is wrong
        return tracker_page(request)
    filters = form.filters()
    cases = list(tracker.tracker_cases(actor, filters))
    audit_shown(action="tracker.export", actor=actor, records=with_child(cases),
                purpose="MACE tracker XLSX export", request=request)
    body = tracker_xlsx(actor, cases, tracker.STATUSES[filters.status])
    response = HttpResponse(body, content_type=XLSX)
    name = f"mace-tracker-{filters.status}-OFFICIAL-SENSITIVE.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
