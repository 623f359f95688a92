"""A scheduled job goes through the real path: the scheduler queues it in the database
when due, the worker takes it from the queue and runs it for each partnership as that
partnership's system actor (ADR 0009), and the queue is left empty."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule, Task
from django_q.scheduler import scheduler

from macehub.audit.models import AuditEvent
from macehub.missing.models import TriggerFiring
from macehub.missing.services import episode_record
from macehub.tests.factories import child, team
from macehub.tests.worker import work_off_queue


@pytest.mark.django_db(transaction=True)
def test_the_due_trigger_job_is_queued_then_run_by_the_worker_for_each_partnership(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Conf, "SYNC", False)
    hubs = [team(slug)["hub"] for slug in ("dudley", "essex")]
    for hub in hubs:
        now = timezone.now()
        episode_record(actor=hub, child=child(hub), force="Example Police",
                       police_reference="REF-1", reported_at=now - timedelta(hours=9),
                       returned_at=now - timedelta(hours=2), missing_from="home",
                       risk_grade="medium", harm_indicators=["injury"])
    fired = set(TriggerFiring.objects.values_list("partnership_id", "rule_key"))
    assert {p for p, _ in fired} == {h.partnership.pk for h in hubs}
    TriggerFiring.objects.all().delete()  # as if the evaluation on record had been missed
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()

    Schedule.objects.filter(name="Missing triggers").update(
        next_run=timezone.now() - timedelta(minutes=1))
    scheduler(broker=get_broker())
    assert OrmQ.objects.count() == 1
    work_off_queue()

    assert OrmQ.objects.count() == 0
    task = Task.objects.get()
    assert task.success and task.result == "evaluate_missing_triggers: 2 partnership(s)"
    assert set(TriggerFiring.objects.values_list("partnership_id", "rule_key")) == fired
    events = AuditEvent.objects.filter(action="missing.trigger", pk__gt=before)
    assert {e.partnership_id for e in events} == {h.partnership.pk for h in hubs}
    assert {e.username for e in events} == {"macehub-scheduler"}
    assert Schedule.objects.get(name="Missing triggers").next_run > timezone.now()
