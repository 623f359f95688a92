from __future__ import annotations

from typing import Any

from django import forms

from macehub.lib.forms import Form, date_field
from macehub.partnerships.models import Partnership
from macehub.people.ethnicity import grouped_choices
from macehub.people.models import CareStatus, Education, Gender, Relation


class ChildEditForm(Form):
    first_name = forms.CharField(label="Legal first name", max_length=100)
    last_name = forms.CharField(label="Legal last name", max_length=100)
    known_as = forms.CharField(label="Known as", required=False, max_length=300,
                               help_text="Other names and spellings, separated by commas")
    date_of_birth = date_field("Date of birth")
    gender = forms.ChoiceField(choices=Gender.choices)
    ethnicity = forms.ChoiceField(label="Ethnic group", choices=grouped_choices())
    address = forms.CharField(required=False, max_length=300)
    postcode = forms.CharField(required=False, max_length=10)
    education = forms.ChoiceField(label="Education provision", choices=Education.choices)
    education_setting = forms.CharField(label="School or college (optional)", required=False,
                                        max_length=200)
    care_status = forms.ChoiceField(choices=CareStatus.choices)
    responsible_authority = forms.CharField(
        required=False, max_length=200,
        help_text="For a child placed into or out of the area: the authority responsible")
    send = forms.BooleanField(label="Special educational needs or disability", required=False)
    send_details = forms.CharField(label="SEND details (optional)", required=False,
                                   max_length=300)
    social_worker = forms.CharField(label="Allocated social worker", required=False,
                                    max_length=200)
    lead_professional = forms.CharField(required=False, max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_agency"] = forms.ModelChoiceField(
            queryset=partnership.agencies.filter(is_active=True),
            required=False)
        self.fields["area"] = forms.ModelChoiceField(
            label="Area where the child lives", required=False,
            queryset=partnership.areas.all(),
            help_text="Quadrant or district: meetings held per area take their own "
                      "area's children")

    def clean_known_as(self) -> list[str]:
        raw = self.cleaned_data.get("known_as") or ""
        return [n.strip() for n in raw.split(",") if n.strip()]


class RelationForm(Form):
    other = forms.IntegerField(label="Record number of the other child", min_value=1)
    kind = forms.ChoiceField(choices=Relation.Kind.choices, widget=forms.RadioSelect)
    note = forms.CharField(required=False, max_length=300)


class SearchForm(Form):
    name = forms.CharField(label="Name, known-as name, date of birth or case reference",
                           required=False, max_length=200,
                           help_text="For example, Kayden, Example, Kayden Example or "
                           "DUD-2026-0001")
    date_of_birth = date_field("Date of birth", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name") and not data.get("date_of_birth") and not self.errors:
            raise forms.ValidationError("Enter a name, a date of birth, or both")
        return data
