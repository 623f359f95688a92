"""The dashboard's period and area (From must not be after To), and the plan audit's forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.lib.forms import Form
from macehub.missing.forms import PeriodForm
from macehub.oversight.models import PlanAuditEntry, quarter_label
from macehub.oversight.services import quarter_start
from macehub.partnerships.models import Area

QUARTERS_OFFERED = 8


class DashboardForm(PeriodForm):
    area = forms.ModelChoiceField(required=False, label="Area", empty_label="Every area",
                                  queryset=Area.objects.none())

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = actor.partnership.areas.all()  # type: ignore[attr-defined]


def recent_quarters(today: date | None = None) -> list[tuple[str, str]]:
    """This quarter and the seven before it, newest first, as choices."""
    start = quarter_start(today or timezone.localdate())
    found = []
    for _ in range(QUARTERS_OFFERED):
        found.append((start.isoformat(), quarter_label(start)))
        start = quarter_start(date.fromordinal(start.toordinal() - 1))
    return found


class DrawForm(Form):
    quarter = forms.ChoiceField(label="Quarter to audit", error_messages={
        "required": "Choose the quarter to audit", "invalid_choice": "Choose the quarter to audit"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = recent_quarters()  # type: ignore[attr-defined]


class GradeForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label="Notes on this plan (optional)", required=False,
                           max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, questions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n, question in enumerate(questions, start=1):
            self.fields[f"q{n}"] = forms.ChoiceField(
                label=question, choices=PlanAuditEntry.Grade.choices, widget=forms.RadioSelect,
                error_messages={"required": f"Grade the plan against: {question}"})
        self.order_fields([f"q{n}" for n in range(1, len(questions) + 1)] + ["note", "version"])


class CompleteForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    findings = forms.CharField(label="Findings", max_length=20000,
                               widget=forms.Textarea(attrs={"rows": 6}),
                               error_messages={"required": "Enter the audit's findings"})
    actions = forms.CharField(label="Actions (one per line, optional)", required=False,
                              max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))
