"""One agenda item in the meeting: the case summary, agency updates, minutes, decisions,
dissent and actions. The papers open only after the confidentiality agreement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_record
from macehub.lib.forms import Form, saved
from macehub.meetings import conduct, decisions, forms, services
from macehub.meetings.models import AgendaItem, Decision, Meeting, Minute
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


def _render(request: HttpRequest, meeting: Meeting, item: AgendaItem, status: int = 200,
            **bound: Form) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    pack = actor.partnership.policy
    papers = may_open_papers(actor, meeting)
    context: dict[str, Any] = {"meeting": meeting, "item": item, "papers": papers,
                               "forum": pack.forum(meeting.forum),
                               "can_minute": actor.has("meeting.minute"),
                               "can_chair": actor.has("meeting.chair"),
                               "can_update": actor.has("meeting.update")}
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


def _write_update(a: Actor, m: Meeting, i: AgendaItem, d: dict[str, Any]) -> object:
    return services.update_submit(actor=a, item=i, text=d["text"], version=d["version"])


def _write_minute(a: Actor, m: Meeting, i: AgendaItem, d: dict[str, Any]) -> object:
    corrects = Minute.objects.filter(item=i, pk=d["corrects"]).first() if d["corrects"] else None
    return conduct.minute_add(actor=a, item=i, text=d["text"], corrects=corrects)


def _write_decision(a: Actor, m: Meeting, i: AgendaItem, d: dict[str, Any]) -> object:
    form = d["_form"]
    return decisions.decision_record(actor=a, item=i, **form.service_kwargs())


def _write_dissent(a: Actor, m: Meeting, i: AgendaItem, d: dict[str, Any]) -> object:
    return decisions.dissent_record(actor=a, decision=d["decision"], agency=d["agency"],
                                    person=d["person"], reason=d["reason"])


def _write_action(a: Actor, m: Meeting, i: AgendaItem, d: dict[str, Any]) -> object:
    return decisions.action_add(actor=a, meeting=m, item=i, **{
        k: v for k, v in d.items() if not k.startswith("_")})


def _write_remove(a: Actor, m: Meeting, i: AgendaItem, d: dict[str, Any]) -> object:
    return conduct.item_remove(actor=a, item=i, reason=d["reason"],
                               actions_completed=d["actions_completed"])


# what: (permission, form name, form factory, write, message)
WRITES: dict[str, tuple[str, str, Callable[..., Form], Callable[..., object], str]] = {
    "update": ("meeting.update", "update_form", lambda a, m, i, p: forms.UpdateForm(p),
               _write_update, "Your agency's update is saved."),
    "minute": ("meeting.minute", "minute_form", lambda a, m, i, p: forms.MinuteForm(p),
               _write_minute, "Minute added."),
    "decision": ("meeting.minute", "decision_form", lambda a, m, i, p: forms.DecisionForm(
        p, pack=a.partnership.policy, targets=escalation_targets(a.partnership.policy,
                                                                 m.forum)),
        _write_decision, "Decision recorded."),
    "dissent": ("meeting.minute", "dissent_form", lambda a, m, i, p: forms.DissentForm(
        p, partnership=a.partnership, decisions=list(Decision.objects.filter(item=i))),
        _write_dissent, "Dissent recorded."),
    "action": ("meeting.minute", "action_form",
               lambda a, m, i, p: forms.ActionForm(p, partnership=a.partnership),
               _write_action, "Action agreed."),
    "remove": ("meeting.chair", "remove_form", lambda a, m, i, p: forms.RemoveForm(p),
               _write_remove, "Item removed from the agenda."),
}


@requires("meeting.view")
@require_POST
def item_post(request: HttpRequest, pk: int, item_pk: int, what: str) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    if what not in WRITES:
        raise Http404("Not found")
    permission, name, make, write, done = WRITES[what]
    if not actor.has(permission):
        raise PermissionDenied
    meeting = get_meeting_for(actor, pk)
    if papers_closed(actor, meeting):
        raise Http404("Not found")
    item = get_item_for(actor, meeting, item_pk)
    if not may_open_papers(actor, meeting):
        return redirect("meetings:confidentiality", pk=meeting.pk)
    form = make(actor, meeting, item, request.POST)
    if saved(form, lambda data: write(actor, meeting, item, {**data, "_form": form})):
        messages.success(request, done)
        return redirect("meetings:item", pk=meeting.pk, item_pk=item.pk)
    return _render(request, meeting, item, status=400, **{name: form})
