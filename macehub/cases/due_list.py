"""The due list's filters and sort keys, shared by the Due page and the API's due list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone

from macehub.lib.forms import Form
from macehub.lib.listing import Sorts
from macehub.rules.due import DueItem

# Soonest first by default, as the due list has always been.
DUE_SORTS: Sorts = {"due": ("due_on", "kind", "subject"), "what": ("title", "due_on"),
                    "for": ("subject", "due_on")}
# "Due soon" is a view of the list, not a rule of any partnership: two weeks ahead.
SOON = timedelta(days=14)


class DueFilterForm(Form):
    when = forms.ChoiceField(required=False, label="When", choices=[
        ("", "Any date"), ("overdue", "Overdue"), ("soon", "Overdue or due in two weeks")])
    subject = forms.CharField(required=False, max_length=200, label="For",
                              help_text="Part of a child's name or a meeting")


def due_filtered(items: list[DueItem], filters: dict[str, Any]) -> list[DueItem]:
    today = timezone.localdate()
    if filters.get("when") == "overdue":
        items = [i for i in items if i.overdue]
    elif filters.get("when") == "soon":
        items = [i for i in items if i.due_on <= today + SOON]
    if filters.get("subject"):
        wanted = filters["subject"].casefold()
        items = [i for i in items if wanted in i.subject.casefold()]
    return items
