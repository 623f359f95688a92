"""Reports and the tracker import in Chromium, with axe on every page: a chair generates the
MACE chair's report for CEOG (Dudley MACE and CEOG ToR §MACE Review & Reporting), writes it
and signs it off; the hub coordinator uploads a MACE tracker kept in a spreadsheet,
previews it and imports it (Essex Arrangements §6.3: MACE trackers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from macehub.tests.browser.helpers import accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_chair_generates_writes_and_signs_off_a_report(
    signed_in: Any, personas: dict[str, Any],
) -> None:
    page = signed_in(personas["chair"])
    page.click(".govuk-service-navigation a:text-is('Reports')")
    assert page.locator("h1").inner_text() == "Reports"
    accessible(page)
    page.click("button:has-text('Generate the report')")  # the period offered is last month's
    assert page.locator("h1").inner_text().startswith("MACE chair's report on patterns and "
                                                      "trends, version 1")
    accessible(page)
    page.click("a:has-text('Sign off the report')")
    accessible(page)
    page.click("button:has-text('Sign off the report')")  # nothing written: refused
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page)
    page.click("a.govuk-back-link")
    for box in page.locator("textarea").all():
        box.fill("Written for CEOG.")
    page.click("button:has-text('Save the narrative')")
    accessible(page)
    page.click("a:has-text('Sign off the report')")
    page.click("button:has-text('Sign off the report')")
    main = page.locator("main").inner_text()
    assert "Signed off by" in main and "Written for CEOG." in main
    assert page.locator("textarea").count() == 0
    accessible(page)
    with page.expect_download() as download:
        page.click("a:has-text('Download the report (PDF)')")
    assert download.value.suggested_filename.endswith("OFFICIAL-SENSITIVE.pdf")


def test_the_hub_uploads_previews_and_imports_a_tracker(
    signed_in: Any, personas: dict[str, Any], tmp_path: Path,
) -> None:
    tracker = tmp_path / "tracker.csv"
    tracker.write_text("Tracker ref,Forename,Surname,DOB,Outcome\n"
                       "T1,Ada,Browsertrack,04/03/2012,Ongoing\n", encoding="utf-8")
    page = signed_in(personas["hub_coordinator"])
    page.click(".govuk-service-navigation a:text-is('MACE tracker')")
    page.click("a:has-text('Import a tracker kept in a spreadsheet')")
    accessible(page)
    page.click("button:has-text('Upload')")  # no file: an error
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page)
    page.set_input_files("input[type='file']", str(tracker))
    page.click("button:has-text('Upload')")
    assert "Browsertrack" in page.locator("main").inner_text()  # the preview
    accessible(page)
    page.click("button:text-is('Import')")
    assert "What the import did" in page.locator("main").inner_text()
    accessible(page)
