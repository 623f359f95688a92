"""The dashboard's figures about escalation, disruption and places, and Kirklees' fourth
outcome measure.

- Escalations (Dudley 003 §Escalation to CEOG; Wolverhampton 001, to CEMOG): decisions to
  escalate taken in the period, by the forum escalated to; a decision later corrected
  counts as its correction.
- Disruption (Dudley 003 §CEOG outcomes; Essex 000 §6.4): disruptions agreed in the period,
  by tactic and by outcome. Disruption is not held by area, so an area's dashboard counts
  those aimed at its locations only.
- Places (Essex 000 §6.1 MACE 2 hotspot tracker: vulnerable locations and hotspots): the
  partnership's locations by status now, and repeat locations: how many children each
  location is linked to.
- Kirklees (004 §2): "an increase in the number of timely and successful perpetrator
  disruptions and criminal justice outcomes": disruptions aimed at persons of interest and
  groups, in the period against the period before; those started within the pack's
  `[disruption] timely_within` of being agreed; the successful; the criminal justice
  outcomes."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.db.models import Case, Count, F, Q, QuerySet, When

from macehub.access.actor import Actor
from macehub.disruption.models import CRIMINAL_JUSTICE, SUCCESSFUL, Disruption, Outcome
from macehub.intelligence.models import Link, Location, LocationStatus
from macehub.meetings.models import Decision
from macehub.missing.figures import Table
from macehub.partnerships.models import Area

REPEAT = ["Linked to one child", "Linked to 2 to 4 children", "Linked to 5 or more children"]


def _disruptions(actor: Actor, start: date, end: date, area: Area | None
                 ) -> QuerySet[Disruption]:
    rows = Disruption.objects.for_actor(actor).filter(decided_on__gte=start,
                                                      decided_on__lte=end)
    if area is not None:
        located = Location.objects.for_actor(actor).filter(area=area).values("pk")
        rows = rows.filter(target_kind="location", target_id__in=located)
    return rows


def escalation_table(actor: Actor, start: date, end: date, area: Area | None) -> Table:
    decisions = Decision.objects.for_actor(actor).filter(
        kind=Decision.Kind.ESCALATE, at__date__gte=start, at__date__lte=end,
        corrections__isnull=True)
    if area is not None:
        decisions = decisions.filter(case__child__area=area)
    forums = {key: forum.label for key, forum in actor.partnership.policy.forums.items()}
    counts = Counter(dict(decisions.order_by().values_list("to_forum").annotate(n=Count("pk"))))
    rows = [(label, counts.pop(key, 0)) for key, label in forums.items() if counts.get(key)]
    rows += [("Another forum", sum(counts.values()))] if counts else []
    return Table("Escalations decided, by the forum escalated to", rows)


def disruption_tables(actor: Actor, start: date, end: date, area: Area | None) -> list[Table]:
    rows = _disruptions(actor, start, end, area)
    tactics = actor.partnership.policy.disruption.tactics.value
    by_tactic = dict(rows.order_by().values_list("tactic").annotate(n=Count("pk")))
    listed = [(label, by_tactic.pop(key, 0)) for key, label in tactics.items()]
    if by_tactic:
        listed.append(("A tactic no longer in the partnership's list", sum(by_tactic.values())))
    by_outcome = dict(rows.order_by().values_list("outcome").annotate(n=Count("pk")))
    return [Table("Disruptions agreed, by tactic", listed),
            Table("Disruptions agreed, by outcome",
                  [(label, by_outcome.get(key, 0)) for key, label in Outcome.choices])]


def place_tables(actor: Actor, area: Area | None) -> list[Table]:
    locations = Location.objects.for_actor(actor)
    if area is not None:
        locations = locations.filter(area=area)
    statuses = dict(locations.order_by().values_list("status").annotate(n=Count("pk")))
    links = Link.objects.for_actor(actor).filter(superseded=False, ended_on__isnull=True)
    ids = locations.values("pk")
    placed = Q(a_kind="location", b_kind="child")
    per_place = links.filter(
        Q(a_kind="location", a_id__in=ids, b_kind="child")
        | Q(b_kind="location", b_id__in=ids, a_kind="child")).order_by().annotate(
        place=Case(When(placed, then=F("a_id")), default=F("b_id")),
        child=Case(When(placed, then=F("b_id")), default=F("a_id"))).values("place").annotate(
        n=Count("child", distinct=True))
    # The locations counted by how many children each is linked to: one statement.
    bands = per_place.aggregate(one=Count("place", filter=Q(n=1)),
                                few=Count("place", filter=Q(n__gt=1, n__lt=5)),
                                many=Count("place", filter=Q(n__gte=5)))
    repeat = dict(zip(REPEAT, (bands["one"], bands["few"], bands["many"]), strict=True))
    return [Table("Locations by status now",
                  [(label, statuses.get(key, 0)) for key, label in LocationStatus.choices]),
            Table("Repeat locations: locations by the number of children linked to them",
                  [(label, repeat[label]) for label in REPEAT])]


def perpetrator_disruption(actor: Actor, start: date, end: date, area: Area | None) -> Table:
    """Kirklees 004 §2, the fourth outcome measure."""
    rule = actor.partnership.policy.disruption.timely_within
    holidays = actor.partnership.policy.holidays
    before_start = start - (end - start) - timedelta(days=1)
    aimed = Q(target_kind__in=["person", "group"])
    now = _disruptions(actor, start, end, area).filter(aimed)
    before = _disruptions(actor, before_start, start - timedelta(days=1), area).filter(aimed)
    timely = successful = justice = 0
    for decided, started, outcome in now.values_list("decided_on", "started_on", "outcome"):
        if started is not None and started <= rule.value.after(decided, holidays=holidays):
            timely += 1
        successful += outcome in SUCCESSFUL
        justice += outcome in CRIMINAL_JUSTICE
    return Table("Disruption of perpetrators (persons of interest and groups), against the "
                 "period before", [
                     ("Disruptions agreed in the period", now.count()),
                     ("Disruptions agreed in the period before", before.count()),
                     (f"Started within {rule.value} of being agreed", timely),
                     ("Successful, or with a criminal justice outcome", successful),
                     ("With a criminal justice outcome", justice)])
