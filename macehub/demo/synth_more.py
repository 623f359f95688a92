"""The synthetic data generator's later steps: missing episodes, meetings, intelligence
and the audit trail (macehub.demo.synth)."""

from __future__ import annotations

import bisect
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from macehub.audit.models import AuditEvent
from macehub.demo.synth_names import as_written
from macehub.meetings.models import Action, AgendaItem, Decision, Invitation, Meeting, Minute
from macehub.missing.models import MissingEpisode

if TYPE_CHECKING:
    from macehub.demo.synth import Built

HARMS = ["injury", "older_adults", "out_of_area", "drugs_or_cash", "arrested"]
REVIEW_EVERY = timedelta(days=42)


def missing(built: Built) -> None:
    """Every missing child is reported once; the other episodes go to children by a Zipf
    law, so a few children account for many. A child's episodes come in runs, days to
    weeks apart, and each notification writes the name its own way."""
    rng, scale, p = built.rng, built.scale, built.partnership
    children = list(range(min(scale.missing_children, len(built.child_ids))))
    order = children[:]
    rng.shuffle(order)
    weights = built.zipf(len(order), 1.1)
    counts = dict.fromkeys(children, 1)
    for _ in range(scale.episodes - len(children)):
        counts[rng.choices(order, cum_weights=weights)[0]] += 1
    ids = iter(built.writer.ids(MissingEpisode, scale.episodes))
    grades = ["low", "medium", "medium", "high", "no_apparent_risk"]
    today = built.now.date()

    def rows() -> Any:
        serial = 0
        for n in children:
            born, (first, last, aliases) = built.born[n], built.names[n]
            earliest = max(built.start, timezone.make_aware(
                datetime.combine(born + timedelta(days=10 * 365),
                                          datetime.min.time())))
            latest = min(built.now, timezone.make_aware(datetime.combine(
                min(born + timedelta(days=18 * 365 - 1), today), datetime.min.time())))
            if latest <= earliest:
                latest = earliest + timedelta(days=1)
            at = built.moment(earliest, latest)
            for k in range(counts[n]):
                if k and rng.random() < 0.2:  # a new run of episodes, months later
                    at = built.moment(earliest, latest)
                else:
                    at += timedelta(hours=rng.randrange(12, 24 * 25))
                if at > built.now:
                    at = built.moment(earliest, latest)
                serial += 1
                written_first, written_last = as_written(rng, first, last, aliases)
                away = timedelta(hours=rng.randrange(2, 72))
                yield {"id": next(ids), "partnership_id": p.pk,
                       "child_id": built.child_ids[n],
                       "child_details": {"first_name": written_first,
                                         "last_name": written_last,
                                         "date_of_birth": born.isoformat()},
                       "force": "Synthetic Police", "police_reference": f"MP-{serial:08d}",
                       "reported_at": at,
                       "returned_at": at + away if at + away < built.now else None,
                       "missing_from": rng.choice(["home", "home", "care_placement",
                                                   "education", "other"]),
                       "area_id": built.areas[built.child_area[n]].pk,
                       "risk_grade": rng.choice(grades),
                       "harm_indicators": [rng.choice(HARMS)] if rng.random() < 0.08 else [],
                       "looked_after": "no", "created_at": at + away}
    built.writer.write(MissingEpisode, rows())


def meetings(built: Built) -> None:
    """MACE meetings spread over the years, one area at a time in turn; each case is
    reviewed at its area's meetings about every six weeks while open, with a minute, a
    risk decision and a next review date per item, and actions in proportion."""
    rng, scale, p, now = built.rng, built.scale, built.partnership, built.now
    users, agencies = built.users, built.agencies
    forum = next(k for k, f in p.policy.forums.items() if f.kind == "mace")
    step = (now + timedelta(days=28) - built.start) / max(scale.meetings, 1)
    meeting_ids = built.writer.ids(Meeting, scale.meetings)
    meeting_rows: list[dict[str, Any]] = []
    starts_by_area: list[list[tuple[datetime, int, str]]] = [[] for _ in built.areas]
    for m, pk in enumerate(meeting_ids):
        starts = (built.start + step * (m + 1)).replace(hour=10, minute=0, second=0)
        area = m % len(built.areas)
        past = starts < now - timedelta(days=14)
        status = "approved" if past else "held" if starts < now else \
            "published" if starts < now + timedelta(days=14) else "draft"
        meeting_rows.append({
            "id": pk, "partnership_id": p.pk, "forum": forum, "area_id": built.areas[area].pk,
            "starts_at": starts, "ends_at": starts + timedelta(hours=3), "venue": "Civic Centre",
            "chair_id": users["chair"].pk, "status": status,
            "published_at": starts - timedelta(days=7) if status != "draft" else None,
            "held_at": starts if starts < now else None,
            "minutes_approved_at": starts + timedelta(days=10) if past else None,
            "minutes_approved_by_id": users["chair"].pk if past else None})
        starts_by_area[area].append((starts, pk, status))
    built.writer.write(Meeting, meeting_rows)
    invitations = [{"partnership_id": p.pk, "meeting_id": row["id"], "user_id": users[u].pk,
                    "name": users[u].get_full_name(), "basis": basis,
                    "agency_id": agencies[a].pk if a is not None else None,
                    "invited_at": row["starts_at"] - timedelta(days=10),
                    "attendance": "present" if row["held_at"] else "expected",
                    "confidentiality_agreed_at": row["published_at"] + timedelta(days=1)
                    if row["published_at"] else None}
                   for row in meeting_rows
                   for u, basis, a in (("chair", "chair", 0), ("police", "panel", 1),
                                       ("health", "panel", 2), ("education", "panel", 3))]
    ids = iter(built.writer.ids(Invitation, len(invitations)))
    built.writer.write(Invitation, ({**row, "id": next(ids)} for row in invitations))
    items: list[dict[str, Any]] = []
    minutes: list[dict[str, Any]] = []
    decisions: list[dict[str, Any]] = []
    positions: dict[int, int] = {}
    for case in built.cases:
        area_meetings = starts_by_area[case["area"]]
        history = case["history"]
        ends = history[-1][0] + timedelta(days=30) if case["status"] != "open" else \
            now + timedelta(days=28)
        moment = case["opened"] + timedelta(days=7)
        while moment < ends:
            at = bisect.bisect_left(area_meetings, moment, key=lambda s: s[0])
            if at >= len(area_meetings):
                break
            when, meeting_pk, status = area_meetings[at]
            position = positions[meeting_pk] = positions.get(meeting_pk, 0) + 1
            first, last, _ = built.names[case["n"]]
            items.append({"partnership_id": p.pk, "meeting_id": meeting_pk,
                          "position": position, "kind": "review" if position > 1 or
                          moment > case["opened"] + REVIEW_EVERY else "nomination",
                          "title": f"{first} {last}", "case_id": case["id"], "_when": when,
                          "_status": status})
            moment = when + REVIEW_EVERY
    item_ids = iter(built.writer.ids(AgendaItem, len(items)))
    for item in items:
        item["id"] = next(item_ids)
    per_item = scale.actions / max(len(items), 1)
    actions = []
    risk_of = {c["id"]: c["history"] for c in built.cases}
    for item in items:
        when, status = item.pop("_when"), item.pop("_status")
        if status not in ("approved", "held"):
            continue
        minutes.append({"partnership_id": p.pk, "item_id": item["id"],
                        "text": "Partners shared updates; the plan was reviewed.",
                        "by_id": users["chair"].pk, "at": when + timedelta(hours=1)})
        history = risk_of[item["case_id"]]
        risk = history[max(0, bisect.bisect_right(history, (when,)) - 1)][1]
        for kind, extra in (("risk", {"risk": risk}),
                            ("next_review", {"next_review_on": (when + REVIEW_EVERY).date()})):
            decisions.append({"partnership_id": p.pk, "item_id": item["id"],
                              "case_id": item["case_id"], "kind": kind,
                              "text": "Agreed by the panel", "by_id": users["chair"].pk,
                              "at": when + timedelta(hours=1), "details": {}, **extra})
        for _ in range(int(per_item) + (rng.random() < per_item % 1)):
            due = (when + timedelta(days=rng.randrange(7, 35))).date()
            agency = rng.choice(agencies)
            actions.append({"partnership_id": p.pk, "meeting_id": item["meeting_id"],
                            "item_id": item["id"], "case_id": item["case_id"],
                            "description": "Share the latest school attendance and any "
                            "new information with the coordinator.",
                            "owner_name": f"{agency.name} lead", "owner_agency_id": agency.pk,
                            "due_on": due, "status": "done" if due < now.date() -
                            timedelta(days=21) or rng.random() < 0.4 else "open"})
    built.writer.write(AgendaItem, items)
    for model, rows in ((Minute, minutes), (Decision, decisions), (Action, actions)):
        ids = iter(built.writer.ids(model, len(rows)))
        built.writer.write(model, ({**row, "id": next(ids)} for row in rows))


def audit(built: Built) -> None:
    """Audit events in proportion to use: reads of cases, children, concerns, episodes
    and meetings by the partnership's people, spread over the years."""
    rng, p = built.rng, built.partnership
    people = [(u.pk, u.username, role) for u, role in (
        (built.users["coordinator"], ",hub_coordinator,"), (built.users["chair"], ",chair,"),
        (built.users["police"], ",panel_member,"), (built.users["analyst"], ",analyst,"))]
    reads = [("case.view", "cases.case", [c["id"] for c in built.cases] or [0]),
             ("child.view", "people.child", built.child_ids),
             ("concern.view", "concerns.concern", [1]),
             ("meeting.view", "meetings.meeting", [1])]
    ids = iter(built.writer.ids(AuditEvent, built.scale.audit))
    span = (built.now - built.start).total_seconds()

    def rows() -> Any:
        for _ in range(built.scale.audit):
            user_id, username, roles = rng.choice(people)
            action, object_type, pks = rng.choice(reads)
            yield {"id": next(ids), "at": built.start + timedelta(seconds=rng.random() * span),
                   "user_id": user_id, "username": username, "roles": roles,
                   "partnership_id": p.pk, "action": action, "object_type": object_type,
                   "object_id": str(rng.choice(pks)), "outcome": "ok"}
    built.writer.write(AuditEvent, rows())
