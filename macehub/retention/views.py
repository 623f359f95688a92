"""Retention pages: the partnership admin's proposals (approve or refuse), and legal holds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.lib.forms import Form, saved
from macehub.partnerships.policy.retention import RECORD_TYPES
from macehub.retention import services

ACTIONS = {"delete": "Delete", "anonymise": "Anonymise"}
KINDS = {"people.child": "Child", "concerns.concern": "Concern",
         "missing.missingepisode": "Missing episode"}
OUTCOMES = {"done": "Yes", "held": "Kept: legal hold", "not_due": "Kept: no longer due",
            "gone": "Already gone"}


class DecideForm(Form):
    approve = forms.TypedChoiceField(
        label="Your decision", widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        choices=[("yes", "Approve: delete or anonymise these records"),
                 ("no", "Refuse: keep them")])
    note = forms.CharField(label="Note", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="Required when you refuse")


class HoldForm(Form):
    kind = forms.ChoiceField(label="Record", widget=forms.RadioSelect,
                             choices=[("child", "A child's record"), ("case", "A case")])
    number = forms.CharField(label="Number", max_length=20,
                             help_text="The number shown as \"Child 12\" or \"Case 34\"")
    reason = forms.CharField(label="Reason for the hold", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class LiftForm(Form):
    reason = forms.CharField(label="Reason the hold is lifted", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined, no-any-return]


@requires("retention.review")
def reviews(request: HttpRequest) -> HttpResponse:
    found = services.review_list(_actor(request))[:50]
    return render(request, "retention/reviews.html", {"reviews": found})


@requires("retention.review")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    found = services.get_review_for(actor, pk)
    form = DecideForm(request.POST or None)
    if request.method == "POST" and saved(form, lambda data: services.retention_decide(
            actor=actor, review=found, approve=data["approve"], note=data["note"],
            request=request)):
        messages.success(request, "Your decision is recorded.")
        return redirect("retention:reviews")
    counts = [{**row, "label": RECORD_TYPES.get(row["record_type"], row["record_type"]),
               "action_label": ACTIONS.get(row["action"], row["action"])}
              for row in services.review_counts(found)]
    items = [(item, RECORD_TYPES.get(item.record_type, item.record_type),
              KINDS.get(item.model_label, item.model_label),
              OUTCOMES.get(item.outcome, "Not yet") if item.done_at else "Not yet")
             for item in found.items.all()[:500]]
    context: dict[str, Any] = {"review": found, "counts": counts, "items": items,
                               "form": form,
                               "own": found.proposed_by_id == actor.user.pk}
    return render(request, "retention/review.html", context,
                  status=400 if form.errors else 200)


@requires("retention.hold")
def holds(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = HoldForm(request.POST or None)
    if request.method == "POST" and saved(form, lambda data: services.legal_hold_place(
            actor=actor, kind=data["kind"], number=data["number"], reason=data["reason"],
            request=request)):
        messages.success(request, "Legal hold placed.")
        return redirect("retention:holds")
    rows = [(hold, LiftForm(auto_id=f"lift{hold.pk}_%s"))
            for hold in services.hold_list(actor)[:200]]
    return render(request, "retention/holds.html", {"form": form, "rows": rows},
                  status=400 if form.errors else 200)


@requires("retention.hold")
@require_POST
def lift(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    hold = services.get_hold_for(actor, pk)
    form = LiftForm(request.POST)
    if saved(form, lambda data: services.legal_hold_lift(actor=actor, hold=hold,
                                                         reason=data["reason"],
                                                         request=request)):
        messages.success(request, "Legal hold lifted.")
    else:
        errors = [str(e) for errs in form.errors.values() for e in errs]
        messages.error(request, " ".join(errors) or "Could not lift the hold")
    return redirect("retention:holds")
