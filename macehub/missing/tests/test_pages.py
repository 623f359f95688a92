"""Missing pages through the browser's eyes: the import and its error report, the match
queue, handling a trigger, a return interview from offer to shared synopsis, the missing
meetings' lists (Dudley daily, Thurrock weekly RMM) and the figures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from macehub.audit.models import AuditEvent
from macehub.cases.models import ChronologyEntry
from macehub.missing.models import ImportRun, MissingEpisode, ReturnInterview, TriggerFiring
from macehub.tests.factories import partnership_records

pytestmark = pytest.mark.django_db

HEADER = "force,police_reference,first_name,last_name,date_of_birth,reported_at,returned_at," \
         "missing_from,risk_grade,looked_after,responsible_authority\n"


@pytest.fixture
def objects(personas: dict[str, Any], dudley: Any) -> dict[str, Any]:
    return partnership_records(dudley, personas)


@pytest.fixture
def hub(personas: dict[str, Any], client_as: Any) -> Any:
    return client_as(personas["hub_coordinator"])


def _when(hours_ago: int) -> str:
    return f"{timezone.localtime() - timedelta(hours=hours_ago):%Y-%m-%d %H:%M}"


def test_import_page_imports_and_offers_the_error_report_with_the_marking(hub: Any) -> None:
    body = HEADER + (f"WMP,R1,Ivy,Example,2012-03-04,{_when(30)},{_when(20)},home,low,no,\n"
                     f"WMP,R2,Ivy,Example,2012-03-04,{_when(10)},,nowhere,low,no,\n")
    upload = SimpleUploadedFile("n.csv", body.encode(), content_type="text/csv")
    response = hub.post(reverse("missing:import"), {"file": upload})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.created == 1
    page = hub.get(reverse("missing:import_run", args=[run.pk])).content.decode()
    assert "missing_from" in page
    report = hub.get(reverse("missing:import_errors", args=[run.pk]))
    text = report.content.decode()
    assert report["Content-Disposition"].startswith("attachment")
    assert text.startswith("OFFICIAL-SENSITIVE") and "3,missing_from," in text
    assert AuditEvent.objects.filter(action="missing_episode.create").count() == 1


def test_a_queued_notification_is_matched_on_the_queue_page(objects: Any, hub: Any) -> None:
    child = objects["child"]
    body = HEADER + (f"WMP,Q1,{child.first_name}x,{child.last_name},"
                     f"{child.date_of_birth},{_when(30)},{_when(20)},home,low,no,\n")
    hub.post(reverse("missing:import"),
             {"file": SimpleUploadedFile("n.csv", body.encode(), content_type="text/csv")})
    queued = MissingEpisode.objects.get(police_reference="Q1")
    assert queued.child is None
    assert f"Record {child.pk}" in hub.get(reverse("missing:queue")).content.decode()
    hub.post(reverse("missing:match", args=[queued.pk]), {f"m{queued.pk}-child": child.pk})
    queued.refresh_from_db()
    assert queued.child == child
    assert TriggerFiring.objects.filter(anchor=queued).exists()  # Dudley: every episode


def test_a_trigger_is_handled_with_a_note(objects: Any, hub: Any) -> None:
    firing = objects["firing"]
    hub.post(reverse("missing:handle", args=[firing.pk]), {"note": ""})
    firing.refresh_from_db()
    assert firing.status == "open"
    hub.post(reverse("missing:handle", args=[firing.pk]), {"note": "Discussed at the meeting"})
    firing.refresh_from_db()
    assert firing.status == "done" and firing.handled_note == "Discussed at the meeting"


def test_return_interview_from_answer_to_shared_synopsis(objects: Any, hub: Any) -> None:
    interview = objects["interview"]
    today = timezone.localdate().isoformat()
    url = reverse("missing:respond", args=[interview.pk])
    hub.post(url, {"accepted": "yes", "responded_on": today, "version": interview.version})
    interview.refresh_from_db()
    assert interview.status == "accepted"
    pack = objects["child"].partnership.policy.missing.return_interview
    hub.post(reverse("missing:complete", args=[interview.pk]), {
        "completed_on": today, "conducted_by": "Return interview worker",
        "push_factors": [pack.push_factors.value[0]], "pull_factors": [],
        "synopsis": "Stayed with a friend.", "version": interview.version})
    interview.refresh_from_db()
    assert interview.status == "completed"
    hub.post(reverse("missing:share", args=[interview.pk]))
    assert interview.shares.count() == 2
    # The child has an open case (from the front door): the synopsis is in its chronology.
    assert ChronologyEntry.objects.filter(case=objects["case"],
                                          summary__contains="Stayed with a friend").exists()
    page = hub.get(reverse("people:detail", args=[objects["child"].pk])).content.decode()
    assert "Stayed with a friend" in page


def test_dudley_daily_missing_meeting_list_shows_the_days_children(
        objects: Any, personas: Any, client_as: Any) -> None:
    # 003 §Introduction: the daily missing meeting. Panel members (Locate Police) see the
    # list but not the records behind it.
    police = client_as(personas["panel_member"])
    day = timezone.localtime(objects["episode"].reported_at).date().isoformat()
    page = police.get(reverse("missing:meeting"),
                      {"forum": "daily_missing", "on": day}).content.decode()
    assert str(objects["child"]) in page and objects["episode"].police_reference in page
    assert reverse("missing:episode", args=[objects["episode"].pk]) not in page
    assert police.get(reverse("missing:episode", args=[objects["episode"].pk])).status_code \
        == 403


def test_thurrock_rmm_lists_every_child_missing_in_the_week_including_placed_into_area(
        make_partnership: Any, make_user: Any, client_as: Any) -> None:
    # 002 §2.2: the RMM reviews every child missing during the week, including Other Local
    # Authority Looked After Children placed in Thurrock.
    from macehub.access.actor import actor_for
    from macehub.missing.importer import import_rows

    thurrock = make_partnership("thurrock")
    user = make_user("thurrock_hub", thurrock, "hub_coordinator")
    actor = actor_for(user, thurrock.pk)
    rows = [{"force": "Essex Police", "police_reference": ref, "first_name": name,
             "last_name": "Example", "date_of_birth": born,
             "reported_at": _when(hours), "returned_at": _when(hours - 5),
             "missing_from": "care_placement",
             "risk_grade": "medium", "looked_after": "placed_into_area",
             "responsible_authority": "Example Borough Council"}
            for ref, name, born, hours in [("T1", "Noah", "2011-02-03", 24 * 6),
                                           ("T2", "Zara", "2009-07-08", 24 * 9)]]
    import_rows(actor=actor, rows=rows, via="test")
    page = client_as(user, thurrock).get(reverse("missing:meeting")).content.decode()
    assert "Noah Example" in page and "Zara Example" not in page
    assert "Example Borough Council" in page


def test_analyst_sees_the_figures_and_exports_them_but_no_records(
        objects: Any, personas: Any, client_as: Any) -> None:
    analyst = client_as(personas["analyst"])
    page = analyst.get(reverse("missing:figures")).content.decode()
    assert "Episodes by time of day reported" in page and str(objects["child"]) not in page
    export = analyst.get(reverse("missing:figures_xlsx"))
    assert export.status_code == 200 and "OFFICIAL-SENSITIVE" in export["Content-Disposition"]
    assert AuditEvent.objects.filter(action="missing.figures_export").count() == 1
    assert analyst.get(reverse("missing:index")).status_code == 403


def test_recording_an_episode_on_the_page_refuses_a_grade_the_pack_does_not_use(
        essex: Any, make_user: Any, client_as: Any, make_child: Any) -> None:
    from macehub.access.actor import actor_for

    user = make_user("essex_page_hub", essex, "hub_coordinator")
    actor = actor_for(user, essex.pk)
    child = make_child(actor)
    client = client_as(user, essex)
    response = client.post(reverse("missing:record", args=[child.pk]), {
        "force": "Essex Police", "police_reference": "P1", "reported_at": _when(5),
        "missing_from": "home", "risk_grade": "standard", "looked_after": "no"})
    assert response.status_code == 400 and not MissingEpisode.objects.exists()
    response = client.post(reverse("missing:record", args=[child.pk]), {
        "force": "Essex Police", "police_reference": "P1", "reported_at": _when(5),
        "missing_from": "home", "risk_grade": "high", "looked_after": "no"})
    assert response.status_code == 302 and MissingEpisode.objects.count() == 1
    assert ReturnInterview.objects.count() == 0


def test_changing_an_episode_on_its_page_keeps_history(objects: Any, hub: Any) -> None:
    episode = objects["episode"]
    page = hub.get(reverse("missing:episode", args=[episode.pk])).content.decode()
    local = timezone.localtime(episode.reported_at)
    for part, value in (("day", local.day), ("month", local.month), ("year", local.year),
                        ("time", f"{local:%H:%M}")):  # GOV.UK date input, UK local time
        assert f'name="reported_at_{part}" type="text"' in page
        assert f'id="id_reported_at_{part}" name="reported_at_{part}"' in page
        assert f'value="{value}"' in page
    hub.post(reverse("missing:edit", args=[episode.pk]), {
        "force": episode.force, "police_reference": episode.police_reference,
        "reported_at_day": local.day, "reported_at_month": local.month,
        "reported_at_year": local.year, "reported_at_time": f"{local:%H:%M}",
        "returned_at": f'{timezone.localtime(episode.returned_at):%Y-%m-%dT%H:%M}',
        "missing_from": "education", "risk_grade": episode.risk_grade,
        "harm_indicators": ["injury"], "looked_after": "no", "version": episode.version})
    episode.refresh_from_db()
    assert episode.missing_from == "education" and episode.version == 2
    assert list(episode.changes.get().changes) == ["missing_from"]


def test_dudley_daily_missing_meeting_agenda_comes_from_the_missing_list(
        objects: Any, personas: Any, actor_of: Any) -> None:
    # 003 §Introduction: the daily missing meeting reviews every missing episode.
    from datetime import datetime, time

    from macehub.meetings import services
    hub = actor_of(personas["hub_coordinator"])
    day = timezone.localtime(objects["episode"].reported_at).date()
    meeting = services.meeting_schedule(
        actor=hub, forum="daily_missing", minutes=60, venue="MASH",
        starts_at=datetime.combine(day, time(9, 30), tzinfo=timezone.get_current_timezone()))
    added = services.agenda_build(actor=hub, meeting=meeting, version=meeting.version)
    assert [i.title for i in added if str(objects["child"]) in i.title]


def test_missing_list_page_of_a_pack_without_a_missing_meeting_shows_the_one_list(
        essex: Any, make_user: Any, client_as: Any) -> None:
    # Essex's pack names no missing meeting among its forums: the list page still shows
    # the one list of missing episodes, with no forum intake to add.
    user = make_user("essex_list_hub", essex, "hub_coordinator")
    page = client_as(user, essex).get(reverse("missing:meeting"))
    assert page.status_code == 200 and "Missing episodes" in page.content.decode()
