"""The one registry of audit actions: every code `audit_record()` writes, with the label
people read on the access log (like the permission registry, access/permissions.py).
Recording an action that is not here fails, so a new code cannot slip in unlabelled."""

from __future__ import annotations

ACTIONS: dict[str, str] = {
    # Signing in and out (SECURITY S1-S3).
    "auth.password_ok": "Password accepted",
    "auth.mfa_enrolled": "Second factor set up",
    "auth.mfa_failed": "Second factor refused",
    "auth.sign_in": "Signed in",
    "auth.sign_in_failed": "Sign-in refused",
    "auth.locked_out": "Sign-in locked after repeated failures",
    "auth.sign_out": "Signed out",
    "auth.password_set": "Password set by its owner",
    "auth.password_reset_sent": "Password reset link sent",
    "session.expired": "Session expired",
    "api_token.create": "API token issued",
    "api_token.revoke": "API token revoked",
    "partnership.choose": "Partnership chosen",
    # Partnership set-up: agencies, areas, users and roles.
    "partnership.create": "Partnership set up",
    "agency.create": "Agency added",
    "agency.change": "Agency changed",
    "area.create": "Area added",
    "area.change": "Area changed",
    "info_page.change": "Accessibility, privacy, cookies or help page changed",
    "user.create": "User added",
    "user.add_existing": "Existing account added to the partnership",
    "user.enable": "User enabled",
    "user.disable": "User disabled",
    "user.authenticator_reset": "Authenticator reset: a new one is needed at next sign-in",
    "membership.create": "Role given",
    "membership.end": "Role ended",
    "membership.chair_named": "Partnership's chair or deputy named",
    "role_grant.request": "Role requested (second approval needed)",
    "role_grant.approve": "Role request approved",
    "role_grant.refuse": "Role request refused",
    "audit.view": "Access log viewed",
    "access.refused": "Refused: page or record not open to them",
    # Children and concerns.
    "child.view": "Child's record viewed",
    "child.create": "Child's record created",
    "child.change": "Child's record changed",
    "child.search": "Children searched",
    "relation.create": "Relationship recorded",
    "concern.view": "Concern viewed",
    "concern.submit": "Concern submitted",
    "concern.match_child": "Concern matched to a child",
    "concern.consent": "Consent recorded",
    "screening.record": "Concern screened",
    "screening.feedback": "Feedback to the referrer recorded",
    # Cases.
    "case.view": "Case viewed",
    "case.list": "Cases listed",
    "case.reviews_due": "Reviews due listed",
    "due.list": "Due list viewed",
    "case.open": "Case opened",
    "case.change": "Case changed",
    "case.risk": "Risk level changed",
    "case.monitor": "Case monitored without meetings",
    "case.monitor_review": "Monitoring reviewed",
    # case.<status>: a case's status set
    "case.monitored": "Case set to monitored",
    "case.dormant": "Case held dormant",
    "case.closed": "Case closed",
    "plan.create": "Plan recorded",
    "plan.change": "Plan changed",
    "flag.create": "Flag added",
    "nrm.record": "NRM referral recorded",
    # Meetings.
    "meeting.schedule": "Meeting scheduled",
    "meeting.agenda": "Agenda changed",
    "meeting.publish": "Agenda published",
    "meeting.invite": "Invitation sent",
    "meeting.apologies": "Apologies given",
    "meeting.update": "Agency update given",
    "meeting.attendance": "Attendance recorded",
    "meeting.confidentiality": "Confidentiality agreed",
    "meeting.hold": "Meeting held",
    "meeting.minute": "Minute recorded",
    "meeting.remove_item": "Item removed from the agenda",
    "meeting.approve": "Minutes approved",
    "meeting.cancel": "Meeting cancelled",
    "meeting.feedback": "Feedback to professionals recorded",
    "meeting.papers": "Meeting papers opened",
    "meeting.papers.unmarked": "Meeting papers not released: marking missing",
    "meeting.agenda_view": "Meeting agenda viewed",
    "meeting.actions": "Action list viewed",
    "decision.dissent": "Dissent recorded",
    # decision.<kind>: a decision recorded at a meeting
    "decision.risk": "Decision: risk level re-evaluated",
    "decision.plan": "Decision: plan updated",
    "decision.nrm": "Decision: NRM referral considered",
    "decision.intelligence": "Decision: intelligence recording agreed",
    "decision.next_review": "Decision: next review date",
    "decision.escalate": "Decision: escalate",
    "decision.not_escalate": "Decision: not escalated",
    "decision.step_down": "Decision: step down to single-agency",
    "decision.dormant": "Decision: close and hold dormant",
    "decision.discharge": "Decision: discharge from MACE",
    "decision.outcome": "Decision: outcome agreed",
    "decision.other": "Decision recorded",
    "action.view": "Action viewed",
    "action.create": "Action agreed",
    "action.update": "Action updated",
    "reminder.updates": "Reminder sent: agency updates",
    "reminder.action": "Reminder sent: overdue action",
    "disclosure.request": "Disclosure requested",
    "disclosure.approve": "Disclosure approved",
    "disclosure.refuse": "Disclosure refused",
    "disclosure.download": "Disclosure downloaded",
    # Missing children.
    "missing_episode.view": "Missing episode viewed",
    "missing_episode.create": "Missing episode recorded",
    "missing_episode.change": "Missing episode changed",
    "missing_episode.match": "Missing episode matched to a child",
    "missing.import": "Police notifications imported",
    "missing.list": "Missing list viewed",
    "missing.figures": "Missing figures viewed",
    "missing.figures_export": "Missing figures exported",
    "missing.trigger": "Missing trigger met",
    "missing.trigger_handled": "Missing trigger handled",
    "return_interview.view": "Return interview viewed",
    "return_interview.offer": "Return interview offered",
    "return_interview.accepted": "Return interview accepted",
    "return_interview.declined": "Return interview declined",
    "return_interview.complete": "Return interview completed",
    "return_interview.share": "Return interview synopsis shared",
    # Break-glass (SECURITY S10).
    "breakglass.open": "Case opened by break-glass",
    "breakglass.review": "Break-glass signed off",
    # Subject access (SECURITY S19).
    "sar.prepare": "Subject access export prepared",
    "sar.release": "Subject access export released",
}


def action_label(code: str) -> str:
    """The label people read; a code no longer recorded is shown as it was."""
    return ACTIONS.get(code, code)


def check_action(code: str) -> str:
    if code not in ACTIONS:
        raise ValueError(f"audit action {code!r} is not registered in macehub/audit/actions.py")
    return code
