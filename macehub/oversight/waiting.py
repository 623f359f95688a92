"""Plan audit work waiting for the auditor: sampled plans not yet graded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from macehub.lib.waiting import Waiting
from macehub.oversight.models import PlanAudit, PlanAuditEntry

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def plan_audit_waiting(actor: Actor) -> Iterator[Waiting]:
    if actor.has("plan_audit.run"):
        ungraded = PlanAuditEntry.objects.for_actor(actor).filter(
            audit__status=PlanAudit.Status.OPEN, graded_at__isnull=True)
        yield Waiting("Sampled plans waiting to be graded", 0, reverse("oversight:audits"),
                      order=61, counted=(ungraded,))
