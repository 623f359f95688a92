"""What the policy pack says about meetings: when a case comes back (review cadence and
first meeting), when a meeting is quorate, who is invited, when a case is flagged for
escalation, and when the forums sit. Each answer carries the rule and its source."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.cases.models import Case
from macehub.concerns.models import RiskLevel
from macehub.meetings.models import AgendaItem, Decision, Invitation, Meeting
from macehub.partnerships.policy import PolicyPack
from macehub.partnerships.policy.forums import Forum
from macehub.partnerships.policy.interval import Interval
from macehub.rules.reason import Reason

RANK = {risk: n for n, risk in enumerate(("at_risk", "medium", "high"))}
HELD = (Meeting.Status.HELD, Meeting.Status.APPROVED)


def case_forum(pack: PolicyPack) -> str:
    """The forum where a child's case is managed: the first-meeting forum, else the first
    forum of kind "mace" (Essex: MACE 1)."""
    if pack.first_meeting.forum:
        return pack.first_meeting.forum
    forums = pack.forums_of_kind("mace")
    return forums[0].key if forums else next(iter(pack.forums))


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


# --- meeting dates --------------------------------------------------------------------


def series_dates(pack: PolicyPack, forum_key: str, first: date, count: int,
                 anchors: list[date] | None = None) -> tuple[list[date], Reason]:
    """The dates of `count` meetings of a forum. With `anchors` (e.g. the dates of the
    police tasking meeting) and a pack rule that the forum sits a lead time before that
    event (Dudley CEOG: 1 week before), each meeting is placed that long before its anchor;
    otherwise meetings follow the forum's cadence from `first`."""
    forum = pack.forum(forum_key)
    if anchors:
        for item in pack.oversight.items.values():
            if item.forum == forum_key and item.lead_time and item.before_event:
                dates = [item.lead_time.before(anchor, holidays=pack.holidays)
                         for anchor in anchors]
                return dates, item.reason(f"{forum.label} sits {item.lead_time} before the "
                                          f"{item.before_event}")
        raise ValueError(f"{forum.label} has no rule placing it before another meeting")
    every = forum.cadence.every
    if every is None:
        raise ValueError(f"{forum.label} meets on demand: schedule each meeting by itself")
    dates, current = [], first
    for _ in range(count):
        dates.append(current)
        current = every.after(current, holidays=pack.holidays)
    return dates, forum.cadence.reason(f"{forum.label} meets {every.as_cadence()}")


# --- reviews due ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDue:
    case: Case
    kind: str  # AgendaItem.Kind: nomination or review
    due_on: date | None
    reason: Reason
    last_meeting_on: date | None = None


def _discussions(items: QuerySet[AgendaItem], forum_key: str) -> dict[int, list[Meeting]]:
    """Held meetings of the forum at which each case was on the agenda, oldest first, from
    agenda items already scoped (the actor's, or a reached case's own)."""
    items = (items.filter(meeting__forum=forum_key, meeting__status__in=HELD)
             .select_related("meeting").order_by("meeting__starts_at"))
    found: dict[int, list[Meeting]] = defaultdict(list)
    for item in items:
        assert item.case_id is not None
        if item.meeting not in found[item.case_id]:
            found[item.case_id].append(item.meeting)
    return found


def _set_dates(decisions: QuerySet[Decision]) -> dict[int, Decision]:
    latest: dict[int, Decision] = {}
    for decision in decisions.filter(kind=Decision.Kind.NEXT_REVIEW).order_by("at"):
        assert decision.case_id is not None
        latest[decision.case_id] = decision
    return latest


def next_review(pack: PolicyPack, forum_key: str, case: Case, last: date,
                set_by: Decision | None = None) -> tuple[date | None, Reason]:
    """When a case discussed on `last` comes back: the date the meeting set, else the
    pack's interval for the case's risk (Dudley: 4 weeks high, 6 weeks medium)."""
    forum = pack.forum(forum_key)
    if set_by is not None and set_by.next_review_on and _day(set_by.at) >= last:
        on = _day(set_by.at)
        return set_by.next_review_on, Reason("Next review date set at the meeting",
                                             f"Decision of {on.day} {on:%B %Y}")
    rule = pack.review_interval_rule(forum_key, case.risk)
    if rule is None:
        said = (forum.review_interval.set_at_meeting
                if forum.review_interval and forum.review_interval.set_at_meeting else forum)
        return None, said.reason(f"{forum.label} sets the next review at each meeting: none set")
    label = RiskLevel(case.risk).label.lower()
    due_on = rule.value.after(last, holidays=pack.holidays)
    return due_on, rule.reason(f"{forum.label} reviews {label}-risk cases {rule.value} after "
                               "the last meeting")


def first_meeting_due(pack: PolicyPack, case: Case,
                      forum_key: str | None = None) -> tuple[date | None, Reason]:
    """When a case's first meeting is due (Dudley: MACE within 2 weeks of the referral), or
    None where the pack sets no deadline (or sets it for another forum than `forum_key`)."""
    first = pack.first_meeting
    label = pack.forum(first.forum).label if first.forum else "meeting"
    if first.within is None or (forum_key is not None and first.forum not in (None, forum_key)):
        return None, first.reason(f"New nomination: first {label} not yet held")
    due_on = first.within.after(_day(case.referred_at), holidays=pack.holidays)
    return due_on, first.reason(f"First {label} within {first.within} of the referral")


def reviews_due(actor: Actor, *, until: date | None = None,
                forum_key: str | None = None, areas: set[int] | None = None,
                case: Case | None = None) -> list[ReviewDue]:
    """Every open case due at its forum that the actor reaches: new nominations (never yet
    discussed) and, with `until`, the reviews due by then (all of them when None), soonest
    first. With `areas`, only the children who live in those areas (Essex: one quadrant's
    MACE 1); with `case`, only that case."""
    partnership = actor.partnership
    pack = partnership.policy
    forum_key = forum_key or case_forum(pack)
    found = Case.objects.for_actor(actor).filter(status=Case.Status.OPEN)
    if case is not None:
        found = found.filter(pk=case.pk)
    if areas is not None:
        found = found.filter(child__area_id__in=areas)
    cases = list(found.select_related("child", "child__area"))
    # The same cases as a subquery, not a list of ids: one parameter however many are open.
    ids = found.values("pk")
    discussed = _discussions(AgendaItem.objects.for_actor(actor).filter(case__in=ids),
                             forum_key)
    set_dates = _set_dates(Decision.objects.for_actor(actor).filter(case__in=ids))
    out = []
    firsts: dict[date, tuple[date | None, Reason]] = {}  # by the day of referral
    for case in cases:
        meetings = discussed.get(case.pk)
        if not meetings:
            day = _day(case.referred_at)
            if day not in firsts:
                firsts[day] = first_meeting_due(pack, case, forum_key)
            due_on, reason = firsts[day]
            out.append(ReviewDue(case, AgendaItem.Kind.NOMINATION, due_on, reason))
            continue
        last = _day(meetings[-1].starts_at)
        due_on, because = next_review(pack, forum_key, case, last, set_dates.get(case.pk))
        out.append(ReviewDue(case, AgendaItem.Kind.REVIEW, due_on, because, last))
    if until is not None:
        # A new nomination goes to the next meeting (its deadline is the latest date); a
        # review comes back when its date has arrived.
        out = [r for r in out if r.kind == AgendaItem.Kind.NOMINATION or r.due_on is None
               or r.due_on <= until]
    return sorted(out, key=lambda r: (r.due_on or date.max, r.case.pk))


def discharge_eligible(pack: PolicyPack, case: Case) -> Reason | None:
    """Essex §6.1 MACE 1: a child is heard "until the risk reduces". A risk below the
    pack's level makes the case eligible for the chair's discharge decision; the case stays
    open until the chair takes it."""
    below = pack.closure.eligible_below
    if not below or case.status != Case.Status.OPEN or RANK[case.risk] >= RANK[below]:
        return None
    return pack.closure.reason(f"Risk is {RiskLevel(case.risk).label.lower()}, below "
                               f"{RiskLevel(below).label.lower()}: eligible for the chair's "
                               "discharge decision")


# --- quorum -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuorumCheck:
    met: bool
    missing: list[str]
    reason: Reason | None


def quorum(pack: PolicyPack, meeting: Meeting,
           invitations: list[Invitation] | None = None) -> QuorumCheck:
    """Kirklees §8 v: quorate only with children's social care, health and police present
    (a named deputy counts as present)."""
    rule = pack.forum(meeting.forum).quorum
    if rule is None:
        return QuorumCheck(True, [], None)
    if invitations is None:
        invitations = list(meeting.invitations.select_related("agency"))
    present = {i.agency.type for i in invitations
               if i.agency is not None and i.attendance == Invitation.Attendance.PRESENT}
    missing = [a for a in rule.agencies if a not in present]
    reason = rule.reason(rule.summary({}))
    return QuorumCheck(not missing, [m.replace("_", " ") for m in missing], reason)


# --- escalation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EscalationFlag:
    to_forum: str
    to_label: str
    reason: Reason


def _risk_between(case: Case, start: datetime) -> list[str]:
    """The case's risk levels from `start` until now (the level in force at `start` first)."""
    changes = list(case.risk_changes.order_by("at", "pk"))
    before = [c.risk for c in changes if c.at <= start]
    after = [c.risk for c in changes if c.at > start]
    return (before[-1:] or [case.risk]) + after


def escalation_flags(pack: PolicyPack, case: Case,
                     held: list[Meeting] | None = None) -> list[EscalationFlag]:
    """Dudley §MACE Review & Reporting: a high-risk child whose risk has not reduced after
    3 MACE meetings is flagged for the chair to consider escalation to CEOG. The flag stays
    until the chair's decision, either way, is recorded after the meeting that met it."""
    flags = []
    for rule in pack.escalation.rules.values():
        if rule.subject != "child" or not rule.after_meetings or not rule.from_forum:
            continue
        if held is None:
            meetings = _discussions(case.agenda_items.all(), rule.from_forum).get(case.pk, [])
        else:  # the held meetings the case was on, oldest first, already loaded
            meetings = [m for m in held if m.forum == rule.from_forum]
        if len(meetings) < rule.after_meetings:
            continue
        window = meetings[-rule.after_meetings:]
        floor = RANK[rule.risk_level or "high"]
        if any(RANK[r] < floor for r in _risk_between(case, window[0].starts_at)):
            continue
        decided = case.decisions.filter(
            kind__in=[Decision.Kind.ESCALATE, Decision.Kind.NOT_ESCALATE],
            at__gte=window[-1].starts_at).exists()
        if decided:
            continue
        to = pack.forum(rule.to_forum)
        names = {key: forum.label for key, forum in pack.forums.items()}
        summary = rule.summary(names)
        flags.append(EscalationFlag(rule.to_forum, to.label,
                                    rule.reason(summary[:1].upper() + summary[1:])))
    return flags


def escalation_targets(pack: PolicyPack, forum_key: str) -> list[Forum]:
    """Where a chair may escalate a child from this forum (Wolverhampton: CEMOG)."""
    keys = [r.to_forum for r in pack.escalations_from(forum_key) if r.subject == "child"]
    return [pack.forum(k) for k in dict.fromkeys(keys)]


def professionals_meeting_suggested(pack: PolicyPack,
                                    linked_children: int) -> tuple[Forum, Reason] | None:
    """Wolverhampton §Professionals' meeting: more than one young person linked to a
    situation → suggest a professionals' meeting. The linking itself comes from the
    intelligence records; this answers for a count of linked children."""
    for rule in pack.escalation.rules.values():
        if rule.subject == "linked_children" and rule.linked_children_at_least and \
                not rule.linked_suspects_at_least and \
                linked_children >= rule.linked_children_at_least:
            forum = pack.forum(rule.to_forum)
            return forum, rule.reason(f"{linked_children} children are linked to the same "
                                      f"situation: convene a {forum.label}")
    return None


# --- papers and deadlines ------------------------------------------------------------------


def deadlines(pack: PolicyPack, meeting: Meeting) -> list[tuple[str, datetime, Reason]]:
    """Agenda circulation and agency update deadlines (Essex §6.5: MACE 1 agenda one month
    before; MACE 2 agenda two weeks before; updates 48 hours or one month before)."""
    forum = pack.forum(meeting.forum)
    out = []
    if forum.agenda and forum.agenda.circulated_before:
        at = _shift(pack, forum.agenda.circulated_before, meeting.starts_at, -1)
        out.append(("agenda", at, forum.agenda.reason(
            f"Agenda circulated {forum.agenda.circulated_before} before the meeting")))
    if forum.updates and forum.updates.before:
        at = _shift(pack, forum.updates.before, meeting.starts_at, -1)
        on = f" on {forum.updates.on}" if forum.updates.on else ""
        out.append(("updates", at, forum.updates.reason(
            f"Agency updates{on} {forum.updates.before} before the meeting")))
    return out


def _shift(pack: PolicyPack, interval: Interval, moment: datetime, sign: int) -> datetime:
    """`moment` moved by the interval: hours exactly, anything longer by calendar (or
    working) days at the same local time of day."""
    if interval.unit == "hours":
        return moment + sign * interval.as_timedelta()
    local = timezone.localtime(moment)
    shift = interval.after if sign > 0 else interval.before
    day = shift(local.date(), holidays=pack.holidays)
    return local.replace(year=day.year, month=day.month, day=day.day)


def papers_open_until(pack: PolicyPack, meeting: Meeting) -> datetime:
    """Need to know: a panel member sees the meeting's cases until this moment."""
    return _shift(pack, pack.access_after(), meeting.ends_at, 1)
