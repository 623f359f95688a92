"""Concerns after submission: confirmation, the referrer's own list, the screening queue,
and screening (matching the child, the screening tool, the outcome, feedback)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.concerns import queries, services
from macehub.concerns.forms import FeedbackForm, MatchForm, ScreeningForm
from macehub.concerns.models import Concern, RiskLevel
from macehub.lib.forms import apply_errors
from macehub.lib.listing import Column, list_page
from macehub.people.birth import Birth
from macehub.people.matching import find_matches
from macehub.people.models import Child
from macehub.people.services import PossibleDuplicates, scope_flags

NEW = 0  # the "this is a new child" choice in the matching form
MINE_COLUMNS = [Column("Reference", "reference"), Column("Sent", "sent"),
                Column("Status", "status"), Column("Outcome and feedback")]
QUEUE_COLUMNS = [Column("Reference", "reference"), Column("Received", "sent"),
                 Column("Waiting"), Column("Referrer"), Column("Child")]


@requires("concern.submit")
def done(request: HttpRequest, pk: int) -> HttpResponse:
    concern = queries.get_concern_for(request.actor, pk)  # type: ignore[attr-defined]
    return render(request, "concerns/done.html", {"concern": concern})


@requires("concern.submit")
def mine(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    listing = list_page(request, lambda filters: queries.own_concerns(actor, filters),
                        noun="concerns", form=queries.OwnConcernFilterForm(request.GET or None),
                        columns=MINE_COLUMNS, sorts=queries.CONCERN_SORTS, default="-sent")
    outcomes = actor.partnership.policy.screening.outcomes
    labels = {key: outcome.label for key, outcome in outcomes.items()}
    return render(request, "concerns/mine.html", {
        "listing": listing, "page": listing.page, "outcomes": labels}, status=listing.status)


@requires("concern.screen")
def queue(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    listing = list_page(request, lambda filters: queries.screening_queue(actor),
                        noun="concerns", columns=QUEUE_COLUMNS, sorts=queries.CONCERN_SORTS,
                        default="sent")
    return render(request, "concerns/queue.html", {
        "listing": listing, "page": listing.page, "now": timezone.now()},
        status=listing.status)


def _match_form(actor: Actor, concern: Concern, data: object = None) -> tuple[MatchForm, list]:
    d = concern.child_details
    matches = find_matches(actor, first_name=d.get("first_name", ""),
                           last_name=d.get("last_name", ""),
                           birth=Birth.from_details(d), known_as=d.get("known_as", []))
    form = MatchForm(data)
    form.fields["child"].choices = [  # type: ignore[attr-defined]
        (m.child.pk, f"{m.child} (date of birth {m.child.born_label}): "
                     f"{', '.join(m.reasons)}") for m in matches
    ] + [(NEW, "None of these: this is a new child")]
    return form, matches


@requires("concern.screen")
@require_http_methods(["GET", "POST"])
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    concern = queries.get_concern_for(actor, pk)
    pack = actor.partnership.policy
    initial = {"indicators": concern.indicators}
    form = ScreeningForm(request.POST or None, pack=pack, initial=initial)
    if request.method == "POST" and concern.child_id and form.is_valid():
        try:
            services.screening_record(actor=actor, concern=concern, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{concern.reference} screened.")
            return redirect("concerns:screen", pk=concern.pk)
    context: dict[str, object] = {
        "concern": concern, "form": form, "feedback_form": FeedbackForm(),
        "scope_flags": scope_flags(actor.partnership, Birth.from_details(concern.child_details))
        if concern.status == Concern.Status.AWAITING_SCREENING else []}
    if concern.child_id is None and concern.status == Concern.Status.AWAITING_SCREENING:
        context["match_form"], context["matches"] = _match_form(actor, concern)
    score, suggested = pack.screening.tool.assess(
        request.POST.getlist("indicators") if form.is_bound else concern.indicators)
    screening = getattr(concern, "screening", None)
    context.update(score=score, tool=pack.screening.tool, screening=screening,
                   suggested_label=RiskLevel(suggested).label if suggested else "no risk level",
                   outcome_label=pack.screening.outcomes[screening.outcome].label
                   if screening and screening.outcome in pack.screening.outcomes else "")
    status = 400 if request.method == "POST" else 200
    return render(request, "concerns/screen.html", context, status=status)


@requires("concern.screen")
@require_POST
def match(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    concern = queries.get_concern_for(actor, pk)
    form, _ = _match_form(actor, concern, request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the matching record, or say this is a new child.")
        return redirect("concerns:screen", pk=concern.pk)
    chosen = form.cleaned_data["child"]
    try:
        if chosen == NEW:
            services.concern_match_child(actor=actor, concern=concern, confirm_new=True)
        else:
            child = Child.objects.for_actor(actor).get(pk=chosen)
            services.concern_match_child(actor=actor, concern=concern, child=child)
    except PossibleDuplicates:  # pragma: no cover - confirm_new skips the check
        messages.error(request, "Choose the matching record.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("concerns:screen", pk=concern.pk)


@requires("concern.screen")
@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    concern = queries.get_concern_for(actor, pk)
    form = FeedbackForm(request.POST)
    screening = getattr(concern, "screening", None)
    if screening is None:
        messages.error(request, "Screen the concern before recording feedback.")
    elif form.is_valid():
        try:
            services.screening_feedback(actor=actor, screening=screening,
                                        feedback=form.cleaned_data["feedback"])
            messages.success(request, "Feedback recorded.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, "Enter the feedback given to the referrer.")
    return redirect("concerns:screen", pk=concern.pk)
