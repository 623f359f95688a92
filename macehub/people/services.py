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
from macehub.people.birth import Birth, Precision
from macehub.people.matching import Match, find_matches, names_for_index
from macehub.people.models import Child, ChildName, Relation
from macehub.rules.reason import Reason


class PossibleDuplicates(ValidationError):
    """Likely existing records were found: a person must choose one or confirm a new one."""

    def __init__(self, matches: list[Match]) -> None:
        super().__init__("This child may already have a record. Choose the matching record "
                         "or confirm that this is a new child.")
        self.matches = matches


def birth_given(*, date_of_birth_precision: str = Precision.EXACT,
                date_of_birth: date | None = None, approximate_age: int | None = None,
                today: date | None = None) -> Birth:
    """The date of birth a person or client gave, as precisely as they know it; a
    ValidationError naming the field (in GOV.UK's wording) when the part the precision
    needs is missing or impossible."""
    today = today or timezone.localdate()
    if date_of_birth_precision not in Precision.values:
        raise ValidationError({"date_of_birth_precision": "Select how much of the child's "
                               "date of birth is known"})
    if date_of_birth_precision == Precision.AGE:
        if approximate_age is None:
            raise ValidationError({"approximate_age": "Enter the child's approximate age"})
        if not 0 <= approximate_age <= 120:
            raise ValidationError({"approximate_age": "Approximate age must be a whole "
                                   "number of years, like 15"})
    elif date_of_birth_precision in (Precision.EXACT, Precision.MONTH) and date_of_birth is None:
        raise ValidationError({"date_of_birth": "Enter the child's date of birth"
                               if date_of_birth_precision == Precision.EXACT else
                               "Enter the month and year the child was born"})
    return Birth.of(date_of_birth_precision, date_of_birth=date_of_birth,
                    approximate_age=approximate_age, today=today)


def check_age_scope(partnership: Partnership, birth: Birth | date,
                    today: date | None = None) -> None:
    """Refuses a date of birth in the future or a child outside the pack's age range in
    scope. A month and year is in scope when any day of the month would be; an approximate
    age is checked as the age given; a date of birth not known is not refused (the
    coordinator is asked to confirm the child is in scope: people.birth)."""
    today = today or timezone.localdate()
    birth = Birth.exact(birth) if isinstance(birth, date) else birth
    field = "approximate_age" if birth.precision == Precision.AGE else "date_of_birth"
    if birth.born is not None and birth.born > today:
        raise ValidationError({field: "Date of birth must be in the past"})
    ages = birth.ages_on(today)
    if ages is None:
        return
    pack = partnership.policy
    if not any(pack.in_age_scope(age) for age in range(ages[0], ages[1] + 1)):
        scope = pack.partnership.age_scope
        age = birth.age_label(today) if ages[0] == ages[1] else f"{ages[0]} or {ages[1]}"
        raise ValidationError({field: (
            f"This child is {age}. {pack.name} works with children and young people "
            f"{scope.display_value()} (source: {scope.cited}), so they are out of scope "
            "here. Use the usual safeguarding routes instead.")})


def scope_flags(partnership: Partnership, birth: Birth,
                today: date | None = None) -> list[Reason]:
    """What the coordinator is asked to confirm about the pack's age scope: a date of birth
    not known is never refused, it is flagged; an approximate age is flagged as such."""
    today = today or timezone.localdate()
    pack = partnership.policy
    scope = pack.partnership.age_scope
    works = f"{pack.name} works with children and young people {scope.display_value()}"
    if not birth.known:
        return [scope.reason(f"Date of birth not known: confirm the child is in scope. "
                             f"{works}")]
    if birth.precision == Precision.AGE:
        return [scope.reason(f"Age given as {birth.age_label(today)}, not a date of birth: "
                             f"confirm the child is in scope. {works}")]
    return []


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data["first_name"] = " ".join(str(data.get("first_name", "")).split())
    data["last_name"] = " ".join(str(data.get("last_name", "")).split())
    data["known_as"] = [" ".join(n.split()) for n in data.get("known_as") or [] if n.strip()]
    if not data["first_name"] or not data["last_name"]:
        raise ValidationError({"first_name": "Enter the child's first and last name"})
    return data


def _take_birth(data: dict[str, Any]) -> Birth | None:
    """The date of birth given: a Birth as `birth`, or a bare `date_of_birth` (an exact
    date, or None for not known)."""
    if "birth" in data:
        birth = data.pop("birth")
        data.pop("date_of_birth", None)
        return birth if isinstance(birth, Birth) else None
    if "date_of_birth" in data:
        born = data.pop("date_of_birth")
        return Birth.exact(born) if isinstance(born, date) else Birth.unknown()
    return None


@transaction.atomic
def child_create(*, actor: Actor, confirm_new: bool = False, **fields: Any) -> Child:
    """Create a child. Unless the person has seen the likely matches and confirmed this is
    a new child (confirm_new), raises PossibleDuplicates when there are any."""
    if not actor.has("child.create"):
        raise PermissionDenied("Your role cannot add children.")
    data = _clean(fields)
    birth = _take_birth(data) or Birth.unknown()
    check_age_scope(actor.partnership, birth)
    if not confirm_new:
        matches = find_matches(actor, first_name=data["first_name"],
                               last_name=data["last_name"], birth=birth,
                               known_as=data["known_as"])
        if matches:
            raise PossibleDuplicates(matches)
    child = Child(partnership=actor.partnership, **data, **birth.fields())
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
    birth = _take_birth(data)
    if birth is not None and not birth.same_as(child.birth, timezone.localdate()):
        check_age_scope(actor.partnership, birth)
        data.update(birth.fields())
    elif birth is not None:
        data.update(child.birth.fields())  # the same: an approximate age keeps its day
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
