"""Merging two records of the same kind, and undoing a merge with nothing lost.

A merge folds `merged` into `kept`: every link at the merged record (its history, ended
and corrected versions included) is re-pointed at the kept one, and a person's aliases and
street names move with the name the merged record had added as an alias. The merged record
itself is not changed or deleted: it is left out of lists and searches while the merge
stands. Links between the two records stay where they are (re-pointing them would link a
record to itself). Undoing puts back every end, alias and name the merge moved, including
the later corrections of a moved link.

Both records are locked and their versions checked, so of two coordinators merging at
once the second is refused; the database refuses a record merged twice as well."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.intelligence.checks import stale
from macehub.intelligence.kinds import KINDS
from macehub.intelligence.models import Entity, Link, NameKind, PersonName, PersonOfInterest
from macehub.intelligence.models_matching import Merge
from macehub.lib.errors import StaleEdit


def _standing(kind: str) -> QuerySet[Any]:
    return Merge._base_manager.filter(kind=kind, undone_at__isnull=True)


def unmerged(rows: QuerySet[Any], kind: str) -> QuerySet[Any]:
    """The records of `rows` not merged into another (one subquery)."""
    return rows.exclude(Exists(_standing(kind).filter(
        partnership_id=OuterRef("partnership_id"), merged_id=OuterRef("pk"))))


def merged_into(actor: Actor, record: Entity) -> Merge | None:
    """The standing merge that folded this record into another, if any."""
    return Merge.objects.for_actor(actor).filter(
        kind=record.kind, merged_id=record.pk, undone_at__isnull=True).first()


def _require(actor: Actor) -> None:
    from macehub.intelligence.services import require_manage

    require_manage(actor)


def _lock(actor: Actor, kind: str, pks: list[int]) -> dict[int, Entity]:
    model = KINDS[kind].model
    return {r.pk: r for r in model.objects.for_actor(actor).select_for_update()
            .filter(pk__in=pks).order_by("pk")}


@transaction.atomic
def records_merge(*, actor: Actor, kind: str, kept: Entity, merged: Entity,
                  kept_version: int | None, merged_version: int | None, reason: str = "",
                  via: str = "page") -> Merge:
    """Fold `merged` into `kept` (both of `kind`, both as the coordinator saw them)."""
    _require(actor)
    if kind not in KINDS or type(kept).kind != kind or type(merged).kind != kind:
        raise ValidationError({"other": "Select a record of the same kind to merge"})
    if kept.pk == merged.pk:
        raise ValidationError({"other": "A record cannot be merged with itself"})
    locked = _lock(actor, kind, [kept.pk, merged.pk])
    if len(locked) != 2:
        raise ValidationError({"other": "Select a record of this partnership"})
    kept, merged = locked[kept.pk], locked[merged.pk]
    stale(kept, kept_version)
    stale(merged, merged_version)
    if _standing(kind).filter(partnership=actor.partnership,
                              merged_id__in=[kept.pk, merged.pk]).exists():
        raise StaleEdit("One of these records has already been merged into another. "
                        "Reload the page to see it.")
    if isinstance(merged, PersonOfInterest) and merged.child_id is not None:
        raise ValidationError({"other": "This person of interest is a child's record: merge "
                                        "the other record into it instead"})
    moved: dict[str, list[Any]] = {"links": [], "names": [], "added_names": []}
    between = Q(a_kind=kind, a_id=kept.pk) | Q(b_kind=kind, b_id=kept.pk)
    for link in Link.objects.for_bookkeeping(actor, why="a merge re-points every link").filter(
            Q(a_kind=kind, a_id=merged.pk) | Q(b_kind=kind, b_id=merged.pk)).exclude(
            between).select_for_update().order_by("pk"):
        end = "a" if (link.a_kind, link.a_id) == (kind, merged.pk) else "b"
        setattr(link, f"{end}_id", kept.pk)
        link.save(update_fields=[f"{end}_id"])
        moved["links"].append([link.pk, end])
    if isinstance(merged, PersonOfInterest):
        names = list(merged.names.all())
        PersonName.objects.for_bookkeeping(actor, why="a merge moves the aliases").filter(
            pk__in=[n.pk for n in names]).update(person=kept)
        moved["names"] = [n.pk for n in names]
        have = {n.casefold() for n in [kept.name, *kept.names.values_list("name", flat=True)]}  # type: ignore[attr-defined]
        if merged.name and merged.name.casefold() not in have:
            alias = PersonName.objects.create(person=kept, name=merged.name,
                                              kind=NameKind.ALIAS)
            moved["added_names"] = [alias.pk]
    for record in (kept, merged):
        record.version += 1
        record.save(update_fields=["version"])
    try:
        with transaction.atomic():
            merge = Merge.objects.create(
                partnership=actor.partnership, kind=kind, kept_id=kept.pk,
                merged_id=merged.pk, reason=reason.strip()[:300], moved=moved, by=actor.user,
                at=timezone.now())
    except IntegrityError:
        raise StaleEdit("This record has already been merged into another. Reload the page "
                        "to see it.") from None
    audit_record(action="intelligence.merge", actor=actor, obj=merge, purpose=via)
    return merge


def _corrections(actor: Actor, link_ids: list[int]) -> dict[int, int]:
    """Each later correction of a moved link, mapped to the link it corrects in the list."""
    found: dict[int, int] = {}
    frontier = {pk: pk for pk in link_ids}
    while frontier:
        rows = Link.objects.for_bookkeeping(actor, why="undoing a merge").filter(
            corrects_id__in=list(frontier)).values_list("pk", "corrects_id")
        frontier = {pk: frontier[corrects] for pk, corrects in rows}
        found |= frontier
    return found


@transaction.atomic
def merge_undo(*, actor: Actor, merge: Merge, version: int | None,
               via: str = "page") -> Merge:
    """Put both records and their links back as they were before the merge."""
    _require(actor)
    merge = Merge.objects.for_actor(actor).select_for_update().get(pk=merge.pk)
    stale(merge, version)
    if merge.undone_at is not None:
        raise ValidationError("This merge has already been undone.")
    if _standing(merge.kind).filter(partnership=actor.partnership,
                                    merged_id=merge.kept_id).exists():
        raise ValidationError("The kept record has since been merged into another: undo "
                              "that merge first.")
    records = _lock(actor, merge.kind, [merge.kept_id, merge.merged_id])
    ends = {pk: end for pk, end in merge.moved.get("links", [])}
    for later, first in _corrections(actor, list(ends)).items():
        ends[later] = ends[first]
    for link in Link.objects.for_bookkeeping(actor, why="undoing a merge").filter(
            pk__in=list(ends)).select_for_update():
        end = ends[link.pk]
        if getattr(link, f"{end}_id") == merge.kept_id:
            setattr(link, f"{end}_id", merge.merged_id)
            link.save(update_fields=[f"{end}_id"])
    if merge.kind == "person":
        PersonName.objects.for_bookkeeping(actor, why="undoing a merge").filter(
            pk__in=merge.moved.get("names", [])).update(person_id=merge.merged_id)
        PersonName.objects.for_bookkeeping(actor, why="undoing a merge").filter(
            pk__in=merge.moved.get("added_names", [])).delete()
    for record in records.values():
        record.version += 1
        record.save(update_fields=["version"])
    merge.undone_at, merge.undone_by = timezone.now(), actor.user
    merge.version += 1
    merge.save()
    audit_record(action="intelligence.merge_undo", actor=actor, obj=merge, purpose=via)
    return merge
