"""The case's sub-pages (Summary, Timeline, Plans, Meetings and decisions, Actions,
Missing): each under the one summary header and sub-navigation, each behind the case
page's own gate, each with its API read; each change on its own page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from macehub.cases.models import Case
from macehub.meetings.conduct import confidentiality_agree
from macehub.people.models import Child
from macehub.tests.factories import partnership_records, personas_for, published_meeting

pytestmark = pytest.mark.django_db

TABS = ["cases:detail", "cases:timeline", "cases:plans", "case_meetings:meetings",
        "case_meetings:actions", "case_missing:missing"]
# The panel member's: every sub-page but Missing (a child's episodes are the hub's).
PANEL_TABS = TABS[:-1]
API = ["", "/timeline", "/meetings", "/actions"]


@pytest.fixture
def objects(personas: dict[str, Any], dudley: Any) -> dict[str, Any]:
    return partnership_records(dudley, personas)


def test_every_sub_page_shows_the_header_and_marks_itself_in_the_sub_navigation_in_few_queries(
    objects: dict[str, Any], personas: dict[str, Any], client_as: Any,
    django_assert_max_num_queries: Any,
) -> None:
    # PERFORMANCE B7: a case page in at most 13 queries with the signed-in request's own
    # (9 of its own, and 1 for those who read intelligence: is the child also a person of
    # interest, docs/adr/0016),
    # whatever the number of entries, meetings or actions.
    case = objects["case"]
    Child.objects.filter(pk=case.child_id).update(
        education_setting="Example Academy", social_worker="Sam Sample")
    hub = client_as(personas["hub_coordinator"])
    for name in TABS:
        url = reverse(name, args=[case.pk])
        with django_assert_max_num_queries(13):
            page = hub.get(url)
        body = page.content.decode()
        assert page.status_code == 200, name
        assert "moj-sub-navigation" in body and f'href="{url}" aria-current="page"' in body
        for fact in (str(case.child), "Example Academy", "Sam Sample", "Next meeting",
                     "Next review", case.child.date_of_birth.strftime("%-d %B %Y")):
            assert fact in body, (name, fact)


def test_the_header_names_the_next_meeting_and_the_first_meeting_deadline_with_its_source(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    # Dudley ToR (003) §MACE: first MACE within 2 weeks of the referral.
    meeting = published_meeting(personas, dudley)
    case = meeting.items.exclude(case=None).first().case
    page = client_as(personas["hub_coordinator"]).get(reverse("cases:detail", args=[case.pk]))
    header = page.content.decode()
    assert meeting.starts_at.strftime("%-d %B %Y") in header
    assert escape(page.context["next_review"]["reason"].source) in header
    api = client_as(personas["hub_coordinator"]).get(f"/api/v1/cases/{case.pk}/meetings")
    assert api.json()["next_meeting"]["meeting_id"] == meeting.pk
    assert api.json()["next_review"]["reason"]["source"]


@pytest.mark.parametrize("name", PANEL_TABS)
def test_a_panel_member_opens_a_sub_page_only_once_they_agreed_the_meetings_confidentiality(
    name: str, personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any,
) -> None:
    # Dudley ToR (003) §MACE Confidentiality: no case of the meeting is theirs to read
    # until they agree its confidentiality statement, on every road to the case.
    meeting = published_meeting(personas, dudley)
    case = meeting.items.exclude(case=None).first().case
    police = client_as(personas["panel_member"])
    url = reverse(name, args=[case.pk])
    assert police.get(url).status_code == 404
    confidentiality_agree(actor=actor_of(personas["panel_member"]), meeting=meeting)
    page = police.get(url)
    assert page.status_code == 200 and case.child.last_name in page.content.decode()
    assert reverse("case_missing:missing", args=[case.pk]) not in page.content.decode()


def test_the_case_api_reads_follow_the_same_gate(
    personas: dict[str, Any], dudley: Any, client_as: Any, actor_of: Any,
) -> None:
    meeting = published_meeting(personas, dudley)
    case = meeting.items.exclude(case=None).first().case
    police = client_as(personas["panel_member"])
    assert {police.get(f"/api/v1/cases/{case.pk}{tail}").status_code for tail in API} == {404}
    confidentiality_agree(actor=actor_of(personas["panel_member"]), meeting=meeting)
    assert {police.get(f"/api/v1/cases/{case.pk}{tail}").status_code for tail in API} == {200}
    assert police.get(f"/api/v1/cases/{case.pk}/missing").status_code == 403


@pytest.mark.parametrize("name", TABS)
def test_a_referrer_is_refused_and_another_partnership_finds_nothing(
    name: str, objects: dict[str, Any], personas: dict[str, Any], essex: Any,
    client_as: Any,
) -> None:
    url = reverse(name, args=[objects["case"].pk])
    assert client_as(personas["referrer"]).get(url).status_code == 403
    outsider = personas_for(essex, prefix="essex_")["hub_coordinator"]
    assert client_as(outsider, essex).get(url).status_code == 404


def test_the_panel_member_never_opens_the_childs_missing_episodes(
    objects: dict[str, Any], personas: dict[str, Any], client_as: Any,
) -> None:
    # A panel member sees the missing meetings' lists, never a child's episode records.
    url = reverse("case_missing:missing", args=[objects["case"].pk])
    assert client_as(personas["panel_member"]).get(url).status_code == 403
    page = client_as(personas["hub_coordinator"]).get(url).content.decode()
    assert objects["episode"].police_reference in page


def test_the_timeline_is_a_moj_timeline_latest_first_with_its_api(
    objects: dict[str, Any], personas: dict[str, Any], client_as: Any,
) -> None:
    case = objects["case"]
    hub = client_as(personas["hub_coordinator"])
    page = hub.get(reverse("cases:timeline", args=[case.pk]))
    entries = page.context["chronology"]
    assert "moj-timeline__item" in page.content.decode()
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    api = hub.get(f"/api/v1/cases/{case.pk}/timeline", {"kind": "nrm"}).json()
    assert api and {e["kind"] for e in api} == {"nrm"} and api[0]["kind_label"]


def test_each_change_has_its_own_page_and_shows_its_errors_there_changing_nothing(
    objects: dict[str, Any], personas: dict[str, Any], client_as: Any,
) -> None:
    case = objects["case"]
    hub = client_as(personas["hub_coordinator"])
    for name in ("cases:risk", "cases:status", "cases:edit", "cases:plan_add",
                 "cases:flag_add", "cases:nrm_add", "cases:monitoring"):
        page = hub.get(reverse(name, args=[case.pk]))
        assert page.status_code == 200 and b"<form method=\"post\"" in page.content, name
    url = reverse("cases:risk", args=[case.pk])
    refused = hub.post(url, {"risk-risk": "medium", "risk-reason": "",
                             "risk-version": case.version})
    body = refused.content.decode()
    assert refused.status_code == 400 and "govuk-error-summary" in body
    assert "Set the risk level" in body and 'href="#id_risk-reason"' in body
    assert Case.objects.get(pk=case.pk).risk == "high"
    done = hub.post(url, {"risk-risk": "medium", "risk-reason": "Engaging well",
                          "risk-version": case.version})
    assert done.status_code == 302 and done["Location"] == reverse("cases:detail",
                                                                   args=[case.pk])


def test_the_nrm_decisions_page_shows_the_referral_as_recorded(
    objects: dict[str, Any], personas: dict[str, Any], client_as: Any,
) -> None:
    case, nrm = objects["case"], objects["nrm"]
    page = client_as(personas["hub_coordinator"]).get(
        reverse("cases:nrm_update", args=[case.pk, nrm.pk]))
    assert page.status_code == 200 and nrm.first_responder in page.content.decode()


def test_the_case_pages_print_without_navigation_or_forms_but_with_the_marking(
    objects: dict[str, Any], personas: dict[str, Any], client_as: Any,
) -> None:
    # SECURITY S15: every printout is marked OFFICIAL-SENSITIVE at top and bottom.
    from django.contrib.staticfiles import finders

    page = client_as(personas["hub_coordinator"]).get(
        reverse("cases:detail", args=[objects["case"].pk])).content.decode()
    assert 'href="/static/macehub/print.css" media="print"' in page
    found = finders.find("macehub/print.css")
    assert isinstance(found, str)
    css = open(found, encoding="utf-8").read()
    rules = {" ".join(sel.split()): body for sel, body in re.findall(r"([^{}/]+)\{([^}]*)\}", css)}
    hidden = {sel.strip() for found_in, body in rules.items() if "display: none" in body
              for sel in found_in.split(",")}
    assert {".moj-sub-navigation", "form", ".govuk-service-navigation"} <= hidden
    assert ".mh-marking" not in hidden and "display: block" in rules[".mh-marking"]


def test_missing_sub_page_lists_the_childs_episodes_through_the_api_too(
    objects: dict[str, Any], personas: dict[str, Any], client_as: Any,
) -> None:
    hub = client_as(personas["hub_coordinator"])
    found = hub.get(f"/api/v1/cases/{objects['case'].pk}/missing").json()
    assert [e["id"] for e in found["episodes"]] == [objects["episode"].pk]
    assert [i["id"] for i in found["interviews"]] == [objects["interview"].pk]
    # Another child's episodes stay off this case's page.
    other = objects["decision"].case
    assert other.child_id != objects["case"].child_id
    assert hub.get(f"/api/v1/cases/{other.pk}/missing").json()["episodes"] == []
