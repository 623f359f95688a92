"""A meeting's papers are prepared as PDF by the background worker (ADR 14), for the
person who asked and with what they reach; only they download them, through the papers
gate as it stands at download; the pack expires (PAPER_PACK_HOURS) and the schedule deletes
it. The same through the API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ

from macehub.audit.models import AuditEvent
from macehub.lib.pdfcheck import UnmarkedPdf
from macehub.meetings import outputs
from macehub.meetings.models import Invitation, PaperPack
from macehub.meetings.tests.test_outputs import papers_meeting
from macehub.tests.papers import download_papers
from macehub.tests.worker import work_off_queue

pytestmark = pytest.mark.django_db


def _prepare(client: Any, meeting_pk: int, document: str = "agenda") -> Any:
    return client.post(reverse("meetings:papers_prepare", args=[meeting_pk, document]))


def test_papers_are_prepared_for_the_person_who_asked_and_downloaded_by_them_alone(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    panel, hub = client_as(personas["panel_member"]), client_as(personas["hub_coordinator"])
    response = _prepare(panel, meeting.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:papers_pack", args=[meeting.pk, "agenda"])
    page = panel.get(response["Location"]).content.decode()
    assert "Ready to download" in page and "marked OFFICIAL-SENSITIVE on every page" in page
    pack = PaperPack.objects.get()
    assert pack.requested_by == personas["panel_member"] and pack.pages >= 1
    assert AuditEvent.objects.filter(action="meeting.papers.prepare").count() == 1
    # The hub has asked for nothing: its download link leads to the page to ask.
    url = reverse("meetings:papers_pdf", args=[meeting.pk, "agenda"])
    assert hub.get(url)["Location"] == reverse("meetings:papers_pack",
                                               args=[meeting.pk, "agenda"])
    assert not AuditEvent.objects.filter(action="meeting.papers").exists()
    pdf = panel.get(url)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.get(action="meeting.papers").username == "panel_member"


def test_asking_again_replaces_the_earlier_pack(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    panel = client_as(personas["panel_member"])
    _prepare(panel, meeting.pk)
    first = PaperPack.objects.get().pk
    _prepare(panel, meeting.pk)
    _prepare(panel, meeting.pk, "minutes")
    assert PaperPack.objects.filter(document="agenda").get().pk != first
    assert PaperPack.objects.count() == 2


def test_the_gate_is_checked_again_at_download(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    # Dudley: papers open to a member who agreed the confidentiality statement, until the
    # window after the meeting; a pack prepared before either changed is not released.
    meeting = papers_meeting(personas, dudley)["meeting"]
    panel = client_as(personas["panel_member"])
    _prepare(panel, meeting.pk)
    Invitation.objects.filter(meeting=meeting, user=personas["panel_member"]).update(
        confidentiality_agreed_at=None)
    url = reverse("meetings:papers_pdf", args=[meeting.pk, "agenda"])
    assert panel.get(url).status_code == 403
    Invitation.objects.filter(meeting=meeting, user=personas["panel_member"]).update(
        confidentiality_agreed_at=timezone.now())
    long_ago = timezone.now() - timedelta(days=60)
    type(meeting).objects.filter(pk=meeting.pk).update(starts_at=long_ago,
                                                      ends_at=long_ago + timedelta(hours=2))
    assert panel.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action="meeting.papers").exists()


# The worker's own code closes the database connection, as a worker process does: the
# test commits (transaction=True) rather than running inside one transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_refuses_a_pack_whose_asker_lost_the_papers_before_it_ran(
        personas: dict[str, Any], dudley: Any, client_as: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Conf, "SYNC", False)
    meeting = papers_meeting(personas, dudley)["meeting"]
    panel = client_as(personas["panel_member"])
    _prepare(panel, meeting.pk)
    assert PaperPack.objects.get().status == PaperPack.Status.QUEUED
    assert "Waiting to start" in panel.get(
        reverse("meetings:papers_pack", args=[meeting.pk, "agenda"])).content.decode()
    Invitation.objects.filter(meeting=meeting, user=personas["panel_member"]).delete()
    work_off_queue()
    pack = PaperPack.objects.get()
    assert pack.status == PaperPack.Status.FAILED and pack.content is None
    assert "nothing was prepared" in pack.problem
    assert OrmQ.objects.count() == 0


def test_a_pack_that_fails_its_marking_check_is_never_released(
        personas: dict[str, Any], dudley: Any, client_as: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]

    def unmarked(*args: Any, **kwargs: Any) -> bytes:
        raise UnmarkedPdf("Page 1 has no marking at the top.")

    monkeypatch.setattr(outputs, "render_pdf", unmarked)
    hub = client_as(personas["hub_coordinator"])
    page = hub.get(_prepare(hub, meeting.pk)["Location"]).content.decode()
    assert "could not be prepared" in page and "marking check" in page
    assert download_papers(hub, meeting.pk).status_code == 302


def test_an_expired_pack_is_not_downloaded_and_the_schedule_deletes_it(
        personas: dict[str, Any], dudley: Any, client_as: Any, settings: Any) -> None:
    settings.PAPER_PACK_HOURS = 8
    meeting = papers_meeting(personas, dudley)["meeting"]
    hub = client_as(personas["hub_coordinator"])
    _prepare(hub, meeting.pk)
    PaperPack.objects.update(requested_at=timezone.now() - timedelta(hours=8, minutes=1))
    assert hub.get(reverse("meetings:papers_pdf", args=[meeting.pk, "agenda"])
                   ).status_code == 302
    call_command("expire_paper_packs")
    assert not PaperPack.objects.exists()


def test_the_pack_lifetime_is_a_setting(
        personas: dict[str, Any], dudley: Any, client_as: Any, settings: Any) -> None:
    settings.PAPER_PACK_HOURS = 24
    meeting = papers_meeting(personas, dudley)["meeting"]
    hub = client_as(personas["hub_coordinator"])
    _prepare(hub, meeting.pk)
    PaperPack.objects.update(requested_at=timezone.now() - timedelta(hours=9))
    call_command("expire_paper_packs")
    assert hub.get(reverse("meetings:papers_pdf", args=[meeting.pk, "agenda"])
                   ).status_code == 200


def test_the_api_asks_for_reads_and_downloads_the_papers(
        personas: dict[str, Any], dudley: Any, client_as: Any) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    panel = client_as(personas["panel_member"])
    base = f"/api/v1/meetings/{meeting.pk}/papers"
    assert panel.get(f"{base}/pdf", {"document": "agenda"}).status_code == 404
    asked = panel.post(base, {"document": "agenda"}, content_type="application/json")
    assert asked.status_code == 202 and asked.json()["status"] == "ready"
    listed = panel.get(base).json()
    assert [p["document_label"] for p in listed] == ["Agenda pack"]
    pdf = panel.get(f"{base}/pdf", {"document": "agenda"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["X-Protective-Marking"] == "OFFICIAL-SENSITIVE"
    assert client_as(personas["hub_coordinator"]).get(
        f"{base}/pdf", {"document": "agenda"}).status_code == 404
    bad = panel.post(base, {"document": "everything"}, content_type="application/json")
    assert bad.status_code == 422 and PaperPack.objects.count() == 1
