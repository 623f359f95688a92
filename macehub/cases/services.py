"""Writes on a MACE case. Every one adds to the case's chronology and the audit trail."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record, audit_record_many
from macehub.cases import due_store
from macehub.cases.models import AgencyFlag, Case, ChronologyEntry, NrmReferral, Plan, RiskChange
from macehub.cases.references import allocate
from macehub.concerns.models import RiskLevel
from macehub.lib.errors import StaleEdit
from macehub.partnerships.models import Agency
from macehub.partnerships.policy.values import RISK_ORDER

if TYPE_CHECKING:
    from macehub.concerns.models import Concern


def chronology_add(*, case: Case, kind: str, summary: str, by: Any,
                   at: datetime | None = None) -> ChronologyEntry:
    return ChronologyEntry.objects.create(partnership_id=case.partnership_id, case=case,
                                          at=at or timezone.now(), kind=kind,
                                          summary=summary[:500], by=by)


def _require(actor: Actor) -> None:
    if not actor.has("case.manage"):
        raise PermissionDenied("Your role cannot change cases.")


require_manage = _require


def _locked(actor: Actor, case: Case, version: int | None = None) -> Case:
    case = Case.objects.for_actor(actor).select_for_update().get(pk=case.pk)
    if version is not None and case.version != version:
        raise StaleEdit("Someone else changed this case while you were editing it. "
                              "Reload the page to see their change, then make yours again.")
    return case


def case_open_or_reopen(*, actor: Actor, concern: Concern, risk: str) -> Case:
    assert concern.child_id is not None, "match the child before opening a case"
    """One case per period of MACE involvement: reopen the child's dormant case if there is
    one (a new concern reopens it), else open a new one. An open case is reused."""
    now = timezone.now()
    case = (Case.objects.for_actor(actor).select_for_update()
            .filter(child_id=concern.child_id)
            .exclude(status=Case.Status.CLOSED).order_by("-opened_at").first())
    if case is not None and case.status == Case.Status.OPEN:
        chronology_add(case=case, kind="concern", by=actor.user,
                       summary=f"New concern {concern.reference} on an open case")
        return case
    if case is not None and case.status == Case.Status.MONITORED:
        # Kirklees §5 iii, §6 iv: still open to the MACE process; the lead professional is
        # consulted before it comes back to meetings.
        chronology_add(case=case, kind="concern", by=actor.user,
                       summary=f"New concern {concern.reference} on a monitored case")
        _await_discussion(actor, case, f"new concern {concern.reference}")
        _set_risk(actor, case, risk, f"Set at screening of {concern.reference}")
        return case
    if case is not None:  # dormant
        case.status, case.referred_at, case.version = Case.Status.OPEN, concern.submitted_at, \
            case.version + 1
        case.save(update_fields=["status", "referred_at", "version"])
        summary = f"Reopened from dormant by concern {concern.reference}"
    else:
        case = Case.objects.create(
            partnership=actor.partnership, child_id=concern.child_id, risk=risk,
            opened_at=now, referred_at=concern.submitted_at,
            exploitation_types=list(concern.exploitation_types))
        summary = f"Case opened from concern {concern.reference}"
    chronology_add(case=case, kind="status", by=actor.user, summary=summary)
    _set_risk(actor, case, risk, f"Set at screening of {concern.reference}")
    audit_record(action="case.open", actor=actor, obj=case)
    return case


def _await_discussion(actor: Actor, case: Case, what: str) -> None:
    """A monitored case waits for the discussion with its lead professional (Kirklees §6
    iv: 'the case will be discussed with the child's Lead Professional')."""
    waiting = case.monitorings.filter(ended_at__isnull=True, discuss_since__isnull=True)
    if waiting.update(discuss_since=timezone.now()):
        # The discussion is due: an update saves no record, so the case is marked.
        due_store.mark(case.partnership_id, [case.pk])
        who = case.lead_professional or "the lead professional"
        chronology_add(case=case, kind="note", by=actor.user,
                       summary=f"To discuss with {who} whether the case needs MACE meetings "
                               f"again: {what}")


def _set_risk(actor: Actor, case: Case, risk: str, reason: str) -> None:
    if case.status == Case.Status.MONITORED and \
            RISK_ORDER.index(risk) > RISK_ORDER.index(case.risk):  # type: ignore[arg-type]
        _await_discussion(actor, case, f"risk rose to {RiskLevel(risk).label.lower()}")
    RiskChange.objects.create(case=case, risk=risk, at=timezone.now(), by=actor.user,
                              reason=reason)
    if case.risk != risk:
        case.risk = risk
        case.save(update_fields=["risk"])
    chronology_add(case=case, kind="risk", by=actor.user,
                   summary=f"Risk level {RiskLevel(risk).label}: {reason}")


@transaction.atomic
def case_set_risk(*, actor: Actor, case: Case, risk: str, reason: str, version: int) -> Case:
    _require(actor)
    if risk not in RiskLevel.values:
        raise ValidationError({"risk": "Select a risk level"})
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for the risk level"})
    case = _locked(actor, case, version)
    case.version += 1
    case.save(update_fields=["version"])
    _set_risk(actor, case, risk, reason.strip())
    audit_record(action="case.risk", actor=actor, obj=case)
    return case


@transaction.atomic
def case_set_status(*, actor: Actor, case: Case, status: str, reason: str,
                    version: int) -> Case:
    """Hold dormant, close or reopen. A reason is always recorded."""
    _require(actor)
    if status not in Case.Status.values or status == Case.Status.MONITORED:
        raise ValidationError({"status": "Select a status"})
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for the change"})
    case = _locked(actor, case, version)
    if case.status == status:
        current = case.get_status_display().lower()
        raise ValidationError({"status": f"The case is already {current}"})
    if case.status == Case.Status.MONITORED:
        if status == Case.Status.OPEN:
            raise ValidationError({"status": "A monitored case comes back to MACE meetings "
                                             "through its monitoring review"})
        case.monitorings.filter(ended_at__isnull=True).update(ended_at=timezone.now())
    case.status, case.version = status, case.version + 1
    case.save(update_fields=["status", "version"])
    chronology_add(case=case, kind="status", by=actor.user,
                   summary=f"{case.get_status_display()}: {reason.strip()}")
    audit_record(action=f"case.{status}", actor=actor, obj=case)
    return case


@transaction.atomic
def case_update(*, actor: Actor, case: Case, version: int, lead_professional: str,
                lead_agency: Agency | None, exploitation_types: list[str],
                places: list[str] | None = None, outcome: str | None = None) -> Case:
    """Change the case's details; `places` and `outcome` (the MACE tracker's, Essex 000
    §6.3) are left as they are when not given."""
    _require(actor)
    pack = actor.partnership.policy
    if places is not None and any(p not in pack.oversight.tracker.places.value
                                  for p in places):
        raise ValidationError({"places": "Select places of exploitation from the list"})
    if outcome is not None and len(outcome) > 1000:
        raise ValidationError({"outcome": "The outcome must be 1000 characters or fewer"})
    if any(t not in pack.exploitation_types for t in exploitation_types) or \
            not (exploitation_types or pack.missing_alone_allowed):
        raise ValidationError({"exploitation_types": "Select at least one type of exploitation"})
    if lead_agency is not None and lead_agency.partnership_id != actor.partnership.pk:
        raise ValidationError({"lead_agency": "Choose an agency of this partnership"})
    case = _locked(actor, case, version)
    case.lead_professional, case.lead_agency = lead_professional.strip(), lead_agency
    case.exploitation_types, case.version = exploitation_types, case.version + 1
    if places is not None:
        case.places = list(dict.fromkeys(places))
    if outcome is not None:
        case.outcome = outcome.strip()
    case.save()
    chronology_add(case=case, kind="note", by=actor.user, summary="Case details changed")
    audit_record(action="case.change", actor=actor, obj=case)
    return case


@transaction.atomic
def plan_add(*, actor: Actor, case: Case, kind: str, summary: str, agreed_on: date,
             review_on: date | None = None) -> Plan:
    _require(actor)
    pack = actor.partnership.policy
    if kind not in pack.plans.types or pack.plans.types[kind].belongs_to != "case":
        raise ValidationError({"kind": "Select a type of plan"})
    if not summary.strip():
        raise ValidationError({"summary": "Summarise the plan"})
    if review_on is not None and review_on < agreed_on:
        raise ValidationError({"review_on": "The review date must be after the date agreed"})
    case = _locked(actor, case)
    plan = Plan.objects.create(case=case, kind=kind, summary=summary.strip(),
                               agreed_on=agreed_on, review_on=review_on, by=actor.user)
    chronology_add(case=case, kind="plan", by=actor.user,
                   summary=f"{pack.plans.types[kind].label} agreed")
    audit_record(action="plan.create", actor=actor, obj=plan)
    return plan


@transaction.atomic
def flag_add(*, actor: Actor, case: Case, agency: Agency, flagged_on: date) -> AgencyFlag:
    _require(actor)
    if agency.partnership_id != actor.partnership.pk:
        raise ValidationError({"agency": "Choose an agency of this partnership"})
    case = _locked(actor, case)
    flag, created = case.flags.get_or_create(
        case=case, agency=agency, defaults={"flagged_on": flagged_on, "by": actor.user})
    if not created:
        raise ValidationError({"agency": f"Already flagged on {agency.name}'s systems"})
    chronology_add(case=case, kind="flag", by=actor.user,
                   summary=f"Flagged on {agency.name}'s systems")
    audit_record(action="flag.create", actor=actor, obj=flag)
    return flag


def _check_decision(decision: str, on: date | None, label: str, after: date) -> None:
    if decision not in NrmReferral.Decision.values:
        raise ValidationError({label: "Select a decision"})
    if decision != NrmReferral.Decision.PENDING and on is None:
        raise ValidationError({f"{label}_on": "Enter the date of the decision"})
    if on is not None and on < after:
        raise ValidationError({f"{label}_on": "The decision cannot come before the referral"})


@transaction.atomic
def nrm_record(*, actor: Actor, case: Case, referred_on: date, first_responder: str,
               reasonable_grounds: str = "pending", reasonable_grounds_on: date | None = None,
               conclusive_grounds: str = "pending", conclusive_grounds_on: date | None = None,
               referral: NrmReferral | None = None, version: int | None = None) -> NrmReferral:
    """Add or update an NRM referral. A child needs no consent to be referred."""
    _require(actor)
    if not first_responder.strip():
        raise ValidationError({"first_responder": "Enter the first responder organisation"})
    if referred_on > timezone.localdate():
        raise ValidationError({"referred_on": "The referral date cannot be in the future"})
    _check_decision(reasonable_grounds, reasonable_grounds_on, "reasonable_grounds", referred_on)
    _check_decision(conclusive_grounds, conclusive_grounds_on, "conclusive_grounds",
                    reasonable_grounds_on or referred_on)
    if conclusive_grounds != "pending" and reasonable_grounds != "positive":
        raise ValidationError({"conclusive_grounds": "A conclusive grounds decision follows a "
                                                     "positive reasonable grounds decision"})
    case = _locked(actor, case)
    fields = {"referred_on": referred_on, "first_responder": first_responder.strip(),
              "reasonable_grounds": reasonable_grounds,
              "reasonable_grounds_on": reasonable_grounds_on,
              "conclusive_grounds": conclusive_grounds,
              "conclusive_grounds_on": conclusive_grounds_on}
    if referral is None:
        referral = NrmReferral.objects.create(case=case, **fields)
        summary = f"NRM referral by {referral.first_responder}"
    else:
        referral = case.nrm_referrals.select_for_update().get(pk=referral.pk)
        if version is not None and referral.version != version:
            raise StaleEdit("Someone else changed this referral. Reload and try again.")
        for name, value in fields.items():
            setattr(referral, name, value)
        referral.version += 1
        referral.save()
        summary = (f"NRM decisions: reasonable grounds {referral.get_reasonable_grounds_display()}"
                   f", conclusive grounds {referral.get_conclusive_grounds_display()}")
    chronology_add(case=case, kind="nrm", by=actor.user, summary=summary)
    audit_record(action="nrm.record", actor=actor, obj=referral)
    return referral



@transaction.atomic
def cases_open_for_triggers(*, actor: Actor, wanted: dict[int, tuple[str, str, datetime]]
                            ) -> dict[int, Case]:
    """A pack trigger on missing episodes sends children to MACE (Essex §6.1: three
    episodes in four weeks -> high risk and MACE 1). `wanted` maps a child to (risk, reason,
    when). Reuses the open case, reopens a dormant one, or opens one (in bulk: an import
    can nominate many children); sets the risk where it differs. The caller has checked
    permission (the trigger runs on a record or import, or as the scheduled job)."""
    if not wanted:
        return {}
    held: dict[int, Case] = {}
    for case in (Case.objects.for_actor(actor).select_for_update()
                 .filter(child_id__in=list(wanted))
                 .exclude(status=Case.Status.CLOSED).order_by("opened_at")):
        held[case.child_id] = case  # the latest wins
    now = timezone.now()
    fresh = [Case(partnership=actor.partnership, child_id=child_id, risk=risk, opened_at=now,
                  referred_at=at) for child_id, (risk, _r, at) in wanted.items()
             if child_id not in held]
    allocate(actor.partnership, fresh)
    Case.objects.bulk_create(fresh)
    entries, changes = [], []
    for case in fresh:
        risk, reason, _at = wanted[case.child_id]
        changes.append(RiskChange(case=case, risk=risk, at=now, by=actor.user, reason=reason))
        for kind, summary in (("status", f"Case opened: {reason}"),
                              ("risk", f"Risk level {RiskLevel(risk).label}: {reason}")):
            entries.append(ChronologyEntry(partnership_id=case.partnership_id, case=case,
                                           at=now, kind=kind, summary=summary[:500],
                                           by=actor.user))
    RiskChange.objects.bulk_create(changes)
    ChronologyEntry.objects.bulk_create(entries)
    audit_record_many(action="case.open", actor=actor, objects=list(fresh))
    for child_id, case in held.items():
        risk, reason, at = wanted[child_id]
        if case.status == Case.Status.DORMANT:
            case.status, case.referred_at, case.version = Case.Status.OPEN, at, case.version + 1
            case.save(update_fields=["status", "referred_at", "version"])
            chronology_add(case=case, kind="status", by=actor.user,
                           summary=f"Reopened from dormant: {reason}")
            audit_record(action="case.open", actor=actor, obj=case)
        if case.risk != risk:
            _set_risk(actor, case, risk, reason)
            audit_record(action="case.risk", actor=actor, obj=case)
    return {**held, **{case.child_id: case for case in fresh}}
