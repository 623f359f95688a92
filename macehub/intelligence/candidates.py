"""Writes for candidates: bringing in what referrers named on concerns, adding what a
coordinator hears at screening or a meeting, judging a likely match, and confirming a
candidate as a new record or an existing one. Nothing becomes a record unconfirmed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.concerns.models import Concern, Mention
from macehub.intelligence import normalise
from macehub.intelligence.checks import stale
from macehub.intelligence.kinds import KINDS
from macehub.intelligence.merging import merged_into
from macehub.intelligence.models import Entity, SourceKind
from macehub.intelligence.models_matching import (
    FROM_MENTION,
    Candidate,
    CandidateKind,
    Judgement,
    Outcome,
    Verdict,
)
from macehub.intelligence.services import entity_create, require_manage
from macehub.lib.errors import Problems


def waiting_mentions(actor: Actor) -> Any:
    """Mentions on the concerns the actor reaches that no candidate was made from yet."""
    taken = Candidate.objects.for_bookkeeping(actor, why="a mention is brought in once")
    return Mention.objects.for_actor(actor).exclude(
        Exists(taken.filter(mention_id=OuterRef("pk"))))


@transaction.atomic
def candidates_collect(*, actor: Actor, via: str = "page") -> list[Candidate]:
    """A candidate for each person, place, vehicle, phone and account named on a concern
    and not brought in yet (a mention is brought in once)."""
    require_manage(actor)
    now = timezone.now()
    made = Candidate.objects.bulk_create([Candidate(
        partnership=actor.partnership, kind=FROM_MENTION[m.kind], value=m.value[:300],
        details=m.details, mention=m, concern_id=m.concern_id,
        source_kind=SourceKind.CONCERN, source_detail=f"Concern {m.concern.reference}",
        added_by=actor.user, added_at=now)
        for m in waiting_mentions(actor).select_related("concern").order_by("pk")
        if m.kind in FROM_MENTION])
    if made:
        audit_record(action="candidate.collect", actor=actor, obj=made[0], purpose=via,
                     count=len(made))
    return made


def _checked_value(kind: str, value: str) -> str:
    """A registration, phone number or postcode that cannot be one is refused, naming the
    field; a partial registration (what a witness saw) is kept as typed."""
    try:
        if kind == CandidateKind.VEHICLE:
            plate = value.replace(" ", "").replace("-", "")
            normalise.registration(value, partial=len(plate) <= 6)
        elif kind == CandidateKind.PHONE:
            normalise.phone(value)
    except ValidationError as exc:
        message = next(iter(exc.message_dict.values()))[0]
        raise ValidationError({"value": message}) from None
    return value


@transaction.atomic
def candidate_add(*, actor: Actor, kind: str, value: str, details: str = "",
                  source_kind: str = SourceKind.MEETING, source_detail: str = "",
                  concern: Concern | None = None, via: str = "page") -> Candidate:
    """Someone or something a coordinator heard of at screening or a meeting."""
    require_manage(actor)
    problems = Problems()
    if kind not in CandidateKind.values:
        problems.add("kind", "Select what was named: a person, place, vehicle, phone "
                             "number or online account")
    value = (value or "").strip()
    if not value:
        problems.add("value", "Enter the name, address, registration, number or handle")
    elif kind in CandidateKind.values:
        with problems.check():
            _checked_value(kind, value)
    if source_kind not in SourceKind.values:
        problems.add("source_kind", "Select where it was named")
    if concern is not None and concern.partnership_id != actor.partnership.pk:
        problems.add("concern", "Select a concern of this partnership")
    problems.raise_any()
    candidate = Candidate.objects.create(
        partnership=actor.partnership, kind=kind, value=value[:300],
        details=(details or "").strip()[:500], concern=concern, source_kind=source_kind,
        source_detail=(source_detail or "").strip()[:300], added_by=actor.user,
        added_at=timezone.now())
    audit_record(action="candidate.add", actor=actor, obj=candidate, purpose=via)
    return candidate


def _record(actor: Actor, candidate: Candidate, record: Entity | None,
            pk: Any = None) -> Entity:
    model = KINDS[candidate.kind].model
    found = model.objects.get_for(actor, record.pk if record is not None else pk,
                                  purpose="match")
    if type(found).kind != candidate.kind:
        raise ValidationError({"record": "Select a record of the same kind"})
    return found


@transaction.atomic
def judgement_record(*, actor: Actor, candidate: Candidate, record_id: Any, verdict: str,
                     reasons: str = "", via: str = "page") -> Judgement:
    """Whether a likely match is the same, different, or not known yet; kept with who
    judged and when (a later judgement is added beside the earlier)."""
    require_manage(actor)
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": "Select whether it is the same, different or "
                                          "you are not sure"})
    record = _record(actor, candidate, None, record_id)
    judgement = Judgement.objects.create(
        candidate=candidate, record_kind=candidate.kind, record_id=record.pk,
        verdict=verdict, reasons=(reasons or "")[:500], by=actor.user, at=timezone.now())
    audit_record(action="candidate.judge", actor=actor, obj=judgement, purpose=via)
    return judgement


def _pending(actor: Actor, candidate: Candidate, version: int | None) -> Candidate:
    candidate = Candidate.objects.for_actor(actor).select_for_update().get(pk=candidate.pk)
    stale(candidate, version)
    if candidate.outcome != Outcome.PENDING:
        raise ValidationError("This has already been confirmed.")
    return candidate


def _decide(actor: Actor, candidate: Candidate, outcome: str, record: Entity) -> None:
    candidate.outcome, candidate.record_kind, candidate.record_id = (
        outcome, type(record).kind, record.pk)
    candidate.decided_by, candidate.decided_at = actor.user, timezone.now()
    candidate.version += 1
    candidate.save()


@transaction.atomic
def candidate_confirm_existing(*, actor: Actor, candidate: Candidate, version: int | None,
                               record_id: Any, reasons: str = "",
                               via: str = "page") -> Entity:
    """The candidate is this record: judged the same, and confirmed."""
    require_manage(actor)
    candidate = _pending(actor, candidate, version)
    record = _record(actor, candidate, None, record_id)
    if merged_into(actor, record) is not None:
        raise ValidationError({"record": "This record has been merged into another: "
                                         "choose that one"})
    Judgement.objects.create(candidate=candidate, record_kind=candidate.kind,
                             record_id=record.pk, verdict=Verdict.SAME,
                             reasons=(reasons or "")[:500], by=actor.user, at=timezone.now())
    _decide(actor, candidate, Outcome.EXISTING, record)
    audit_record(action="candidate.confirm", actor=actor, obj=candidate, purpose=via)
    return record


@transaction.atomic
def candidate_confirm_new(*, actor: Actor, candidate: Candidate, version: int | None,
                          via: str = "page", **fields: Any) -> Entity:
    """The candidate is no record kept yet: record it (checked as any new record)."""
    require_manage(actor)
    candidate = _pending(actor, candidate, version)
    record = entity_create(actor=actor, kind=candidate.kind, via=via, **fields)
    _decide(actor, candidate, Outcome.NEW, record)
    audit_record(action="candidate.confirm", actor=actor, obj=candidate, purpose=via)
    return record


def prefill(candidate: Candidate) -> dict[str, Any]:
    """What the new record's form starts with: what was named, in the field it fits."""
    value, kind = candidate.value, candidate.kind
    if kind == CandidateKind.PERSON:
        return {"name": value, "notes": candidate.details}
    if kind == CandidateKind.VEHICLE:
        return {"registration": value, "notes": candidate.details}
    if kind == CandidateKind.PHONE:
        return {"number": value, "notes": candidate.details}
    if kind == CandidateKind.ACCOUNT:
        handle, _, platform = value.rpartition(" on ")  # "smokeline on Snapchat"
        return ({"handle": handle, "platform": platform} if handle else
                {"handle": value, "platform": candidate.details})
    from macehub.intelligence.matching import place_parts

    return {"address": value, "postcode": place_parts(value)[0], "notes": candidate.details}
