"""Chairs' and board reports: generated for a period with the dashboard's figures frozen,
the narrative written under the pack's sections, signed off and then never changed; a
correction is a new version. External reports suppress small numbers (SECURITY S20).
Sources: Essex Arrangements §6.2-6.3 (chair reports twice a year), Kirklees MACE Process
§8 v (chair's quarterly report), SET protocol §2.2-2.3 (governance beyond the partnership)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.audit.models import AuditEvent
from macehub.lib.errors import StaleEdit
from macehub.oversight.figures import dashboard
from macehub.oversight.models import Report
from macehub.oversight.services_report import (
    report_generate,
    report_narrate,
    report_new_version,
    report_sign_off,
    shown_tables,
)
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(personas: dict[str, Any], actor_of: Any) -> Actor:
    return actor_of(personas["chair"])


@pytest.fixture
def period() -> tuple[date, date]:
    today = timezone.localdate()
    return today - timedelta(days=60), today


def _generate(chair: Actor, period: tuple[date, date]) -> Report:
    return report_generate(actor=chair, kind="mace_chair_report", start=period[0],
                           end=period[1])


def _written(chair: Actor, report: Report) -> Report:
    return report_narrate(actor=chair, report=report, version=report.version,
                          texts=[f"Text {n}" for n in range(len(report.narrative))])


def test_a_report_freezes_the_dashboards_figures_for_its_period(
        chair: Actor, personas: dict[str, Any], actor_of: Any,
        period: tuple[date, date]) -> None:
    # Dudley ToR §MACE Review & Reporting: the MACE chair reports patterns and trends to
    # CEOG from the dashboard's figures.
    f.open_case(actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"]))
    report = _generate(chair, period)
    report.refresh_from_db()
    figures = dashboard(chair, *period)
    assert report.figures["tables"] == [
        {"title": t.title, "rows": [list(r) for r in t.rows]} for t in figures.tables]
    assert [t["title"] for t in report.figures["outcomes"]] == [
        t.title for t in figures.outcomes]
    assert [s["title"] for s in report.narrative] == [
        "Patterns and trends of exploitation", "Matters of concern escalated"]
    assert report.status == Report.Status.DRAFT and report.revision == 1
    # Later records do not change a generated report.
    f.open_case(actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"]))
    report.refresh_from_db()
    assert report.figures["tables"] == [asdict(t) | {"rows": [list(r) for r in t.rows]}
                                        for t in figures.tables]
    assert dashboard(chair, *period).tables != figures.tables
    assert AuditEvent.objects.filter(action="report.generate").exists()


def test_a_period_ending_before_it_starts_is_refused_and_nothing_is_saved(
        chair: Actor) -> None:
    with pytest.raises(ValidationError, match="end of the period must be the same as or "
                                              "after its start"):
        report_generate(actor=chair, kind="mace_chair_report", start=date(2026, 3, 31),
                        end=date(2026, 3, 1))
    assert Report.objects.for_bookkeeping(chair, why="test").count() == 0


def test_a_kind_the_pack_does_not_list_is_refused(chair: Actor,
                                                  period: tuple[date, date]) -> None:
    with pytest.raises(ValidationError, match="Choose a report your partnership writes"):
        report_generate(actor=chair, kind="chair_report", start=period[0], end=period[1])


def test_a_stale_narrative_is_refused(chair: Actor, period: tuple[date, date]) -> None:
    report = _generate(chair, period)
    _written(chair, report)
    with pytest.raises(StaleEdit):
        report_narrate(actor=chair, report=report, version=report.version, texts=["a", "b"])


def test_sign_off_needs_every_section_written(chair: Actor,
                                              period: tuple[date, date]) -> None:
    report = _generate(chair, period)
    with pytest.raises(ValidationError, match="Write every section before signing off"):
        report_sign_off(actor=chair, report=report, version=report.version)


def test_a_signed_off_report_is_never_changed_in_the_service_or_the_model(
        chair: Actor, period: tuple[date, date]) -> None:
    report = _written(chair, _generate(chair, period))
    report = report_sign_off(actor=chair, report=report, version=report.version)
    assert report.signed_off_by == chair.user and report.signed_off_at is not None
    with pytest.raises(ValidationError, match="signed off and is kept as it was"):
        report_narrate(actor=chair, report=report, version=report.version, texts=["a", "b"])
    with pytest.raises(ValidationError, match="signed off"):
        report_sign_off(actor=chair, report=report, version=report.version)
    stored = Report.objects.for_bookkeeping(chair, why="test").get(pk=report.pk)
    stored.narrative = [{"title": "x", "text": "changed"}]
    with pytest.raises(ValueError, match="never changed"):
        stored.save()
    with pytest.raises(ValueError, match="never deleted"):
        stored.delete()


def test_a_correction_is_a_new_version_and_the_earlier_stays_readable(
        chair: Actor, period: tuple[date, date]) -> None:
    first = _written(chair, _generate(chair, period))
    first = report_sign_off(actor=chair, report=first, version=first.version)
    with pytest.raises(ValidationError, match="is a draft"):
        report_new_version(actor=chair, report=_generate(chair, period))
    second = report_new_version(actor=chair, report=first)
    assert second.corrects == first and second.revision == 2
    assert second.narrative == first.narrative and second.status == Report.Status.DRAFT
    with pytest.raises(ValidationError, match="newer version"):
        report_new_version(actor=chair, report=first)
    first.refresh_from_db()
    assert first.status == Report.Status.SIGNED_OFF


def _with_figures(report: Report, rows: list[list[Any]]) -> Report:
    # The figures as frozen, arranged directly (a draft may be changed).
    report.figures = {"tables": [{"title": "Children by area", "rows": rows}], "outcomes": []}
    report.save()
    return report


def test_an_external_report_suppresses_a_small_count_and_the_count_that_would_leak_it(
        chair: Actor, make_partnership: Any, personas: dict[str, Any], actor_of: Any,
        period: tuple[date, date]) -> None:
    # SET protocol §2.3: the Southend governance report goes to the Community Safety
    # Partnership and the Violence and Vulnerability Board, beyond the partnership.
    southend = make_partnership("southend")
    southend_chair = actor_of(f.user_with_role("southend-chair", southend, "chair"), southend)
    report = report_generate(actor=southend_chair, kind="governance_report",
                             start=period[0], end=period[1])
    assert report.external and report.suppressed_below == 5
    # With the total shown, hiding the 3 alone would leak it (13 - 10): the 10 goes too.
    _with_figures(report, [["North", 3], ["South", 10], ["East", 20], ["Total", 33]])
    [table] = shown_tables(southend_chair, report)
    assert dict(table.rows) == {"North": None, "South": None, "East": 20, "Total": 33}


def test_an_internal_report_shows_the_chair_every_count_and_the_analyst_suppressed(
        chair: Actor, personas: dict[str, Any], actor_of: Any,
        period: tuple[date, date]) -> None:
    report = _with_figures(_generate(chair, period), [["North", 3], ["South", 10]])
    assert dict(shown_tables(chair, report)[0].rows) == {"North": 3, "South": 10}
    analyst = actor_of(personas["analyst"])
    assert dict(shown_tables(analyst, report)[0].rows) == {"North": None, "South": None}


def test_only_the_hub_and_chairs_write_reports(personas: dict[str, Any], actor_of: Any,
                                               period: tuple[date, date]) -> None:
    from django.core.exceptions import PermissionDenied

    for role in ("analyst", "panel_member", "auditor", "referrer"):
        with pytest.raises(PermissionDenied):
            report_generate(actor=actor_of(personas[role]), kind="mace_chair_report",
                            start=period[0], end=period[1])
    report_generate(actor=actor_of(personas["hub_coordinator"]), kind="mace_chair_report",
                    start=period[0], end=period[1])


def test_a_signed_off_report_is_never_changed_or_deleted_in_bulk(
        chair: Actor, period: tuple[date, date]) -> None:
    # Essex Arrangements §6.2-6.3: the chair's report as signed off is the record; a bulk
    # update or delete that would touch it is refused whole, and the drafts beside it
    # stay as they were.
    signed = _written(chair, _generate(chair, period))
    signed = report_sign_off(actor=chair, report=signed, version=signed.version)
    draft = _generate(chair, (period[0] - timedelta(days=90), period[0] - timedelta(days=1)))
    reports = Report.objects.for_actor(chair)
    with pytest.raises(ValueError, match="never changed"):
        reports.update(title="Changed")
    with pytest.raises(ValueError, match="never deleted"):
        reports.delete()
    assert not reports.filter(title="Changed").exists()
    assert reports.count() == 2
    # Drafts alone are still changed and deleted in bulk.
    assert reports.filter(pk=draft.pk).update(title="Renamed") == 1
    assert reports.filter(pk=draft.pk).delete()[0] == 1
    assert list(reports.values_list("pk", flat=True)) == [signed.pk]
