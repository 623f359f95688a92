"""The retention job (SECURITY S18): dry run, proposal, the admin's approval, applying
with a tombstone, legal holds; through the command, the pages and the API."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from macehub.access.actor import Actor
from macehub.access.scoped import enforcing
from macehub.accounts.system import system_actor
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.concerns.models import Concern, Mention
from macehub.people.models import Child
from macehub.retention.models import LegalHold, RetentionItem, RetentionReview
from macehub.retention.services import (
    legal_hold_lift,
    legal_hold_place,
    retention_decide,
    retention_propose,
)
from macehub.retention.tests.helpers import child_fields, closed_case, old_concern
from macehub.tests.factories import actor, child

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(personas: dict[str, Any], dudley: Any) -> dict[str, Actor]:
    return {"referrer": actor(personas["referrer"], dudley),
            "hub": actor(personas["hub_coordinator"], dudley),
            "admin": actor(personas["partnership_admin"], dudley),
            "job": system_actor(dudley, "retention")}


def run(*args: str) -> str:
    """The command as the scheduler runs it: held to the scoped kernel."""
    out = StringIO()
    with enforcing():
        call_command("retention", *args, "--partnership", "dudley", stdout=out)
    return out.getvalue()


def _snapshot() -> tuple[int, ...]:
    return (Concern.objects.count(), Child.objects.count(), RetentionReview.objects.count(),
            AuditEvent.objects.filter(action__startswith="retention.").count())


def test_the_dry_run_prints_what_is_due_and_changes_nothing(team: dict[str, Actor]) -> None:
    concern = old_concern(team["referrer"], 7)
    before = _snapshot()
    out = run()
    assert f"would delete concerns.concern {concern.pk}" in out and "dry run" in out
    assert _snapshot() == before
    assert Concern.objects.get(pk=concern.pk).what_happened


def test_an_approved_concern_is_deleted_with_a_tombstone_and_running_again_changes_nothing(
        team: dict[str, Actor]) -> None:
    concern = old_concern(team["referrer"], 7)
    run("--propose")
    review = RetentionReview.objects.get()
    assert list(review.items.values_list("model_label", "record_id")) == [
        ("concerns.concern", concern.pk)]
    assert "nothing new" in run("--propose")  # one list at a time
    assert "applied approved lists: nothing" in run("--apply")  # not approved yet
    assert Concern.objects.filter(pk=concern.pk).exists()
    retention_decide(actor=team["admin"], review=review, approve=True)
    run("--apply")
    assert not Concern.objects.filter(pk=concern.pk).exists()
    assert not Mention.objects.filter(concern_id=concern.pk).exists()
    tomb = AuditEvent.objects.get(action="retention.delete", object_type="concerns.concern")
    assert tomb.object_id == str(concern.pk) and tomb.at is not None
    assert "concern_not_progressed" in tomb.purpose and "Jordan" not in tomb.purpose
    after = _snapshot()
    run("--apply")
    run("--propose")
    assert _snapshot() == after


def test_only_what_was_approved_is_applied(team: dict[str, Actor]) -> None:
    first = old_concern(team["referrer"], 7)
    review = retention_propose(actor=team["job"])
    assert review is not None
    later = old_concern(team["referrer"], 8)  # due, but on no approved list
    retention_decide(actor=team["admin"], review=review, approve=True)
    run("--apply")
    assert not Concern.objects.filter(pk=first.pk).exists()
    assert Concern.objects.filter(pk=later.pk).exists()


def test_a_refused_list_changes_nothing_and_needs_a_reason(team: dict[str, Actor]) -> None:
    concern = old_concern(team["referrer"], 7)
    review = retention_propose(actor=team["job"])
    assert review is not None
    with pytest.raises(ValidationError):
        retention_decide(actor=team["admin"], review=review, approve=False, note="")
    retention_decide(actor=team["admin"], review=review, approve=False, note="Complaint open")
    run("--apply")
    assert Concern.objects.filter(pk=concern.pk).exists()
    with pytest.raises(ValidationError):
        retention_decide(actor=team["admin"], review=review, approve=True)


def test_nobody_approves_a_list_they_proposed(team: dict[str, Actor]) -> None:
    review = RetentionReview.objects.create(partnership=team["admin"].partnership,
                                            proposed_at=team["admin"].user.date_joined,
                                            proposed_by=team["admin"].user)
    with pytest.raises(PermissionDenied):
        retention_decide(actor=team["admin"], review=review, approve=True)
    with pytest.raises(PermissionDenied):
        retention_decide(actor=team["hub"], review=review, approve=True)


def test_a_closed_case_past_retention_is_anonymised_keeping_its_shape(
        team: dict[str, Actor]) -> None:
    case = closed_case(team["referrer"], team["hub"], born=date(1990, 5, 5))
    review = retention_propose(actor=team["job"])
    assert review is not None
    retention_decide(actor=team["admin"], review=review, approve=True)
    run("--apply")
    fields = child_fields(case.child_id)
    assert fields["first_name"] == "Anonymised" and fields["known_as"] == []
    assert fields["date_of_birth"] == date(1990, 1, 1)
    assert Concern.objects.get(child_id=case.child_id).child_details == {}
    case.refresh_from_db()
    assert case.status == "closed" and case.risk  # the shape is kept for the figures
    assert AuditEvent.objects.filter(action="retention.anonymise", object_type="people.child",
                                     object_id=str(case.child_id)).count() == 1
    run("--propose")
    assert RetentionReview.objects.count() == 1  # anonymised once, never found again


def test_a_legal_hold_on_a_case_keeps_the_childs_record_from_every_list(
        team: dict[str, Actor]) -> None:
    case = closed_case(team["referrer"], team["hub"], born=date(1990, 5, 5))
    with pytest.raises(ValidationError):
        legal_hold_place(actor=team["hub"], kind="case", number=case.pk, reason="")
    hold = legal_hold_place(actor=team["hub"], kind="case", number=case.pk,
                            reason="Civil claim")
    assert retention_propose(actor=team["job"]) is None
    assert "0 record(s) due" in run()
    legal_hold_lift(actor=team["admin"], hold=hold, reason="Claim settled")
    assert retention_propose(actor=team["job"]) is not None
    assert AuditEvent.objects.filter(action__in=["retention.hold", "retention.hold_lift"]
                                     ).count() == 2


def test_a_hold_placed_after_approval_keeps_the_record(team: dict[str, Actor]) -> None:
    case = closed_case(team["referrer"], team["hub"], born=date(1990, 5, 5))
    review = retention_propose(actor=team["job"])
    assert review is not None
    retention_decide(actor=team["admin"], review=review, approve=True)
    legal_hold_place(actor=team["admin"], kind="child", number=case.child_id,
                     reason="Police investigation")
    run("--apply")
    assert child_fields(case.child_id)["first_name"] != "Anonymised"
    assert RetentionItem.objects.get().outcome == "held"
    assert not AuditEvent.objects.filter(action="retention.anonymise").exists()


def test_a_hold_names_a_record_of_the_partnership_or_nothing(
        team: dict[str, Actor], essex: Any) -> None:
    from macehub.tests.factories import personas_for

    outsider = actor(personas_for(essex, "essex_")["hub_coordinator"], essex)
    case = closed_case(team["referrer"], team["hub"], born=date(1990, 5, 5))
    with pytest.raises(ValidationError):
        legal_hold_place(actor=outsider, kind="case", number=case.pk, reason="Test")
    with pytest.raises(PermissionDenied):
        legal_hold_place(actor=team["referrer"], kind="case", number=case.pk, reason="Test")
    assert not LegalHold.objects.exists()


def test_the_admin_decides_a_list_on_its_page(
        team: dict[str, Actor], personas: dict[str, Any], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    for years in (7, 8, 9):
        old_concern(team["referrer"], years)
    review = retention_propose(actor=team["job"])
    assert review is not None
    admin = client_as(personas["partnership_admin"])
    url = reverse("retention:review", kwargs={"pk": review.pk})
    with django_assert_max_num_queries(20):
        page = admin.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "Concerns that did not lead to a case" in text
    assert ">3<" in text and "concern_not_progressed" not in text
    with django_assert_max_num_queries(20):
        assert admin.get(reverse("retention:reviews")).status_code == 200
    assert admin.post(url, {"approve": "no", "note": ""}).status_code == 400
    assert admin.post(url, {"approve": "yes"}).status_code == 302
    review.refresh_from_db()
    assert review.status == "approved"
    assert AuditEvent.objects.filter(action="retention.approve").count() == 1


def test_holds_are_placed_and_lifted_on_their_page(
        team: dict[str, Actor], personas: dict[str, Any], client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    case = closed_case(team["referrer"], team["hub"], born=date(1990, 5, 5))
    hub = client_as(personas["hub_coordinator"])
    url = reverse("retention:holds")
    assert hub.post(url, {"kind": "case", "number": "999999", "reason": "x"}).status_code == 400
    assert hub.post(url, {"kind": "case", "number": str(case.pk),
                          "reason": "Inquiry"}).status_code == 302
    hold = LegalHold.objects.get()
    with django_assert_max_num_queries(20):
        assert f"Case {case.pk}" in hub.get(url).content.decode()
    hub.post(reverse("retention:lift", kwargs={"pk": hold.pk}), {"reason": "Inquiry over"})
    hold.refresh_from_db()
    assert hold.lifted_at is not None and hold.lift_reason == "Inquiry over"


def test_the_api_lists_decides_and_holds_as_the_pages_do(
        team: dict[str, Actor], personas: dict[str, Any], essex: Any) -> None:
    from macehub.tests.factories import personas_for

    concern = old_concern(team["referrer"], 7)
    review = retention_propose(actor=team["job"])
    assert review is not None
    admin = Api("partnership_admin")
    listed = admin.get("/retention/reviews").json()
    assert [r["id"] for r in listed["items"]] == [review.pk]
    detail = admin.get(f"/retention/reviews/{review.pk}").json()
    assert detail["counts"] == [{"record_type": "concern_not_progressed",
                                 "action": "delete", "count": 1}]
    assert detail["items"][0]["record_id"] == concern.pk
    # Another partnership's admin neither sees nor decides Dudley's list.
    personas_for(essex, "essex_")
    outsider = Api("essex_partnership_admin")
    assert outsider.get(f"/retention/reviews/{review.pk}").status_code == 404
    assert outsider.post(f"/retention/reviews/{review.pk}/decide",
                         {"approve": True}).status_code == 404
    assert outsider.get("/retention/reviews").json()["count"] == 0
    assert Api("hub_coordinator").get("/retention/reviews").status_code == 403
    decided = admin.post(f"/retention/reviews/{review.pk}/decide", {"approve": True})
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    hub = Api("hub_coordinator")
    held = hub.post("/retention/holds", {"kind": "child", "number": "999999",
                                         "reason": "x"})
    assert held.status_code == 422
    placed = hub.post("/retention/holds", {"kind": "child",
                                           "number": str(child(team["hub"]).pk),
                                           "reason": "Inquiry"})
    assert placed.status_code == 200
    lifted = hub.post(f"/retention/holds/{placed.json()['id']}/lift", {"reason": "Over"})
    assert lifted.status_code == 200 and lifted.json()["lifted_at"] is not None
    assert hub.get("/retention/holds").json()["count"] == 1


def test_an_outsider_admin_never_sees_another_partnerships_list_on_a_page(
        team: dict[str, Actor], essex: Any, client_as: Any) -> None:
    from macehub.tests.factories import personas_for

    old_concern(team["referrer"], 7)
    review = retention_propose(actor=team["job"])
    assert review is not None
    outsider = client_as(personas_for(essex, "essex_")["partnership_admin"], essex)
    url = reverse("retention:review", kwargs={"pk": review.pk})
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"approve": "yes"}).status_code == 404
    review.refresh_from_db()
    assert review.status == "proposed"
