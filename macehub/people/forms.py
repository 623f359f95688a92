from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from macehub.lib.date_input import MonthField
from macehub.lib.forms import Form, RevealRadioSelect, date_field
from macehub.partnerships.models import Partnership
from macehub.people.birth import Birth, Precision
from macehub.people.ethnicity import grouped_choices
from macehub.people.models import CareStatus, Child, Education, Gender, Relation
from macehub.people.services import birth_given, check_age_scope


class BirthForm(Form):
    """The child's date of birth, as much of it as is known (GOV.UK radios with the
    question for each choice revealed under it; without JavaScript every question shows).
    Checked in one pass with the rest of the form, against the pack's age scope:
    people.services.birth_given and check_age_scope. The cleaned data holds
    `date_of_birth` (the 1st of the month for a month and year), its precision and the
    approximate age."""

    date_of_birth_precision = forms.ChoiceField(
        label="What do you know about the child's date of birth?",
        choices=Precision.choices, initial=Precision.EXACT, required=False,
        widget=RevealRadioSelect(reveals={Precision.EXACT: ["date_of_birth"],
                                          Precision.MONTH: ["birth_month"],
                                          Precision.AGE: ["approximate_age"]}),
        help_text="Choose an exact date if you know it")
    date_of_birth = date_field("Date of birth", required=False, past=True)
    birth_month = MonthField(label="Month and year of birth", required=False, past=True)
    approximate_age = forms.IntegerField(
        label="Approximate age in years", required=False, min_value=0, max_value=120,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-3",
                                      "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"invalid": "Approximate age must be a whole number of years, like 15",
                        "min_value": "Approximate age must be 0 or more",
                        "max_value": "Approximate age must be a whole number of years, "
                                     "like 15"})

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Nothing chosen is an exact date: "Enter the child's date of birth" if none is given.
        precision = data["date_of_birth_precision"] = \
            data.get("date_of_birth_precision") or Precision.EXACT
        asked = BIRTH_PARTS.get(precision, ())
        for other, parts in BIRTH_PARTS.items():  # what was typed under another choice
            for name in parts if other != precision else ():
                self.errors.pop(name, None)
                data[name] = None
        if any(name in self.errors for name in ("date_of_birth_precision", *asked)):
            return data
        if precision == Precision.MONTH:  # kept as the 1st of the month
            data["date_of_birth"] = data.get("birth_month")
        field = BIRTH_PARTS[precision][0] if precision in BIRTH_PARTS else None
        try:
            birth = birth_given(date_of_birth_precision=precision,
                                date_of_birth=data["date_of_birth"],
                                approximate_age=data["approximate_age"])
            check_age_scope(self.partnership, birth)
        except ValidationError as error:
            for message in error.messages:
                self.add_error(field, message)
        return data

    @staticmethod
    def initial_for(child: Child) -> dict[str, Any]:
        return {"date_of_birth_precision": child.date_of_birth_precision,
                "date_of_birth": child.date_of_birth
                if child.date_of_birth_precision == Precision.EXACT else None,
                "birth_month": child.date_of_birth
                if child.date_of_birth_precision == Precision.MONTH else None,
                "approximate_age": child.approximate_age}


def take_birth(data: dict[str, Any]) -> Birth:
    """The date of birth in a BirthForm's cleaned data (its fields removed from it)."""
    data.pop("birth_month", None)
    return birth_given(date_of_birth_precision=data.pop("date_of_birth_precision"),
                       date_of_birth=data.pop("date_of_birth"),
                       approximate_age=data.pop("approximate_age"))


# The question each choice reveals, where its errors are shown.
BIRTH_PARTS = {Precision.EXACT: ("date_of_birth",), Precision.MONTH: ("birth_month",),
               Precision.AGE: ("approximate_age",)}


class ChildEditForm(BirthForm):
    first_name = forms.CharField(label="Legal first name", max_length=100)
    last_name = forms.CharField(label="Legal last name", max_length=100)
    known_as = forms.CharField(label="Known as", required=False, max_length=300,
                               help_text="Other names and spellings, separated by commas")
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
    field_order = ["first_name", "last_name", "known_as", "date_of_birth_precision"]

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
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
