"""Missing children in Chromium, with axe run on every page: a coordinator records a missing
episode from the child's record and takes it to a completed return interview whose synopsis
is shared; and a police notification file is imported, the import runs in the background
worker, and the page shows its result."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.conf import Conf

from macehub.missing.importer import COLUMNS
from macehub.missing.models import ImportRun, MissingEpisode, ReturnInterview
from macehub.missing.tests.conftest import row
from macehub.tests.browser.helpers import accessible, fill_date
from macehub.tests.factories import actor, child
from macehub.tests.worker import work_off_queue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_missing_episode_goes_to_a_shared_return_interview(
    signed_in: Any, live_server: Any, personas: dict[str, Any], dudley: Any,
) -> None:
    found = child(actor(personas["hub_coordinator"], dudley))
    page = signed_in(personas["hub_coordinator"])
    page.goto(live_server.url + reverse("people:detail", args=[found.pk]))
    accessible(page)
    page.click("main a:text-is('Record a missing episode')")
    accessible(page)
    page.click("button:has-text('Record the episode')")  # nothing filled: errors
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page)
    yesterday = timezone.localdate() - timedelta(days=1)
    page.fill("input[name$='force']", "Example Police")
    page.fill("input[name$='police_reference']", "MIS-0001")
    fill_date(page, "reported_at", yesterday, "18:30")
    fill_date(page, "returned_at", yesterday, "22:15")
    page.locator("input[name$='missing_from']").first.check()
    page.locator("input[name$='risk_grade']").first.check()
    page.click("button:has-text('Record the episode')")
    assert "Missing episode MIS-0001" in page.locator("h1").inner_text()
    accessible(page)

    page.locator("input[name$='episodes']").first.check()
    fill_date(page, "offered_on", timezone.localdate())
    page.fill("input[name$='offered_by']", "Missing team")
    page.click("button:has-text('Record the offer')")
    accessible(page)
    page.check("input[name$='accepted'][value='yes']")
    fill_date(page, "responded_on", timezone.localdate())
    page.click("button:has-text('Save the answer')")
    accessible(page)
    page.click("button:has-text('Save the interview')")  # no synopsis: errors
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page)
    fill_date(page, "completed_on", timezone.localdate())
    page.fill("input[name$='conducted_by']", "Youth worker")
    page.fill("textarea[name$='synopsis']", "Stayed with a friend; no harm disclosed.")
    page.click("button:has-text('Save the interview')")
    accessible(page)
    page.click("button:has-text('Share the synopsis')")
    assert "Not yet" not in page.locator("main").inner_text()
    accessible(page)
    episode = MissingEpisode.objects.get(police_reference="MIS-0001")
    interview = ReturnInterview.objects.get(episodes=episode)
    assert interview.status == "completed" and interview.shares.exists()


def test_a_police_notification_file_is_imported_in_the_background(
    signed_in: Any, live_server: Any, personas: dict[str, Any], tmp_path: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(Conf, "SYNC", False)  # queued for the worker, as in production
    rows = [row("IMP-1", "2026-03-01 18:30"), row("IMP-2", "2026-03-01 18:30",
                                                  risk_grade="purple")]
    upload = tmp_path / "notifications.csv"
    upload.write_text("\n".join([",".join(COLUMNS)] + [
        ",".join(r.get(c, "") for c in COLUMNS) for r in rows]) + "\n")
    page = signed_in(personas["hub_coordinator"])
    page.goto(live_server.url + reverse("missing:index"))
    accessible(page)
    page.click("main a:text-is('Import police notifications')")
    accessible(page)
    page.set_input_files("input[type='file']", str(upload))
    page.click("button:has-text('Import')")
    assert "Waiting to start" in page.locator("main").inner_text()
    accessible(page)

    work_off_queue()
    assert ImportRun.objects.get().status == "done"
    # The page updates itself (a small poll), then shows the result and the bad row.
    page.locator("text=Finished: 2 of 2 rows").wait_for()
    accessible(page)
    assert page.locator("table").inner_text().count("risk_grade") == 1
    assert MissingEpisode.objects.filter(police_reference="IMP-1").exists()
