"""Writes about children: creating a record (never silently merging) and relations."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.lib.errors import StaleEdit
from macehub.partnerships.models import Partnership
from macehub.people.matching import Match, find_matches, names_for_index
from macehub.people.models import Child, ChildName, Relation, age_on


class PossibleDuplicates(ValidationError):
    """Likely existing records were found: a person must choose one or confirm a new one."""

    def __init__(self, matches: list[Match]) -> None:
        super().__init__("This child may already have a record. Choose the matching record "
                         "or confirm that this is a new child.")
        self.matches = matches


def check_age_scope(partnership: Partnership, date_of_birth: date,
                    today: date | None = None) -> None:
    """Refuses a date of birth in the future or outside the pack's age range in scope."""
    today = today or timezone.localdate()
    if date_of_birth > today:
        raise ValidationError({"date_of_birth": "Date of birth must be in the past"})
    age = age_on(date_of_birth, today)
    pack = partnership.policy
    if not pack.in_age_scope(age):
        scope = pack.partnership.age_scope
        raise ValidationError({"date_of_birth": (
            f"This child is {age}. {pack.name} works with children and young people "
            f"{scope.display_value()} (source: {scope.cited}), so they are out of scope "
            "here. Use the usual safeguarding routes instead.")})


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data["first_name"] = " ".join(str(data.get("first_name", "")).split())
    data["last_name"] = " ".join(str(data.get("last_name", "")).split())
    data["known_as"] = [" ".join(n.split()) for n in data.get("known_as") or [] if n.strip()]
    if not data["first_name"] or not data["last_name"]:
        raise ValidationError({"first_name": "Enter the child's first and last name"})
    return data


@transaction.atomic
def child_create(*, actor: Actor, confirm_new: bool = False, **fields: Any) -> Child:
    """Create a child. Unless the person has seen the likely matches and confirmed this is
    a new child (confirm_new), raises PossibleDuplicates when there are any."""
    if not actor.has("child.create"):
        raise PermissionDenied("Your role cannot add children.")
    data = _clean(fields)
    check_age_scope(actor.partnership, data["date_of_birth"])
    if not confirm_new:
        matches = find_matches(actor, first_name=data["first_name"],
                               last_name=data["last_name"],
                               date_of_birth=data["date_of_birth"], known_as=data["known_as"])
        if matches:
            raise PossibleDuplicates(matches)
    child = Child(partnership=actor.partnership, **data)
    child.full_clean(exclude=["partnership"])
    child.save()
    ChildName.objects.bulk_create(names_for_index(child))
    audit_record(action="child.create", actor=actor, obj=child,
                 purpose="confirmed new after matches shown" if confirm_new else "")
    return child


@transaction.atomic
def child_update(*, actor: Actor, child: Child, version: int, **fields: Any) -> Child:
    if not actor.has("child.edit"):
        raise PermissionDenied("Your role cannot change children's records.")
    child = Child.objects.for_actor(actor).select_for_update().get(pk=child.pk)
    if child.version != version:
        raise StaleEdit("Someone else changed this record while you were editing it. "
                              "Reload the page to see their change, then make yours again.")
    data = _clean({"first_name": child.first_name, "last_name": child.last_name,
                   "known_as": child.known_as, **fields})
    for name, what in (("area", "an area"), ("lead_agency", "an agency")):
        other = data.get(name)
        if other is not None and other.partnership_id != actor.partnership.pk:
            raise ValidationError({name: f"Select {what}"})
    if data.get("date_of_birth", child.date_of_birth) != child.date_of_birth:
        check_age_scope(actor.partnership, data["date_of_birth"])
    for name, value in data.items():
        setattr(child, name, value)
    child.version += 1
    child.full_clean(exclude=["partnership"])
    child.save()
    child.names.all().delete()
    ChildName.objects.bulk_create(names_for_index(child))
    audit_record(action="child.change", actor=actor, obj=child)
    return child


@transaction.atomic
def relation_add(*, actor: Actor, child: Child, other: Child, kind: str,
                 note: str = "") -> Relation:
    if not actor.has("child.edit"):
        raise PermissionDenied("Your role cannot change children's records.")
    if child.pk == other.pk:
        raise ValidationError("A child cannot be related to themselves.")
    if {child.partnership_id, other.partnership_id} != {actor.partnership.pk}:
        raise PermissionDenied("Both children must be in your partnership.")
    first, second = sorted([child, other], key=lambda c: c.pk)
    relation, created = Relation.objects.for_actor(actor).get_or_create(
        partnership=actor.partnership, child=first, other=second, kind=kind,
        defaults={"note": note})
    if created:
        audit_record(action="relation.create", actor=actor, obj=relation)
    return relation
