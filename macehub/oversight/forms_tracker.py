"""The MACE tracker's filters, and the forms of importing a tracker kept in a spreadsheet."""

from __future__ import annotations

from typing import Any

from django import forms

from macehub.access.actor import Actor
from macehub.concerns.models import RiskLevel
from macehub.lib.forms import Form
from macehub.oversight.tracker import STATUSES, Filters
from macehub.partnerships.models import Area


class TrackerFilterForm(Form):
    status = forms.ChoiceField(label="Cases", required=False, choices=list(STATUSES.items()),
                               error_messages={"invalid_choice": "Choose open cases, closed "
                                               "cases, or both"})
    risk = forms.ChoiceField(label="Risk level", required=False,
                             choices=[("", "Any"), *RiskLevel.choices])
    area = forms.ModelChoiceField(label="Area", required=False, empty_label="Every area",
                                  queryset=Area.objects.none())
    exploitation_type = forms.ChoiceField(label="Model of exploitation", required=False)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = actor.partnership.areas.all()  # type: ignore[attr-defined]
        self.fields["exploitation_type"].choices = [  # type: ignore[attr-defined]
            ("", "Any"), *((k, t.label) for k, t in
                           actor.partnership.policy.exploitation_types.items())]

    def filters(self) -> Filters:
        """The chosen filters; the defaults (open cases) while the form is unbound."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(status=data["status"] or "open", risk=data["risk"],
                       area_id=data["area"].pk if data["area"] else None,
                       exploitation_type=data["exploitation_type"])


class UploadForm(Form):
    file = forms.FileField(label="MACE tracker (Excel workbook .xlsx, or CSV)", error_messages={
        "required": "Choose the tracker file to upload",
        "empty": "The file is empty"})


class MappingForm(Form):
    """One choice per column of the file: the field it holds, or Not imported."""

    def __init__(self, *args: Any, headings: list[str], initial_mapping: dict[str, str],
                 **kwargs: Any) -> None:
        from macehub.oversight.importing import FIELDS

        super().__init__(*args, **kwargs)
        choices = [("", "Not imported"), *FIELDS.items()]
        for n, heading in enumerate(headings):
            self.fields[f"column_{n}"] = forms.ChoiceField(
                label=f"Column {n + 1}: {heading}", required=False, choices=choices,
                initial=initial_mapping.get(str(n), ""))

    def chosen(self) -> dict[str, str]:
        return {name.removeprefix("column_"): value for name, value in self.cleaned_data.items()
                if name.startswith("column_") and value}
