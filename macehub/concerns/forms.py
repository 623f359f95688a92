from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from macehub.concerns.models import Consent, Mention, RiskLevel
from macehub.concerns.services import check_consent
from macehub.lib.forms import (
    Form,
    GroupedRadioSelect,
    RevealRadioSelect,
    apply_errors,
)
from macehub.partnerships.models import Partnership
from macehub.partnerships.policy import PolicyPack
from macehub.people.ethnicity import grouped_choices
from macehub.people.forms import BirthForm
from macehub.people.models import Ethnicity, Gender


class DangerForm(Form):
    immediate_danger = forms.ChoiceField(
        label="Is the child in immediate danger?", widget=forms.RadioSelect, choices=[
            ("no", "No"),
            ("reported", "Yes, and I have already called 999 and followed child-protection "
                         "procedures"),
            ("not_reported", "Yes, and I have not reported it yet"),
        ])


class ChildForm(BirthForm):
    first_name = forms.CharField(label="First name", max_length=100,
                                 error_messages={"required": "Enter the child's first name"})
    last_name = forms.CharField(label="Last name", max_length=100,
                                error_messages={"required": "Enter the child's last name"})
    known_as = forms.CharField(label="Other names they are known by (optional)",
                               required=False, max_length=300,
                               help_text="Nicknames or other spellings, separated by commas")
    gender = forms.ChoiceField(label="Gender", widget=forms.RadioSelect,
                               choices=Gender.choices, initial=Gender.UNKNOWN,
                               error_messages={"required": "Select the child's gender, or "
                                                           "not known"})
    ethnicity = forms.ChoiceField(
        label="Ethnic group", widget=GroupedRadioSelect, choices=grouped_choices(),
        initial=Ethnicity.UNKNOWN,
        error_messages={"required": "Select the child's ethnic group, or not known"},
        help_text="As the child or their family describe it, if "
        "you know")
    education_setting = forms.CharField(
        label="School, college or setting (optional)", required=False, max_length=200,
        help_text="Where the child is on roll or attends, if you know")
    address = forms.CharField(label="Address (optional)", required=False, max_length=300)
    postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=10,
                               widget=forms.TextInput(attrs={"class": "govuk-input "
                                                                      "govuk-input--width-10"}))
    # The date of birth (BirthForm) after the names; it is checked against the pack's age
    # scope on this page rather than at the end.
    field_order = ["first_name", "last_name", "known_as", "date_of_birth_precision"]


class WhatForm(Form):
    what_happened = forms.CharField(label="What was seen or what happened?",
                                    widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)
    missing_history = forms.CharField(
        label="Known missing episodes (optional)", required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="When and how often the child has gone missing, if you know")

    def __init__(self, *args: Any, pack: PolicyPack, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        missing_alone = pack.missing_alone_allowed
        self.fields["exploitation_types"] = forms.MultipleChoiceField(
            label="Which kinds of exploitation do you suspect?", required=not missing_alone,
            widget=forms.CheckboxSelectMultiple,
            help_text="None, if the concern is only that the child goes missing"
            if missing_alone else "",
            choices=[(k, t.label) for k, t in pack.exploitation_types.items()])
        if missing_alone:  # Kirklees 004 §4, §5 i: missing and/or exploitation concerns
            self.fields["about_missing"] = forms.BooleanField(
                label="The concern is about the child going missing", required=False)
        self.fields["indicators"] = forms.MultipleChoiceField(
            label="Which of these have you seen? (optional)", required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(k, i.label) for k, i in pack.screening.tool.indicators.items()])
        self.order_fields(["what_happened", "about_missing", "exploitation_types",
                           "indicators", "missing_history"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "about_missing" in self.fields and not data.get("exploitation_types") and \
                not data.get("about_missing"):
            self.add_error("exploitation_types", "Select at least one kind of exploitation, "
                           "or say the concern is about the child going missing")
        return data


class MentionForm(Form):
    kind = forms.ChoiceField(label="Type", required=False,
                             choices=[("", "Choose")] + list(Mention.Kind.choices))
    value = forms.CharField(label="Name, address, registration, number or account",
                            required=False, max_length=200)
    details = forms.CharField(label="Description (optional)", required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("kind")) != bool(data.get("value")):
            raise forms.ValidationError("Give both the type and the name or number")
        return data


class MentionRows:
    """The people, places, vehicles, phones and accounts: as many rows as the referrer
    needs (MOJ "add another"). Rows are read from whatever `mention-<n>-…` names arrive, so
    rows added in the browser count; without JavaScript the add button comes back to the
    server, which adds an empty row."""

    MAX = 20
    ROW = re.compile(r"^mention-(\d{1,3})-(kind|value|details)$")

    def __init__(self, data: Any = None, initial: list[dict[str, Any]] | None = None) -> None:
        self.adding = bool(data and "add" in data)
        self.too_many = False
        if data is not None:
            found = sorted({int(m.group(1)) for k in data if (m := self.ROW.match(k))})
            self.too_many = len(found) > self.MAX
            self.forms = [MentionForm(data, prefix=f"mention-{i}") for i in found]
        else:
            self.forms = [MentionForm(initial=row, prefix=f"mention-{i}")
                          for i, row in enumerate(initial or [])]
        if not self.forms or (self.adding and len(self.forms) < self.MAX):
            self.forms.append(MentionForm(prefix=f"mention-{len(self.forms)}"))
        for form in self.forms:
            for name, field in form.fields.items():
                field.widget.attrs.update({"data-name": f"mention-%index%-{name}",
                                           "data-id": f"id_mention-%index%-{name}"})

    def non_form_errors(self) -> list[str]:
        return [f"You can add up to {self.MAX} entries: remove one, or describe the rest in "
                "what happened"] if self.too_many else []

    def is_valid(self) -> bool:
        valid = all([f.is_valid() for f in self.forms if f.is_bound])
        return valid and not self.adding and not self.too_many

    @property
    def total_error_count(self) -> int:
        return len(self.non_form_errors()) + sum(
            len(f.errors) for f in self.forms if f.is_bound)

    def cleaned(self) -> list[dict[str, Any]]:
        return [f.cleaned_data for f in self.forms
                if f.is_bound and f.cleaned_data.get("kind")]


class ConsentForm(Form):
    child_protection_plan = forms.TypedChoiceField(
        label="Is the child subject to a child protection plan?", widget=forms.RadioSelect,
        coerce=lambda v: v == "yes", choices=[("yes", "Yes"), ("no", "No")])
    consent = forms.ChoiceField(
        label="Consent to share this concern", required=False,
        widget=RevealRadioSelect(reveals={Consent.DISPENSED: ["consent_dispensed_reason",
                                                              "consent_dispensed_by"]}),
        help_text="Not needed if the child is subject to a child protection plan",
        choices=[(Consent.OBTAINED, Consent.OBTAINED.label),
                 (Consent.DISPENSED, Consent.DISPENSED.label),
                 (Consent.NEITHER, Consent.NEITHER.label)])
    consent_dispensed_reason = forms.CharField(
        label="Why was consent dispensed with?", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}))
    consent_dispensed_by = forms.CharField(label="Who authorised it?", required=False,
                                           max_length=200)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean(self) -> dict[str, Any]:
        """The service's consent rule, on this page (concerns.services.check_consent)."""
        data = super().clean() or {}
        if "child_protection_plan" in data:
            try:
                check_consent(self.partnership,
                              child_protection_plan=data["child_protection_plan"],
                              consent=data.get("consent", ""),
                              dispensed_reason=data.get("consent_dispensed_reason", ""),
                              dispensed_by=data.get("consent_dispensed_by", ""))
            except ValidationError as error:
                apply_errors(self, error)
        return data


class MatchForm(Form):
    child = forms.TypedChoiceField(label="Which record is this child?", coerce=int,
                                   widget=forms.RadioSelect)


class ScreeningForm(Form):
    risk = forms.ChoiceField(label="Risk level", widget=forms.RadioSelect,
                             choices=RiskLevel.choices)
    override_reason = forms.CharField(
        label="Reason, if different from the suggested level", required=False,
        max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    advice_given = forms.CharField(label="Signposting or advice given", required=False,
                                   max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    feedback = forms.CharField(label="Feedback to the referrer (optional now)",
                               required=False, max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, pack: PolicyPack, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"] = forms.MultipleChoiceField(
            label="Indicators present", required=False, widget=forms.CheckboxSelectMultiple,
            choices=[(k, f"{i.label} ({i.weight})")
                     for k, i in pack.screening.tool.indicators.items()])
        self.fields["outcome"] = forms.ChoiceField(
            label="Outcome", widget=forms.RadioSelect,
            choices=[(k, o.label) for k, o in pack.screening.outcomes.items()
                     if pack.outcome_allowed(k)])
        self.order_fields(["indicators", "risk", "override_reason", "outcome",
                           "advice_given", "feedback"])


class FeedbackForm(Form):
    feedback = forms.CharField(label="Feedback given to the referrer", max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}))
