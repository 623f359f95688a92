"""The dashboard's period and area: From must not be after To."""

from __future__ import annotations

from typing import Any

from django import forms

from macehub.access.actor import Actor
from macehub.missing.forms import PeriodForm
from macehub.partnerships.models import Area


class DashboardForm(PeriodForm):
    area = forms.ModelChoiceField(required=False, label="Area", empty_label="Every area",
                                  queryset=Area.objects.none())

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = actor.partnership.areas.all()  # type: ignore[attr-defined]
