"""What deleting or anonymising a record does, record type by record type
(docs/dpo/retention.md). Called only by macehub.retention.services, for approved items,
as the partnership's scheduled job (a system actor): every query goes through the kernel.

Anonymising keeps the shape of a record (dates, risk levels, types of exploitation,
outcomes, the area) so the partnership's figures and its meeting history still add up,
and removes what identifies the child: names, aliases, address, the day and month of
birth, the people named around them, and every free-text account."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from macehub.cases import due_store
from macehub.cases.models import Case, ChronologyEntry, NrmReferral, Plan, RiskChange
from macehub.concerns.models import Concern, Mention, Screening
from macehub.missing.models import (
    EpisodeChange,
    MissingEpisode,
    ReturnInterview,
    TriggerFiring,
)
from macehub.people.models import Child, ChildName, Relation

if TYPE_CHECKING:
    from macehub.access.actor import Actor

REMOVED = "Removed under the retention schedule"


def _concerns_scrubbed(actor: Actor, concerns: list[int]) -> None:
    Mention.objects.for_actor(actor).filter(concern_id__in=concerns).delete()
    Concern.objects.for_actor(actor).filter(pk__in=concerns).update(
        child_details={}, what_happened=REMOVED, missing_history="",
        consent_dispensed_reason="", consent_dispensed_by="")
    Screening.objects.for_actor(actor).filter(concern_id__in=concerns).update(
        override_reason="", advice_given="", feedback="")


def _episodes_scrubbed(actor: Actor, episodes: list[int]) -> None:
    MissingEpisode.objects.for_actor(actor).filter(pk__in=episodes).update(
        child_details={}, missing_from_address="", found_location="", circumstances="",
        reported_by="", responsible_authority="")
    EpisodeChange.objects.for_actor(actor).filter(episode_id__in=episodes).update(changes={})


def concern_anonymise(actor: Actor, pk: int) -> bool:
    found = Concern.objects.for_actor(actor).filter(pk=pk).exists()
    if found:
        _concerns_scrubbed(actor, [pk])
    return found


def concern_delete(actor: Actor, pk: int) -> list[tuple[str, int]]:
    """Delete the concern, its screening and the people it mentions; and the child's record
    when nothing else is left of it. The records deleted, by type and id."""
    concern = Concern.objects.for_actor(actor).filter(pk=pk).first()
    if concern is None:
        return []
    Screening.objects.for_actor(actor).filter(concern_id=pk).delete()
    Concern.objects.for_actor(actor).filter(pk=pk).delete()  # its mentions go with it
    deleted = [("concerns.concern", pk)]
    child_id = concern.child_id
    if child_id is not None and not _holds_anything(actor, child_id):
        ChildName.objects.for_actor(actor).filter(child_id=child_id).delete()
        Child.objects.for_actor(actor).filter(pk=child_id).delete()
        deleted.append(("people.child", child_id))
    return deleted


def _holds_anything(actor: Actor, child_id: int) -> bool:
    return any(model.objects.for_actor(actor).filter(child_id=child_id).exists()
               for model in (Concern, Case, MissingEpisode, ReturnInterview, TriggerFiring))


def child_anonymise(actor: Actor, pk: int) -> bool:
    """Anonymise the child's whole record: the child, their concerns, cases, missing
    episodes and return interviews. Minutes, decisions and agency updates are meeting
    records, kept unchanged (see the meeting records rule)."""
    child = Child.objects.for_actor(actor).filter(pk=pk).first()
    if child is None:
        return False
    Child.objects.for_actor(actor).filter(pk=pk).update(
        first_name="Anonymised", last_name="child", known_as=[],
        date_of_birth=date(child.date_of_birth.year, 1, 1) if child.date_of_birth else None,
        address="", postcode="",
        education_setting="", send_details="", responsible_authority="", social_worker="",
        lead_professional="", version=child.version + 1)
    ChildName.objects.for_actor(actor).filter(child_id=pk).delete()
    Relation.objects.for_actor(actor).filter(child_id=pk).delete()
    Relation.objects.for_actor(actor).filter(other_id=pk).delete()
    _concerns_scrubbed(actor, list(Concern.objects.for_actor(actor).filter(child_id=pk)
                                   .values_list("pk", flat=True)))
    cases = list(Case.objects.for_actor(actor).filter(child_id=pk).values_list("pk", flat=True))
    Case.objects.for_actor(actor).filter(pk__in=cases).update(lead_professional="")
    RiskChange.objects.for_actor(actor).filter(case_id__in=cases).update(reason=REMOVED)
    Plan.objects.for_actor(actor).filter(case_id__in=cases).update(summary=REMOVED,
                                                                   impact_measures=[])
    ChronologyEntry.objects.for_actor(actor).filter(case_id__in=cases).update(summary=REMOVED)
    NrmReferral.objects.for_actor(actor).filter(case_id__in=cases).update(first_responder="")
    # The due list keeps each case's items with the child's name: stored again, anonymised.
    due_store.mark(actor.partnership.pk, cases)
    _episodes_scrubbed(actor, list(MissingEpisode.objects.for_actor(actor).filter(child_id=pk)
                                   .values_list("pk", flat=True)))
    ReturnInterview.objects.for_actor(actor).filter(child_id=pk).update(
        offered_by="", conducted_by="", factors_other="", disclosures="", outcome="",
        synopsis="")
    TriggerFiring.objects.for_actor(actor).filter(child_id=pk).update(handled_note="")
    return True


def episode_anonymise(actor: Actor, pk: int) -> bool:
    found = MissingEpisode.objects.for_actor(actor).filter(pk=pk).exists()
    if found:
        _episodes_scrubbed(actor, [pk])
    return found
