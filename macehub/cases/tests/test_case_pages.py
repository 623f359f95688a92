"""The case page and its changes, the case list, the due list and child search."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.audit.models import AuditEvent, who_saw
from macehub.cases.models import Case, ChronologyEntry
from macehub.tests.factories import partnership_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(personas: dict[str, Any], dudley: Any) -> dict[str, Any]:
    return partnership_records(dudley, personas)


@pytest.fixture
def hub(personas: dict[str, Any], client_as: Any) -> Any:
    return client_as(personas["hub_coordinator"])


def test_case_page_shows_due_items_with_rule_and_source_and_is_audited(
    objects: dict[str, Any], hub: Any,
) -> None:
    case = objects["case"]
    page = hub.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "First MACE" in page and "Dudley MACE and CEOG Terms of" in page
    assert ".txt" not in page
    assert AuditEvent.objects.filter(action="case.view", object_id=str(case.pk)).exists()


def test_risk_change_needs_a_reason_and_keeps_history(objects: dict[str, Any],
                                                      hub: Any) -> None:
    case = objects["case"]
    url = reverse("cases:risk", args=[case.pk])
    bad = hub.post(url, {"risk-risk": "medium", "risk-reason": "", "risk-version": case.version})
    assert bad.status_code == 400
    assert hub.post(url, {"risk-risk": "medium", "risk-reason": "Engaging with youth worker",
                          "risk-version": case.version}).status_code == 302
    case.refresh_from_db()
    assert case.risk == "medium"
    assert list(case.risk_changes.values_list("risk", flat=True)) == ["high", "medium"]


def test_stale_case_edit_gets_a_conflict_not_an_overwrite(objects: dict[str, Any],
                                                         hub: Any) -> None:
    case = objects["case"]
    url = reverse("cases:status", args=[case.pk])
    hub.post(url, {"status-status": "dormant", "status-reason": "Review satisfied",
                   "status-version": case.version})
    stale = hub.post(url, {"status-status": "closed", "status-reason": "x",
                           "status-version": case.version})
    assert stale.status_code == 400
    assert b"Someone else changed this case" in stale.content
    case.refresh_from_db()
    assert case.status == Case.Status.DORMANT


def test_plans_nrm_and_flags_go_into_the_chronology_and_can_be_filtered(
    objects: dict[str, Any], hub: Any, dudley: Any,
) -> None:
    case = objects["case"]
    pack = dudley.policy
    kind = next(iter(pack.plans.types))
    assert hub.post(reverse("cases:plan_add", args=[case.pk]), {
        "plan-kind": kind, "plan-summary": "Weekly youth work sessions",
        "plan-agreed_on": "2/11/2026"}).status_code == 302
    agency = dudley.agencies.get(type="police")
    assert hub.post(reverse("cases:flag_add", args=[case.pk]), {
        "flag-agency": agency.pk, "flag-flagged_on": "3/11/2026"}).status_code == 302
    prefix = f"nrm-{objects['nrm'].pk}"
    fields = {"referred_on": "5/1/2026", "first_responder": "Example Police",
              "reasonable_grounds": "positive", "reasonable_grounds_on": "20/1/2026",
              "conclusive_grounds": "pending", "version": "1"}
    assert hub.post(reverse("cases:nrm_update", args=[case.pk, objects["nrm"].pk]),
                    {f"{prefix}-{k}": v for k, v in fields.items()}).status_code == 302
    kinds = set(ChronologyEntry.objects.filter(case=case).values_list("kind", flat=True))
    assert {"plan", "flag", "nrm", "risk", "status"} <= kinds
    filtered = hub.get(reverse("cases:timeline", args=[case.pk]), {"chronology-kind": "plan"})
    assert [e.kind for e in filtered.context["chronology"]] == ["plan"]


def test_conclusive_grounds_needs_positive_reasonable_grounds(objects: dict[str, Any],
                                                             hub: Any) -> None:
    case = objects["case"]
    response = hub.post(reverse("cases:nrm_add", args=[case.pk]), {
        "nrm-referred_on": "5/1/2026", "nrm-first_responder": "Example Council",
        "nrm-reasonable_grounds": "pending", "nrm-conclusive_grounds": "positive",
        "nrm-conclusive_grounds_on": "1/3/2026"})
    assert response.status_code == 400
    assert b"follows a positive reasonable grounds decision" in response.content


def test_case_list_filters_and_its_query_count_does_not_grow(
    objects: dict[str, Any], hub: Any, django_assert_max_num_queries: Any,
) -> None:
    with django_assert_max_num_queries(10):
        page = hub.get(reverse("cases:list"), {
            "filter-risk": "high",
            "filter-exploitation_type": objects["case"].exploitation_types[0]})
    assert objects["case"] in page.context["page"].object_list
    low = hub.get(reverse("cases:list"), {"filter-risk": "at_risk"})
    assert list(low.context["page"].object_list) == []


def test_due_list_names_rule_and_source(objects: dict[str, Any], hub: Any) -> None:
    page = hub.get(reverse("cases:due")).content.decode()
    assert "First MACE" in page and "Source:" in page


def test_search_is_by_post_finds_typos_and_known_as_and_audits_each_result(
    objects: dict[str, Any], hub: Any,
) -> None:
    child = objects["child"]
    assert hub.get(reverse("people:search")).status_code == 200
    response = hub.post(reverse("people:search"), {"name": "Jordon Exampel"})
    assert child in response.context["results"].children
    known_as = hub.post(reverse("people:search"), {"name": "Jay"})
    assert child in known_as.context["results"].children
    events = AuditEvent.objects.filter(who_saw("people.child", str(child.pk)),
                                       action="child.search")
    assert events.count() == 2
    assert "Jordon" not in " ".join(AuditEvent.objects.values_list("purpose", flat=True))
    empty = hub.post(reverse("people:search"), {})
    assert b"Enter a name, a date of birth, or both" in empty.content


def test_child_record_edit_with_version_and_relations(
    objects: dict[str, Any], hub: Any, personas: dict[str, Any], actor_of: Any,
) -> None:
    from macehub.people.services import child_create

    child = objects["child"]
    born = child.date_of_birth
    sibling = child_create(actor=actor_of(personas["hub_coordinator"]), confirm_new=True,
                           first_name="Sky", last_name="Example",
                           date_of_birth=born.replace(year=born.year + 1))
    url = reverse("people:edit", args=[child.pk])
    form = hub.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(care_status="placed_into_area", responsible_authority="Example County Council",
                education="reduced_timetable", known_as="Jay", version=child.version,
                date_of_birth=child.date_of_birth.strftime("%d/%m/%Y"))
    assert hub.post(url, data).status_code == 302
    child.refresh_from_db()
    assert child.care_status == "placed_into_area" and child.version == 2
    stale = hub.post(url, data)
    assert b"Someone else changed this record" in stale.content
    hub.post(reverse("people:relation_add", args=[child.pk]),
             {"other": sibling.pk, "kind": "sibling"})
    page = hub.get(reverse("people:detail", args=[child.pk])).content.decode()
    assert "Sky Example" in page
