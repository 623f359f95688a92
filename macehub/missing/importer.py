"""The police notification import (CSV page, batch API, `import_missing` command).

Idempotent on (force, police reference): a notification seen before updates its episode
(with history) or, unchanged, is ignored. Each row is checked on its own: good rows go in,
a bad row changes nothing and is listed (row, field, reason). Rows are written in chunks,
each in one transaction with its trigger evaluation and the run's progress, so a killed
import loses at most the chunk in hand, and running it again (the worker hands a killed
task out again; a person imports the file again) ends as a clean run would (SECURITY R3,
R4). The import page queues the file for the background worker (`import_queue`); the
batch API and the command import at once (`import_rows`). A file is bounded:
more rows than MISSING_IMPORT_MAX_ROWS refuses it whole, and meeting
MISSING_IMPORT_MAX_ERRORS problems stops the import before anything is written, keeping
only that many in its error list (one JSON list on the run, each reason at most
REASON_MAX characters). Columns: docs/missing-import.md."""

from __future__ import annotations

import csv
import io
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from macehub.access.actor import Actor
from macehub.audit.services import audit_record, audit_record_many
from macehub.lib.background import enqueue
from macehub.lib.bulk import insert_many
from macehub.missing import triggers
from macehub.missing.models import EpisodeChange, ImportRun, ImportStatus, MissingEpisode
from macehub.missing.rules import Problem, episode_problems
from macehub.missing.services import EPISODE_FIELDS, changes_between, require
from macehub.partnerships.models import Area, Partnership
from macehub.people.birth import Birth
from macehub.people.matching import normalise
from macehub.people.matching_batch import Likely
from macehub.people.models import ChildName
from macehub.people.services import child_create

COLUMNS = ["force", "police_reference", "first_name", "last_name", "date_of_birth",
           "reported_at", "returned_at", "missing_from", "missing_from_address",
           "found_location", "area", "risk_grade", "circumstances", "harm_indicators",
           "reported_by", "looked_after", "responsible_authority"]
REQUIRED = {"force", "police_reference", "first_name", "last_name", "date_of_birth",
            "reported_at", "missing_from", "risk_grade"}
CHUNK = 500
# The longest reason kept for one problem, so the stored error report stays bounded.
REASON_MAX = 300
# What each committed chunk saves of its run.
PROGRESS = ["handled", "created", "updated", "unchanged", "queued", "fired", "errors"]


class ImportTooLarge(ValueError):
    """A file or batch with more rows than one import may hold; nothing is imported."""


HALTED = "Stopped at row"


def halted(run: ImportRun) -> bool:
    """The import met its error cap and wrote nothing."""
    return run.stopped.startswith(HALTED)


def _row_cap() -> int:
    return int(settings.MISSING_IMPORT_MAX_ROWS)


def _too_large(cap: int) -> ImportTooLarge:
    return ImportTooLarge(f"The file has more than {cap:,} rows, the most one import may "
                          f"hold: split it into files of at most {cap:,} rows and import "
                          f"each. Nothing was imported")


def decode_csv(data: bytes) -> str:
    """A file's text: UTF-8 (with or without the byte-order mark Excel adds), or else
    Windows-1252, which is what Excel's plain "CSV" saves on a UK machine. A file that is
    neither is refused with ValueError, and nothing is read."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValueError("The file is not text Excel or another program saved as CSV: "
                         "save it as CSV UTF-8 and import it again") from None


def header_problem(header: list[str]) -> str:
    """What is wrong with the first line, in one sentence, or "" when it names every
    required column."""
    missing = [c for c in COLUMNS if c in REQUIRED and c not in header]
    if not missing:
        return ""
    unknown = [h for h in header if h and h not in COLUMNS]
    said = f"The first line must name the columns; it does not name {', '.join(missing)}"
    if unknown:
        said += f", and {', '.join(unknown[:10])} {'is' if len(unknown) == 1 else 'are'} " \
                "not a column this import reads"
    return _short(said + ". Nothing was imported: correct the first line and import the "
                  "file again")


def read_csv(text: str) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """Rows keyed by column, and file-level errors: a wrong or missing header is one
    problem, on row 1, with no rows. Reading stops one row past the cap: a longer file
    raises ImportTooLarge."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in reader.fieldnames or []]
    problem = header_problem(header)
    if problem:
        return [], [{"row": 1, "field": "", "reason": problem}]
    cap = _row_cap()
    rows = [{k.strip(): (v or "") for k, v in row.items() if k}
            for row in islice(reader, cap + 1)]
    if len(rows) > cap:
        raise _too_large(cap)
    return rows, []


def rows_with_problems(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The problems one line per row, in row order: each row with all its problems
    together (`fields` the columns, `reasons` each problem as "column: reason", and
    `problems` each as its column and reason, for a page to show the column as written)."""
    by_row: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for error in errors:
        by_row[int(error["row"])].append(error)
    return [{"row": row, "fields": [e["field"] for e in found if e["field"]],
             "reasons": [f"{e['field']}: {e['reason']}" if e["field"] else e["reason"]
                         for e in found],
             "problems": [{"field": e["field"], "reason": e["reason"]} for e in found]}
            for row, found in sorted(by_row.items())]


class NoSuchTime(ValueError):
    """A UK local time that names no single instant."""


def _when(text: str) -> datetime | None:
    """A time from the file as an instant. A time written without an offset is UK local
    time. The hour the clocks skip in March never happened and the hour they repeat in
    October happened twice: such a time is refused (with how to write it) rather than
    guessed, since an hour either way changes durations and the triggers' counts."""
    value = parse_datetime(text.strip().replace(" ", "T", 1)) if text.strip() else None
    if value is None or timezone.is_aware(value):
        return value
    zone = timezone.get_current_timezone()
    earlier, later = value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return earlier
    shown = f"{value:%H:%M} on {value.day} {value:%B %Y}"
    if earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != value:
        raise NoSuchTime(f"{shown} did not happen in the UK: the clocks went forward an "
                         f"hour. Check the time")
    raise NoSuchTime(f"{shown} happened twice in the UK, as the clocks went back: add "
                     f"+01:00 for the first (summer time) or +00:00 for the second")


def parse(actor: Actor, areas: dict[str, Area], raw: dict[str, Any],
          today: date | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """A notification row as typed fields, or the problems with it (`today`: the UK day,
    when the caller has it for many rows)."""
    problems: list[Problem] = []
    text = {c: str(raw.get(c) or "").strip() for c in COLUMNS}
    data: dict[str, Any] = {c: text[c] for c in EPISODE_FIELDS if c in text}
    for name in ("reported_at", "returned_at"):
        try:
            data[name] = _when(text[name])
        except NoSuchTime as error:
            data[name] = None
            problems.append((name, str(error)))
            continue
        except ValueError:
            data[name] = None
        if text[name] and data[name] is None:
            problems.append((name, "Not a date and time: write 2026-03-01 18:30"))
    data["missing_from"] = text["missing_from"].lower()
    data["risk_grade"] = text["risk_grade"].lower().replace(" ", "_")
    data["looked_after"] = text["looked_after"].lower() or "no"
    data["harm_indicators"] = sorted({h.strip().lower() for h in
                                      text["harm_indicators"].split(";") if h.strip()})
    data["area"] = None
    if text["area"]:
        data["area"] = areas.get(text["area"].lower())
        if data["area"] is None:
            problems.append(("area", f"No area called '{text['area']}' in this partnership"))
    child = {"first_name": " ".join(text["first_name"].split()),
             "last_name": " ".join(text["last_name"].split())}
    if not child["first_name"] or not child["last_name"]:
        problems.append(("first_name", "Enter the child's first and last name"))
    if not text["date_of_birth"]:  # the police do not always know it: recorded as not known
        child.update(Birth.unknown().details())
    else:
        try:
            born = date.fromisoformat(text["date_of_birth"])
            child["date_of_birth"] = born.isoformat()
            if born > (today or timezone.localdate()):
                problems.append(("date_of_birth", "Date of birth must be in the past"))
        except ValueError:
            problems.append(("date_of_birth", "Not a date: write 2012-05-31, or leave it "
                             "empty when it is not known"))
    data["child_details"] = child
    if not any(f in {"reported_at", "returned_at"} for f, _ in problems):
        problems += episode_problems(actor.partnership, data)
    return data, problems


def _chunks(rows: Iterable[tuple[int, dict[str, Any]]], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in rows:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Matcher:
    """Finds the child for a new notification: exactly one child with this name and date
    of birth is certain; otherwise the duplicate-aware matching decides between a new
    record (no likely match) and the coordinator's match queue (any likely match)."""

    def __init__(self, actor: Actor, details: list[dict[str, Any]]) -> None:
        self.actor = actor
        self.index: dict[tuple[str, str, str], set[int]] = defaultdict(set)
        births = {d["date_of_birth"] for d in details if d.get("date_of_birth")}
        # Read through the surname's index: at England a day has hundreds of children.
        lasts = {normalise(d["last_name"])[:100] for d in details if d.get("date_of_birth")}
        names = (ChildName.objects.for_actor(actor)
                 .filter(last_norm__in=lasts, child__date_of_birth__in=births)
                 .values_list("child_id", "first_name", "last_name", "child__date_of_birth"))
        for child_id, first, last, born in names:
            self.index[(normalise(first), normalise(last), born.isoformat())].add(child_id)
        # The likely matches of every child not found exactly, read for the chunk at once.
        unsure = [d for d in details if len(self.index.get(self._key(d), ())) != 1]
        self.likely = Likely(actor, [(d["first_name"], d["last_name"], Birth.from_details(d))
                                     for d in unsure])

    @staticmethod
    def _key(d: dict[str, Any]) -> tuple[str, str, str]:
        return (normalise(d["first_name"]), normalise(d["last_name"]),
                d.get("date_of_birth") or "")

    def child_for(self, d: dict[str, Any]) -> int | None:
        # A date of birth not known is never certain: the names alone decide whether the
        # coordinator is asked.
        key = self._key(d)
        found = self.index.get(key, set()) if key[2] else set()
        if len(found) == 1:
            return next(iter(found))
        if found:
            return None
        birth = Birth.from_details(d)
        if self.likely.any(d["first_name"], d["last_name"], birth):
            return None
        child = child_create(actor=self.actor, confirm_new=True, first_name=d["first_name"],
                             last_name=d["last_name"], birth=birth)
        self.index[key].add(child.pk)
        self.likely.add_child(child)
        return child.pk


def _write_chunk(actor: Actor, chunk: list[tuple[int, dict[str, Any]]], run: ImportRun,
                 via: str) -> None:
    pid = actor.partnership.pk
    # One import chunk at a time per partnership: two imports of the same notification
    # must not both create it (the same lock numbers concerns).
    Partnership.objects.select_for_update().get(pk=pid)
    keys = {(d["force"], d["police_reference"]) for _, d in chunk}
    existing = {(e.force, e.police_reference): e for e in MissingEpisode.objects
                .for_bookkeeping(actor, why="a notification is imported once per reference")
                .filter(force__in={k[0] for k in keys},
                        police_reference__in={k[1] for k in keys})}
    matcher = _Matcher(actor, [d["child_details"] for _, d in chunk
                               if (d["force"], d["police_reference"]) not in existing])
    now = timezone.now()
    created: dict[tuple[str, str], MissingEpisode] = {}
    changed: dict[int, MissingEpisode] = {}
    history: list[EpisodeChange] = []
    for number, d in chunk:
        key = (d["force"], d["police_reference"])
        fields = {f: d[f] for f in EPISODE_FIELDS}
        episode = existing.get(key) or created.get(key)
        if episode is None:
            try:
                child_id = matcher.child_for(d["child_details"])
            except ValidationError as error:  # e.g. out of the pack's age scope
                run.errors += [{"row": number, "field": "date_of_birth", "reason": m}
                               for m in error.messages]
                continue
            episode = MissingEpisode(partnership_id=pid, child_id=child_id,
                                     child_details=d["child_details"], **fields)
            created[key] = episode
            run.queued += child_id is None
            continue
        diff = changes_between(episode, fields)
        if not diff:
            run.unchanged += 1
            continue
        for f, v in fields.items():
            setattr(episode, f, v)
        if episode.pk is not None:
            episode.version += 1
            changed[episode.pk] = episode
            history.append(EpisodeChange(episode=episode, at=now, by=actor.user, via=via,
                                         changes=diff))
    insert_many(MissingEpisode, list(created.values()))
    if changed:
        MissingEpisode.objects.for_bookkeeping(
            actor, why="the notifications this import changed").bulk_update(
            list(changed.values()), [*EPISODE_FIELDS, "version"], batch_size=500)
    EpisodeChange.objects.bulk_create(history, batch_size=1000)
    audit_record_many(action="missing_episode.create", actor=actor,
                      objects=list(created.values()), purpose="police notification import")
    audit_record_many(action="missing_episode.change", actor=actor,
                      objects=list(changed.values()), purpose="police notification import")
    run.created += len(created)
    run.updated += len(changed)
    touched = {e.child_id for e in [*created.values(), *changed.values()] if e.child_id}
    run.fired += len(triggers.evaluate(actor, touched))


def _start(actor: Actor, rows: Iterable[dict[str, Any]], via: str, first_row: int,
           errors: list[dict[str, Any]] | None, keep_rows: bool) -> tuple[
        ImportRun, list[dict[str, Any]]]:
    require(actor, "missing.import", "Your role cannot import police notifications.")
    cap = _row_cap()
    rows = list(islice(rows, cap + 1))
    if len(rows) > cap:
        raise _too_large(cap)
    run = ImportRun.objects.create(
        partnership=actor.partnership, by=actor.user, via=via, started_at=timezone.now(),
        status=ImportStatus.QUEUED, rows=len(rows),
        errors=list(errors or [])[:int(settings.MISSING_IMPORT_MAX_ERRORS)],
        pending={"first_row": first_row, "rows": rows} if keep_rows else {})
    return run, rows


def import_rows(*, actor: Actor, rows: Iterable[dict[str, Any]], via: str, first_row: int = 2,
                chunk_size: int = CHUNK, pause: float = 0.0,
                errors: list[dict[str, Any]] | None = None) -> ImportRun:
    """Import notifications now, in the caller's process (the batch API and the command).
    `first_row` numbers rows as the file shows them (2 for a CSV with a header line).
    `pause` (seconds after each chunk) lets a test stop it part-way. More rows than
    MISSING_IMPORT_MAX_ROWS raise ImportTooLarge before anything is recorded; at
    MISSING_IMPORT_MAX_ERRORS problems the import stops, writes nothing, and says so in
    `stopped`."""
    run, rows = _start(actor, rows, via, first_row, errors, keep_rows=False)
    return carry_on(actor, run, rows, first_row=first_row, chunk_size=chunk_size,
                    pause=pause)


def import_queue(*, actor: Actor, rows: Iterable[dict[str, Any]], via: str,
                 first_row: int = 2, errors: list[dict[str, Any]] | None = None) -> ImportRun:
    """Record an import and hand it to the background worker (macehub.missing.tasks);
    the same checks and caps as `import_rows`. The run shows its progress as it goes."""
    run, _rows = _start(actor, rows, via, first_row, errors, keep_rows=True)
    enqueue("macehub.missing.tasks.import_in_background", run.pk, actor.partnership.pk,
            actor.user.pk, name="police notification import")
    return run


def _check(actor: Actor, rows: list[dict[str, Any]], first_row: int,
           errors: list[dict[str, Any]]) -> tuple[
        list[tuple[int, dict[str, Any]]], list[dict[str, Any]], int | None]:
    """The rows without problems, the problems (after `errors`), and the row the error cap
    stopped at."""
    most_errors = int(settings.MISSING_IMPORT_MAX_ERRORS)
    areas = {a.name.lower(): a for a in actor.partnership.areas.all()}
    good: list[tuple[int, dict[str, Any]]] = []
    errors = list(errors)
    today = timezone.localdate()
    for number, raw in enumerate(rows, start=first_row):
        data, problems = parse(actor, areas, raw, today)
        if problems:
            errors += [{"row": number, "field": f, "reason": _short(r)} for f, r in problems]
        else:
            good.append((number, data))
        if len(errors) >= most_errors:
            return [], errors[:most_errors], number
    return good, errors, None


def _short(reason: str) -> str:
    # A reason may quote the file (an unknown area's name): the stored report stays small.
    return reason if len(reason) <= REASON_MAX else reason[:REASON_MAX - 1] + "…"


def carry_on(actor: Actor, run: ImportRun, rows: list[dict[str, Any]], *, first_row: int,
             chunk_size: int = CHUNK, pause: float = 0.0) -> ImportRun:
    """Check every row, then write the good ones chunk by chunk. Each chunk commits with
    the run's counts and progress, so a run found `running` (its worker was killed) skips
    the rows it had already handled and ends as a clean run would."""
    most_errors = int(settings.MISSING_IMPORT_MAX_ERRORS)
    resuming = run.status == ImportStatus.RUNNING
    good, errors, halted_at = _check(actor, rows, first_row, [] if resuming else run.errors)
    if halted_at is not None:
        run.errors = errors
        run.stopped = (f"{HALTED} {halted_at:,}: the file has {most_errors:,} or more "
                       f"problems, so nothing was imported. The first {most_errors:,} "
                       f"are listed: check this is a police notification file, correct "
                       f"it and import it again")
        return _finish(actor, run)
    if not resuming:  # a resumed run already holds these problems and those found since
        run.errors, run.status = errors, ImportStatus.RUNNING
        run.save(update_fields=["errors", "status"])
    for chunk in _chunks([(n, d) for n, d in good if n - first_row >= run.handled],
                         chunk_size):
        with transaction.atomic():
            _write_chunk(actor, chunk, run, run.via)
            run.handled = chunk[-1][0] - first_row + 1
            run.save(update_fields=PROGRESS)
        if pause:
            time.sleep(pause)
    run.errors.sort(key=lambda e: e["row"])
    if len(run.errors) > most_errors:
        run.errors = run.errors[:most_errors]
        run.stopped = f"More than {most_errors:,} problems: the first {most_errors:,} are listed"
    return _finish(actor, run)


def _finish(actor: Actor, run: ImportRun) -> ImportRun:
    run.status, run.handled, run.pending = ImportStatus.DONE, run.rows, {}
    run.finished_at = timezone.now()
    run.save()
    audit_record(action="missing.import", actor=actor, obj=run, count=run.created + run.updated)
    return run
