"""Matching, merging and linked-children proposals through the API: the candidates to
confirm (and bringing in what concerns name), adding one, a candidate with its likely
matches and their reasons, judging a match and confirming it as an existing or a new
record; the likely duplicates of a record, merging another into it and undoing a merge;
the linked-children proposals, accepting one onto a meeting or declining it. The same
services, reach and permission (`intelligence.manage`) as the pages. No `from
__future__ import annotations` here: django-ninja reads the annotations at import time."""

from datetime import datetime
from typing import Any

import pydantic
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.api.core import actor_of, permission
from macehub.audit.services import audit_shown
from macehub.intelligence import api_schemas_matching as s
from macehub.intelligence import candidates, linked, merging
from macehub.intelligence.api import SHAPES, _fields, _named, _param
from macehub.intelligence.api_schemas import NotFound
from macehub.intelligence.kinds import KINDS, Kind
from macehub.intelligence.matching import likely_matches, merge_choices
from macehub.intelligence.models_matching import Candidate, Merge, Outcome
from macehub.intelligence.network import Node
from macehub.intelligence.queries import ends
from macehub.lib.api_paging import page_of
from macehub.meetings.models import Meeting

router = Router(tags=["intelligence"])
MANAGE = "intelligence.manage"


@router.get("/intelligence/candidates", response=s.CandidatePage)
@permission(MANAGE)
def list_candidates(request: HttpRequest, page: int = 1, page_size: int = 25,
                    cursor: str = "") -> object:
    """The candidates to confirm, oldest first, and how many names on concerns are
    waiting to be brought in (`waiting`)."""
    actor = actor_of(request)
    pending = Candidate.objects.for_actor(actor).filter(outcome=Outcome.PENDING)
    result = page_of(pending.select_related("added_by").order_by("added_at", "pk"),
                     page=page, page_size=page_size, cursor=cursor)
    audit_shown(action="candidate.list", actor=actor, records=result["items"],
                purpose="to confirm", request=request)
    return result | {"waiting": candidates.waiting_mentions(actor).count()}


@router.post("/intelligence/candidates/collect", response=s.CollectedOut)
@permission(MANAGE)
def collect_candidates(request: HttpRequest) -> object:
    """Bring in, as candidates to confirm, what referrers named on concerns (each name
    once)."""
    made = candidates.candidates_collect(actor=actor_of(request), via="api")
    return {"brought_in": len(made), "items": made}


@router.post("/intelligence/candidates", response={201: s.CandidateOut})
@permission(MANAGE)
def add_candidate(request: HttpRequest, payload: s.CandidateIn) -> Status[object]:
    """Someone or something heard of at screening or a meeting, to confirm later."""
    return Status(201, candidates.candidate_add(actor=actor_of(request), via="api",
                                                **payload.dict()))


def _likely(actor: Actor, candidate: Candidate) -> list[Any]:
    if candidate.outcome != Outcome.PENDING:
        return []
    return likely_matches(actor, candidate.kind, candidate.value)


@router.get("/intelligence/candidates/{candidate_id}", response=s.MatchOut)
@permission(MANAGE)
def read_candidate(request: HttpRequest, candidate_id: int) -> object:
    """A candidate; while it is to confirm, its likely matches with their reasons and the
    latest judgement of each; and every judgement made."""
    actor = actor_of(request)
    candidate = Candidate.objects.get_for(actor, candidate_id)
    found = _likely(actor, candidate)
    judgements = list(candidate.judgements.select_related("by"))
    if found:
        audit_shown(action="intelligence.match", actor=actor,
                    records=[m.record for m in found], purpose="likely matches",
                    request=request)
    return {"candidate": candidate, "judgements": judgements, "likely_matches": [{
        "record_kind": candidate.kind, "record_id": m.record.pk, "label": str(m.record),
        "because": m.because, "judged": next(
            (j for j in judgements if j.record_id == m.record.pk), None)} for m in found]}


def _reasons(actor: Actor, candidate: Candidate, record_id: int) -> str:
    """The reasons the match is shown with, kept with the judgement (as on the page)."""
    return next((m.because for m in _likely(actor, candidate) if m.record.pk == record_id),
                "")


@router.post("/intelligence/candidates/{candidate_id}/judgements",
             response={201: s.JudgementOut})
@permission(MANAGE)
def judge_candidate(request: HttpRequest, candidate_id: int,
                    payload: s.JudgeIn) -> Status[object]:
    """Whether a likely match is the same, different or not known yet; each judgement is
    kept beside the earlier ones."""
    actor = actor_of(request)
    candidate = Candidate.objects.get_for(actor, candidate_id, purpose="judge")
    return Status(201, candidates.judgement_record(
        actor=actor, candidate=candidate, record_id=payload.record_id,
        verdict=payload.verdict, reasons=_reasons(actor, candidate, payload.record_id),
        via="api"))


@router.post("/intelligence/candidates/{candidate_id}/confirm", response=s.CandidateOut)
@permission(MANAGE)
def confirm_candidate(request: HttpRequest, candidate_id: int, payload: s.ConfirmIn) -> object:
    """The candidate is this record (judged the same): 409 if it was confirmed since the
    version read."""
    actor = actor_of(request)
    candidate = Candidate.objects.get_for(actor, candidate_id, purpose="confirm")
    candidates.candidate_confirm_existing(
        actor=actor, candidate=candidate, version=payload.version,
        record_id=payload.record_id, reasons=_reasons(actor, candidate, payload.record_id),
        via="api")
    return Candidate.objects.get_for(actor, candidate_id)


def _checked(kind: str, sent: dict[str, Any]) -> dict[str, Any]:
    """The new record's fields checked as its kind's create checks them: 422 naming the
    field as the create names it."""
    try:
        return SHAPES[kind][0].model_validate(sent).model_dump()
    except pydantic.ValidationError as exc:
        raise ValidationError({str(error["loc"][0]) if error["loc"] else "record":
                               error["msg"] for error in exc.errors()}) from None


@router.post("/intelligence/candidates/{candidate_id}/confirm-new",
             response={201: s.CandidateOut, 404: NotFound})
@permission(MANAGE)
def confirm_candidate_as_new(request: HttpRequest, candidate_id: int,
                             payload: s.ConfirmNewIn) -> Status[object]:
    """The candidate is no record kept yet: record it, checked as any new record. What
    was named fills the fields left out."""
    actor = actor_of(request)
    candidate = Candidate.objects.get_for(actor, candidate_id, purpose="confirm as new")
    data = _checked(candidate.kind, candidates.prefill(candidate) | payload.record)
    candidates.candidate_confirm_new(actor=actor, candidate=candidate,
                                     version=payload.version, via="api",
                                     **_fields(actor, candidate.kind, data))
    return Status(201, Candidate.objects.get_for(actor, candidate_id))


def _merges(kind: Kind) -> None:
    one = f"/intelligence/{kind.slug}/{{{kind.key}_id}}"
    key = f"{kind.key}_id"

    def merge_choices_of(request: HttpRequest, **query: Any) -> object:
        actor = actor_of(request)
        record = kind.model.objects.get_for(actor, query[key], purpose="merge")
        found = merge_choices(actor, kind.key, record, query["q"].strip()[:100])
        return [{"id": pk, "label": label, "because": why} for pk, label, why in found]

    merge_choices_of.__doc__ = (f"{kind.plural} to merge into this one: the likely "
                                "duplicates with their reasons, or those `q` finds.")
    _named(merge_choices_of, f"merge_choices_of_{kind.key}",
           [_param(key, int), _param("q", str, "")])
    router.get(f"{one}/merge-choices", response=list[s.MergeChoiceOut])(
        permission(MANAGE)(merge_choices_of))

    def merge_into(request: HttpRequest, **body: Any) -> Status[object]:
        actor = actor_of(request)
        payload: s.MergeIn = body["payload"]
        record = kind.model.objects.get_for(actor, body[key], purpose="merge")
        other = kind.model.objects.get_for(actor, payload.other_id, purpose="merge")
        return Status(201, merging.records_merge(
            actor=actor, kind=kind.key, kept=record, merged=other,
            kept_version=payload.version, merged_version=payload.other_version,
            reason=payload.reason, via="api"))

    merge_into.__doc__ = ("Merge another record of the same kind into this one, both as "
                          "you read them: 409 if either changed or was merged since.")
    _named(merge_into, f"merge_into_{kind.key}", [_param(key, int),
                                                  _param("payload", s.MergeIn)])
    router.post(f"{one}/merges", response={201: s.MergeOut})(permission(MANAGE)(merge_into))


for _kind in KINDS.values():
    _merges(_kind)


@router.get("/intelligence/merges/{merge_id}", response=s.MergeOut)
@permission(MANAGE)
def read_merge(request: HttpRequest, merge_id: int) -> object:
    return Merge.objects.get_for(actor_of(request), merge_id)


@router.post("/intelligence/merges/{merge_id}/undo", response=s.MergeOut)
@permission(MANAGE)
def undo_merge(request: HttpRequest, merge_id: int, payload: s.UndoIn) -> object:
    """Put both records and their links back as they were: 409 if the merge changed
    since the version read."""
    actor = actor_of(request)
    done = Merge.objects.get_for(actor, merge_id, purpose="undo")
    return merging.merge_undo(actor=actor, merge=done, version=payload.version, via="api")


def _named_ends(actor: Actor, found: list[linked.Proposal]) -> dict[Node, Any]:
    wanted: set[Node] = set()
    for p in found:
        wanted |= {("child", c) for c in p.situation.children}
        wanted |= set(p.situation.through)
        wanted |= {("person", x) for x in p.situation.suspects}
    return ends(actor, wanted)


def _shown(p: linked.Proposal, named: dict[Node, Any]) -> dict[str, Any]:
    def end(node: Node) -> dict[str, Any]:
        found = named.get(node)
        return {"kind": node[0], "id": node[1], "label": found.label if found else ""}

    return {"rule": p.rule, "children": p.situation.key, "forum": p.forum,
            "forum_label": p.forum_label, "reason": p.reason.rule, "source": p.reason.source,
            "linked_children": [end(("child", c)) for c in p.situation.children],
            "through": [end(n) for n in p.situation.through],
            "suspects": [end(("person", x)) for x in p.situation.suspects]}


@router.get("/intelligence/proposals", response=s.ProposalPage)
@permission(MANAGE)
def list_proposals(request: HttpRequest, page: int = 1, page_size: int = 25,
                   cursor: str = "") -> object:
    """What the pack proposes for children linked to the same situation, each with its
    rule and source (worked out when asked: read by page number, no cursor)."""
    actor = actor_of(request)
    found = linked.proposals(actor)
    result = page_of(found, page=page, page_size=page_size, cursor=cursor)
    named = _named_ends(actor, result["items"])
    if result["items"]:
        audit_shown(action="proposal.list", actor=actor, records=[
            ("people.child", c) for p in result["items"] for c in p.situation.children],
            purpose="linked-children proposals", request=request)
    return result | {"items": [_shown(p, named) for p in result["items"]]}


@router.post("/intelligence/proposals/accept",
             response={201: s.AcceptedOut, 409: s.NotStanding})
@permission(MANAGE)
def accept_proposal(request: HttpRequest, payload: s.AcceptIn) -> Status[object]:
    """Put the linked children on the agenda of an upcoming meeting of the proposed
    forum (`meeting_id`), or of a new one (`day`, `at`, `venue`). 409 when the proposal
    no longer stands (decided, or the links changed)."""
    actor = actor_of(request)
    found = linked.proposal_for(actor, payload.rule, payload.children)
    chosen, starts = None, None
    if payload.meeting_id is not None:
        meeting = Meeting.objects.get_for(actor, payload.meeting_id)
        if meeting.forum != found.forum or meeting.starts_at < timezone.now() or \
                meeting.status not in (Meeting.Status.DRAFT, Meeting.Status.PUBLISHED):
            raise ValidationError({"meeting_id": f"Choose an upcoming {found.forum_label}"})
        chosen = meeting
    elif payload.day is None or payload.at is None:
        raise ValidationError({"day" if payload.day is None else "at": (
            "Enter the date and time of the meeting, or choose a meeting already arranged")})
    else:
        starts = datetime.combine(payload.day, payload.at,
                                  tzinfo=timezone.get_current_timezone())
    labels = {n: e.label for n, e in _named_ends(actor, [found]).items()}
    item = linked.proposal_accept(actor=actor, rule=payload.rule, children=payload.children,
                                  meeting=chosen, starts_at=starts, venue=payload.venue,
                                  labels=labels, via="api")
    return Status(201, {"meeting_id": item.meeting_id, "item_id": item.pk})


@router.post("/intelligence/proposals/decline",
             response={200: s.ProposalOut, 409: s.NotStanding})
@permission(MANAGE)
def decline_proposal(request: HttpRequest, payload: s.DeclineIn) -> object:
    """Decline a proposal, with why no meeting is needed; it is not proposed again."""
    actor = actor_of(request)
    found = linked.proposal_for(actor, payload.rule, payload.children)
    named = _named_ends(actor, [found])
    linked.proposal_decline(actor=actor, rule=payload.rule, children=payload.children,
                            reason=payload.reason, via="api")
    return _shown(found, named)


__all__ = ["router"]
