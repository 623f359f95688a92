"""The pack's missing-episode triggers (Essex §4, §6.1; Dudley daily missing meeting;
Thurrock RMM), computed from a child's episodes and kept as TriggerFiring rows.

The same function runs when an episode is recorded, after each import chunk, and in the
scheduled `evaluate_missing_triggers` command, so all give the same result. The rules:

- Episodes are counted by when they were reported. An episode spanning midnight is one
  episode. Episodes whose periods overlap (the second reported before the first child
  returned, e.g. one absence notified twice) count once. An open episode counts from its
  report; it does not swallow later episodes, since when it ended is not known.
- "N episodes within W" fires at an episode when it and the episodes reported in the W
  before it (inclusive: exactly W apart counts) number at least N. It fires again at each
  later episode while the count holds: each is a new episode to triage.
- Firings depend only on the set of episodes, never on the order they arrived in, and are
  never removed by a later evaluation: an action may already have been taken on them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record_many
from macehub.lib.bulk import insert_many
from macehub.missing.models import MissingEpisode, TriggerFiring
from macehub.partnerships.policy import MissingTrigger, PolicyPack
from macehub.people.models import Child


@dataclass(frozen=True)
class Ep:
    id: int
    reported_at: datetime
    returned_at: datetime | None
    harm: bool


@dataclass(frozen=True)
class Fired:
    rule_key: str
    anchor_id: int
    episode_ids: tuple[int, ...]
    fired_at: datetime
    explanation: str


def _groups(episodes: Iterable[Ep]) -> list[list[Ep]]:
    """Episodes in report order, overlapping ones grouped (counted once)."""
    groups: list[list[Ep]] = []
    end: datetime | None = None
    for ep in sorted(episodes, key=lambda e: (e.reported_at, e.id)):
        if groups and end is not None and ep.reported_at < end:
            groups[-1].append(ep)
            end = max(end, ep.returned_at or ep.reported_at)
        else:
            groups.append([ep])
            end = ep.returned_at or ep.reported_at
    return groups


def _wall(moment: datetime) -> datetime:
    """Local wall-clock time: "90 days" is counted on the calendar, across clock changes."""
    return timezone.localtime(moment).replace(tzinfo=None)


def _day(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d %b %Y}"


# Wall-clock time runs at most this far from the instant's order (an hour at a clock
# change); with margin, an episode further back than the window plus this never counts.
_CLOCK_SLACK = timedelta(hours=3)


def _window(groups: list[list[Ep]], walls: list[datetime], i: int,
            width: timedelta) -> list[int]:
    """The groups up to i whose wall-clock report time is within `width` of the i-th's.
    Groups are in instant order, so only those reported (as instants) within the width
    plus the clock slack are looked at: a child's long history costs no more than its
    recent episodes (walked back from i, not from the first)."""
    earliest = groups[i][0].reported_at - width - _CLOCK_SLACK
    j = i
    while j > 0 and groups[j - 1][0].reported_at >= earliest:
        j -= 1
    return [k for k in range(j, i + 1) if walls[i] - walls[k] <= width]


def compute(pack: PolicyPack, episodes: Iterable[Ep]) -> list[Fired]:
    """Every firing the pack's triggers call for on one child's episodes."""
    names = {key: forum.label for key, forum in pack.forums.items()}
    groups = _groups(episodes)
    walls = [_wall(g[0].reported_at) for g in groups]
    fired: list[Fired] = []
    for rule in pack.missing_triggers():
        says = rule.summary(names)
        if rule.within is not None and rule.episodes is not None:
            width = rule.within.as_timedelta()
            for i, group in enumerate(groups):
                at = group[0].reported_at
                window = [groups[j] for j in _window(groups, walls, i, width)]
                if rule.fires(len(window)):
                    ids = tuple(e.id for g in window for e in g)
                    fired.append(Fired(rule.key, group[0].id, ids, at, (
                        f"{len(window)} missing episodes from {_day(window[0][0].reported_at)}"
                        f" to {_day(at)}: {says}")))
        else:
            for group in groups:
                harm = any(e.harm for e in group)
                if rule.fires(1, harm=harm):
                    at = group[0].reported_at
                    why = "episode indicating harm" if rule.harm_indicated else "episode"
                    fired.append(Fired(rule.key, group[0].id, tuple(e.id for e in group), at,
                                       f"Missing {why} reported {_day(at)}: {says}"))
    return fired


def episodes_by_child(actor: Actor, child_ids: Iterable[int]) -> dict[int, list[Ep]]:
    """Every episode of the children in the actor's partnership: a trigger counts them all,
    whoever the actor is, and shows only its own firing."""
    by_child: dict[int, list[Ep]] = defaultdict(list)
    rows = (MissingEpisode.objects
            .for_bookkeeping(actor, why="a trigger counts every episode of the child")
            .filter(child_id__in=list(child_ids))
            .values_list("id", "child_id", "reported_at", "returned_at", "harm_indicators"))
    for pk, child_id, reported, returned, harm in rows:
        by_child[child_id].append(Ep(pk, reported, returned, bool(harm)))
    return by_child


def evaluate(actor: Actor, child_ids: Iterable[int]) -> list[TriggerFiring]:
    """Bring the children's firings up to date; act on the new ones. Returns the new ones.
    Runs inside the caller's transaction."""
    from macehub.cases.models import ChronologyEntry
    from macehub.cases.services import cases_open_for_triggers

    pack = actor.partnership.policy
    rules = {rule.key: rule for rule in pack.missing_triggers()}
    cited = {key: rule.cited[:300] for key, rule in rules.items()}
    ids = sorted(set(child_ids))
    if not rules or not ids:
        return []
    pid = actor.partnership.pk
    # Lock the children: a record and an import evaluating one child at the same time
    # must not both create its firing.
    list(Child.objects.for_actor(actor).select_for_update().filter(pk__in=ids)
         .values_list("pk", flat=True))
    have = set(TriggerFiring.objects.for_bookkeeping(
        actor, why="a trigger fires once for an episode").filter(child_id__in=ids)
        .values_list("rule_key", "anchor_id"))
    new: list[TriggerFiring] = []
    for child_id, episodes in episodes_by_child(actor, ids).items():
        for f in compute(pack, episodes):
            if (f.rule_key, f.anchor_id) in have:
                continue
            rule: MissingTrigger = rules[f.rule_key]
            new.append(TriggerFiring(
                partnership_id=pid, child_id=child_id, rule_key=f.rule_key,
                anchor_id=f.anchor_id, episode_ids=list(f.episode_ids), action=rule.action,
                forum=rule.forum or "", set_risk=rule.set_risk or "",
                explanation=f.explanation[:500], source=cited[f.rule_key],
                fired_at=f.fired_at))
    nominations = sorted((f for f in new if f.action == "nominate" and f.set_risk),
                         key=lambda f: (f.fired_at, f.rule_key))
    first: dict[int, TriggerFiring] = {}
    for firing in nominations:
        first.setdefault(firing.child_id, firing)
    cases = cases_open_for_triggers(actor=actor, wanted={
        child_id: (f.set_risk, f"{f.explanation} ({f.source})", f.fired_at)
        for child_id, f in first.items()})
    notes = []
    for firing in nominations:
        firing.case = cases[firing.child_id]
        forum = pack.forums[firing.forum].label if firing.forum else "MACE"
        notes.append(ChronologyEntry(
            partnership_id=pid, case=firing.case, at=timezone.now(), kind="note",
            by=actor.user, summary=f"Nominated to {forum}: {firing.explanation}"[:500]))
    insert_many(TriggerFiring, new)
    ChronologyEntry.objects.bulk_create(notes, batch_size=1000)
    if new:
        audit_record_many(action="missing.trigger", actor=actor, objects=list(new))
    return new
