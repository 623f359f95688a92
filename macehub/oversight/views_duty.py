"""The partnership's yearly reviews (Kirklees MACE Process §8 iii and §8 v: membership and
the terms of reference reviewed annually): each with its next due day and the reviews
recorded, and recording one as done, which ends that year's reminder on the due list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.lib.forms import Form, date_field, saved
from macehub.oversight.models import DutyReview
from macehub.oversight.periods import yearly_due
from macehub.oversight.services_duty import duty_review_record, yearly_duties


class DutyReviewForm(Form):
    duty = forms.ChoiceField(label="Review", error_messages={
        "required": "Choose the review that was done",
        "invalid_choice": "Choose the review that was done"})
    year = forms.TypedChoiceField(label="The review due in", coerce=int, error_messages={
        "required": "Choose the year of the review", "invalid_choice": "Choose the year of "
                                                                       "the review"})
    done_on = date_field("Date the review was done",
                         required_message="Enter the date the review was done")
    done_by = forms.CharField(label="Who carried out the review", max_length=200,
                              error_messages={"required": "Enter who carried out the review"})
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}))

    def __init__(self, *args: Any, duties: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["duty"].choices = [(k, d.label) for k, d in duties.items()]  # type: ignore[attr-defined]
        self.fields["year"].choices = [(y, str(y)) for y in (  # type: ignore[attr-defined]
            this_year - 1, this_year, this_year + 1)]


@requires("report.write")
@require_http_methods(["GET", "POST"])
def duties(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    found = yearly_duties(actor)
    today = timezone.localdate()
    first = next(iter(found.values()), None)
    initial = {"duty": request.GET.get("duty", ""), "year": request.GET.get("year", ""),
               "done_by": found[request.GET["duty"]].by if request.GET.get("duty") in found
               else (first.by if first else "")}
    form = DutyReviewForm(request.POST or None, duties=found, initial=initial)
    if request.method == "POST" and saved(form, lambda data: duty_review_record(
            actor=actor, duty=data["duty"], year=data["year"], done_on=data["done_on"],
            done_by=data["done_by"], note=data["note"])):
        return redirect("oversight:duties")
    reviews = list(DutyReview.objects.for_actor(actor).select_related("recorded_by"))
    rows = []
    for key, duty in found.items():
        done = {r.year for r in reviews if r.duty == key}
        year = today.year if yearly_due(duty.due_day, today.year) >= today else today.year + 1
        while year in done:
            year += 1
        rows.append({"duty": duty, "next_due": yearly_due(duty.due_day, year),
                     "reviews": [r for r in reviews if r.duty == key]})
    return render(request, "oversight/duties.html", {"rows": rows, "form": form},
                  status=400 if form.errors else 200)
