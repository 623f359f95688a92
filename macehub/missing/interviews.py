"""Return interviews ("Missing Chats", Essex §4.1): offer, the child's answer, the
interview itself, and sharing its synopsis with police and social care."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.lib.errors import StaleEdit
from macehub.missing.models import MissingEpisode, ReturnInterview, SynopsisShare
from macehub.missing.services import require
from macehub.people.models import Child

STALE = ("Someone else changed this interview while you were editing it. Reload the page "
         "to see their change, then make yours again.")


def _label(actor: Actor) -> str:
    return actor.partnership.policy.missing.return_interview.label or "Return interview"


def offer_problem(actor: Actor, child: Child, episodes: list[MissingEpisode],
                  kind: str) -> str | None:
    """Why this offer is not one the pack provides for, or None."""
    rule = actor.partnership.policy.missing.return_interview
    label = _label(actor)
    if not rule.offered:
        return f"{actor.partnership.policy.name} does not offer return interviews ({rule.cited})"
    if not episodes or any(e.child_id != child.pk for e in episodes):
        return "Choose the child's missing episodes this offer covers"
    if any(e.returned_at is None for e in episodes):
        return "An interview is offered on return: record when the child was found first"
    if kind == ReturnInterview.Kind.PARENT:
        return None if rule.parent_offer else (
            f"{actor.partnership.policy.name} does not offer parental interviews ({rule.cited})")
    returned = max(timezone.localtime(e.returned_at).date() for e in episodes  # type: ignore[arg-type]
                   )
    age = child.age_on(returned)
    if not rule.offered_at(age):
        return (f"The child was {child.birth.age_label(returned)} on return. A {label} is "
                f"offered to children {rule.display_value()} (source: {rule.cited})")
    if len(episodes) > 1:
        covers = rule.one_offer_covers
        if covers is None:
            return f"Offer a {label} for each episode ({rule.cited})"
        reports = [e.reported_at for e in episodes]
        if max(reports) - min(reports) > covers.value.as_timedelta():
            return (f"One offer may cover several episodes within {covers.value} only "
                    f"(source: {covers.cited})")
    return None


@transaction.atomic
def interview_offer(*, actor: Actor, child: Child, episodes: list[MissingEpisode],
                    offered_on: date, offered_by: str,
                    kind: str = ReturnInterview.Kind.CHILD) -> ReturnInterview:
    require(actor, "missing.record", "Your role cannot record return interviews.")
    if kind not in ReturnInterview.Kind.values:
        raise ValidationError({"kind": "Choose whether the interview is with the child or a "
                                       "parent"})
    if (problem := offer_problem(actor, child, episodes, kind)) is not None:
        raise ValidationError({"episodes": problem})
    covered = ReturnInterview.objects.for_bookkeeping(
        actor, why="one offer covers an episode").filter(episodes__in=episodes,
                                                         kind=kind).exists()
    if covered:
        raise ValidationError({"episodes": "An offer already covers one of these episodes"})
    if not offered_by.strip():
        raise ValidationError({"offered_by": "Enter who made the offer"})
    if offered_on > timezone.localdate():
        raise ValidationError({"offered_on": "The offer date cannot be in the future"})
    interview = ReturnInterview.objects.create(
        partnership=actor.partnership, child=child, kind=kind, offered_on=offered_on,
        offered_by=offered_by.strip())
    interview.episodes.set(episodes)
    audit_record(action="return_interview.offer", actor=actor, obj=interview)
    return interview


def _locked(actor: Actor, interview: ReturnInterview, version: int) -> ReturnInterview:
    interview = ReturnInterview.objects.for_actor(actor).select_for_update().get(
        pk=interview.pk)
    if interview.version != version:
        raise StaleEdit(STALE)
    return interview


@transaction.atomic
def interview_respond(*, actor: Actor, interview: ReturnInterview, accepted: bool,
                      responded_on: date, version: int) -> ReturnInterview:
    """Voluntary: the child accepts or declines (Essex §4)."""
    require(actor, "missing.record", "Your role cannot record return interviews.")
    interview = _locked(actor, interview, version)
    if interview.status != ReturnInterview.Status.OFFERED:
        raise ValidationError("The answer to this offer is already recorded.")
    if responded_on < interview.offered_on or responded_on > timezone.localdate():
        raise ValidationError({"responded_on": "The answer comes after the offer and not in "
                                               "the future"})
    interview.status = (ReturnInterview.Status.ACCEPTED if accepted
                        else ReturnInterview.Status.DECLINED)
    interview.responded_on, interview.version = responded_on, interview.version + 1
    interview.save()
    audit_record(action=f"return_interview.{interview.status}", actor=actor, obj=interview)
    return interview


@transaction.atomic
def interview_complete(*, actor: Actor, interview: ReturnInterview, version: int,
                       completed_on: date, conducted_by: str, push_factors: list[str],
                       pull_factors: list[str], factors_other: str = "", disclosures: str = "",
                       outcome: str = "", synopsis: str) -> ReturnInterview:
    require(actor, "missing.record", "Your role cannot record return interviews.")
    rule = actor.partnership.policy.missing.return_interview
    interview = _locked(actor, interview, version)
    if interview.status != ReturnInterview.Status.ACCEPTED:
        raise ValidationError("Record that the offer was accepted before the interview.")
    for name, chosen, allowed in (("push_factors", push_factors, rule.push_factors),
                                  ("pull_factors", pull_factors, rule.pull_factors)):
        if any(f not in (allowed.value if allowed else []) for f in chosen):
            raise ValidationError({name: "Choose factors from the list; add others as text"})
    if not conducted_by.strip():
        raise ValidationError({"conducted_by": "Enter who conducted the interview"})
    if not synopsis.strip():
        raise ValidationError({"synopsis": "Write the synopsis shared with police and social "
                                           "care"})
    assert interview.responded_on is not None
    if completed_on < interview.responded_on or completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The interview comes after the child accepted "
                                               "and not in the future"})
    interview.status, interview.completed_on = ReturnInterview.Status.COMPLETED, completed_on
    interview.conducted_by, interview.push_factors = conducted_by.strip(), push_factors
    interview.pull_factors, interview.factors_other = pull_factors, factors_other.strip()
    interview.disclosures, interview.outcome = disclosures.strip(), outcome.strip()
    interview.synopsis, interview.version = synopsis.strip(), interview.version + 1
    interview.save()
    audit_record(action="return_interview.complete", actor=actor, obj=interview)
    return interview


@transaction.atomic
def interview_share_synopsis(*, actor: Actor, interview: ReturnInterview) -> list[SynopsisShare]:
    """Share the synopsis with the agencies the pack names (Essex §4.1: police and social
    care), each share audited, and add it to the child's chronology (the case's, when the
    child has one; the missing record on the child's page always shows it)."""
    from macehub.cases.models import Case
    from macehub.cases.services import chronology_add

    require(actor, "missing.record", "Your role cannot share return interview synopses.")
    rule = actor.partnership.policy.missing.return_interview
    interview = ReturnInterview.objects.for_actor(actor).select_for_update().get(
        pk=interview.pk)
    if interview.status != ReturnInterview.Status.COMPLETED:
        raise ValidationError("Complete the interview before sharing its synopsis.")
    if interview.shares.exists():
        raise ValidationError("The synopsis has already been shared.")
    if not rule.shared_with:
        raise ValidationError(f"The pack names no agency to share the synopsis with "
                              f"({rule.cited})")
    now, shares = timezone.now(), []
    for agency_type in rule.shared_with:
        agency = actor.partnership.agencies.filter(type=agency_type).first()
        share = SynopsisShare.objects.create(
            interview=interview, agency_type=agency_type, shared_at=now, by=actor.user,
            agency_name=agency.name if agency else agency_type.replace("_", " "))
        audit_record(action="return_interview.share", actor=actor, obj=share,
                     purpose=f"synopsis shared with {share.agency_name} ({rule.cited})")
        shares.append(share)
    case = (Case.objects.for_actor(actor).filter(child_id=interview.child_id)
            .exclude(status=Case.Status.CLOSED).order_by("-opened_at").first())
    if case is not None:
        names = " and ".join(s.agency_name for s in shares)
        chronology_add(case=case, kind="note", by=actor.user, at=now,
                       summary=f"{_label(actor)} synopsis shared with {names}: "
                               f"{interview.synopsis}")
    return shares
