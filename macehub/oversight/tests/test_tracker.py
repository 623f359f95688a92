"""The MACE tracker (Essex 000 §6.3: "The tracker can provide aggregated data on the numbers
of children discussed, type of education establishment, model of exploitation, place of
exploitation, period of time open to MACE, outcome and/or reason for reduction in risk"):
the pack's columns, the fields a case records for it, the page, its spreadsheet."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from macehub.access.actor import actor_for
from macehub.audit.models import AuditEvent, AuditEventObject
from macehub.cases import services as case_services
from macehub.cases.models import Case
from macehub.partnerships.policy.loader import load_pack
from macehub.tests import factories as f

pytestmark = pytest.mark.django_db


def _essex_case(essex: Any, **child: Any) -> tuple[Any, Any, Any]:
    people = f.personas_for(essex, prefix="essex_")
    referrer = actor_for(people["referrer"], essex.pk)
    hub = actor_for(people["hub_coordinator"], essex.pk)
    case = f.open_case(referrer, hub, **child) if child else f.open_case(referrer, hub)
    return people, hub, case


def test_every_pack_lists_its_tracker_columns_with_a_source() -> None:
    # Essex 000 §6.3 lists the tracker's columns; the other packs mark theirs a default.
    for slug in ("dudley", "essex", "kirklees", "southend", "thurrock", "wolverhampton"):
        tracker = load_pack(slug).oversight.tracker
        assert tracker.columns.value and tracker.places.value
        assert tracker.columns.default == (slug != "essex")


def test_essex_tracker_shows_education_type_model_and_place_of_exploitation_time_open_and_outcome(
        essex: Any, client_as: Any) -> None:
    # Essex 000 §6.3: children discussed, type of education establishment, model of
    # exploitation, place of exploitation, time open to MACE, outcome or reason for reduced risk.
    assert load_pack("essex").oversight.tracker.columns.value == [
        "child", "education", "exploitation_types", "places", "time_open", "outcome"]
    people, hub, case = _essex_case(essex)
    child = case.child
    child.education, child.education_setting = "alternative_provision", "Riverside Academy"
    child.save()
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(days=21))
    case.refresh_from_db()
    types = list(essex.policy.exploitation_types)[:1]
    case_services.case_update(actor=hub, case=case, version=case.version, lead_professional="",
                              lead_agency=None, exploitation_types=types,
                              places=["online", "public_space"],
                              outcome="Risk reduced: engaged with youth work")
    page = client_as(people["hub_coordinator"], essex).get(reverse("oversight:tracker"))
    assert page.status_code == 200
    html = page.content.decode()
    for heading in ("Child", "Education", "Model of exploitation", "Place of exploitation",
                    "Time open to MACE", "Outcome, or reason the risk came down"):
        assert f">{heading}</th>" in html
    assert str(child) in html
    assert "Alternative provision: Riverside Academy" in html
    assert essex.policy.exploitation_types[types[0]].label in html
    assert "Online, Public space" in html and "3 weeks" in html
    assert "Risk reduced: engaged with youth work" in html
    table = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    assert "public_space" not in table and "alternative_provision" not in table  # labels only


def test_tracker_lists_open_cases_and_closed_ones_only_by_filter(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    kept = f.open_case(referrer, hub)
    closed = f.open_case(referrer, hub, child_details={
        "first_name": "Closed", "last_name": "Tracker", "date_of_birth": f.years_ago(15),
        "known_as": []})
    case_services.case_set_status(actor=hub, case=closed, status="closed", reason="Risk gone",
                                  version=closed.version)
    client = client_as(personas["hub_coordinator"])
    open_page = client.get(reverse("oversight:tracker")).content.decode()
    assert kept.reference in open_page and closed.reference not in open_page
    closed_page = client.get(reverse("oversight:tracker"), {"status": "closed"}).content.decode()
    assert closed.reference in closed_page and kept.reference not in closed_page


def test_tracker_records_every_case_and_child_it_shows(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    # SECURITY: a list that shows people's identities names each of them in the access log.
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    case = f.open_case(referrer, hub)
    client_as(personas["hub_coordinator"]).get(reverse("oversight:tracker"))
    event = AuditEvent.objects.get(action="tracker.view")
    named = set(AuditEventObject.objects.filter(event=event).values_list(
        "object_type", "object_id"))
    assert ("cases.case", str(case.pk)) in named
    assert ("people.child", str(case.child_id)) in named


def test_tracker_page_runs_a_bounded_number_of_queries(
        personas: dict[str, Any], actor_of: Any, client_as: Any,
        django_assert_max_num_queries: Any) -> None:
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    for n in range(6):
        f.open_case(referrer, hub, child_details={
            "first_name": f"Track{n}", "last_name": "Sample", "date_of_birth": f.years_ago(14),
            "known_as": []})
    client = client_as(personas["hub_coordinator"])
    with django_assert_max_num_queries(25):
        assert client.get(reverse("oversight:tracker")).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("oversight:tracker_export")).status_code == 200


def test_tracker_spreadsheet_is_marked_and_neutralises_formulas(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    # SECURITY S15: marked top, bottom, header and footer; S12: no cell runs as a formula.
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    case = f.open_case(referrer, hub)
    case_services.case_update(actor=hub, case=case, version=case.version, lead_professional="",
                              lead_agency=None, exploitation_types=case.exploitation_types,
                              outcome="=HYPERLINK(\"http://example.invalid\")")
    response = client_as(personas["hub_coordinator"]).get(reverse("oversight:tracker_export"))
    assert "OFFICIAL-SENSITIVE" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "OFFICIAL-SENSITIVE" in str(values[0]) and "OFFICIAL-SENSITIVE" in str(values[-1])
    assert "OFFICIAL-SENSITIVE" in sheet.oddHeader.center.text
    assert "OFFICIAL-SENSITIVE" in sheet.oddFooter.center.text
    assert "'=HYPERLINK(\"http://example.invalid\")" in values
    assert case.reference in values


def test_a_place_not_in_the_pack_is_refused_and_changes_nothing(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    case = f.open_case(referrer, hub)
    response = client_as(personas["hub_coordinator"]).post(
        reverse("cases:edit", args=[case.pk]), {
            "details-version": case.version, "details-exploitation_types":
            case.exploitation_types, "details-places": ["moon"]})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.places == []


def test_the_case_details_page_records_places_and_outcome(
        personas: dict[str, Any], actor_of: Any, client_as: Any) -> None:
    referrer, hub = actor_of(personas["referrer"]), actor_of(personas["hub_coordinator"])
    case = f.open_case(referrer, hub)
    client = client_as(personas["hub_coordinator"])
    response = client.post(reverse("cases:edit", args=[case.pk]), {
        "details-version": case.version, "details-exploitation_types": case.exploitation_types,
        "details-places": ["home", "online"], "details-outcome": "Stepped down"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.places == ["home", "online"] and case.outcome == "Stepped down"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Home, Online" in page and "Stepped down" in page


def test_panel_members_and_analysts_cannot_open_the_tracker(
        personas: dict[str, Any], client_as: Any) -> None:
    for role in ("panel_member", "analyst", "referrer", "auditor"):
        response = client_as(personas[role]).get(reverse("oversight:tracker"))
        assert response.status_code == 403, role


def test_a_filter_not_offered_is_refused_with_a_message(
        personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["hub_coordinator"])
    for name in ("oversight:tracker", "oversight:tracker_export"):
        response = client.get(reverse(name), {"status": "someday"})
        assert response.status_code == 400
        assert "Choose open cases, closed cases, or both" in response.content.decode()
