"""Due items from missing records: triggers to triage. Return interviews due are many at
a county, so the due list counts and pages them in the database (`due_returns`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from macehub.missing.models import TriggerFiring
from macehub.rules.due import DueItem, DueScope, due_item
from macehub.rules.reason import Reason


def missing_due(scope: DueScope) -> list[DueItem]:
    if scope.case is not None:
        return []
    today, triggers = scope.today, scope.partnership.policy.missing.triggers.rules
    firings = TriggerFiring.objects.for_actor(scope.actor).filter(
        status="open", action="triage").select_related("child")
    return [due_item(
        today, kind="missing_triage", title="Triage a missing trigger", subject=str(f.child),
        url=reverse("missing:triggers"), due_on=timezone.localtime(f.fired_at).date(),
        reason=triggers[f.rule_key].reason(f.explanation) if f.rule_key in triggers
        else Reason(f.explanation, f.source)) for f in firings]
