from __future__ import annotations

from typing import Any

from django import forms

from macehub.concerns.models import Consent, Mention, RiskLevel
from macehub.lib.forms import Form, date_field
from macehub.partnerships.policy import PolicyPack


class DangerForm(Form):
    immediate_danger = forms.ChoiceField(
        label="Is the child in immediate danger?", widget=forms.RadioSelect, choices=[
            ("no", "No"),
            ("reported", "Yes, and I have already called 999 and followed child-protection "
                         "procedures"),
            ("not_reported", "Yes, and I have not reported it yet"),
        ])


class ChildForm(Form):
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    known_as = forms.CharField(label="Other names they are known by (optional)",
                               required=False, max_length=300,
                               help_text="Nicknames or other spellings, separated by commas")
    date_of_birth = date_field("Date of birth")
    address = forms.CharField(label="Address (optional)", required=False, max_length=300)
    postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=10,
                               widget=forms.TextInput(attrs={"class": "govuk-input "
                                                                      "govuk-input--width-10"}))


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


MentionFormSet = forms.formset_factory(MentionForm, extra=3, max_num=20)


class ConsentForm(Form):
    child_protection_plan = forms.TypedChoiceField(
        label="Is the child subject to a child protection plan?", widget=forms.RadioSelect,
        coerce=lambda v: v == "yes", choices=[("yes", "Yes"), ("no", "No")])
    consent = forms.ChoiceField(
        label="Consent to share this concern", required=False, widget=forms.RadioSelect,
        help_text="Not needed if the child is subject to a child protection plan",
        choices=[(Consent.OBTAINED, Consent.OBTAINED.label),
                 (Consent.DISPENSED, Consent.DISPENSED.label),
                 (Consent.NEITHER, Consent.NEITHER.label)])
    consent_dispensed_reason = forms.CharField(
        label="If consent was dispensed with: why?", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}))
    consent_dispensed_by = forms.CharField(label="If consent was dispensed with: who "
                                                 "authorised it?", required=False,
                                           max_length=200)


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
