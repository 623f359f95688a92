"""SECURITY S10 (break-glass): access outside the normal relationship needs a reason, is
time-limited by the pack, audited on every read, and alerts a reviewer who signs it off."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from macehub.access.actor import Actor
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.breakglass.models import BreakGlass
from macehub.breakglass.services import NOT_FOUND, break_glass_open
from macehub.cases.models import Case
from macehub.partnerships.models import Partnership
from macehub.partnerships.policy.loader import load_all
from macehub.people.models import Child

pytestmark = pytest.mark.django_db
REASON = "Police call about the child tonight; need the safety plan"


def _case(partnership: Partnership) -> Case:
    from django.utils import timezone

    child = Child.objects.create(partnership=partnership, first_name="Quillon",
                                 last_name="Zephyrine", date_of_birth=date(2011, 5, 4))
    return Case.objects.create(partnership=partnership, child=child, risk="high",
                               opened_at=timezone.now(), referred_at=timezone.now())


def _open(client: Any, number: object, reason: str = REASON) -> Any:
    return client.post("/break-glass/", {"number": str(number), "reason": reason})


def test_every_pack_sets_the_break_glass_period_marked_as_a_default() -> None:
    # SECURITY S10: the period is a pack value; no source document gives one.
    for pack in load_all().values():
        rule = pack.break_glass.lasts
        assert rule.default and rule.source.startswith("default:")
        assert pack.break_glass_lasts().as_timedelta() == timedelta(hours=3)


def test_break_glass_opens_a_case_beyond_reach_for_the_packs_period(
        dudley: Partnership, personas: dict[str, Any], client_as: Callable[..., Any]) -> None:
    case = _case(dudley)
    panel = client_as(personas["panel_member"])
    assert panel.get(f"/cases/{case.pk}/").status_code == 404
    response = _open(panel, case.pk)
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    opened = BreakGlass.objects.get()
    assert (opened.user, opened.model_label, opened.record_id, opened.reason) == (
        personas["panel_member"], "cases.Case", case.pk, REASON)
    assert opened.expires_at - opened.started_at == dudley.policy.break_glass_lasts() \
        .as_timedelta()
    page = panel.get(f"/cases/{case.pk}/")
    assert page.status_code == 200 and "Quillon" in page.content.decode()
    # Exactly that case: another beyond reach stays "not found".
    assert panel.get(f"/cases/{_case(dudley).pk}/").status_code == 404


def test_break_glass_access_is_refused_after_the_period(
        dudley: Partnership, personas: dict[str, Any], client_as: Callable[..., Any]) -> None:
    case = _case(dudley)
    panel = client_as(personas["panel_member"])
    _open(panel, case.pk)
    opened = BreakGlass.objects.get()
    lasts = opened.expires_at - opened.started_at
    BreakGlass.objects.filter(pk=opened.pk).update(
        started_at=opened.started_at - lasts - timedelta(seconds=1),
        expires_at=opened.expires_at - lasts - timedelta(seconds=1))
    assert panel.get(f"/cases/{case.pk}/").status_code == 404
    assert Api("panel_member").get(f"/cases/{case.pk}").status_code == 404


def test_break_glass_without_a_reason_is_refused(
        dudley: Partnership, personas: dict[str, Any], client_as: Callable[..., Any]) -> None:
    case = _case(dudley)
    panel = client_as(personas["panel_member"])
    for reason in ("", "   "):
        response = _open(panel, case.pk, reason=reason)
        assert response.status_code == 400
        assert response.context["form"].errors["reason"]
    assert not BreakGlass.objects.exists()
    assert panel.get(f"/cases/{case.pk}/").status_code == 404
    # No number is looked up without a reason: nothing about the case is recorded.
    assert not AuditEvent.objects.filter(action="breakglass.open").exists()


def test_a_number_that_is_no_case_here_answers_not_found_alike_and_is_audited(
        dudley: Partnership, essex: Partnership, personas: dict[str, Any],
        client_as: Callable[..., Any]) -> None:
    theirs = _case(essex)
    panel = client_as(personas["panel_member"])
    for number in (theirs.pk, 999999, "abc", "²"):
        response = _open(panel, number)
        assert response.status_code == 400
        assert response.context["form"].errors["number"] == [NOT_FOUND]
    assert not BreakGlass.objects.exists()
    refused = AuditEvent.objects.filter(action="breakglass.open", outcome="denied")
    assert refused.count() == 4


def test_a_case_already_reached_opens_without_break_glass(
        dudley: Partnership, personas: dict[str, Any], client_as: Callable[..., Any]) -> None:
    from macehub.access.actor import actor_for
    from macehub.meetings.conduct import confidentiality_agree
    from macehub.tests.factories import published_meeting

    case = _case(dudley)
    meeting = published_meeting(personas, dudley, case)
    # Reached: invited, and the meeting's confidentiality statement agreed.
    confidentiality_agree(actor=actor_for(personas["panel_member"], dudley.pk),
                          meeting=meeting)
    panel = client_as(personas["panel_member"])
    response = _open(panel, case.pk)
    assert response["Location"] == f"/cases/{case.pk}/"
    assert not BreakGlass.objects.exists()


def test_only_panel_members_may_break_glass(
        dudley: Partnership, personas: dict[str, Any],
        actor_of: Callable[..., Actor]) -> None:
    # The hub and chairs reach every case already; referrers, analysts, admins and the
    # auditor never open case data (macehub/breakglass/reach.py).
    case = _case(dudley)
    for role in ("hub_coordinator", "chair", "referrer", "analyst", "partnership_admin",
                 "auditor"):
        with pytest.raises(PermissionDenied):
            break_glass_open(actor=actor_of(personas[role]), number=case.pk, reason=REASON)


def test_every_read_through_break_glass_is_audited_with_the_break_glass_purpose(
        dudley: Partnership, personas: dict[str, Any], client_as: Callable[..., Any]) -> None:
    case = _case(dudley)
    panel = client_as(personas["panel_member"])
    _open(panel, case.pk)
    opened = BreakGlass.objects.get()
    panel.get(f"/cases/{case.pk}/")
    Api("panel_member").get(f"/cases/{case.pk}")
    reads = AuditEvent.objects.filter(action="case.view", object_id=str(case.pk))
    assert reads.count() == 2
    assert {e.purpose.split(";")[0] for e in reads} == {f"break-glass {opened.pk}"}
    opening = AuditEvent.objects.get(action="breakglass.open", outcome="ok")
    assert (opening.object_type, opening.object_id) == ("cases.case", str(case.pk))


def test_the_auditors_are_alerted_by_email_and_on_their_home_page(
        dudley: Partnership, personas: dict[str, Any], client_as: Callable[..., Any],
        django_capture_on_commit_callbacks: Any) -> None:
    case = _case(dudley)
    with django_capture_on_commit_callbacks(execute=True):
        _open(client_as(personas["panel_member"]), case.pk)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [personas["auditor"].email]
    assert message.body.startswith("OFFICIAL-SENSITIVE")
    assert message.body.rstrip().endswith("OFFICIAL-SENSITIVE")
    assert "Quillon" not in message.body and REASON not in message.body
    home = client_as(personas["auditor"]).get("/").content.decode()
    assert "Break-glass to review" in home and f"Case {case.pk}" in home
    assert "Break-glass to review" not in client_as(personas["partnership_admin"]) \
        .get("/").content.decode()


def test_the_auditor_signs_off_each_break_glass(
        dudley: Partnership, personas: dict[str, Any], client_as: Callable[..., Any]) -> None:
    case = _case(dudley)
    panel = client_as(personas["panel_member"])
    _open(panel, case.pk)
    panel.get(f"/cases/{case.pk}/")
    opened = BreakGlass.objects.get()
    auditor = client_as(personas["auditor"])
    listing = auditor.get("/break-glass/review/")
    assert listing.status_code == 200 and REASON in listing.content.decode()
    assert listing.context["rows"] == [(opened, 1)]
    auditor.post(f"/break-glass/review/{opened.pk}/", {"note": "Reason checked with chair"})
    opened.refresh_from_db()
    assert opened.reviewed_by == personas["auditor"] and opened.reviewed_at is not None
    assert "Break-glass to review" not in auditor.get("/").content.decode()
    AuditEvent.objects.get(action="breakglass.review", object_id=str(opened.pk))
    auditor.post(f"/break-glass/review/{opened.pk}/", {"note": "again"})
    opened.refresh_from_db()
    assert opened.review_note == "Reason checked with chair"


def test_break_glass_through_the_api_as_on_the_pages(
        dudley: Partnership, essex: Partnership, personas: dict[str, Any]) -> None:
    case = _case(dudley)
    panel, auditor = Api("panel_member"), Api("auditor")
    assert panel.post("/break-glass", {"case_number": str(case.pk), "reason": ""}) \
        .status_code == 422
    missing = panel.post("/break-glass", {"case_number": "999999", "reason": REASON})
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "number", "pointer": "#/number",
                                         "detail": NOT_FOUND}]
    opened = panel.post("/break-glass", {"case_number": str(case.pk), "reason": REASON})
    assert opened.status_code == 200
    bg = opened.json()["break_glass"]
    assert bg["case_id"] == case.pk and bg["reviewed_at"] is None
    assert panel.get("/break-glass").status_code == 403
    listed = auditor.get("/break-glass", awaiting="true").json()
    assert [i["id"] for i in listed["items"]] == [bg["id"]]
    signed = auditor.post(f"/break-glass/{bg['id']}/review", {"note": "Checked"})
    assert signed.status_code == 200 and signed.json()["reviewed_at"] is not None
    assert auditor.post(f"/break-glass/{bg['id']}/review", {}).status_code == 422
    assert auditor.get("/break-glass", awaiting="true").json()["count"] == 0


def test_nobody_signs_off_a_break_glass_twice(
        dudley: Partnership, personas: dict[str, Any],
        actor_of: Callable[..., Actor]) -> None:
    from macehub.breakglass.services import break_glass_review

    case = _case(dudley)
    opened = break_glass_open(actor=actor_of(personas["panel_member"]), number=case.pk,
                              reason=REASON)
    assert opened is not None
    auditor = actor_of(personas["auditor"])
    break_glass_review(actor=auditor, opened=opened, note="")
    with pytest.raises(ValidationError):
        break_glass_review(actor=auditor, opened=opened, note="")
