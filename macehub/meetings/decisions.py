"""Decisions on a case at a meeting, professional dissent, and actions. Decisions and
dissent are never edited: a correction is a new decision linked to the one it corrects."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.accounts.models import User
from macehub.audit.services import audit_record
from macehub.cases.models import Case, Monitoring
from macehub.cases.monitoring import monitoring_start
from macehub.cases.services import case_set_risk, case_set_status, chronology_add, plan_add
from macehub.concerns.models import RiskLevel
from macehub.lib.errors import StaleEdit
from macehub.meetings.models import Action, ActionUpdate, AgendaItem, Decision, Dissent, Meeting
from macehub.meetings.rules import escalation_targets, next_review
from macehub.meetings.services import require, require_chair
from macehub.partnerships.models import Agency

Kind = Decision.Kind
# Decisions the chair takes (DOMAIN roles: the chair decides escalation, closure, removal).
CHAIR_ONLY = {Kind.ESCALATE, Kind.NOT_ESCALATE, Kind.DORMANT, Kind.DISCHARGE, Kind.STEP_DOWN}
INTELLIGENCE_ROUTES = {"officer_present": "The police officer present records it",
                       "intelligence_form": "An intelligence form is submitted"}


def _item(actor: Actor, item: AgendaItem, correcting: bool = False) -> AgendaItem:
    item = (AgendaItem.objects.for_actor(actor).select_related("meeting", "case__child")
            .get(pk=item.pk))
    open_for = [Meeting.Status.PUBLISHED, Meeting.Status.HELD]
    if correcting:  # after approval, the chair may still add a linked correction
        open_for.append(Meeting.Status.APPROVED)
    if item.meeting.status not in open_for:
        raise ValidationError("Decisions are recorded during the meeting, before the minutes "
                              "are approved.")
    if item.case is None:
        raise ValidationError("Decisions here are on a case: minute other items instead.")
    return item


@transaction.atomic
def decision_record(*, actor: Actor, item: AgendaItem, kind: str, text: str,
                    risk: str = "", next_review_on: date | None = None, to_forum: str = "",
                    details: dict[str, Any] | None = None,
                    corrects: Decision | None = None) -> Decision:
    require(actor, "meeting.minute", "record decisions")
    if kind not in Kind.values:
        raise ValidationError({"kind": "Select the decision"})
    item = _item(actor, item, correcting=corrects is not None)
    if kind in CHAIR_ONLY or item.meeting.status == Meeting.Status.APPROVED:
        require_chair(actor, item.meeting, "take that decision")
    case, pack = item.case, actor.partnership.policy
    assert case is not None
    details = dict(details or {})
    if not text.strip():
        raise ValidationError({"text": "Give the decision and its reason"})
    if corrects is not None and corrects.case_id != case.pk:
        raise ValidationError({"corrects": "Correct a decision on this case"})
    _validate(actor, item, case, kind, risk, next_review_on, to_forum, details)
    decision = Decision.objects.create(
        item=item, case=case, kind=kind, text=text.strip(), risk=risk,
        next_review_on=next_review_on, to_forum=to_forum, details=details, by=actor.user,
        at=timezone.now(), corrects=corrects)
    _apply(actor, decision, case)
    forum = pack.forum(item.meeting.forum).label
    what = details.get("outcome_label") or decision.get_kind_display()
    chronology_add(case=case, kind="note", by=actor.user,
                   summary=f"{forum}: {what}: {text.strip()}")
    audit_record(action=f"decision.{kind}", actor=actor, obj=decision)
    return decision


def _validate(actor: Actor, item: AgendaItem, case: Case, kind: str, risk: str,
              next_review_on: date | None, to_forum: str, details: dict[str, Any]) -> None:
    pack = actor.partnership.policy
    forum = item.meeting.forum
    if kind == Kind.RISK and risk not in RiskLevel.values:
        raise ValidationError({"risk": "Select the risk level"})
    if kind == Kind.NEXT_REVIEW:
        if next_review_on is None:
            raise ValidationError({"next_review_on": "Enter the next review date"})
        held = timezone.localtime(item.meeting.starts_at).date()
        if next_review_on <= held:
            raise ValidationError({"next_review_on": "The next review is after this meeting"})
        computed, because = next_review(pack, forum, case, held)
        details["computed"] = computed.isoformat() if computed else ""
        details["rule"] = because.rule
        if computed and next_review_on != computed and not str(details.get("reason", "")).strip():
            raise ValidationError({"reason": f"{because.rule}: that gives "
                                   f"{computed:%d %B %Y}. Give a reason for another date"})
    if kind == Kind.ESCALATE:
        targets = {f.key for f in escalation_targets(pack, forum)}
        if to_forum not in targets:
            raise ValidationError({"to_forum": "Select the forum to escalate to"})
    if kind == Kind.INTELLIGENCE and details.get("route") not in INTELLIGENCE_ROUTES:
        raise ValidationError({"route": "Say who records the intelligence on police systems"})
    if kind == Kind.NRM and details.get("referral") not in ("yes", "no"):
        raise ValidationError({"referral": "Say whether an NRM referral will be made"})
    if kind == Kind.PLAN and details.get("plan_type") not in {
            key for key, t in pack.plans.types.items() if t.belongs_to == "case"}:
        raise ValidationError({"plan_type": "Select the type of plan"})
    if kind == Kind.OUTCOME:
        # The forum's own outcomes (Dudley §MACE Outcomes); the label is kept with the
        # decision, which is never edited.
        outcomes = pack.forum(forum).outcomes
        chosen = outcomes.get(str(details.get("outcome", "")))
        if chosen is None:
            raise ValidationError({"outcome": "Select an outcome this meeting can agree"})
        details["outcome_label"] = chosen.label
    closure = pack.closure
    if kind == Kind.DORMANT:
        if closure.requires_review_meeting and item.kind != AgendaItem.Kind.REVIEW:
            raise ValidationError("A case is closed only at a review meeting "
                                  f"({closure.cited}).")
        answers = details.get("answers") or {}
        if not isinstance(answers, dict):
            raise ValidationError({"answers": "Answer each closure question"})
        missing = [q for q in closure.review_questions if not str(answers.get(q, "")).strip()]
        if missing:
            raise ValidationError({"answers": f"Answer every closure question ({closure.cited})"
                                   f": {missing[0]}"})
    if kind == Kind.DISCHARGE and closure.discharge_at and case.risk != closure.discharge_at:
        raise ValidationError(f"A case is discharged when its risk is lowered to "
                              f"{RiskLevel(closure.discharge_at).label.lower()} "
                              f"({closure.cited}).")


def _apply(actor: Actor, decision: Decision, case: Case) -> None:
    pack, text = actor.partnership.policy, decision.text
    if decision.kind == Kind.RISK:
        case = case_set_risk(actor=actor, case=case, risk=decision.risk, reason=text,
                             version=Case.objects.for_actor(actor).get(pk=case.pk).version)
        discharge_at = pack.closure.discharge_at
        if discharge_at and decision.risk == discharge_at and case.status == Case.Status.OPEN:
            # Dudley §MACE Review & Reporting: lowered to "at risk" → discharged from MACE.
            case_set_status(actor=actor, case=case, status=Case.Status.CLOSED,
                            version=case.version,
                            reason=f"Discharged: risk lowered to "
                                   f"{RiskLevel(discharge_at).label.lower()} "
                                   f"({pack.closure.cited})")
    elif decision.kind == Kind.PLAN:
        plan_add(actor=actor, case=case, kind=decision.details["plan_type"], summary=text,
                 agreed_on=timezone.localdate(), review_on=decision.next_review_on)
    elif decision.kind == Kind.STEP_DOWN and pack.monitoring and \
            pack.monitoring.step_down_stays_open:
        # Kirklees §6 iv: oversight leaves the MACE meetings but "the case will remain open
        # to the MACE process"; a rise in risk goes back through the lead professional.
        if case.status == Case.Status.OPEN:
            monitoring_start(actor=actor, case=case, reason=Monitoring.Reason.STEP_DOWN,
                             why=text)
    elif decision.kind in (Kind.DORMANT, Kind.STEP_DOWN, Kind.DISCHARGE):
        status = Case.Status.DORMANT if decision.kind == Kind.DORMANT and \
            pack.closure.hold_dormant else Case.Status.CLOSED
        if case.status == Case.Status.OPEN:
            case_set_status(actor=actor, case=case, status=status, reason=text,
                            version=Case.objects.for_actor(actor).get(pk=case.pk).version)


@transaction.atomic
def dissent_record(*, actor: Actor, decision: Decision, agency: Agency, person: str,
                   reason: str) -> Dissent:
    """Professional dissent from a decision, recorded in the minutes with agency and reason
    (Essex §6.7: 'their professional dissent will be recorded in the minutes')."""
    require(actor, "meeting.minute", "record dissent")
    if decision.partnership_id != actor.partnership.pk or \
            agency.partnership_id != actor.partnership.pk:
        raise ValidationError({"agency": "Select an agency"})
    if not person.strip():
        raise ValidationError({"person": "Enter who dissents"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for the dissent"})
    dissent = Dissent.objects.create(decision=decision, agency=agency, person=person.strip(),
                                     reason=reason.strip(), by=actor.user, at=timezone.now())
    audit_record(action="decision.dissent", actor=actor, obj=dissent)
    return dissent


@transaction.atomic
def action_add(*, actor: Actor, meeting: Meeting, description: str, owner_name: str,
               owner_agency: Agency, due_on: date, item: AgendaItem | None = None,
               owner: User | None = None) -> Action:
    require(actor, "meeting.minute", "agree actions")
    if meeting.partnership_id != actor.partnership.pk or \
            owner_agency.partnership_id != actor.partnership.pk:
        raise ValidationError({"owner_agency": "Select an agency"})
    meeting = Meeting.objects.for_actor(actor).get(pk=meeting.pk)  # fresh: the status moves
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": "Select an item on this agenda"})
    if not description.strip():
        raise ValidationError({"description": "Describe the action"})
    if not owner_name.strip():
        raise ValidationError({"owner_name": "Enter who owns the action"})
    if due_on < timezone.localtime(meeting.starts_at).date():
        raise ValidationError({"due_on": "The due date is on or after the meeting"})
    if meeting.status not in (Meeting.Status.PUBLISHED, Meeting.Status.HELD):
        raise ValidationError("Actions are agreed at the meeting, before minutes are approved.")
    action = Action.objects.create(
        meeting=meeting, item=item,
        case=item.case if item else None, description=description.strip(),
        owner=owner, owner_name=owner_name.strip(), owner_agency=owner_agency, due_on=due_on)
    audit_record(action="action.create", actor=actor, obj=action)
    return action


@transaction.atomic
def action_update(*, actor: Actor, action: Action, text: str, status: str,
                  version: int) -> Action:
    """An update from the owning agency (or the hub): progress, done or cancelled."""
    require(actor, "action.update", "update actions")
    action = Action.objects.for_actor(actor).select_for_update(of=("self",)).get(pk=action.pk)
    if not actor.has("meeting.minute") and (actor.agency is None or
                                            actor.agency.pk != action.owner_agency_id):
        raise ValidationError("Only the owning agency or the hub can update this action.")
    if action.version != version:
        raise StaleEdit("Someone else updated this action. Reload the page to see it.")
    if status not in Action.Status.values:
        raise ValidationError({"status": "Select the status"})
    if not text.strip():
        raise ValidationError({"text": "Enter the update"})
    ActionUpdate.objects.create(action=action, text=text.strip(), status=status,
                                by=actor.user, at=timezone.now())
    action.status, action.version = status, action.version + 1
    action.save(update_fields=["status", "version"])
    audit_record(action="action.update", actor=actor, obj=action)
    return action
