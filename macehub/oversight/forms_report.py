"""Reports' forms: the report and period to generate (To must not be before From), the
narrative (one text per section of the report), and the version a confirmation acts on."""

from __future__ import annotations

from typing import Any

from django import forms

from macehub.lib.forms import Form
from macehub.missing.forms import PeriodForm


class GenerateForm(PeriodForm):
    kind = forms.ChoiceField(label="Report", error_messages={
        "required": "Choose the report to generate",
        "invalid_choice": "Choose the report to generate"})

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.order_fields(["kind", "start", "end"])


class NarrativeForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, sections: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n, title in enumerate(sections):
            self.fields[f"section_{n}"] = forms.CharField(
                label=title, required=False, max_length=20000,
                widget=forms.Textarea(attrs={"rows": 6, "class": "govuk-textarea"}))
        self.order_fields([f"section_{n}" for n in range(len(sections))] + ["version"])

    def texts(self) -> list[str]:
        return [v for k, v in self.cleaned_data.items() if k.startswith("section_")]


class ConfirmForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
