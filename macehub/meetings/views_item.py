"""One agenda item in the meeting: the case summary, agency updates, minutes, decisions,
dissent and actions. The papers open only after the confidentiality agreement."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_record
from macehub.lib.forms import Form, saved
from macehub.meetings import conduct, decisions, forms, services
from macehub.meetings.history import item_history
from macehub.meetings.models import AgendaItem, Decision, Meeting
from macehub.meetings.queries import (
    get_item_for,
    get_meeting_for,
    may_open_papers,
    papers_closed,
)
from macehub.meetings.rules import escalation_flags, escalation_targets


def _forms(actor: Actor, meeting: Meeting, item: AgendaItem,
           decided: list[Decision]) -> dict[str, Form]:
    """Only the forms this person may use (each costs queries)."""
    pack, partnership = actor.partnership.policy, actor.partnership
    out: dict[str, Form] = {}
    if actor.has("meeting.update"):
        mine = item.updates.filter(agency=actor.agency).first() if actor.agency else None
        out["update_form"] = forms.UpdateForm(initial={
            "text": mine.text if mine else "", "version": mine.version if mine else None})
    if not actor.has("meeting.minute"):
        return out
    return {
        **out,
        "minute_form": forms.MinuteForm(),
        "decision_form": forms.DecisionForm(pack=pack,
                                            targets=escalation_targets(pack, meeting.forum)),
        "dissent_form": forms.DissentForm(partnership=partnership, decisions=decided),
        "action_form": forms.ActionForm(partnership=partnership),
        "remove_form": forms.RemoveForm(),
    }


@dataclass(frozen=True)
class Near:
    pk: int
    label: str


def _neighbours(meeting: Meeting, item: AgendaItem, papers: bool) -> dict[str, Near | None]:
    """The items before and after this one in agenda order (one query), for the pager and
    its keyboard shortcuts; titles only once the papers are open."""
    rows = [Near(pk, f"{position}. {title}" if papers else f"Item {position}")
            for pk, position, title in meeting.items.values_list("pk", "position", "title")]
    at = next((n for n, near in enumerate(rows) if near.pk == item.pk), None)
    if at is None:
        return {"previous_item": None, "next_item": None}
    return {"previous_item": rows[at - 1] if at > 0 else None,
            "next_item": rows[at + 1] if at + 1 < len(rows) else None}


def _render(request: HttpRequest, meeting: Meeting, item: AgendaItem, status: int = 200,
            **bound: Form) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    pack = actor.partnership.policy
    papers = may_open_papers(actor, meeting)
    context: dict[str, Any] = {"meeting": meeting, "item": item, "papers": papers,
                               "forum": pack.forum(meeting.forum),
                               "can_minute": actor.has("meeting.minute"),
                               "can_chair": actor.has("meeting.chair"),
                               "can_update": actor.has("meeting.update"),
                               **_neighbours(meeting, item, papers)}
    if papers:
        removal = pack.forum(meeting.forum).removal
        decided = list(item.decisions.select_related("by").prefetch_related(
            "dissents__agency"))
        context.update(_forms(actor, meeting, item, decided))
        context.update(bound)
        context.update({
            "updates": item.updates.select_related("agency", "by"),
            "minutes": item.minute_entries.select_related("by"),
            "decisions": decided,
            "actions": item.actions.select_related("owner_agency"),
            "flags": escalation_flags(pack, item.case) if item.case else [],
            "removal": removal,
            "removal_text": removal.summary({}) if removal else "",
            "history": item_history(actor, item),
            "today": timezone.localdate(),
        })
        if item.case is not None:
            audit_record(action="case.view", actor=actor, obj=item.case, purpose="meeting")
    return render(request, "meetings/item.html", context, status=status)


@requires("meeting.view")
def item_detail(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    meeting = get_meeting_for(actor, pk)
    if papers_closed(actor, meeting):
        raise Http404("Not found")
    return _render(request, meeting, get_item_for(actor, meeting, item_pk))


def _write(request: HttpRequest, pk: int, item_pk: int, name: str,
           make: Callable[[Actor, Meeting, AgendaItem], Form],
           write: Callable[[Actor, Meeting, AgendaItem, Form, dict[str, Any]], object],
           done: str) -> HttpResponse:
    """One write on one agenda item: the URL's own permission is checked by the access
    middleware before this runs; the papers must be open to this person."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    meeting = get_meeting_for(actor, pk)
    if papers_closed(actor, meeting):
        raise Http404("Not found")
    item = get_item_for(actor, meeting, item_pk)
    if not may_open_papers(actor, meeting):
        return redirect("meetings:confidentiality", pk=meeting.pk)
    form = make(actor, meeting, item)
    if saved(form, lambda data: write(actor, meeting, item, form, data)):
        messages.success(request, done)
        return redirect("meetings:item", pk=meeting.pk, item_pk=item.pk)
    return _render(request, meeting, item, status=400, **{name: form})


@requires("meeting.update")
@require_POST
def item_update(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """A panel member's (or the hub's) agency update on the item."""
    return _write(
        request, pk, item_pk, "update_form",
        lambda a, m, i: forms.UpdateForm(request.POST),
        lambda a, m, i, f, d: services.update_submit(actor=a, item=i, text=d["text"],
                                                     version=d["version"]),
        "Your agency's update is saved.")


@requires("meeting.minute")
@require_POST
def item_minute(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    def write(a: Actor, m: Meeting, i: AgendaItem, f: Form, d: dict[str, Any]) -> object:
        corrects = i.minute_entries.filter(pk=d["corrects"]).first() if d["corrects"] else None
        return conduct.minute_add(actor=a, item=i, text=d["text"], corrects=corrects)

    return _write(request, pk, item_pk, "minute_form",
                  lambda a, m, i: forms.MinuteForm(request.POST), write, "Minute added.")


@requires("meeting.minute")
@require_POST
def item_decision(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The meeting's decisions; the chair's own (escalation, closure) are checked by the
    service for the chair's permission."""
    return _write(
        request, pk, item_pk, "decision_form",
        lambda a, m, i: forms.DecisionForm(
            request.POST, pack=a.partnership.policy,
            targets=escalation_targets(a.partnership.policy, m.forum)),
        lambda a, m, i, f, d: decisions.decision_record(
            actor=a, item=i, **f.service_kwargs()),  # type: ignore[attr-defined]
        "Decision recorded.")


@requires("meeting.minute")
@require_POST
def item_dissent(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _write(
        request, pk, item_pk, "dissent_form",
        lambda a, m, i: forms.DissentForm(request.POST, partnership=a.partnership,
                                          decisions=list(i.decisions.all())),
        lambda a, m, i, f, d: decisions.dissent_record(
            actor=a, decision=d["decision"], agency=d["agency"], person=d["person"],
            reason=d["reason"]),
        "Dissent recorded.")


@requires("meeting.minute")
@require_POST
def item_action(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return _write(
        request, pk, item_pk, "action_form",
        lambda a, m, i: forms.ActionForm(request.POST, partnership=a.partnership),
        lambda a, m, i, f, d: decisions.action_add(actor=a, meeting=m, item=i, **d),
        "Action agreed.")


@requires("meeting.chair")
@require_POST
def item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Only the chair removes a case from the agenda."""
    return _write(
        request, pk, item_pk, "remove_form",
        lambda a, m, i: forms.RemoveForm(request.POST),
        lambda a, m, i, f, d: conduct.item_remove(actor=a, item=i, reason=d["reason"],
                                                  actions_completed=d["actions_completed"]),
        "Item removed from the agenda.")
