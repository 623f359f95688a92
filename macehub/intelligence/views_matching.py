"""Matching pages: the candidates to confirm (what referrers named on concerns, and what a
coordinator heard at screening or a meeting), one candidate with its likely matches and
their reasons, and merging two records of the same kind (and undoing a merge)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown
from macehub.intelligence import candidates, forms, merging
from macehub.intelligence.kinds import KINDS
from macehub.intelligence.matching import likely_matches, merge_choices
from macehub.intelligence.models_matching import Candidate, Merge, Outcome
from macehub.intelligence.queries import entity_url
from macehub.lib.forms import saved

SHOWN = 50


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def matches(request: HttpRequest) -> HttpResponse:
    """The candidates to confirm, oldest first, and the names on concerns not brought in."""
    actor = _actor(request)
    if request.method == "POST":
        made = candidates.candidates_collect(actor=actor)
        messages.success(request, f"{len(made)} brought in from concerns to confirm.")
        return redirect("intelligence:matches")
    pending = Candidate.objects.for_actor(actor).filter(outcome=Outcome.PENDING)
    rows = list(pending.select_related("concern")[:SHOWN])
    audit_shown(action="candidate.list", actor=actor, records=rows, purpose="to confirm",
                request=request)
    return render(request, "intelligence/matches.html", {
        "rows": rows, "count": pending.count(), "shown": SHOWN,
        "waiting": candidates.waiting_mentions(actor).count()})


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def candidate_add(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = forms.CandidateForm(request.POST or None)
    made: list[Candidate] = []
    if request.method == "POST" and saved(form, lambda data: made.append(
            candidates.candidate_add(actor=actor, **data))):
        messages.success(request, "Added. Now confirm whether it is a record already kept.")
        return redirect("intelligence:match", made[0].pk)
    return render(request, "intelligence/candidate_add.html", {"form": form},
                  status=400 if form.errors else 200)


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def match(request: HttpRequest, pk: int) -> HttpResponse:
    """One candidate: its likely matches with their reasons, a judgement for each, and the
    choice of a record (or a new one)."""
    actor = _actor(request)
    candidate = Candidate.objects.get_for(actor, pk)
    found = likely_matches(actor, candidate.kind, candidate.value) \
        if candidate.outcome == Outcome.PENDING else []
    reasons = {m.record.pk: m.because for m in found}
    # Two forms on the page, told apart by the button's `action`.
    judging = request.POST.get("action") == "judge"
    judge = forms.JudgeForm(request.POST if judging else None)
    confirm = forms.ConfirmForm(request.POST if request.POST and not judging else None)
    if request.method == "POST" and judging:
        if saved(judge, lambda data: candidates.judgement_record(
                actor=actor, candidate=candidate, record_id=data["record"],
                verdict=data["verdict"], reasons=reasons.get(data["record"], ""))):
            messages.success(request, "Judgement recorded.")
            return redirect("intelligence:match", candidate.pk)
    elif request.method == "POST":
        chosen: list[Any] = []
        if saved(confirm, lambda data: chosen.append(candidates.candidate_confirm_existing(
                actor=actor, candidate=candidate, version=data.get("version"),
                record_id=data["record"], reasons=reasons.get(data["record"], "")))):
            messages.success(request, f"Confirmed as {chosen[0]}.")
            return redirect(entity_url(chosen[0]))
    judgements = list(candidate.judgements.select_related("by"))
    for m in found:  # the latest judgement of each likely match
        m.judged = next((j for j in judgements if j.record_id == m.record.pk), None)
    if found:
        audit_shown(action="intelligence.match", actor=actor,
                    records=[m.record for m in found], purpose="likely matches",
                    request=request)
    decided = None
    if candidate.outcome != Outcome.PENDING and candidate.record_id:
        decided = {"label": candidate.get_outcome_display(), "url": reverse(
            f"intelligence:{candidate.record_kind}", args=[candidate.record_id])}
    return render(request, "intelligence/match.html", {
        "candidate": candidate, "found": found, "judgements": judgements,
        "kind": KINDS[candidate.kind], "decided": decided, "errors": judge.errors or
        confirm.errors, "form": judge if judge.errors else confirm},
        status=400 if judge.errors or confirm.errors else 200)


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    actor = _actor(request)
    record = KINDS[kind].model.objects.get_for(actor, pk, purpose="merge")
    text = (request.GET.get("q") or "").strip()[:100]
    found = merge_choices(actor, kind, record, text)
    form = forms.MergeForm(request.POST or None, initial={"version": record.version},
                           candidates=[(p, f"{label}{': ' + why if why else ''}")
                                       for p, label, why in found])

    def write(data: dict[str, Any]) -> None:
        other = KINDS[kind].model.objects.get_for(actor, data["other"], purpose="merge")
        merging.records_merge(actor=actor, kind=kind, kept=record, merged=other,
                              kept_version=data.get("version"), merged_version=other.version,
                              reason=data["reason"])

    if request.method == "POST" and saved(form, write):
        messages.success(request, "Records merged. The merge can be undone from this page.")
        return redirect(entity_url(record))
    return render(request, "intelligence/merge.html", {
        "kind": KINDS[kind], "record": record, "form": form, "found": found, "q": text},
        status=400 if form.errors else 200)


@requires("intelligence.manage")
@require_POST
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    done = Merge.objects.get_for(actor, pk, purpose="undo")
    form = forms.Versioned(request.POST)
    kept = reverse(f"intelligence:{done.kind}", args=[done.kept_id])
    if saved(form, lambda data: merging.merge_undo(actor=actor, merge=done,
                                                    version=data.get("version"))):
        messages.success(request, "Merge undone: both records and their links are back as "
                                  "they were.")
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or
                       "The merge could not be undone.")
    return redirect(kept)
