"""Linked-children pages: the proposals the pack makes for children linked to the same
situation (each with its rule and source), and accepting one (an item on a meeting's
agenda) or declining it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown
from macehub.intelligence import linked
from macehub.intelligence.network import Node
from macehub.intelligence.queries import ends
from macehub.lib.errors import StaleEdit
from macehub.lib.forms import Form, date_field, saved
from macehub.meetings.models import Meeting


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _named(actor: Actor, found: list[linked.Proposal]) -> dict[Node, Any]:
    wanted: set[Node] = set()
    for p in found:
        wanted |= {("child", c) for c in p.situation.children}
        wanted |= set(p.situation.through)
        wanted |= {("person", s) for s in p.situation.suspects}
    return ends(actor, wanted)


@requires("intelligence.manage")
def proposals(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    found = linked.proposals(actor)
    named = _named(actor, found)
    shown = [{"proposal": p, "key": p.key,
              "children": [named.get(("child", c)) for c in p.situation.children],
              "through": [named.get(n) for n in p.situation.through],
              "suspects": [named.get(("person", s)) for s in p.situation.suspects],
              "url": f"{reverse('intelligence:proposal')}?rule={p.rule}&children="
                     f"{p.situation.key}"} for p in found]
    if found:
        audit_shown(action="proposal.list", actor=actor, records=[
            ("people.child", c) for p in found for c in p.situation.children],
            purpose="linked-children proposals", request=request)
    return render(request, "intelligence/proposals.html", {"shown": shown})


class AcceptForm(Form):
    meeting = forms.TypedChoiceField(label="Which meeting", coerce=int, required=False,
                                     widget=forms.RadioSelect)
    day = date_field("Date of a new meeting", required=False)
    at = forms.TimeField(label="Time of a new meeting", required=False,
                         help_text="For example, 14:00")
    venue = forms.CharField(label="Venue of a new meeting", required=False, max_length=200)
    decline = forms.CharField(label="Or: why no meeting is needed", required=False,
                              max_length=300)

    def __init__(self, *args: Any, meetings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [*meetings, (0, "Arrange a new meeting")]  # type: ignore[attr-defined]


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def proposal(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    rule, children = request.GET.get("rule", ""), request.GET.get("children", "")
    try:
        found = linked.proposal_for(actor, rule, children)
    except StaleEdit as gone:
        messages.error(request, str(gone.messages[0]))
        return redirect("intelligence:proposals")
    upcoming = list(Meeting.objects.for_actor(actor).filter(
        forum=found.forum, status__in=(Meeting.Status.DRAFT, Meeting.Status.PUBLISHED),
        starts_at__gte=timezone.now()).order_by("starts_at")[:10])
    form = AcceptForm(request.POST or None, meetings=[
        (m.pk, f"{found.forum_label}, {timezone.localtime(m.starts_at):%-d %B %Y %H:%M}")
        for m in upcoming])
    named = _named(actor, [found])
    labels = {n: e.label for n, e in named.items()}
    done: list[Any] = []

    def write(data: dict[str, Any]) -> None:
        if data.get("decline"):
            linked.proposal_decline(actor=actor, rule=rule, children=children,
                                    reason=data["decline"])
            return
        chosen = next((m for m in upcoming if m.pk == data.get("meeting")), None)
        starts = None
        if chosen is None and data.get("day") and data.get("at"):
            starts = datetime.combine(data["day"], data["at"],
                                      tzinfo=timezone.get_current_timezone())
        done.append(linked.proposal_accept(
            actor=actor, rule=rule, children=children, meeting=chosen, starts_at=starts,
            venue=data.get("venue") or "", labels=labels))

    if request.method == "POST" and saved(form, write):
        if done:
            messages.success(request, f"Added to the agenda of the {found.forum_label}.")
            return redirect("meetings:detail", done[0].meeting_id)
        messages.success(request, "Proposal declined, with your reason.")
        return redirect("intelligence:proposals")
    return render(request, "intelligence/proposal.html", {
        "proposal": found, "form": form,
        "children": [named.get(("child", c)) for c in found.situation.children],
        "through": [named.get(n) for n in found.situation.through],
        "suspects": [named.get(("person", s)) for s in found.situation.suspects]},
        status=400 if form.errors else 200)
