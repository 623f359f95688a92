"""The one registry of permissions: each names the roles that hold it.

Every URL declares one of these (or a sign-in level) through macehub.access.decorators,
and every API operation through macehub.api.permission; a test walks them all."""

from __future__ import annotations

from macehub.access.roles import Role

ALL_ROLES = frozenset(Role.values)
ROLE_CHOICES: list[tuple[str, str]] = [(str(r.value), str(r.label)) for r in Role]


def role_label(code: str) -> str:
    """A role's label for people to read; a code no longer in use is shown as it was."""
    return dict(ROLE_CHOICES).get(code, code)


PERMISSIONS: dict[str, frozenset[str]] = {
    # The start page: everyone with a role in the active partnership.
    "home.view": ALL_ROLES,
    # Partnership set-up: agencies, areas, users and their roles (own partnership only).
    "partnership.manage": frozenset({Role.PARTNERSHIP_ADMIN}),
    # The text of the accessibility statement, privacy notice, cookies and help pages
    # (anyone may read them, signed in or not).
    "info_page.edit": frozenset({Role.PARTNERSHIP_ADMIN}),
    # The access log (SECURITY S9): the quality-assurance auditors only. The admins who
    # grant roles do not read the log that records their grants (separation of duties).
    "audit.read": frozenset({Role.AUDITOR}),
    # The front door (issue: concerns, consent, screening). Referrers and the hub submit
    # concerns; each submitter sees the outcome of their own concerns and nothing else.
    "concern.submit": frozenset({Role.REFERRER, Role.HUB_COORDINATOR}),
    "concern.screen": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    # Children's records and cases: the hub and chairs see the partnership's cases; a panel
    # member sees a case only while they need to know (macehub/meetings/queries.py).
    "child.create": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    "child.edit": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    "child.view": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    "child.search": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    "case.view": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.PANEL_MEMBER}),
    "case.manage": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    "due.view": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    # Meetings. The hub and chairs schedule, build agendas, minute and record decisions;
    # only chairs take the chair's decisions (escalation, closure, removal from the agenda,
    # approving minutes, disclosure outside the meeting). Panel members see the meetings
    # they are invited to, submit their agency's updates and update their agency's actions.
    "meeting.view": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.PANEL_MEMBER}),
    "meeting.manage": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    "meeting.minute": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    "meeting.chair": frozenset({Role.CHAIR}),
    "meeting.update": frozenset({Role.HUB_COORDINATOR, Role.PANEL_MEMBER}),
    "action.update": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.PANEL_MEMBER}),
    "disclosure.request": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.PANEL_MEMBER}),
    # Missing children (issue 5). The hub and chairs keep the missing records: episodes,
    # the police notification import and its match queue, return interviews, triggers.
    "missing.view": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    "missing.record": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    "missing.import": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    # The missing meetings' lists (Dudley daily missing meeting with Locate Police, 003
    # §Introduction; Thurrock RMM, where each agency reviews every child missing that week,
    # 002 §2.2): panel members sit at these meetings, so they see the lists, but not the
    # episode records, interviews or children's records behind them.
    "missing.lists": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.PANEL_MEMBER}),
    # Oversight figures (Essex §4.6): aggregate tables only, so analysts see them too.
    "missing.figures": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.ANALYST}),
    # The exploitation dashboard (Dudley 003; Essex §4.6 trackers and trend reports):
    # aggregate tables for the partnership's oversight, so analysts see them too.
    "dashboard.view": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.ANALYST}),
    # The quarterly plan audit (Wolverhampton 001 §Accountability; Dudley 003 §MACE Review
    # & Reporting): the auditor draws a sample of MACE plans, grades each, and reports.
    "plan_audit.run": frozenset({Role.AUDITOR}),
    # Intelligence: persons of interest, vehicles, phones, accounts, locations, groups and
    # the graded links between them. The hub and chairs keep it; analysts and the police
    # (a panel member of the police; other panel members reach none of it: reach.py) read
    # graded intelligence (Dudley ToR (003): the CEOG takes perpetrators known only through
    # intelligence). Referrers, admins and auditors see none. The case's Intelligence page
    # sits behind the case's gate, which analysts never pass.
    "intelligence.view": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.ANALYST,
                                    Role.PANEL_MEMBER}),
    "intelligence.case": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.PANEL_MEMBER}),
    "intelligence.manage": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    # Disruption of the people, places and groups of concern (Dudley 003 §CEOG outcomes;
    # Essex 000 §6.4; Kirklees 004 §2): those who reach intelligence read it (reach.py
    # leaves other agencies' panel members none); the hub, chairs and police panel members
    # record what was agreed and what came of it.
    "disruption.view": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.ANALYST,
                                  Role.PANEL_MEMBER}),
    "disruption.record": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.PANEL_MEMBER}),
    # The MACE tracker (Essex 000 §6.3): the cases open to MACE with the pack's columns, its
    # spreadsheet, and importing a tracker kept in a spreadsheet before the product.
    "tracker.view": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    # Chairs' and board reports (each pack's `oversight.reports`: Essex 000 §6.2, Kirklees
    # 004 §8 v, Dudley 003, Wolverhampton 001, SET 002 §2.2-2.3): the hub and chairs
    # generate, write and sign them off; analysts read them, small numbers suppressed.
    "report.view": frozenset({Role.HUB_COORDINATOR, Role.CHAIR, Role.ANALYST}),
    "report.write": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    "tracker.import": frozenset({Role.HUB_COORDINATOR, Role.CHAIR}),
    # Break-glass (SECURITY S10): a panel member opens one case beyond their need to know
    # by stating a reason (who may, and why: macehub/breakglass/reach.py); the auditor is
    # alerted and signs off every use.
    "breakglass.open": frozenset({Role.PANEL_MEMBER}),
    "breakglass.review": frozenset({Role.AUDITOR}),
    # Subject access (SECURITY S19): the hub coordinator, who keeps the partnership's
    # records about children, builds the export (why: macehub/sar/services.py).
    "sar.export": frozenset({Role.HUB_COORDINATOR}),
    # Retention (SECURITY S18): the partnership admin approves or refuses the records the
    # scheduled job proposes (by type and id, never their content: macehub/retention).
    # Legal holds: the hub, who keeps the children's records, and the admin, who acts for
    # the partnership on a legal request.
    "retention.review": frozenset({Role.PARTNERSHIP_ADMIN}),
    "retention.hold": frozenset({Role.HUB_COORDINATOR, Role.PARTNERSHIP_ADMIN}),
    # Who am I: any API client or signed-in person.
    "whoami": ALL_ROLES,
    # The changes feed: anyone, each seeing the changes to the records they reach.
    "changes.read": ALL_ROLES,
    # API tokens (SECURITY S6): anyone makes, lists and revokes tokens for their own roles;
    # the partnership admin sees and revokes every token of the partnership
    # (partnership.manage).
    "api_token.own": ALL_ROLES,
}


def roles_for(permission: str) -> frozenset[str]:
    try:
        return PERMISSIONS[permission]
    except KeyError:
        raise KeyError(f"Unknown permission {permission!r}: add it to PERMISSIONS.") from None
