"""Cases monitored without MACE meetings (Kirklees): started by a screening outcome (a
child managed effectively through child protection or looked-after processes, 004 §5 iii)
or by a meeting's step-down decision (004 §6 iv); reviewed by the coordinator; and, after a
rise in risk or a new concern, decided with the child's lead professional: stay monitored
or come back to MACE meetings. The case stays open to the MACE process throughout."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.cases.models import Case, Monitoring
from macehub.cases.services import case_open_or_reopen, chronology_add, require_manage
from macehub.concerns.models import Concern
from macehub.lib.errors import StaleEdit


def active_monitoring(case: Case) -> Monitoring | None:
    return case.monitorings.filter(ended_at__isnull=True).first()


def _next_review(actor: Actor, reason: str) -> date | None:
    pack = actor.partnership.policy
    rule = pack.monitoring
    if reason != Monitoring.Reason.STATUTORY or rule is None or rule.review_every is None:
        return None
    return rule.review_every.value.after(timezone.localdate(), holidays=pack.holidays)


def monitoring_start(*, actor: Actor, case: Case, reason: str, why: str) -> Monitoring:
    """Hold an open case to the MACE process without meetings. Runs inside the caller's
    transaction (a screening or a meeting decision), which has authorised the actor."""
    case = Case.objects.for_actor(actor).select_for_update().get(pk=case.pk)
    current = active_monitoring(case)
    if current is not None:
        return current
    if case.status not in (Case.Status.OPEN, Case.Status.MONITORED):
        raise ValidationError("Only an open case can be monitored.")
    monitoring = Monitoring.objects.create(
        case=case, reason=reason, started_at=timezone.now(),
        review_on=_next_review(actor, reason))
    case.status, case.version = Case.Status.MONITORED, case.version + 1
    case.save(update_fields=["status", "version"])
    chronology_add(case=case, kind="status", by=actor.user,
                   summary=f"Monitored without MACE meetings "
                           f"({monitoring.get_reason_display().lower()}): {why}")
    audit_record(action="case.monitor", actor=actor, obj=monitoring)
    return monitoring


def case_open_monitored(*, actor: Actor, concern: Concern, risk: str, why: str) -> Case:
    """Kirklees §5 iii: managed effectively through CP / CLA, so no MACE meeting, but the
    risk stays monitored through the coordination process. A case already at MACE meetings
    stays there: only a meeting removes its oversight (§6 iv)."""
    at_meetings = Case.objects.for_actor(actor).filter(
        child_id=concern.child_id, status=Case.Status.OPEN).exists()
    case = case_open_or_reopen(actor=actor, concern=concern, risk=risk)
    if not at_meetings:
        monitoring_start(actor=actor, case=case, reason=Monitoring.Reason.STATUTORY, why=why)
        case.refresh_from_db()
    return case


@transaction.atomic
def monitoring_review(*, actor: Actor, case: Case, back_to_mace: bool, note: str,
                      version: int, lead_professional: str = "") -> Case:
    """The coordinator's review of a monitored case. After a rise in risk or a new concern
    it is the discussion with the lead professional (Kirklees §6 iv), who is named. Either
    the case stays monitored (the next review is set from the pack) or it comes back to MACE
    meetings, as an open case the next agenda takes."""
    require_manage(actor)
    if not note.strip():
        raise ValidationError({"note": "Record what was reviewed and decided"})
    case = Case.objects.for_actor(actor).select_for_update().get(pk=case.pk)
    if case.version != version:
        raise StaleEdit("Someone else changed this case while you were editing it. "
                              "Reload the page to see their change, then make yours again.")
    monitoring = active_monitoring(case)
    if case.status != Case.Status.MONITORED or monitoring is None:
        raise ValidationError("This case is not monitored without meetings.")
    who = lead_professional.strip() or case.lead_professional
    if monitoring.discuss_since is not None and not who:
        raise ValidationError({"lead_professional": "Name the lead professional the rise in "
                               "risk or the new concern was discussed with"})
    now = timezone.now()
    with_whom = f" with the lead professional ({who})" if monitoring.discuss_since else ""
    if back_to_mace:
        monitoring.ended_at = now
        case.status, case.referred_at = Case.Status.OPEN, now
        outcome = "back to MACE meetings"
    else:
        monitoring.review_on = _next_review(actor, monitoring.reason)
        outcome = "stays monitored without MACE meetings"
    monitoring.discuss_since, monitoring.version = None, monitoring.version + 1
    monitoring.save(update_fields=["ended_at", "review_on", "discuss_since", "version"])
    case.version += 1
    case.save(update_fields=["status", "referred_at", "version"])
    chronology_add(case=case, kind="status", by=actor.user,
                   summary=f"Monitoring reviewed{with_whom}: {outcome}. {note.strip()}")
    audit_record(action="case.monitor_review", actor=actor, obj=monitoring)
    return case
