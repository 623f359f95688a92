"""`{% disruption_of record %}`: a record's disruptions on its intelligence page, for those
who may read disruption."""

from __future__ import annotations

from typing import Any

from django import template

from macehub.audit.services import audit_shown
from macehub.disruption.queries import of_record

register = template.Library()


@register.inclusion_tag("disruption/_of_record.html", takes_context=True)
def disruption_of(context: dict[str, Any], record: Any) -> dict[str, Any]:
    request = context["request"]
    actor = request.actor
    kind = type(record).kind
    if not actor.has("disruption.view"):
        return {"hidden": True}
    rows = of_record(actor, kind, record.pk)
    if rows:
        audit_shown(action="disruption.list", actor=actor, records=rows,
                    purpose="disruptions of a record", request=request)
    return {"disruptions": rows, "kind": kind, "pk": record.pk,
            "can_record": actor.has("disruption.record")}
