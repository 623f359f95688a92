"""Each case's due items are stored so that the due list and the reviews-due page read a
page at a time; what is stored is always what the rules compute on demand, as the case,
its child, its risk, its meetings and its monitoring change."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from macehub.cases.due_store import check
from macehub.cases.models import Case, DueEntry
from macehub.cases.services import case_set_risk, case_set_status
from macehub.meetings import conduct, decisions, services
from macehub.meetings.models import AgendaItem
from macehub.people.models import Child
from macehub.people.services import child_update
from macehub.tests import factories
from macehub.tests.factories import open_case, schedule, sign_in, years_ago

pytestmark = pytest.mark.django_db
NOT_KNOWN = {("known_to_service", None): False}


@pytest.fixture
def team(db: Any) -> Any:
    return factories.team


def _held(t: dict[str, Any], case: Case) -> Any:
    hub = t["hub"]
    when = datetime.combine(timezone.localdate() - timedelta(days=3), time(10),
                            tzinfo=timezone.get_current_timezone())
    meeting = schedule(hub, forum="mace_1", when=when, chair=t["chair"].user)
    services.agenda_item_add(actor=hub, meeting=meeting, version=meeting.version,
                             title=str(case.child), kind=AgendaItem.Kind.REVIEW, case=case)
    meeting.refresh_from_db()
    services.agenda_publish(actor=hub, meeting=meeting, version=meeting.version,
                            conditions=NOT_KNOWN)
    meeting.refresh_from_db()
    conduct.meeting_hold(actor=hub, meeting=meeting, version=meeting.version)
    meeting.refresh_from_db()
    return meeting


def test_stored_due_items_are_what_the_rules_compute_as_a_case_changes(team: Any) -> None:
    # Essex §6.1: MACE 1 within its deadline of the referral, heard until the risk
    # reduces (then the chair's discharge decision), reviewed at its interval; the ASC
    # panel from the 17th birthday, and out of scope at 18 (essex_arrangements §2).
    t = team("essex")
    hub = t["hub"]
    case = open_case(t["referrer"], hub, child_details={
        "first_name": "Rowan", "last_name": "Example", "date_of_birth": years_ago(17, -5)})
    other = open_case(t["referrer"], hub)
    assert check(hub) == []
    kinds = set(DueEntry.objects.filter(case=case).values_list("kind", flat=True))
    assert {"age_milestone", "end_of_scope", "nomination"} <= kinds
    case = case_set_risk(actor=hub, case=case, risk="medium", reason="Reduced",
                         version=case.version)
    assert check(hub) == []
    assert DueEntry.objects.filter(case=case, kind="discharge_decision").exists()
    meeting = _held(t, case)
    assert check(hub) == []
    assert DueEntry.objects.filter(case=case, kind="review").exists()
    item = meeting.items.get(case=case)
    decisions.decision_record(actor=hub, item=item, kind="next_review", text="Six weeks",
                              next_review_on=timezone.localdate() + timedelta(days=42))
    assert check(hub) == []
    child = Child.objects.get(pk=case.child_id)
    child_update(actor=hub, child=child, version=child.version, first_name="Robin")
    assert check(hub) == []
    other = Case.objects.get(pk=other.pk)
    case_set_status(actor=hub, case=other, status="closed", reason="Risk reduced",
                    version=other.version)
    assert check(hub) == []
    assert not DueEntry.objects.filter(case=other).exists()


def test_the_due_list_and_reviews_due_read_the_stored_items(team: Any) -> None:
    t = team("essex")
    hub = t["hub"]
    case = open_case(t["referrer"], hub, child_details={
        "first_name": "Skye", "last_name": "Example", "date_of_birth": years_ago(17, -5)})
    client = sign_in(Client(), hub.user, hub.partnership)
    due = client.get(reverse("cases:due")).content.decode()
    assert "Skye Example" in due and "17th birthday" in due
    only = client.get(reverse("cases:due"), {"subject": "skye"})
    assert {i.case_id for i in only.context["listing"].rows} == {case.pk}
    reviews = client.get(reverse("meetings:reviews"))
    assert [r.case.pk for r in reviews.context["page"].object_list] == [case.pk]


def test_an_anonymised_childs_name_leaves_the_stored_due_items(team: Any) -> None:
    # The retention schedule anonymises a child's record (macehub.retention): nothing kept
    # for the due list may still carry the name.
    from macehub.retention.scrub import child_anonymise

    t = team("essex")
    hub = t["hub"]
    case = open_case(t["referrer"], hub, child_details={
        "first_name": "Rowan", "last_name": "Example", "date_of_birth": years_ago(15)})
    assert DueEntry.objects.filter(case=case, subject__contains="Rowan").exists()
    assert child_anonymise(hub, case.child_id)
    assert not DueEntry.objects.filter(subject__contains="Rowan").exists()
    assert check(hub) == []


def test_the_due_list_is_stored_again_every_night() -> None:
    # A change of policy pack, or a save made without its signals, is put right overnight.
    from macehub.jobs.schedule import DAILY, JOBS

    job = next(j for j in JOBS if j.command == "due_entries")
    assert job.every == DAILY and job.steps == (("refresh",),) and job.per_partnership
