"""Forms for the meeting pages. They check shape only; rules live in the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import URLValidator

from macehub.accounts.models import Role, User
from macehub.cases.forms import AgencyField, agencies_of
from macehub.concerns.models import RiskLevel
from macehub.lib.forms import Form, date_field
from macehub.lib.links import MESSAGE
from macehub.meetings.conditions import Answers, Question
from macehub.meetings.decisions import INTELLIGENCE_ROUTES
from macehub.meetings.models import Action, AgendaItem, Decision, Invitation
from macehub.partnerships.models import Area, Partnership
from macehub.partnerships.policy import PolicyPack


def set_choices(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _people(partnership: Partnership, roles: list[str]) -> list[tuple[str, str]]:
    held = partnership.memberships.filter(role__in=roles, is_active=True)
    users = (User.objects.filter(memberships__in=held, is_active=True).distinct()
             .order_by("last_name", "first_name"))
    return [("", "Not set")] + [(str(u.pk), u.get_full_name() or u.username) for u in users]


class ScheduleForm(Form):
    forum = forms.ChoiceField(label="Forum")
    area = forms.ModelChoiceField(queryset=Area.objects.none(), required=False,
                                  label="Area (quadrant or district)")
    first = date_field("Date", required=True)
    at = forms.TimeField(label="Start time", help_text="For example, 10:00")
    minutes = forms.IntegerField(label="Length in minutes", min_value=15, max_value=720,
                                 initial=120)
    venue = forms.CharField(required=False, max_length=200)
    online_link = forms.URLField(required=False, label="Online meeting link", assume_scheme="https",
                                 help_text="A link starting with https://",
                                 validators=[URLValidator(schemes=["https"], message=MESSAGE)])
    chair = forms.ChoiceField(required=False)
    vice_chair = forms.ChoiceField(required=False, label="Vice chair")
    count = forms.IntegerField(label="How many meetings", min_value=1, max_value=24, initial=1,
                               help_text="More than one schedules a series from the forum's "
                                         "cadence")
    anchors = forms.CharField(required=False, label="Dates of the meeting this one precedes",
                              help_text="Only for a forum that sits before another meeting "
                                        "(e.g. CEOG before police tasking): one date per line, "
                                        "like 2026-12-14")

    def __init__(self, *args: Any, pack: PolicyPack, partnership: Partnership,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self.fields["forum"], [("", "Choose a forum")] + [
            (key, forum.label) for key, forum in pack.forums.items()
            if forum.kind != "screening"])
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ModelChoiceField)
        area_field.queryset = partnership.areas.all()
        people = _people(partnership, [Role.CHAIR, Role.HUB_COORDINATOR, Role.PANEL_MEMBER])
        set_choices(self.fields["chair"], people)
        set_choices(self.fields["vice_chair"], people)

    def clean_anchors(self) -> list[date]:
        out = []
        for line in self.cleaned_data.get("anchors", "").split():
            try:
                out.append(date.fromisoformat(line.strip()))
            except ValueError:
                raise forms.ValidationError(f"{line!r} is not a date like 2026-12-14") from None
        return out

    def people(self) -> dict[str, User | None]:
        ids = {k: self.cleaned_data.get(k) for k in ("chair", "vice_chair")}
        found = {str(u.pk): u for u in User.objects.filter(pk__in=[v for v in ids.values() if v])}
        return {k: found.get(v or "") for k, v in ids.items()}


class ItemForm(Form):
    title = forms.CharField(max_length=300, label="Item")
    kind = forms.ChoiceField(choices=[(k, v) for k, v in AgendaItem.Kind.choices
                                      if k in ("theme", "other", "standard")], label="Kind")
    minutes = forms.IntegerField(required=False, min_value=1, max_value=480,
                                 label="Minutes allowed")
    position = forms.IntegerField(required=False, min_value=1, max_value=999,
                                  label="Number on the agenda (optional)",
                                  help_text="The items from this number move down. Leave "
                                            "empty to add the item at the end.")


class VersionForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PublishForm(VersionForm):
    """Publishing the agenda: a yes or no for each panel invited only on a condition the
    records cannot answer (Essex MACE 1: "if child known to service only")."""

    def __init__(self, *args: Any, questions: list[Question] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions or [])
        for q in self.questions:
            self.fields[q.field] = forms.ChoiceField(
                label=q.text, choices=[("yes", "Yes"), ("no", "No")],
                widget=forms.RadioSelect, help_text=f"If yes, invite: {q.label}",
                error_messages={"required": "Answer yes or no"})

    def answers(self) -> Answers:
        return {(q.panel, q.case_id): self.cleaned_data[q.field] == "yes"
                for q in self.questions}


class ApproveForm(VersionForm):
    """Approving the minutes cannot be undone: the chair confirms, having read what
    becomes fixed (shown beside the form)."""

    confirm = forms.BooleanField(
        label="I have read the minutes, decisions and actions and they are ready to approve",
        error_messages={"required": "Confirm that the minutes, decisions and actions are "
                                    "ready to approve"})


class HoldForm(VersionForm):
    inquorate_reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                       label="Reason to hold the meeting although not quorate")


class ItemChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """An agenda item by its number and title, never "AgendaItem object (6)"."""

    def label_from_instance(self, obj: Any) -> str:
        return f"Item {obj.position}: {obj.title}"


class GuestForm(Form):
    name = forms.CharField(max_length=200, label="Guest's name")
    agency = forms.Field(label="Agency")
    item = ItemChoiceField(queryset=AgendaItem.objects.none(), required=False,
                           label="For the item")

    def __init__(self, *args: Any, partnership: Partnership, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"] = AgencyField(agencies_of(partnership))
        item_field = self.fields["item"]
        assert isinstance(item_field, forms.ModelChoiceField)
        item_field.queryset = items


class ApologiesForm(Form):
    deputy = forms.CharField(max_length=200, required=False, label="Who attends in your place",
                             help_text="Name and role of your deputy, if any")


class AttendanceForm(Form):
    attendance = forms.ChoiceField(choices=Invitation.Attendance.choices, label="Attendance",
                                   widget=forms.RadioSelect)
    deputy = forms.CharField(max_length=200, required=False, label="Deputy attending instead")
    agreed = forms.BooleanField(required=False,
                                label="Agreed the confidentiality statement")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class UpdateForm(Form):
    prefix = "update"

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}),
                           label="Your agency's update")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MinuteForm(Form):
    prefix = "minute"

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Minute")
    corrects = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DecisionForm(Form):
    prefix = "decision"

    kind = forms.ChoiceField(choices=[("", "Choose a decision")] + list(Decision.Kind.choices),
                             label="Decision")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}),
                           label="What was decided and why")
    risk = forms.ChoiceField(required=False, label="Risk level (for a risk decision)",
                             choices=[("", "Not applicable")] + list(RiskLevel.choices))
    next_review_on = date_field("Next review date (for a next review decision)", required=False)
    reason = forms.CharField(required=False, label="Reason for a review date other than "
                                                  "the cadence")
    to_forum = forms.ChoiceField(required=False, label="Escalate to")
    route = forms.ChoiceField(required=False, label="Who records the intelligence on police "
                                                    "systems", choices=[("", "Not applicable")]
                              + list(INTELLIGENCE_ROUTES.items()))
    referral = forms.ChoiceField(required=False, label="NRM referral to be made?",
                                 choices=[("", "Not applicable"), ("yes", "Yes"), ("no", "No")])
    plan_type = forms.ChoiceField(required=False, label="Plan (for a plan decision)")
    outcome = forms.ChoiceField(required=False, label="Outcome (for an outcome decision)")

    def __init__(self, *args: Any, pack: PolicyPack, targets: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The partnership's own meeting outcomes (Dudley §MACE Outcomes); without any, the
        # "outcome agreed" decision is not offered.
        outcomes = {k: o.label for f in pack.forums.values() for k, o in f.outcomes.items()}
        if outcomes:
            set_choices(self.fields["outcome"], [("", "Not applicable"), *outcomes.items()])
        else:
            del self.fields["outcome"]
            set_choices(self.fields["kind"], [("", "Choose a decision")] + [
                c for c in Decision.Kind.choices if c[0] != Decision.Kind.OUTCOME])
        set_choices(self.fields["to_forum"], [("", "Not applicable")] + [
            (f.key, f.label) for f in targets])
        set_choices(self.fields["plan_type"], [("", "Not applicable")] + [
            (k, t.label) for k, t in pack.plans.types.items() if t.belongs_to == "case"])
        self.questions = list(pack.closure.review_questions)
        for n, question in enumerate(self.questions):
            self.fields[f"answer_{n}"] = forms.CharField(
                required=False, label=f"Closure: {question}",
                widget=forms.Textarea(attrs={"rows": 2}))

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        details = {k: data[k] for k in ("route", "referral", "plan_type", "reason", "outcome")
                   if data.get(k)}
        answers = {q: data.get(f"answer_{n}", "") for n, q in enumerate(self.questions)}
        if any(answers.values()):
            details["answers"] = answers
        return {"kind": data["kind"], "text": data["text"], "risk": data.get("risk") or "",
                "next_review_on": data.get("next_review_on"), "details": details,
                "to_forum": data.get("to_forum") or ""}


class DissentForm(Form):
    prefix = "dissent"

    decision = forms.TypedChoiceField(label="Decision")
    agency = forms.Field(label="Agency")
    person = forms.CharField(max_length=200, label="Who dissents")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Reason")

    def __init__(self, *args: Any, partnership: Partnership, decisions: Any,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"] = AgencyField(agencies_of(partnership))
        by_pk = {d.pk: d for d in decisions}
        field = self.fields["decision"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Choose the decision")] + [
            (str(d.pk), f"{d.get_kind_display()}: {d.text[:60]}") for d in decisions]
        field.coerce = lambda pk: by_pk[int(pk)]  # type: ignore[assignment]


class ActionForm(Form):
    prefix = "action"

    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Action")
    owner_name = forms.CharField(max_length=200, label="Owner")
    owner_agency = forms.Field(label="Owner's agency")
    due_on = date_field("Due date", required=True)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"] = AgencyField(agencies_of(partnership))
        self.fields["owner_agency"].label = "Owner's agency"


class ActionUpdateForm(Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Update")
    status = forms.ChoiceField(choices=Action.Status.choices, label="Status")
    version = forms.IntegerField(widget=forms.HiddenInput)


class RemoveForm(Form):
    prefix = "remove"

    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}),
                             label="Why the panel is satisfied")
    actions_completed = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}),
                                        required=False, label="Actions completed")

