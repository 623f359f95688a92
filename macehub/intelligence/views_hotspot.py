"""Making a vulnerable location a hotspot from its page: the coordinator or chair chooses
the recorded decision of a held meeting of a forum the pack names (Essex: MACE 2;
Dudley: CEOG). The page shows the location's status history, each change with the
decision that made it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.intelligence.models import Location, StatusChange
from macehub.intelligence.promotion import decisions_promoting, forum_labels, promote
from macehub.intelligence.queries import entity_url
from macehub.lib.forms import Form, saved

CHOICES_SHOWN = 50  # the latest decisions offered


class PromoteForm(Form):
    decision = forms.TypedChoiceField(label="The meeting's decision", coerce=int,
                                      error_messages={"required": "Select the meeting's "
                                                      "decision that makes this location a "
                                                      "hotspot"})
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = decisions_promoting(actor)[:CHOICES_SHOWN]
        field: Any = self.fields["decision"]
        field.choices = [("", "Choose a decision")] + [
            (d.pk, f"{d.item.meeting.forum_label}, {d.at:%-d %B %Y}: {d.text[:120]}")
            for d in rows]
        field.help_text = f"A recorded decision of a held {forum_labels(actor)} meeting"


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def location_hotspot(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    record = Location.objects.get_for(actor, pk, purpose="make a hotspot")
    form = PromoteForm(request.POST or None, actor=actor, initial={"version": record.version})

    def write(data: dict[str, Any]) -> None:
        promote(actor=actor, location=record, version=data["version"],
                decision_id=data["decision"])

    if request.method == "POST" and saved(form, write):
        messages.success(request, "The location is now a hotspot.")
        return redirect(entity_url(record))
    history = (StatusChange.objects.for_actor(actor).filter(location=record)
               .select_related("decision__item__meeting", "by"))
    return render(request, "intelligence/hotspot.html", {
        "record": record, "form": form, "history": history, "forums": forum_labels(actor),
        "back": entity_url(record)}, status=400 if form.errors else 200)
