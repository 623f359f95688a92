from __future__ import annotations

from typing import Any

from django import forms

from macehub.cases.models import Case, ChronologyEntry, NrmReferral
from macehub.concerns.models import RiskLevel
from macehub.lib.forms import Form, date_field
from macehub.partnerships.models import Agency, Area, Partnership
from macehub.partnerships.policy import PolicyPack


class AgencyField(forms.TypedChoiceField):
    """A choice of agency from a list loaded once per page (several forms share it)."""

    def __init__(self, agencies: list[Agency], required: bool = True) -> None:
        by_pk = {agency.pk: agency for agency in agencies}
        super().__init__(choices=[("", "Choose an agency")] + [(a.pk, a.name) for a in agencies],
                         coerce=lambda pk: by_pk[int(pk)], required=required, empty_value=None,
                         label="Agency")


def _agencies(partnership: Partnership, required: bool = True) -> AgencyField:
    return AgencyField(agencies_of(partnership), required=required)


def agencies_of(partnership: Partnership) -> list[Agency]:
    cache = getattr(partnership, "_active_agencies", None)
    if cache is None:
        cache = list(partnership.agencies.filter(is_active=True))
        partnership._active_agencies = cache  # type: ignore[attr-defined]
    return cache


class CaseFilterForm(Form):
    prefix = "filter"

    reference = forms.CharField(required=False, max_length=30, label="Case reference",
                                help_text="All or part of it, like DUD-2026-0001 or 0001")
    status = forms.ChoiceField(required=False, choices=[("", "Any")] + list(Case.Status.choices))
    risk = forms.ChoiceField(required=False, choices=[("", "Any")] + list(RiskLevel.choices))
    lead_professional = forms.CharField(required=False, max_length=200)
    exploitation_type = forms.ChoiceField(required=False, label="Exploitation type")
    area = forms.ModelChoiceField(queryset=Area.objects.none(), required=False,
                                  empty_label="Any")

    def __init__(self, *args: Any, pack: PolicyPack, partnership: Partnership,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["exploitation_type"].choices = [  # type: ignore[attr-defined]
            ("", "Any"), *((k, t.label) for k, t in pack.exploitation_types.items())]
        self.fields["area"].queryset = partnership.areas.all()  # type: ignore[attr-defined]


class RiskForm(Form):
    prefix = "risk"

    risk = forms.ChoiceField(choices=RiskLevel.choices, widget=forms.RadioSelect)
    reason = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class StatusForm(Form):
    prefix = "status"

    # A case is monitored by a step-down decision or a screening outcome, not from here.
    status = forms.ChoiceField(choices=[c for c in Case.Status.choices
                                        if c[0] != Case.Status.MONITORED],
                               widget=forms.RadioSelect)
    reason = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class MonitoringForm(Form):
    """The coordinator's review of a monitored case (Kirklees §5 iii, §6 iv)."""

    prefix = "monitoring"

    back_to_mace = forms.TypedChoiceField(
        label="Decision", widget=forms.RadioSelect, coerce=lambda v: v == "back",
        choices=[("stay", "Stays monitored without MACE meetings"),
                 ("back", "Back to MACE meetings")])
    lead_professional = forms.CharField(
        label="Lead professional consulted", required=False, max_length=200,
        help_text="Needed after a rise in risk or a new concern")
    note = forms.CharField(label="What was reviewed and decided", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseEditForm(Form):
    prefix = "details"

    lead_professional = forms.CharField(required=False, max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, pack: PolicyPack, partnership: Partnership,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_agency"] = _agencies(partnership, required=False)
        self.fields["lead_agency"].label = "Lead agency"
        self.fields["exploitation_types"] = forms.MultipleChoiceField(
            widget=forms.CheckboxSelectMultiple, required=not pack.missing_alone_allowed,
            choices=[(k, t.label) for k, t in pack.exploitation_types.items()])
        self.fields["places"] = forms.MultipleChoiceField(
            label="Places of exploitation", required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes__input"}),
            choices=list(pack.oversight.tracker.places.value.items()))
        self.fields["outcome"] = forms.CharField(
            label="Outcome, or reason the risk came down", required=False, max_length=1000,
            widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}))


class PlanForm(Form):
    prefix = "plan"

    summary = forms.CharField(max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))
    agreed_on = date_field("Date agreed")
    review_on = date_field("Review date (optional)", required=False)

    def __init__(self, *args: Any, pack: PolicyPack, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(
            label="Type of plan", widget=forms.RadioSelect,
            choices=[(k, t.label) for k, t in pack.plans.types.items()
                     if t.belongs_to == "case"])
        self.order_fields(["kind", "summary", "agreed_on", "review_on"])


class FlagForm(Form):
    prefix = "flag"

    flagged_on = date_field("Date flagged")

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"] = _agencies(partnership)
        self.order_fields(["agency", "flagged_on"])


class NrmForm(Form):
    prefix = "nrm"

    referred_on = date_field("Date referred")
    first_responder = forms.CharField(label="First responder organisation", max_length=200)
    reasonable_grounds = forms.ChoiceField(choices=NrmReferral.Decision.choices,
                                           initial="pending")
    reasonable_grounds_on = date_field("Reasonable grounds decision date", required=False)
    conclusive_grounds = forms.ChoiceField(choices=NrmReferral.Decision.choices,
                                           initial="pending")
    conclusive_grounds_on = date_field("Conclusive grounds decision date", required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ChronologyFilterForm(Form):
    prefix = "chronology"

    kind = forms.ChoiceField(required=False, label="Show",
                             choices=[("", "Everything")] + list(ChronologyEntry.Kind.choices))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ForumPlanForm(Form):
    """A forum's plan for an area (Essex MACE 2: a quadrant's action plan)."""

    summary = forms.CharField(label="The plan", max_length=10000,
                              widget=forms.Textarea(attrs={"rows": 6}))
    impact_measures = forms.CharField(
        label="Impact measures", required=False, max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: what partner agencies report to show the plan is working")
    agreed_on = date_field("Date agreed")
    review_on = date_field("Review date (optional)", required=False)

    def __init__(self, *args: Any, types: dict[str, str], partnership: Partnership,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(label="Type of plan", widget=forms.RadioSelect,
                                                choices=list(types.items()))
        self.fields["area"] = forms.ModelChoiceField(
            label="Area", required=False, queryset=partnership.areas.all())
        self.order_fields(["kind", "area", "summary", "impact_measures", "agreed_on",
                           "review_on"])

    def clean_impact_measures(self) -> list[str]:
        return _lines(self.cleaned_data.get("impact_measures") or "")


class ForumPlanEditForm(Form):
    summary = forms.CharField(label="The plan", max_length=10000,
                              widget=forms.Textarea(attrs={"rows": 6}))
    impact_measures = forms.CharField(
        label="Impact measures", required=False, max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}), help_text="One per line")
    review_on = date_field("Review date (optional)", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_impact_measures(self) -> list[str]:
        return _lines(self.cleaned_data.get("impact_measures") or "")
