"""Meeting pages: the list, scheduling, reviews due, one meeting and its agenda, meeting
mode (register and confidentiality), and the action list. Writes go through services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from macehub.access import reach
from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, with_child
from macehub.cases.due_store import flush
from macehub.cases.models import DueEntry
from macehub.lib.forms import Form, saved
from macehub.meetings import conduct, forms, services
from macehub.meetings.areas import within
from macehub.meetings.conditions import questions
from macehub.meetings.decisions import action_update
from macehub.meetings.due_rows import as_review
from macehub.meetings.models import AgencyUpdate, AgendaItem, Meeting
from macehub.meetings.queries import (
    get_action_for,
    get_meeting_for,
    invitation_of,
    may_open_papers,
    papers_closed,
)
from macehub.meetings.rules import deadlines, quorum


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


@requires("meeting.manage")
def meeting_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = forms.ScheduleForm(request.POST or None, pack=actor.partnership.policy,
                              partnership=actor.partnership)
    made: list[Meeting] = []

    def schedule(data: dict[str, Any]) -> None:
        made.extend(services.meeting_series(
            actor=actor, forum=data["forum"], first=data["first"], at=data["at"],
            minutes=data["minutes"], count=data["count"], anchors=data["anchors"] or None,
            area=data["area"], venue=data["venue"], online_link=data["online_link"],
            **form.people()))

    if request.method == "POST" and saved(form, schedule):
        messages.success(request, f"{len(made)} meeting{'s' if len(made) > 1 else ''} "
                                  "scheduled.")
        return redirect("meetings:detail", pk=made[0].pk)
    return render(request, "meetings/new.html", {"form": form},
                  status=400 if form.is_bound else 200)


REVIEWS_PER_PAGE = 25


@requires("meeting.manage")
def reviews(request: HttpRequest) -> HttpResponse:
    """Cases due at a meeting, soonest first, a page at a time; the area chosen stays in
    the page links. Only the page's cases are rendered and audited as shown."""
    actor = _actor(request)
    areas = list(actor.partnership.areas.all())
    area = next((a for a in areas if str(a.pk) == request.GET.get("area", "")), None)
    # Each open case's nomination or review is stored (cases.due_store), as reviews_due
    # works it out: the page reads its own rows, however many cases are open.
    flush()
    due = DueEntry.objects.for_actor(actor).filter(listed=False, case__status="open")
    if area:
        due = due.filter(case__child__area_id__in=within(area))
    today = timezone.localdate()
    paginator = Paginator(due.select_related("case__child__area").order_by(
        F("due_on").asc(nulls_last=True), "case_id"), REVIEWS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = [as_review(e) for e in page.object_list]
    page.links = list(paginator.get_elided_page_range(  # type: ignore[attr-defined]
        page.number, on_each_side=1, on_ends=1))
    audit_shown(action="case.reviews_due", actor=actor,
                records=with_child(r.case for r in page.object_list),
                purpose="reviews due", request=request)
    return render(request, "meetings/reviews.html", {
        "page": page, "query": urlencode({"area": area.pk}) if area else "",
        "overdue": due.filter(due_on__lt=today).count(),
        "today": today, "areas": areas, "area": area})


def _context(actor: Actor, meeting: Meeting) -> dict[str, Any]:
    pack = actor.partnership.policy
    invitations = list(meeting.invitations.select_related("agency", "user", "item"))
    items = list(meeting.items.select_related("case__child"))
    updates = set(AgencyUpdate.objects.for_actor(actor).filter(item__meeting=meeting)
                  .values_list("item_id", "agency_id"))
    agencies = {i.agency for i in invitations if i.agency is not None}
    matrix = [(item, [(agency, (item.pk, agency.pk) in updates) for agency in
                      sorted(agencies, key=lambda a: a.name)])
              for item in items if item.case_id and item.removed_at is None]
    mine = next((i for i in invitations if i.user_id == actor.user.pk), None)
    closed = papers_closed(actor, meeting)
    return {
        "meeting": meeting, "forum": pack.forum(meeting.forum), "items": items,
        "invitations": invitations, "invitation": mine, "matrix": matrix,
        "deadlines": deadlines(pack, meeting), "quorum": quorum(pack, meeting, invitations),
        "closed": closed,
        "papers": not closed and may_open_papers(actor, meeting, mine),
        "can_manage": actor.has("meeting.manage"), "can_chair": actor.has("meeting.chair"),
        "version_form": forms.VersionForm(initial={"version": meeting.version}),
        "publish_form": forms.PublishForm(
            initial={"version": meeting.version},
            questions=questions(meeting) if meeting.status == Meeting.Status.DRAFT and
            actor.has("meeting.manage") else []),
        "item_form": forms.ItemForm(),
        "hold_form": forms.HoldForm(initial={"version": meeting.version}),
        "approve_form": forms.ApproveForm(initial={"version": meeting.version}),
        "guest_form": forms.GuestForm(partnership=actor.partnership,
                                      items=meeting.items.all()),
        "apologies_form": forms.ApologiesForm(),
    }


@requires("meeting.view")
def meeting_detail(request: HttpRequest, pk: int, status: int = 200,
                   **bound: Form) -> HttpResponse:
    actor = _actor(request)
    meeting = get_meeting_for(actor, pk)
    context = _context(actor, meeting)
    if context["papers"]:  # the agenda names the children on it
        audit_shown(action="meeting.agenda_view", actor=actor, purpose="agenda",
                    request=request, obj=meeting, records=[meeting, *with_child(
                        i.case for i in context["items"] if i.case is not None)])
    return render(request, "meetings/detail.html", {**context, **bound}, status=status)


def _post(request: HttpRequest, pk: int, name: str, form: Form,
          write: Callable[[Actor, Meeting, dict[str, Any]], object], done: str) -> HttpResponse:
    actor = _actor(request)
    meeting = get_meeting_for(actor, pk)
    if saved(form, lambda data: write(actor, meeting, data)):
        messages.success(request, done)
        return redirect("meetings:detail", pk=meeting.pk)
    return meeting_detail(request, pk, status=400, **{name: form})


@requires("meeting.manage")
@require_POST
def agenda_build(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the suggested items (the cases due) to a draft agenda."""
    return _post(request, pk, "version_form", forms.VersionForm(request.POST),
                 lambda a, m, d: services.agenda_build(actor=a, meeting=m, version=d["version"]),
                 "Suggested items added to the agenda.")


@requires("meeting.manage")
@require_POST
def agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish, with the coordinator's yes or no for each panel invited on a condition."""
    meeting = get_meeting_for(_actor(request), pk)
    form = forms.PublishForm(request.POST, questions=questions(meeting))
    return _post(request, pk, "publish_form", form,
                 lambda a, m, d: services.agenda_publish(
                     actor=a, meeting=m, version=d["version"], conditions=form.answers()),
                 "Agenda published and invitations sent.")


@requires("meeting.manage")
@require_POST
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A theme or other item added by hand to a draft agenda."""
    version = request.POST.get("version", "")
    return _post(request, pk, "item_form", forms.ItemForm(request.POST),
                 lambda a, m, d: services.agenda_item_add(
                     actor=a, meeting=m, version=int(version) if version.isdigit() else -1,
                     title=d["title"], kind=d["kind"], minutes=d["minutes"],
                     position=d["position"]), "Item added.")


def _agenda_item(request: HttpRequest, pk: int, item_pk: int,
                 change: Callable[[Actor, Meeting, AgendaItem, int], object]) -> HttpResponse:
    meeting = get_meeting_for(_actor(request), pk)
    item = meeting.items.filter(pk=item_pk).first()
    if item is None:
        raise Http404("Not found")
    return _post(request, pk, "version_form", forms.VersionForm(request.POST),
                 lambda a, m, d: change(a, m, item, d["version"]), "Agenda changed.")


@requires("meeting.manage")
@require_POST
def agenda_item_up(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _agenda_item(request, pk, item_pk, lambda a, m, i, v: services.agenda_item_move(
        actor=a, meeting=m, version=v, item=i, up=True))


@requires("meeting.manage")
@require_POST
def agenda_item_down(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _agenda_item(request, pk, item_pk, lambda a, m, i, v: services.agenda_item_move(
        actor=a, meeting=m, version=v, item=i, up=False))


@requires("meeting.manage")
@require_POST
def agenda_item_drop(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Take an item off a draft agenda (the chair's removal of a case from a published
    agenda is a separate write: meetings:item_remove)."""
    return _agenda_item(request, pk, item_pk, lambda a, m, i, v: services.agenda_item_drop(
        actor=a, meeting=m, version=v, item=i))


@requires("meeting.manage")
@require_POST
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "hold_form", forms.HoldForm(request.POST),
                 lambda a, m, d: conduct.meeting_hold(actor=a, meeting=m, **d),
                 "Meeting recorded as held.")


@requires("meeting.chair")
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "approve_form", forms.ApproveForm(request.POST),
                 lambda a, m, d: conduct.minutes_approve(actor=a, meeting=m,
                                                         version=d["version"]),
                 "Minutes approved.")


@requires("meeting.manage")
@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "version_form", forms.VersionForm(request.POST),
                 lambda a, m, d: conduct.feedback_record(actor=a, meeting=m, **d),
                 "Feedback to the professionals recorded.")


@requires("meeting.manage")
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(request, pk, "version_form", forms.VersionForm(request.POST),
                 lambda a, m, d: conduct.meeting_cancel(actor=a, meeting=m, **d),
                 "Meeting cancelled.")


@requires("meeting.manage")
@require_POST
def guest(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    meeting = get_meeting_for(actor, pk)
    form = forms.GuestForm(request.POST, partnership=actor.partnership,
                           items=meeting.items.all())
    return _post(request, pk, "guest_form", form, lambda a, m, d: services.guest_invite(
        actor=a, meeting=m, **d), "Guest invited.")


@requires("meeting.view")
@require_POST
def apologies(request: HttpRequest, pk: int) -> HttpResponse:
    def send(a: Actor, m: Meeting, d: dict[str, Any]) -> None:
        invitation = invitation_of(a, m)
        if invitation is None:
            raise ValidationError("You are not invited to this meeting.")
        services.apologies_send(actor=a, invitation=invitation, deputy=d["deputy"])
    return _post(request, pk, "apologies_form", forms.ApologiesForm(request.POST), send,
                 "Apologies sent.")


@requires("meeting.view")
def confidentiality(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    meeting = get_meeting_for(actor, pk)
    statement = actor.partnership.policy.meetings.confidentiality_statement
    invitation = invitation_of(actor, meeting)
    if request.method == "POST":
        try:
            conduct.confidentiality_agree(actor=actor, meeting=meeting)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, "Your agreement is recorded. You can open the papers.")
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/confidentiality.html", {
        "meeting": meeting, "statement": statement, "invitation": invitation,
        "forum": meeting.forum_label})


@requires("action.update")
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    action = get_action_for(actor, pk)
    form = forms.ActionUpdateForm(request.POST or None,
                                  initial={"status": action.status, "version": action.version})
    if request.method == "POST" and saved(
            form, lambda data: action_update(actor=actor, action=action, **data)):
        messages.success(request, "Action updated.")
        return redirect("meetings:action", pk=action.pk)
    named = action.case is not None and reach.reaches(actor, action.case)
    return render(request, "meetings/action.html", {
        "action": action, "form": form, "updates": action.updates.select_related("by"),
        "named": named},
        status=400 if form.is_bound else 200)

