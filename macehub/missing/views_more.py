"""Return interview pages, the missing meetings' lists and the oversight figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from macehub.access.decorators import requires
from macehub.audit.services import audit_record
from macehub.cases.intake import intake_caption, intake_cases
from macehub.lib.forms import Form, saved
from macehub.lib.paging import paged
from macehub.missing import exports, forms, interviews
from macehub.missing.figures import default_period, missing_figures
from macehub.missing.models import ReturnInterview
from macehub.missing.queries import (
    closed_list,
    get_episode_for,
    get_interview_for,
    list_is_open,
    meeting_list,
)
from macehub.missing.views import _actor

PAGE_SIZE = 50  # rows to a page in each section of a missing meeting's list


@requires("missing.record")
@require_POST
def offer(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    episode = get_episode_for(actor, pk, purpose="offer return interview")
    if episode.child is None:
        messages.error(request, "Match the notification to a child first.")
        return redirect("missing:episode", pk=episode.pk)
    candidates = list(episode.child.missing_episodes.all())
    form = forms.OfferForm(request.POST, episodes=candidates)
    if not form.is_valid():
        messages.error(request, "Choose the episodes, the date and who made the offer.")
        return redirect("missing:episode", pk=episode.pk)
    data = form.cleaned_data
    chosen = [e for e in candidates if str(e.pk) in data["episodes"]]
    try:
        interview = interviews.interview_offer(
            actor=actor, child=episode.child, episodes=chosen, kind=data["kind"],
            offered_on=data["offered_on"], offered_by=data["offered_by"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("missing:episode", pk=episode.pk)
    messages.success(request, "Offer recorded.")
    return redirect("missing:interview", pk=interview.pk)


def _interview_page(request: HttpRequest, interview: ReturnInterview, status: int = 200,
                    **bound: Form) -> HttpResponse:
    pack = _actor(request).partnership.policy
    version = {"version": interview.version}
    context: dict[str, Any] = {
        "interview": interview, "episodes": interview.episodes.all(),
        "shares": interview.shares.all(),
        "label": pack.missing.return_interview.label or "Return interview",
        "respond_form": forms.RespondForm(initial=version),
        "complete_form": forms.CompleteForm(pack=pack, initial=version), **bound}
    return render(request, "missing/interview.html", context, status=status)


@requires("missing.view")
def interview(request: HttpRequest, pk: int) -> HttpResponse:
    return _interview_page(request, get_interview_for(_actor(request), pk))


def _act(request: HttpRequest, pk: int, name: str, form: Form,
         write: Callable[..., object], done: str) -> HttpResponse:
    actor = _actor(request)
    record = get_interview_for(actor, pk, purpose="change")
    if saved(form, lambda data: write(actor=actor, interview=record, **data)):
        messages.success(request, done)
        return redirect("missing:interview", pk=record.pk)
    return _interview_page(request, record, 400, **{name: form})


@requires("missing.record")
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "respond_form", forms.RespondForm(request.POST),
                interviews.interview_respond, "Answer recorded.")


@requires("missing.record")
@require_POST
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    form = forms.CompleteForm(request.POST, pack=_actor(request).partnership.policy)
    return _act(request, pk, "complete_form", form, interviews.interview_complete,
                "Interview recorded.")


@requires("missing.record")
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    record = get_interview_for(actor, pk, purpose="share synopsis")
    try:
        interviews.interview_share_synopsis(actor=actor, interview=record)
        messages.success(request, "Synopsis shared and added to the chronology.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("missing:interview", pk=record.pk)


@requires("missing.lists")
def meeting(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    pack = actor.partnership.policy
    choices = forms.meeting_choices(pack)
    form = forms.MeetingForm(request.GET or None, pack=pack,
                             initial={"forum": choices[0][0], "on": timezone.localdate()})
    forum, day = choices[0][0], timezone.localdate()
    if form.is_bound and form.is_valid():
        if list_is_open(actor, form.cleaned_data["on"]):
            forum, day = form.cleaned_data["forum"], form.cleaned_data["on"]
        else:
            form.add_error("on", closed_list(actor))
    listing = meeting_list(actor, forum, day)
    return render(request, "missing/meeting.html", {
        "form": form, "list": listing, "label": dict(choices).get(forum, forum),
        "can_open": actor.has("missing.view"),
        # A partnership whose pack names no missing meeting has one list and no intake.
        **({"intake": intake_cases(actor, forum), "intake_rule": pack.forum(forum).intake,
            "intake_caption": intake_caption(actor, forum)} if forum in pack.forums else {}),
        **paged(request, "open_page", listing.open, PAGE_SIZE, listing.open_count),
        **paged(request, "returned_page", listing.returned, PAGE_SIZE, listing.returned_count),
        **paged(request, "outstanding_page", listing.outstanding, PAGE_SIZE),
        **paged(request, "firings_page", listing.firings, PAGE_SIZE)})


def _period(request: HttpRequest) -> tuple[forms.PeriodForm, Any, Any]:
    start, end = default_period()
    form = forms.PeriodForm(request.GET or None, initial={"start": start, "end": end})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end


@requires("missing.figures")
def figures(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form, start, end = _period(request)
    result = missing_figures(actor, start, end)
    audit_record(action="missing.figures", actor=actor, count=result.counted)
    return render(request, "missing/figures.html", {"form": form, "figures": result,
                                                    "query": request.GET.urlencode()})


@requires("missing.figures")
def figures_xlsx(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    _form, start, end = _period(request)
    result = missing_figures(actor, start, end)
    audit_record(action="missing.figures_export", actor=actor, count=result.counted,
                 purpose="XLSX export")
    response = HttpResponse(
        exports.figures_xlsx(result, actor.partnership.name),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (f'attachment; filename="missing-figures-{start}-{end}'
                                       '-OFFICIAL-SENSITIVE.xlsx"')
    return response

