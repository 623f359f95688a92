"""The suggested agenda and the invitation list for a meeting, from the pack and the
records. Nothing here writes: services.agenda_build stores what the coordinator accepts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from django.utils import timezone

from macehub.access.actor import Actor
from macehub.accounts.models import Role
from macehub.cases.intake import intake_cases, intake_concerns
from macehub.cases.models import Case
from macehub.meetings import conditions
from macehub.meetings.areas import meeting_scope
from macehub.meetings.models import AgendaItem, Decision, Invitation, Meeting
from macehub.meetings.rules import case_forum, discharge_eligible, reviews_due
from macehub.meetings.timing import Slot, starts
from macehub.partnerships.models import Agency


@dataclass
class Suggested:
    kind: str
    title: str
    why: str
    source: str = ""
    case: Case | None = None
    minutes: int | None = None
    lead: str = ""
    starts_at: time | None = None


def _previous(actor: Actor, meeting: Meeting) -> Meeting | None:
    return (Meeting.objects.for_actor(actor)
            .filter(forum=meeting.forum, area=meeting.area, starts_at__lt=meeting.starts_at)
            .exclude(status=Meeting.Status.CANCELLED).order_by("-starts_at").first())


def _missing_items(meeting: Meeting, actor: Actor) -> list[Suggested]:
    """Missing meetings (Dudley daily missing meeting, Thurrock RMM) take their agenda from
    the missing list for the period: one item per child missing in it."""
    from macehub.missing.queries import meeting_list

    day = timezone.localtime(meeting.starts_at).date()
    episodes = list(meeting_list(actor, meeting.forum, day).episodes())
    cases = {c.child_id: c for c in Case.objects.for_actor(actor).select_related("child")
             .filter(status=Case.Status.OPEN,
                     child_id__in={e.child_id for e in episodes if e.child_id})}
    out, seen = [], set()
    for episode in episodes:
        if episode.child_id is None or episode.child_id in seen:
            continue
        seen.add(episode.child_id)
        still = " (still missing)" if episode.returned_at is None else ""
        out.append(Suggested(AgendaItem.Kind.OTHER, f"{episode.child}: missing{still}",
                             "Every child missing in the period is discussed",
                             case=cases.get(episode.child_id)))
    return out


def _intake_items(meeting: Meeting, actor: Actor, taken: set[int]) -> list[Suggested]:
    """The forum's intake from the pack: cases by risk and type or being exploited now
    (Thurrock RMM, 002 §2.2), and the concerns received since the forum last sat (Dudley
    weekly triage, 003 §Introduction: emerging concerns and new referrals)."""
    forum = meeting.partnership.policy.forum(meeting.forum)
    out = [Suggested(AgendaItem.Kind.OTHER, f"{t.case.child}: {t.why.lower()}",
                     f"{forum.label} also takes this child", t.source, case=t.case)
           for t in intake_cases(actor, meeting.forum) if t.case.pk not in taken]
    # Since the forum last sat; else one cadence back; else everything not yet screened.
    previous = _previous(actor, meeting)
    every = forum.cadence.every
    start: datetime | None = None
    if previous is not None:
        start = previous.starts_at
    elif every is not None and every.unit != "working_days":
        start = meeting.starts_at - every.as_timedelta()
    for concern in intake_concerns(actor, meeting.forum, start, meeting.starts_at):
        who = concern.child or "{first_name} {last_name}".format_map(
            {"first_name": "", "last_name": "", **concern.child_details}).strip()
        status = concern.get_status_display().lower()
        out.append(Suggested(AgendaItem.Kind.OTHER, f"Concern {concern.reference}: {who} "
                             f"({status})", "Emerging concerns and new referrals received "
                             "since the last meeting", forum.intake.cited if forum.intake
                             else ""))
    return out


def suggest_agenda(meeting: Meeting, actor: Actor) -> list[Suggested]:
    """Standard items (Essex MACE 2, with durations), new nominations first, then reviews
    due by the pack's cadence, escalated cases, items a perpetrator forum carries until they
    are removed, and the previous meeting's action log."""
    pack = meeting.partnership.policy
    forum = pack.forum(meeting.forum)
    day = timezone.localtime(meeting.starts_at).date()
    out: list[Suggested] = []
    if forum.agenda and forum.agenda.standard_items:
        for std in forum.agenda.standard_items:
            out.append(Suggested(AgendaItem.Kind.STANDARD, std.title, "Standard agenda item",
                                 forum.agenda.cited, minutes=std.minutes, lead=std.lead or ""))
        return _timed(out, meeting, slot=None)
    cases: list[Suggested] = []
    if forum.kind == "missing_meeting":
        cases += _missing_items(meeting, actor)
    if forum.intake is not None:
        cases += _intake_items(meeting, actor, taken={c.case.pk for c in cases if c.case})
    scope = meeting_scope(meeting)  # Essex: only this quadrant's children (000 §6.1)
    if forum.key == case_forum(pack):
        for due in reviews_due(actor, until=day, forum_key=forum.key, areas=scope):
            title = f"{due.case.child} ({due.case.get_risk_display().lower()} risk)"
            eligible = discharge_eligible(pack, due.case)
            why = f"{due.reason.rule}. {eligible.rule}" if eligible else due.reason.rule
            cases.append(Suggested(due.kind, title, why, due.reason.source, case=due.case))
    found = Decision.objects.for_actor(actor).filter(
        kind=Decision.Kind.ESCALATE, to_forum=forum.key,
        case__status=Case.Status.OPEN).select_related("case__child")
    if scope is not None:
        found = found.filter(case__child__area_id__in=scope)
    escalated = list(found)
    taken = {(case_id, at) for case_id, at in AgendaItem.objects.for_actor(actor).filter(
        meeting__forum=forum.key, case_id__in=[d.case_id for d in escalated])
        .exclude(meeting=meeting).values_list("case_id", "meeting__starts_at")}
    previous = _previous(actor, meeting)
    for decision in escalated:
        assert decision.case is not None
        if any(case_id == decision.case_id and at > decision.at for case_id, at in taken):
            continue  # already brought to this forum (and carried by it from then on)
        cases.append(Suggested(AgendaItem.Kind.ESCALATED, f"{decision.case.child} (escalated)",
                               f"Escalated by the chair on "
                               f"{timezone.localtime(decision.at):%d %B %Y}",
                               case=decision.case))
    if previous and forum.removal:
        for item in previous.items.filter(removed_at__isnull=True).exclude(
                kind__in=[AgendaItem.Kind.ACTION_LOG, AgendaItem.Kind.STANDARD]):
            cases.append(Suggested(item.kind, item.title, "Stays on the agenda until the panel "
                                   "removes it with a reason and the actions completed",
                                   forum.removal.cited, case=item.case))
    if scope is not None:
        cases = [c for c in cases if c.case is None or c.case.child.area_id in scope]
    slot = pack.meetings.case_slot_minutes.value
    if forum.agenda and forum.agenda.new_nominations_first:
        cases.sort(key=lambda s: s.kind != AgendaItem.Kind.NOMINATION)
    out = cases
    if previous is not None:
        out.append(Suggested(AgendaItem.Kind.ACTION_LOG, "Action log from the previous meeting",
                             "The action log is reviewed at the next meeting", minutes=10))
    split = bool(forum.agenda and forum.agenda.new_nominations_first)
    return _timed(out, meeting, slot=slot, afternoon_reviews=split)


def _timed(items: list[Suggested], meeting: Meeting, *, slot: int | None,
           afternoon_reviews: bool = False) -> list[Suggested]:
    """Give each item a start time so its lead professional can attend for it (Kirklees §6
    vi); with nominations first, reviews start in the afternoon (macehub.meetings.timing)."""
    times = starts(meeting.starts_at, [Slot(i.kind, i.minutes, i.case is not None)
                                       for i in items],
                   case_minutes=slot, afternoon_reviews=afternoon_reviews)
    for item, (at, minutes) in zip(items, times, strict=True):
        item.starts_at, item.minutes = timezone.localtime(at).time(), minutes
    return items


@dataclass
class Invitee:
    name: str
    basis: str
    why: str
    user_id: int | None = None
    agency: Agency | None = None
    items: list[int] = field(default_factory=list)


def invitees(meeting: Meeting) -> list[Invitee]:
    """Who the pack says to invite: the chair and vice chair; each panel that applies to a
    case on the agenda (Wolverhampton: CSE panel vs CCE / modern slavery panel; Essex: adult
    social care from the 17th birthday; a panel on a condition only where the coordinator
    answered yes); for reviews, the case's lead professional."""
    forum = meeting.partnership.policy.forum(meeting.forum)
    wanted: dict[str, str] = {}
    case_items = conditions.case_items(meeting)
    for item in case_items:
        for panel in conditions.applying(meeting, item):
            if not conditions.invited_for(panel, item):
                continue
            why = f"{panel.label} ({panel.cited})"
            if panel.condition:
                why += f": the coordinator confirmed {panel.condition}"
            for kind_of_agency in forum.panel_agencies(panel):
                wanted.setdefault(kind_of_agency, why)
    if not case_items:
        for panel in forum.panels.values():
            if not panel.exploitation_types and panel.min_age is None and not panel.condition:
                for agency_type in forum.panel_agencies(panel):
                    wanted.setdefault(agency_type, f"{panel.label} ({panel.cited})")
    out: list[Invitee] = []
    for user in (meeting.chair, meeting.vice_chair):
        if user is not None:
            out.append(Invitee(user.get_full_name() or user.username, Invitation.Basis.CHAIR,
                               "Chair of the meeting", user_id=user.pk))
    members = (meeting.partnership.memberships.filter(
        is_active=True, role=Role.PANEL_MEMBER, user__is_active=True,
        agency__type__in=list(wanted))
               .select_related("user", "agency").order_by("agency__name", "user__last_name"))
    covered = set()
    seen = {i.user_id for i in out}
    for m in members:
        covered.add(m.agency.type if m.agency else "")
        if m.user_id not in seen:
            seen.add(m.user_id)
            out.append(Invitee(m.user.get_full_name() or m.user.username,
                               Invitation.Basis.PANEL, wanted[m.agency.type if m.agency else ""],
                               user_id=m.user_id, agency=m.agency))
    agencies = {a.type: a for a in meeting.partnership.agencies.filter(
        is_active=True, type__in=list(wanted))}
    for needed, why in wanted.items():
        if needed not in covered and needed in agencies:
            agency = agencies[needed]
            out.append(Invitee(agency.name, Invitation.Basis.PANEL,
                               f"{why}: no panel member is registered for this agency",
                               agency=agency))
    for item in case_items:
        assert item.case is not None
        if item.kind == AgendaItem.Kind.REVIEW and item.case.lead_professional:
            out.append(Invitee(item.case.lead_professional, Invitation.Basis.KEY_WORKER,
                               f"Lead professional for agenda item {item.position}",
                               agency=item.case.lead_agency, items=[item.pk]))
    return out

