"""Nothing is lost when the partnership column is added to records that lacked it: each
existing row takes its parent's partnership, down chains of parents (a dissent from its
decision, from its agenda item, from its meeting)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from macehub.access.scoped import unscoped

BEFORE = [("people", "0001_initial"), ("concerns", "0001_initial"), ("cases", "0001_initial"),
          ("meetings", "0001_initial"), ("missing", "0001_initial")]
AFTER = [("people", "0002_partnership_on_every_record"),
         ("concerns", "0002_partnership_on_every_record"),
         ("cases", "0002_partnership_on_every_record"),
         ("meetings", "0002_partnership_on_every_record"),
         ("missing", "0002_partnership_on_every_record")]
AT = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_existing_records_take_their_parents_partnership() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    partnership = old.get_model("partnerships", "Partnership").objects.create(
        slug="migrated", name="Migrated", policy_key="dudley")
    other = old.get_model("partnerships", "Partnership").objects.create(
        slug="other", name="Other", policy_key="essex")
    user = old.get_model("accounts", "User").objects.create(username="u", email="u@example.org")
    agency = old.get_model("partnerships", "Agency").objects.create(
        partnership=partnership, name="Police", type="police")
    ids = {}
    for place in (partnership, other):
        child = old.get_model("people", "Child").objects.create(
            partnership=place, first_name="Sam", last_name="Example",
            date_of_birth=date(2011, 2, 3))
        case = old.get_model("cases", "Case").objects.create(
            partnership=place, child=child, risk="high", opened_at=AT, referred_at=AT)
        plan = old.get_model("cases", "Plan").objects.create(
            case=case, kind="safety", summary="Plan", agreed_on=date(2026, 3, 29), by=user)
        meeting = old.get_model("meetings", "Meeting").objects.create(
            partnership=place, forum="mace", starts_at=AT, ends_at=AT)
        item = old.get_model("meetings", "AgendaItem").objects.create(
            meeting=meeting, position=1, kind="review", title="Review", case=case)
        decision = old.get_model("meetings", "Decision").objects.create(
            item=item, kind="risk", text="Risk stays high", by=user, at=AT, case=case)
        dissent = old.get_model("meetings", "Dissent").objects.create(
            decision=decision, agency=agency, person="A", reason="Disagree", by=user, at=AT)
        ids[place.pk] = {"cases.Plan": plan.pk, "meetings.AgendaItem": item.pk,
                         "meetings.Decision": decision.pk, "meetings.Dissent": dissent.pk}

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    with unscoped("the test reads what the migration wrote"):
        for place_pk, records in ids.items():
            for label, pk in records.items():
                model = new.get_model(*label.split("."))
                assert model.objects.get(pk=pk).partnership_id == place_pk, label

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
