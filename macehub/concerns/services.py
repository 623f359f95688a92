"""Writes for the front door: submitting a concern, matching the child, screening."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.concerns.models import Concern, Consent, Mention, RiskLevel, Screening
from macehub.concerns.opening import case_for_screening, note_screening
from macehub.lib.errors import Problems
from macehub.partnerships.models import Partnership
from macehub.partnerships.policy.screening import Outcome
from macehub.people.birth import Birth, Precision
from macehub.people.models import Child, Ethnicity, Gender
from macehub.people.services import birth_given, check_age_scope, child_create

# The date of birth as given; kept in the details as people.birth.Birth.details().
BIRTH_KEYS = {"date_of_birth", "date_of_birth_precision", "approximate_age", "birth_month"}
IMMEDIATE_DANGER_NOT_REPORTED = (
    "A child in immediate danger must be reported to the police on 999 and through "
    "child-protection procedures first. Do that now, then come back to record the concern."
)


@dataclass
class MentionData:
    kind: str
    value: str
    details: str = ""


def _require(actor: Actor, permission: str, message: str) -> None:
    if not actor.has(permission):
        raise PermissionDenied(message)


def _next_reference(actor: Actor) -> str:
    """MH-<year>-<n>: numbered per partnership and year, under a lock on the partnership."""
    partnership = actor.partnership
    Partnership.objects.select_for_update().get(pk=partnership.pk)
    year = timezone.now().year
    prefix = f"{partnership.slug[:3].upper()}-{year}-"
    count = Concern.objects.for_bookkeeping(actor, why="numbering").filter(
        reference__startswith=prefix).count()
    return f"{prefix}{count + 1:05d}"


def check_consent(partnership: Partnership, *, child_protection_plan: bool, consent: str,
                  dispensed_reason: str, dispensed_by: str) -> str:
    """The consent decision as the pack's rule allows it (Kirklees Annex A). A child
    subject to a child protection plan needs neither consent nor a dispensation where the
    pack says so (Kirklees: "Not required if CP") or checks no consent before screening at
    all (the others share under their information sharing protocols)."""
    rule = partnership.policy.consent
    if child_protection_plan and (not rule.check or
                                  "child_protection" in rule.not_required_for):
        return Consent.NOT_REQUIRED
    if consent not in {Consent.OBTAINED, Consent.DISPENSED, Consent.NEITHER}:
        raise ValidationError({"consent": "Select whether consent was obtained, dispensed "
                                          "with, or neither"})
    if consent == Consent.DISPENSED and (not dispensed_reason.strip() or
                                         not dispensed_by.strip()):
        raise ValidationError({"consent_dispensed_reason": (
            "Give the reason consent was dispensed with and who authorised it "
            f"({rule.cited})")})
    return consent


def validate_choices(partnership: Partnership, types: list[str], indicators: list[str],
                     about_missing: bool = False) -> None:
    """Types and indicators from the pack. No type at all only where the pack lets a concern
    be about missing alone (Kirklees 004 §4, §5 i) and the concern says it is."""
    pack = partnership.policy
    unknown = [t for t in types if t not in pack.exploitation_types]
    if unknown or not (types or (about_missing and pack.missing_alone_allowed)):
        raise ValidationError({"exploitation_types": "Select at least one type of exploitation "
                                                     "from the list"})
    bad = [i for i in indicators if i not in pack.screening.tool.indicators]
    if bad:
        raise ValidationError({"indicators": f"Unknown indicator: {', '.join(bad)}"})


@transaction.atomic
def concern_submit(
    *,
    actor: Actor,
    immediate_danger: str,
    child_details: dict[str, Any],
    what_happened: str,
    exploitation_types: list[str],
    indicators: list[str] | None = None,
    missing_history: str = "",
    about_missing: bool = False,
    child_protection_plan: bool,
    consent: str = "",
    consent_dispensed_reason: str = "",
    consent_dispensed_by: str = "",
    mentions: list[MentionData] | None = None,
) -> Concern:
    """Record a concern. With neither consent nor dispensation (where the pack says so) it
    is recorded and finalised with no further development (Kirklees Annex A)."""
    _require(actor, "concern.submit", "Your role cannot submit concerns.")
    partnership = actor.partnership
    problems = Problems()  # every problem at once, never one at a time
    if immediate_danger not in {"no", "reported"}:
        problems.add("immediate_danger", IMMEDIATE_DANGER_NOT_REPORTED)
    dob = child_details.get("date_of_birth")
    birth = None
    if not str(child_details.get("first_name", "")).strip():
        problems.add("first_name", "Enter the child's first name")
    if not str(child_details.get("last_name", "")).strip():
        problems.add("last_name", "Enter the child's last name")
    with problems.check():  # a date of birth not known is flagged at screening, not refused
        birth = birth_given(
            date_of_birth_precision=child_details.get("date_of_birth_precision")
            or Precision.EXACT, date_of_birth=dob if isinstance(dob, date) else None,
            approximate_age=child_details.get("approximate_age"))
        check_age_scope(partnership, birth)
    gender = str(child_details.get("gender") or Gender.UNKNOWN)
    ethnicity = str(child_details.get("ethnicity") or Ethnicity.UNKNOWN)
    setting = " ".join(str(child_details.get("education_setting") or "").split())
    if gender not in Gender.values:
        problems.add("gender", "Select the child's gender from the list")
    if ethnicity not in Ethnicity.values:
        problems.add("ethnicity", "Select the child's ethnic group from the list")
    if len(setting) > 200:
        problems.add("education_setting", "School, college or setting must be 200 "
                     "characters or fewer")
    if not what_happened.strip():
        problems.add("what_happened", "Describe what was seen or what happened")
    indicators = indicators or []
    with problems.check():
        validate_choices(partnership, exploitation_types, indicators, about_missing)
    decided = ""
    with problems.check():
        decided = check_consent(partnership, child_protection_plan=child_protection_plan,
                                consent=consent, dispensed_reason=consent_dispensed_reason,
                                dispensed_by=consent_dispensed_by)
    for mention in mentions or []:
        if mention.kind not in Mention.Kind.values or not mention.value.strip():
            problems.add("mentions", "Each person, place, vehicle, phone or account needs a "
                         "type and a value")
            break
    problems.raise_any()
    assert birth is not None
    finalise = (decided == Consent.NEITHER and
                partnership.policy.consent.without_consent == "record_and_finalise")
    details = {k: v for k, v in child_details.items() if k not in BIRTH_KEYS}
    details.update(birth.details())
    concern = Concern.objects.create(
        partnership=partnership, reference=_next_reference(actor),
        status=(Concern.Status.FINALISED_NO_CONSENT if finalise
                else Concern.Status.AWAITING_SCREENING),
        submitted_at=timezone.now(), referrer=actor.user, referrer_agency=actor.agency,
        immediate_danger=immediate_danger, child_details=details,
        gender=gender, ethnicity=ethnicity, education_setting=setting,
        what_happened=what_happened.strip(), exploitation_types=exploitation_types,
        about_missing=about_missing,
        indicators=indicators, missing_history=missing_history.strip(),
        child_protection_plan=child_protection_plan, consent=decided,
        # A dispensation is kept only where consent was dispensed with.
        consent_dispensed_reason=consent_dispensed_reason.strip()
        if decided == Consent.DISPENSED else "",
        consent_dispensed_by=consent_dispensed_by.strip()
        if decided == Consent.DISPENSED else "",
    )
    for mention in mentions or []:
        Mention.objects.create(concern=concern, kind=mention.kind, value=mention.value.strip(),
                               details=mention.details.strip())
    audit_record(action="concern.submit", actor=actor, obj=concern)
    return concern


def _awaiting(actor: Actor, concern: Concern) -> Concern:
    _require(actor, "concern.screen", "Your role cannot screen concerns.")
    concern = Concern.objects.for_actor(actor).select_for_update().get(pk=concern.pk)
    if concern.status != Concern.Status.AWAITING_SCREENING:
        raise ValidationError("This concern is not awaiting screening.")
    return concern


@transaction.atomic
def concern_match_child(*, actor: Actor, concern: Concern, child: Child | None = None,
                        confirm_new: bool = False) -> Child:
    """Link the concern to an existing child the coordinator chose, or to a new record
    once they have confirmed it is a new child. Never merges silently."""
    concern = _awaiting(actor, concern)
    if child is not None:
        if child.partnership_id != actor.partnership.pk:
            raise PermissionDenied("That child is not in your partnership.")
    else:
        d = concern.child_details
        child = child_create(
            actor=actor, confirm_new=confirm_new, first_name=d.get("first_name", ""),
            last_name=d.get("last_name", ""), known_as=d.get("known_as", []),
            birth=Birth.from_details(d), address=d.get("address", ""),
            postcode=d.get("postcode", ""),
            gender=concern.gender, ethnicity=concern.ethnicity,
            education_setting=concern.education_setting)
    concern.child = child
    concern.save(update_fields=["child"])
    audit_record(action="concern.match_child", actor=actor, obj=concern)
    return child


def check_screening(partnership: Partnership, *, exploitation_types: list[str],
                    indicators: list[str], risk: str, outcome: str, override_reason: str = "",
                    advice_given: str = "", about_missing: bool = False,
                    **_: Any) -> tuple[int, str | None, Outcome]:
    """Validate a screening decision against the pack before anything is written. The
    pack's tool suggests a risk level; a different level needs a reason. Outcomes come from
    the pack ("no further action" only where it allows it). Returns the tool's score, its
    suggested level and the outcome's rule."""
    pack = partnership.policy
    validate_choices(partnership, exploitation_types, indicators, about_missing)
    score, suggested = pack.screening.tool.assess(indicators)
    if risk not in RiskLevel.values:
        raise ValidationError({"risk": "Select a risk level"})
    if risk != (suggested or "") and not override_reason.strip():
        tool_says = RiskLevel(suggested).label.lower() if suggested else "no risk level"
        raise ValidationError({"override_reason": (
            f"The screening tool suggests {tool_says} (score {score}). Give a reason for "
            f"choosing {RiskLevel(risk).label.lower()}")})
    if not pack.outcome_allowed(outcome):
        nfa = pack.screening.no_further_action
        why = f" ({nfa.cited})" if outcome == "no_further_action" else ""
        raise ValidationError({"outcome": f"That is not a screening outcome in "
                                          f"{pack.name}{why}. Choose one from the list"})
    rule = pack.screening.outcomes[outcome]
    if rule.risk_levels and risk not in rule.risk_levels:
        levels = " or ".join(RiskLevel(r).label.lower() for r in rule.risk_levels)
        raise ValidationError({"outcome": f"{rule.label} is for {levels} risk ({rule.cited})"})
    if outcome == pack.screening.no_further_action.minimum_outcome and not advice_given.strip():
        raise ValidationError({"advice_given": "Record the signposting or advice given"})
    return score, suggested, rule


@transaction.atomic
def screening_record(
    *,
    actor: Actor,
    concern: Concern,
    indicators: list[str],
    risk: str,
    outcome: str,
    override_reason: str = "",
    advice_given: str = "",
    feedback: str = "",
) -> Screening:
    """Record the screening decision (checked by check_screening). "MACE meeting
    required" opens the child's case or reopens a dormant one; the pack's statutory outcome
    (Kirklees: managed through CP / CLA) opens it monitored, without meetings."""
    concern = _awaiting(actor, concern)
    if concern.child_id is None:
        raise ValidationError("Match the concern to a child's record before screening.")
    score, suggested, rule = check_screening(
        actor.partnership, exploitation_types=concern.exploitation_types,
        about_missing=concern.about_missing,
        indicators=indicators, risk=risk, outcome=outcome, override_reason=override_reason,
        advice_given=advice_given)
    now = timezone.now()
    case = case_for_screening(actor=actor, concern=concern, risk=risk, outcome=outcome,
                              outcome_label=rule.label, forum=rule.forum)
    screening = Screening.objects.create(
        concern=concern, screened_by=actor.user, screened_at=now, indicators=indicators,
        score=score, suggested_risk=suggested or "", risk=risk,
        override_reason=override_reason.strip(), outcome=outcome,
        advice_given=advice_given.strip(), feedback=feedback.strip(),
        feedback_given_at=now if feedback.strip() else None, case=case)
    concern.status = Concern.Status.SCREENED
    concern.save(update_fields=["status"])
    if case is not None:
        note_screening(case=case, actor=actor, at=now,
                       summary=f"Screened {concern.reference}: {RiskLevel(risk).label} risk, "
                               f"{rule.label}")
    audit_record(action="screening.record", actor=actor, obj=screening)
    return screening


@transaction.atomic
def screening_feedback(*, actor: Actor, screening: Screening, feedback: str) -> Screening:
    """Record the feedback given to the referrer (Kirklees §5 ii: recorded; the pack's
    `screening.feedback_to_referrer` says whether it has a timescale)."""
    _require(actor, "concern.screen", "Your role cannot record feedback.")
    if not feedback.strip():
        raise ValidationError({"feedback": "Enter the feedback given to the referrer"})
    screening = Screening.objects.for_actor(actor).select_for_update().get(pk=screening.pk)
    if screening.feedback_given_at is not None:
        raise ValidationError("Feedback has already been recorded for this concern.")
    screening.feedback, screening.feedback_given_at = feedback.strip(), timezone.now()
    screening.save(update_fields=["feedback", "feedback_given_at"])
    audit_record(action="screening.feedback", actor=actor, obj=screening)
    return screening


@transaction.atomic
def concern_record_consent(*, actor: Actor, concern: Concern, consent: str,
                           consent_dispensed_reason: str = "",
                           consent_dispensed_by: str = "") -> Concern:
    """Record a consent decision reached after the concern was sent (for example, consent
    obtained at a follow-up call). A concern already finalised without consent stays
    finalised: Kirklees Annex A gives it no further opportunity to develop."""
    concern = _awaiting(actor, concern)
    decided = check_consent(actor.partnership,
                            child_protection_plan=concern.child_protection_plan,
                            consent=consent, dispensed_reason=consent_dispensed_reason,
                            dispensed_by=consent_dispensed_by)
    if decided == Consent.NEITHER and \
            actor.partnership.policy.consent.without_consent == "record_and_finalise":
        concern.status = Concern.Status.FINALISED_NO_CONSENT
    concern.consent = decided
    concern.consent_dispensed_reason = consent_dispensed_reason.strip()
    concern.consent_dispensed_by = consent_dispensed_by.strip()
    concern.save(update_fields=["consent", "consent_dispensed_reason", "consent_dispensed_by",
                                "status"])
    audit_record(action="concern.consent", actor=actor, obj=concern)
    return concern


@transaction.atomic
def concern_screen(*, actor: Actor, concern: Concern, child: Child | None = None,
                   confirm_new: bool = False, **screening: Any) -> Screening:
    """Match the concern to a child (the one chosen, or a new record once the person has
    confirmed it is new) when it has none yet, and record the screening: one transaction,
    checked before anything is written. A screening the pack refuses leaves no new child,
    no match and no audit event of a write."""
    concern = _awaiting(actor, concern)
    check_screening(actor.partnership, exploitation_types=concern.exploitation_types,
                    about_missing=concern.about_missing, **screening)
    if concern.child_id is None:
        concern_match_child(actor=actor, concern=concern, child=child,
                            confirm_new=confirm_new)
        concern.refresh_from_db()
    return screening_record(actor=actor, concern=concern, **screening)
