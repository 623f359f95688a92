from __future__ import annotations

from typing import Any

from django import forms

from macehub.lib.forms import Form
from macehub.partnerships.models import AgencyType, Area, Partnership


class AgencyForm(Form):
    name = forms.CharField(max_length=200)
    type = forms.ChoiceField(choices=AgencyType.choices, label="Type of agency")
    is_active = forms.BooleanField(required=False, initial=True, label="In use")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class AreaForm(Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=Area.Kind.choices, widget=forms.RadioSelect)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"] = forms.ModelChoiceField(
            queryset=partnership.areas.all(),
            required=False,
            label="Inside area (optional)",
        )


class ChooseForm(Form):
    partnership = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)


class InfoPageForm(Form):
    body = forms.CharField(
        label="Page text", max_length=20000, widget=forms.Textarea(attrs={"rows": 20}),
        help_text="Leave a blank line between paragraphs.")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
