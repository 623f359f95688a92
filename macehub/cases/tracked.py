"""A case from a MACE tracker kept in a spreadsheet before the product (the import is in
macehub/oversight/importing.py): the case is found by the tracker row's key, or is the
child's case open to MACE, or is opened on the date the tracker gives. Only what differs
is written, so importing the same row again changes nothing."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.cases.models import Case, RiskChange
from macehub.cases.services import chronology_add, require_manage
from macehub.concerns.models import RiskLevel
from macehub.people.models import Child


def _opened(on: date | None) -> datetime:
    if on is None:
        return timezone.now()
    return timezone.make_aware(datetime.combine(on, time(12)))


@transaction.atomic
def case_from_tracker(*, actor: Actor, child: Child, key: str, risk: str | None,
                      opened_on: date | None, exploitation_types: list[str] | None,
                      places: list[str] | None, outcome: str | None) -> tuple[Case, str]:
    """The row's case and what happened to it: "created", "updated" or "unchanged". A
    field the tracker does not give (None) is left as it is."""
    require_manage(actor)
    cases = Case.objects.for_actor(actor).select_for_update()
    case = cases.filter(tracker_key=key).first() or cases.filter(child=child).exclude(
        status=Case.Status.CLOSED).order_by("-opened_at").first()
    if case is None:
        at = _opened(opened_on)
        case = Case.objects.create(
            partnership=actor.partnership, child=child, risk=risk or RiskLevel.MEDIUM,
            opened_at=at, referred_at=at, exploitation_types=exploitation_types or [],
            places=places or [], outcome=outcome or "", tracker_key=key)
        RiskChange.objects.create(case=case, risk=case.risk, at=timezone.now(), by=actor.user,
                                  reason="Imported from the partnership's MACE tracker")
        chronology_add(case=case, kind="status", by=actor.user,
                       summary="Case opened from the partnership's MACE tracker")
        audit_record(action="case.open", actor=actor, obj=case, purpose="tracker import")
        return case, "created"
    if case.tracker_key != key:  # the row's key, so importing it again finds this case
        case.tracker_key = key
        case.save(update_fields=["tracker_key"])
    wanted = {"exploitation_types": exploitation_types, "places": places, "outcome": outcome}
    changed = [name for name, value in wanted.items()
               if value is not None and getattr(case, name) != value]
    risk_changed = risk is not None and risk != case.risk
    if not changed and not risk_changed:
        return case, "unchanged"
    for name in changed:
        setattr(case, name, wanted[name])
    if risk_changed:
        case.risk = str(risk)
        RiskChange.objects.create(case=case, risk=case.risk, at=timezone.now(), by=actor.user,
                                  reason="Imported from the partnership's MACE tracker")
    case.version += 1
    case.save()
    chronology_add(case=case, kind="note", by=actor.user,
                   summary="Case details changed from the partnership's MACE tracker")
    audit_record(action="case.change", actor=actor, obj=case, purpose="tracker import")
    return case, "updated"
