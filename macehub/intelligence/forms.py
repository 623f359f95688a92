"""The pages' forms for intelligence records and links. The services check every rule;
these forms only read what was typed."""

from __future__ import annotations

from typing import Any

from django import forms

from macehub.access.actor import Actor
from macehub.access.permissions import role_label
from macehub.intelligence.models import (
    Assessment,
    EndKind,
    GroupType,
    Handling,
    LinkKind,
    LocationStatus,
    LocationType,
    PoiStatus,
    SourceEvaluation,
    SourceKind,
)
from macehub.intelligence.models_matching import CandidateKind, Verdict
from macehub.intelligence.services import DISCLOSABLE
from macehub.lib.forms import Form, date_field
from macehub.partnerships.models import Area

ONE_A_LINE = "One a line"


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class Versioned(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PersonForm(Versioned):
    name = forms.CharField(required=False, max_length=200,
                           help_text="Leave empty if the person is known only by an alias "
                                     "or a street name")
    aliases = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=ONE_A_LINE)
    street_names = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                   help_text=ONE_A_LINE)
    date_of_birth = date_field("Date of birth", required=False)
    approximate_age = forms.IntegerField(required=False, min_value=1, max_value=120,
                                         help_text="If the date of birth is not known")
    height = forms.CharField(required=False, max_length=100)
    build = forms.CharField(required=False, max_length=100)
    marks = forms.CharField(label="Distinguishing marks and tattoos", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label="Other description", required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    addresses = forms.CharField(label="Known addresses", required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(choices=PoiStatus.choices, widget=forms.RadioSelect,
                               initial=PoiStatus.ACTIVE)
    release_on = date_field("Release date", required=False,
                            help_text="For a person in custody, if known")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["aliases"] = _lines(data.get("aliases", ""))
        data["street_names"] = _lines(data.get("street_names", ""))
        return data


class VehicleForm(Versioned):
    registration = forms.CharField(label="Registration number", max_length=20,
                                   help_text="For example, AB12 CDE")
    partial = forms.BooleanField(label="This is only part of the registration number",
                                 required=False)
    make = forms.CharField(required=False, max_length=100)
    model = forms.CharField(required=False, max_length=100)
    colour = forms.CharField(required=False, max_length=50)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PhoneForm(Versioned):
    number = forms.CharField(label="Phone number", max_length=30,
                             help_text="For example, 07700 900982 or +44 7700 900982")
    deal_line = forms.BooleanField(label="This is a deal line", required=False)
    line_name = forms.CharField(label="Line name", required=False, max_length=100)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AccountForm(Versioned):
    platform = forms.CharField(max_length=100, help_text="For example, Snapchat")
    handle = forms.CharField(label="Handle or username", max_length=200)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class LocationForm(Versioned):
    address = forms.CharField(label="Address or description", max_length=300)
    postcode = forms.CharField(required=False, max_length=10)
    type = forms.ChoiceField(label="Type of location", choices=LocationType.choices)
    status = forms.ChoiceField(choices=LocationStatus.choices, widget=forms.RadioSelect,
                               initial=LocationStatus.NOT_ASSESSED)
    area = forms.ModelChoiceField(required=False, queryset=Area.objects.none(),
                                  empty_label="Not known")
    latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6)
    approximate = forms.BooleanField(label="The point is approximate", required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = actor.partnership.areas.all()  # type: ignore[attr-defined]


class GroupForm(Versioned):
    name = forms.CharField(max_length=200)
    type = forms.ChoiceField(label="Type of group", choices=GroupType.choices)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


ENTITY_FORMS: dict[str, type[Versioned]] = {
    "person": PersonForm, "vehicle": VehicleForm, "phone": PhoneForm,
    "account": AccountForm, "location": LocationForm, "group": GroupForm}


def entity_form(kind: str, actor: Actor, *args: Any, **kwargs: Any) -> Versioned:
    if kind == "location":
        return LocationForm(*args, actor=actor, **kwargs)
    return ENTITY_FORMS[kind](*args, **kwargs)


class GradeForm(Form):
    """What a link says and how it is graded (3x5x2)."""

    kind = forms.ChoiceField(label="Kind of link", choices=LinkKind.choices)
    started_on = date_field("Start date", required=False)
    ended_on = date_field("End date", required=False)
    details = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    source_kind = forms.ChoiceField(label="Where the information came from",
                                    choices=SourceKind.choices, widget=forms.RadioSelect)
    source_detail = forms.CharField(
        label="Which one", required=False, max_length=300,
        help_text="For example, the concern from the school on 3 March")
    source_evaluation = forms.ChoiceField(
        label="Source evaluation", widget=forms.RadioSelect,
        choices=[(v, f"{v}: {label}") for v, label in SourceEvaluation.choices])
    assessment = forms.ChoiceField(
        label="Intelligence assessment", widget=forms.RadioSelect,
        choices=[(v, f"{v}: {label}") for v, label in Assessment.choices])
    handling = forms.ChoiceField(
        label="Handling code", widget=forms.RadioSelect,
        choices=[(v, f"{v}: {label}") for v, label in Handling.choices])
    disclose_to = forms.MultipleChoiceField(
        label="Who the conditions allow to see the link", required=False,
        widget=forms.CheckboxSelectMultiple, help_text="For handling code C",
        choices=[(r, role_label(r)) for r in DISCLOSABLE])
    conditions = forms.CharField(label="Handling conditions", required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text="For handling code C")


class LinkForm(GradeForm):
    """The record to link to is one of those found by the search in the address (`to`
    and `q`), so the kind linked is always the kind searched."""

    other = forms.TypedChoiceField(label="Record to link to", coerce=int,
                                   widget=forms.RadioSelect)
    field_order = ["other"]

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = candidates  # type: ignore[attr-defined]


class FindForm(Form):
    to = forms.ChoiceField(label="Link to", choices=EndKind.choices)
    q = forms.CharField(label="Find by name, number, registration or address",
                        required=False, max_length=100)


class EndForm(Versioned):
    ended_on = date_field("Date the link ended")
    reason = forms.CharField(required=False, max_length=300)


class CorrectForm(GradeForm, Versioned):
    reason = forms.CharField(label="Why the link is being corrected", max_length=300)


class CandidateForm(Form):
    """Someone or something heard of at screening or a meeting, to confirm later."""

    kind = forms.ChoiceField(label="What was named", widget=forms.RadioSelect,
                             choices=CandidateKind.choices)
    value = forms.CharField(label="Name, address, registration, number or handle",
                            max_length=300)
    details = forms.CharField(required=False, max_length=500,
                              widget=forms.Textarea(attrs={"rows": 3}))
    source_kind = forms.ChoiceField(label="Where it was named", widget=forms.RadioSelect,
                                    choices=SourceKind.choices, initial=SourceKind.MEETING)
    source_detail = forms.CharField(label="Which one", required=False, max_length=300,
                                    help_text="For example, the MACE meeting on 3 March")


class JudgeForm(Versioned):
    record = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(label="Is this the same?", widget=forms.RadioSelect,
                                choices=Verdict.choices)


class ConfirmForm(Versioned):
    record = forms.IntegerField(widget=forms.HiddenInput)


class MergeForm(Versioned):
    """Merge the record found (`other`) into this one, as both were seen."""

    other = forms.TypedChoiceField(label="Record to merge into this one", coerce=int,
                                   widget=forms.RadioSelect)
    reason = forms.CharField(label="Why they are the same", max_length=300)

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = candidates  # type: ignore[attr-defined]
