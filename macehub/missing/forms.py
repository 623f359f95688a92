"""Forms for missing episodes, the import, matching, triggers and return interviews."""

from __future__ import annotations

from typing import Any

from django import forms

from macehub.lib.date_input import DateTimeField
from macehub.lib.forms import Form, date_field
from macehub.missing.models import GRADE_LABELS, Harm, LookedAfter, MissingFrom
from macehub.missing.queries import list_forums
from macehub.partnerships.models import Area, Partnership
from macehub.partnerships.policy import PolicyPack


class EpisodeForm(Form):
    force = forms.CharField(label="Police force", max_length=100)
    police_reference = forms.CharField(max_length=50)
    reported_at = DateTimeField(label="Reported missing", not_after_today=True)
    returned_at = DateTimeField(label="Found or returned (leave empty if still missing)",
                                required=False, not_after_today=True)
    missing_from = forms.ChoiceField(choices=MissingFrom.choices, widget=forms.RadioSelect)
    missing_from_address = forms.CharField(max_length=300, required=False)
    found_location = forms.CharField(label="Where found or located", max_length=300,
                                     required=False)
    area = forms.ModelChoiceField(queryset=Area.objects.none(), required=False)
    risk_grade = forms.ChoiceField(label="Police risk grade", widget=forms.RadioSelect)
    circumstances = forms.CharField(widget=forms.Textarea, required=False)
    harm_indicators = forms.MultipleChoiceField(
        label="Harm indicators", choices=Harm.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    reported_by = forms.CharField(max_length=200, required=False)
    looked_after = forms.ChoiceField(choices=LookedAfter.choices, initial=LookedAfter.NO)
    responsible_authority = forms.CharField(max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = partnership.areas.all()
        grades = partnership.policy.missing.police_risk_grades.value
        grade = self.fields["risk_grade"]
        assert isinstance(grade, forms.ChoiceField)
        grade.choices = [(g, GRADE_LABELS[g]) for g in grades]


class ImportForm(Form):
    file = forms.FileField(label="Police notification file (CSV)")


class MatchForm(Form):
    child = forms.IntegerField(label="Record number of the matching child", required=False)
    confirm_new = forms.BooleanField(label="None of these: this is a new child",
                                     required=False)


class HandleForm(Form):
    note = forms.CharField(label="What was done or decided", widget=forms.Textarea)


class OfferForm(Form):
    kind = forms.ChoiceField(choices=[("child", "The child"), ("parent", "A parent or carer")],
                             widget=forms.RadioSelect, initial="child")
    episodes = forms.MultipleChoiceField(label="Episodes the offer covers",
                                         widget=forms.CheckboxSelectMultiple)
    offered_on = date_field("Date offered")
    offered_by = forms.CharField(max_length=200)

    def __init__(self, *args: Any, episodes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["episodes"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(e.pk), f"{e.police_reference}, reported "
                          f"{e.reported_at:%d %b %Y %H:%M}") for e in episodes]


class RespondForm(Form):
    accepted = forms.TypedChoiceField(
        label="Answer", choices=[("yes", "Accepted"), ("no", "Declined")],
        coerce=lambda v: v == "yes", widget=forms.RadioSelect)
    responded_on = date_field("Date of the answer")
    version = forms.IntegerField(widget=forms.HiddenInput)


class CompleteForm(Form):
    completed_on = date_field("Date completed")
    conducted_by = forms.CharField(label="Conducted by", max_length=200)
    push_factors = forms.MultipleChoiceField(required=False,
                                             widget=forms.CheckboxSelectMultiple)
    pull_factors = forms.MultipleChoiceField(required=False,
                                             widget=forms.CheckboxSelectMultiple)
    factors_other = forms.CharField(label="Other push or pull factors", required=False,
                                    widget=forms.Textarea)
    disclosures = forms.CharField(required=False, widget=forms.Textarea)
    outcome = forms.CharField(required=False, widget=forms.Textarea)
    synopsis = forms.CharField(label="Synopsis (shared with police and social care)",
                               widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, pack: PolicyPack, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule = pack.missing.return_interview
        for name in ("push_factors", "pull_factors"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            listed = getattr(rule, name)
            field.choices = [(f, f) for f in (listed.value if listed else [])]


class PeriodForm(Form):
    start = date_field("From", required_message="Enter the first day of the period")
    end = date_field("To", required_message="Enter the last day of the period")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "To must be the same as or after From")
        return data


class MeetingForm(Form):
    forum = forms.ChoiceField(label="Meeting")
    on = date_field("Day of the meeting")

    def __init__(self, *args: Any, pack: PolicyPack, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["forum"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = meeting_choices(pack)


def meeting_choices(pack: PolicyPack) -> list[tuple[str, str]]:
    """The forums the pack's missing triggers send children to, else its missing meetings."""
    keys = list_forums(pack)
    return [(k, pack.forums[k].label) for k in keys] or [("", "Missing episodes")]
