"""Reports' pages: the reports by kind (with their due dates and versions) and generating
one for a period; one report with its figures and narrative; signing it off and making a
new version (each confirmed first); its PDF and spreadsheet."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_record
from macehub.lib.forms import saved
from macehub.lib.paging import paged
from macehub.oversight import services_report as services
from macehub.oversight.due import next_due
from macehub.oversight.forms_report import ConfirmForm, GenerateForm, NarrativeForm
from macehub.oversight.models import Report
from macehub.oversight.periods import period_before, period_containing
from macehub.oversight.report_outputs import (
    file_name,
    report_pdf,
    report_xlsx,
    suppression_note,
)
from macehub.oversight.views import XLSX
from macehub.partnerships.policy.governance import PERIOD_LABELS


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined, no-any-return]


PAGE_SIZE = 20


def _kinds(request: HttpRequest, actor: Actor) -> list[dict[str, Any]]:
    """Each kind in the pack with its reports, newest period first, a page at a time: each
    kind's list has its own page parameter, so paging one leaves the others in place."""
    found = []
    for key, rule in services.report_kinds(actor).items():
        listing = paged(request, f"{key}_page", Report.objects.for_actor(actor).filter(
            kind=key), PAGE_SIZE)
        found.append({"key": key, "rule": rule, "period": PERIOD_LABELS[rule.period.value],
                      "due": next_due(rule, actor), "param": f"{key}_page",
                      "page": listing[f"{key}_page"],
                      "query": listing[f"{key}_page_query"]})
    return found


@requires("report.view")
@require_http_methods(["GET", "POST"])
def reports(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    kinds = services.report_kinds(actor)
    initial: dict[str, Any] = {}
    if kinds:
        rule = next(iter(kinds.values()))
        initial["start"], initial["end"] = period_before(
            rule.period.value, period_containing(rule.period.value, timezone.localdate())[0])
    form = GenerateForm(request.POST or None, initial=initial,
                        kinds=[(k, r.title) for k, r in kinds.items()])
    made: list[Report] = []
    if request.method == "POST" and saved(
            form, lambda data: made.append(services.report_generate(
                actor=actor, kind=data["kind"], start=data["start"], end=data["end"]))):
        return redirect("oversight:report", pk=made[0].pk)
    return render(request, "oversight/reports.html", {
        "kinds": _kinds(request, actor), "form": form, "can_write": actor.has("report.write")},
        status=400 if form.errors else 200)


def _found(request: HttpRequest, pk: int) -> Report:
    return Report.objects.select_related("corrects", "signed_off_by", "generated_by").get_for(
        _actor(request), pk)


@requires("report.view")
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    found = _found(request, pk)
    sections = [s["title"] for s in found.narrative]
    form = NarrativeForm(request.POST or None, sections=sections, initial={
        "version": found.version,
        **{f"section_{n}": s["text"] for n, s in enumerate(found.narrative)}})
    writable = actor.has("report.write") and found.status == Report.Status.DRAFT
    if request.method == "POST":
        # The service refuses a reader (analyst) and a signed-off report; the form says why.
        if saved(form, lambda data: services.report_narrate(
                actor=actor, report=found, version=data["version"], texts=form.texts())):
            return redirect("oversight:report", pk=found.pk)
    else:
        audit_record(action="report.view", actor=actor, obj=found, request=request)
    versions = list(Report.objects.for_actor(actor).filter(
        kind=found.kind, period_start=found.period_start, period_end=found.period_end)
        .select_related("corrects").order_by("revision"))
    return render(request, "oversight/report.html", {
        "report": found, "form": form, "writable": writable,
        "can_write": actor.has("report.write"), "tables": services.shown_tables(actor, found),
        "note": suppression_note(actor, found), "versions": versions,
        "corrected": any(v.corrects_id == found.pk for v in versions)},
        status=400 if form.errors else 200)


def _confirm(request: HttpRequest, pk: int, *, action: str) -> HttpResponse:
    actor = _actor(request)
    found = _found(request, pk)
    form = ConfirmForm(request.POST or None, initial={"version": found.version})
    made: list[Report] = []
    if request.method == "POST":
        if action == "sign_off":
            write: Any = lambda data: services.report_sign_off(  # noqa: E731
                actor=actor, report=found, version=data["version"])
        else:
            write = lambda data: made.append(  # noqa: E731
                services.report_new_version(actor=actor, report=found))
        if saved(form, write):
            return redirect("oversight:report", pk=made[0].pk if made else found.pk)
    return render(request, "oversight/report_confirm.html", {
        "report": found, "form": form, "action": action},
        status=400 if form.errors else 200)


@requires("report.write")
@require_http_methods(["GET", "POST"])
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(request, pk, action="sign_off")


@requires("report.write")
@require_http_methods(["GET", "POST"])
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirm(request, pk, action="new_version")


def _download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    actor = _actor(request)
    found = _found(request, pk)
    body, content_type = ((report_pdf(actor, found), "application/pdf") if kind == "pdf"
                          else (report_xlsx(actor, found), XLSX))
    audit_record(action="report.export", actor=actor, obj=found, request=request,
                 purpose=f"{kind.upper()} download")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name(found, kind)}"'
    return response


@requires("report.view")
@require_http_methods(["GET"])
def pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "pdf")


@requires("report.view")
@require_http_methods(["GET"])
def xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(request, pk, "xlsx")
