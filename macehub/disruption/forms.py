"""The pages' forms for disruption. The service checks every rule; these forms only read
what was typed and offer the partnership's choices."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.disruption.models import Outcome, TargetKind
from macehub.lib.forms import Form, date_field
from macehub.meetings.models import Meeting

OUTCOME_HINT = ("Charged, convicted or an order granted are criminal justice outcomes. "
                "Enter the date started first.")


class ChangeForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    started_on = date_field("Date started", required=False)
    ended_on = date_field("Date ended", required=False)
    outcome = forms.ChoiceField(choices=Outcome.choices, initial=Outcome.NOT_YET, required=False,
                                widget=forms.RadioSelect, help_text=OUTCOME_HINT)
    details = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="What was done, by whom, and what came of it")


class RecordForm(ChangeForm):
    tactic = forms.ChoiceField(label="Tactic", widget=forms.RadioSelect)
    decided_on = date_field("Date agreed")
    lead_agency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        required=False, label="Lead agency", empty_label="Not recorded", queryset=None)
    meeting: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        required=False, label="Meeting that agreed it", empty_label="Not agreed at a meeting",
        queryset=None, help_text="Meetings held in the last year")

    field_order = ["tactic", "decided_on", "meeting", "lead_agency", "started_on",
                   "ended_on", "outcome", "details"]

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tactics = actor.partnership.policy.disruption.tactics.value
        self.fields["tactic"].choices = list(tactics.items())  # type: ignore[attr-defined]
        self.fields["lead_agency"].queryset = actor.partnership.agencies.order_by("name")  # type: ignore[attr-defined]
        since = timezone.now() - timedelta(days=366)
        self.fields["meeting"].queryset = Meeting.objects.for_actor(actor).filter(  # type: ignore[attr-defined]
            starts_at__gte=since, status__in=[Meeting.Status.HELD, Meeting.Status.APPROVED]
        ).order_by("-starts_at")
        del self.fields["version"]


class FilterForm(Form):
    tactic = forms.ChoiceField(required=False, label="Tactic")
    outcome = forms.ChoiceField(required=False, label="Outcome",
                                choices=[("", "Any"), *Outcome.choices])
    target_kind = forms.ChoiceField(required=False, label="Aimed at",
                                    choices=[("", "Any"), *TargetKind.choices])

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tactics = actor.partnership.policy.disruption.tactics.value
        self.fields["tactic"].choices = [("", "Any"), *tactics.items()]  # type: ignore[attr-defined]
