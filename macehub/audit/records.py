"""The one registry of record types: every type an audit event names, with the words
people read on the access log ("case", "child's record"). Like the action registry
(actions.py), a test keeps it complete: every model is here."""

from __future__ import annotations

RECORD_TYPES: dict[str, str] = {
    "partnerships.partnership": "partnership",
    "partnerships.area": "area",
    "partnerships.agency": "agency",
    "partnerships.infopage": "information page",
    "accounts.user": "user account",
    "accounts.membership": "role",
    "accounts.usersession": "signed-in session",
    "accounts.apitoken": "API token",
    "accounts.rolegrant": "role request",
    "people.child": "child's record",
    "people.childname": "child's other name",
    "people.relation": "relationship",
    "concerns.concern": "concern",
    "concerns.mention": "person named in a concern",
    "concerns.screening": "screening",
    "cases.case": "case",
    "cases.riskchange": "risk change",
    "cases.agencyflag": "agency flag",
    "cases.plan": "plan",
    "cases.nrmreferral": "NRM referral",
    "cases.chronologyentry": "chronology entry",
    "cases.monitoring": "monitoring",
    "cases.dueentry": "stored due item",
    "meetings.meeting": "meeting",
    "meetings.agendaitem": "agenda item",
    "meetings.invitation": "invitation",
    "meetings.agencyupdate": "agency update",
    "meetings.minute": "minute",
    "meetings.decision": "decision",
    "meetings.dissent": "dissent",
    "meetings.action": "action",
    "meetings.actionupdate": "action update",
    "meetings.disclosure": "disclosure",
    "meetings.paperpack": "meeting papers pack",
    "missing.missingepisode": "missing episode",
    "missing.episodechange": "missing episode change",
    "missing.returninterview": "return interview",
    "missing.synopsisshare": "shared return interview synopsis",
    "missing.triggerfiring": "missing trigger",
    "missing.importrun": "police notification import",
    "intelligence.personofinterest": "person of interest",
    "intelligence.personname": "alias or street name",
    "intelligence.vehicle": "vehicle",
    "intelligence.phonenumber": "phone number",
    "intelligence.onlineaccount": "online account",
    "intelligence.location": "location",
    "intelligence.statuschange": "change of a location's status",
    "intelligence.group": "group",
    "intelligence.link": "intelligence link",
    "intelligence.uploadedrecord": "uploaded record's reference",
    "disruption.disruption": "disruption",
    "accounts.idempotentrequest": "answer kept for a repeated API request",
    "intelligence.candidate": "named person, place or thing to confirm",
    "intelligence.judgement": "judgement of a likely match",
    "intelligence.merge": "merge of two intelligence records",
    "intelligence.proposaldecision": "linked-children proposal decided",
    "intelligence.agendarecord": "intelligence record on an agenda",
    "breakglass.breakglass": "break-glass access",
    "oversight.planaudit": "plan audit",
    "oversight.planauditentry": "plan in a plan audit",
    "oversight.trackerimport": "MACE tracker import",
    "oversight.report": "report",
    "oversight.dutyreview": "yearly review",
    "retention.retentionreview": "retention list",
    "retention.retentionitem": "record on a retention list",
    "retention.legalhold": "legal hold",
    "audit.auditevent": "access log entry",
    "audit.auditeventobject": "record in an access log entry",
}

# Types kept by the sign-in library and the background worker's queue, never named by an
# audit event.
NOT_AUDITED_APPS = ("axes", "auth", "contenttypes", "sessions", "admin", "messages",
                    "otp_totp", "otp_static", "django_otp", "django_q")


def record_label(code: str) -> str:
    """The words people read; a type no longer in use reads as "record"."""
    return RECORD_TYPES.get(code, "record")


def record_choices() -> list[tuple[str, str]]:
    """(code, label) for a filter, in the order people read them."""
    return sorted(RECORD_TYPES.items(), key=lambda item: item[1])
