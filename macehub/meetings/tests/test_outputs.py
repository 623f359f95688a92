"""The meeting's papers as PDF: the agenda pack with a case summary per child, the minutes
and the action log, each page marked OFFICIAL-SENSITIVE at top and bottom with the
handling line (SECURITY S15: "pypdf finds the marking on 100% of pages").

This module also holds the helpers the other papers tests use: `papers_meeting` builds a
Dudley MACE meeting through the real services, and `urlpatterns` is a URL configuration
that adds stand-ins for the meeting page and the confidentiality page when the meeting
pages are not there (tests run with `@pytest.mark.urls(PAPERS_URLS)`)."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, include, path, reverse
from django.utils import timezone
from pypdf import PdfReader

from macehub import urls as root_urls
from macehub.access.actor import Actor, actor_for
from macehub.access.decorators import requires
from macehub.audit.models import AuditEvent
from macehub.concerns.services import concern_match_child, screening_record
from macehub.lib.marking import HANDLING, LEVEL
from macehub.meetings import conduct, decisions, outputs, services
from macehub.meetings import urls as meeting_urls
from macehub.meetings.models import AgendaItem, Invitation, Meeting, PaperPack
from macehub.partnerships.models import Agency
from macehub.tests.factories import new_concern, started, years_ago
from macehub.tests.papers import download_papers

PAPERS_URLS = "macehub.meetings.tests.test_outputs"

# --- URL configuration with stand-ins for pages built elsewhere ------------------------


def _render(meeting: Any, document: str, **kwargs: Any) -> bytes:
    """The document as the partnership's own system actor renders it (all its records)."""
    from macehub.accounts.system import system_actor

    return outputs.render_pdf(system_actor(meeting.partnership, "papers"), meeting, document,
                              **kwargs)


@requires("meeting.view")
def _stand_in(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("stand-in")


_have = {p.name for p in meeting_urls.urlpatterns if isinstance(p, URLPattern)}
_stand_ins = [p for p in (path("<int:pk>/", _stand_in, name="detail"),
                          path("<int:pk>/confidentiality/", _stand_in, name="confidentiality"))
              if p.name not in _have]
urlpatterns = [p for p in root_urls.urlpatterns if str(p.pattern) != "meetings/"] + [
    path("meetings/", include((list(meeting_urls.urlpatterns) + _stand_ins, "meetings")))]
handler404 = root_urls.handler404
handler403 = root_urls.handler403


# --- building a meeting through the services ------------------------------------------


def make_case(hub: Actor, first_name: str, last_name: str = "Example", risk: str = "high") -> Any:
    concern = new_concern(hub, child_details={"first_name": first_name, "last_name": last_name,
                                         "date_of_birth": years_ago(14), "known_as": []})
    concern_match_child(actor=hub, concern=concern, confirm_new=True)
    concern.refresh_from_db()
    return screening_record(actor=hub, concern=concern, indicators=[], risk=risk,
                            override_reason="test", outcome="mace_meeting").case


def _v(meeting: Meeting) -> int:
    return Meeting.objects.get(pk=meeting.pk).version


LONG_UPDATE = ("Seen with older males near the station on three evenings this month; "
               "school attendance down to 62 per cent; missing twice overnight and returned "
               "with new clothes and a second phone. ") * 4

NAMES = ["Avery", "Blake", "Casey", "Devon", "Emerson", "Finley", "Harley", "Jordan",
         "Kendall", "Morgan"]


def papers_meeting(personas: dict[str, Any], dudley: Any, *, cases: int = 2,
                   held: bool = False) -> dict[str, Any]:
    """A Dudley MACE meeting with `cases` children on a published agenda, every invitee
    with an account present and agreed to the confidentiality statement (one sends
    apologies with a deputy), and the police panel member's update on each case. With
    `held`, the meeting is held and minuted (a correction, a decision with dissent, an
    action) and the chair approves the minutes."""
    hub = actor_for(personas["hub_coordinator"], dudley.pk)
    chair = actor_for(personas["chair"], dudley.pk)
    panel = actor_for(personas["panel_member"], dudley.pk)
    assert hub and chair and panel
    case_list = [make_case(hub, NAMES[n % len(NAMES)], f"Example{n}") for n in range(cases)]
    starts = (timezone.now() + timedelta(days=3)).replace(hour=10, minute=0, second=0,
                                                         microsecond=0)
    meeting = services.meeting_schedule(actor=hub, forum="mace", starts_at=starts,
                                        minutes=180, venue="Council House, Priory Road",
                                        chair=personas["chair"])
    items = [services.agenda_item_add(actor=hub, meeting=meeting, version=_v(meeting),
                                      title=f"{case.child} (high risk)", kind="nomination",
                                      case=case) for case in case_list]
    services.agenda_publish(actor=hub, meeting=meeting, version=_v(meeting))
    items = list(AgendaItem.objects.filter(meeting=meeting).select_related("meeting"))
    for item in items:
        services.update_submit(actor=panel, item=item, text=LONG_UPDATE)
    for invitation in Invitation.objects.filter(meeting=meeting, user__isnull=False):
        if invitation.user_id == personas["panel_member_health"].pk:
            conduct.attendance_record(actor=hub, invitation=invitation, attendance="apologies",
                                      deputy="Deputy Example")
        else:
            conduct.attendance_record(actor=hub, invitation=invitation, attendance="present",
                                      agreed=True)
    out: dict[str, Any] = {"meeting": meeting, "items": items, "cases": case_list,
                           "hub": hub, "chair": chair, "panel": panel}
    if held:
        started(meeting)
        conduct.meeting_hold(actor=hub, meeting=meeting, version=_v(meeting))
        first = conduct.minute_add(actor=hub, item=items[0], text="Police described the "
                                   "recent missing episodes.")
        conduct.minute_add(actor=hub, item=items[0], text="Correction: two episodes, not "
                           "three.", corrects=first)
        decision = decisions.decision_record(actor=hub, item=items[0], kind="risk",
                                             risk="medium", text="Risk lowered: engaging "
                                             "with the youth worker")
        police = Agency.objects.get(partnership=dudley, type="police")
        meeting.refresh_from_db()
        decisions.dissent_record(actor=hub, decision=decision, agency=police,
                                 person="DS Dissenter", reason="Still missing at weekends")
        decisions.action_add(actor=hub, meeting=meeting, item=items[0],
                             description="Return home interview to be chased",
                             owner_name="Action Owner", owner_agency=police,
                             due_on=starts.date() + timedelta(days=14))
        conduct.minutes_approve(actor=chair, meeting=meeting, version=_v(meeting))
        out["decision"] = decision
    meeting.refresh_from_db()
    return out


# --- reading PDFs back ------------------------------------------------------------------


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def assert_marked_top_and_bottom(pdf: bytes) -> int:
    """Every page has the marking and the handling line in its top and its bottom fifth."""
    reader = PdfReader(BytesIO(pdf))
    for number, page in enumerate(reader.pages, start=1):
        height = float(page.mediabox.height)
        found: dict[str, list[float]] = {LEVEL: [], HANDLING: []}

        def visit(text: str, cm: list[float], tm: list[float], *_: Any,
                  found: dict[str, list[float]] = found) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            for wanted in found:
                if wanted in text:
                    found[wanted].append(y)

        page.extract_text(visitor_text=visit)
        for wanted, ys in found.items():
            assert any(y > height * 0.8 for y in ys), (number, "top", wanted, ys)
            assert any(y < height * 0.2 for y in ys), (number, "bottom", wanted, ys)
    return len(reader.pages)


# --- tests --------------------------------------------------------------------------------

pytestmark = [pytest.mark.django_db, pytest.mark.urls(PAPERS_URLS)]


def test_every_page_of_every_output_is_marked_top_and_bottom(
    personas: dict[str, Any], dudley: Any,
) -> None:
    # SECURITY S15 (GSCP): OFFICIAL-SENSITIVE top and bottom of every PDF page, with the
    # handling line "do not share outside the meeting without the chair's permission".
    built = papers_meeting(personas, dudley, cases=9, held=True)
    meeting = built["meeting"]
    pages = {doc: assert_marked_top_and_bottom(_render(meeting, doc))
             for doc in ("agenda", "minutes", "actions")}
    assert pages["agenda"] >= 3, pages


def test_footer_names_the_meeting_and_says_page_x_of_y(
    personas: dict[str, Any], dudley: Any,
) -> None:
    meeting = papers_meeting(personas, dudley, cases=9)["meeting"]
    text = pages_text(_render(meeting, "agenda"))
    title = outputs.meeting_title(meeting)
    for number, page in enumerate(text, start=1):
        assert f"Page {number} of {len(text)}" in page
        assert title in page.replace("\n", " ")


def test_agenda_pack_has_a_case_summary_per_child(
    personas: dict[str, Any], dudley: Any,
) -> None:
    # Kirklees: the coordinator's summary report for each child on the agenda.
    built = papers_meeting(personas, dudley, cases=2)
    text = " ".join(pages_text(_render(built["meeting"], "agenda")))
    text = " ".join(text.split())
    for case in built["cases"]:
        assert str(case.child) in text
    for heading in ("Age", "Risk", "Exploitation", "Lead professional", "Agency updates",
                    "Open actions", "Last decisions"):
        assert heading in text
    assert "Dudley Test Partnership Police" in text  # the agency that gave its update
    assert "No update yet from" in text  # and the invited agencies that have not


def test_minutes_show_attendance_inquorate_corrections_decisions_and_dissent(
    personas: dict[str, Any], dudley: Any,
) -> None:
    built = papers_meeting(personas, dudley, cases=1, held=True)
    # Dudley's pack sets no quorum; the record of an inquorate meeting (Kirklees §8 v) is
    # what meeting_hold stores when a pack's quorum is not met.
    Meeting.objects.filter(pk=built["meeting"].pk).update(
        inquorate_reason="Health sent apologies")
    built["meeting"].refresh_from_db()
    text = " ".join(" ".join(pages_text(_render(built["meeting"], "minutes")))
                    .split())
    assert "Apologies; deputy: Deputy Example" in text
    assert "inquorate" in text and "Health sent apologies" in text
    assert "Police described the recent missing episodes." in text
    assert "Correction" in text and "two episodes, not three." in text
    assert "Risk lowered" in text
    assert "Professional dissent" in text and "Still missing at weekends" in text
    assert "Minutes approved" in text


def test_action_log_lists_the_actions_with_owner_and_due_date(
    personas: dict[str, Any], dudley: Any,
) -> None:
    built = papers_meeting(personas, dudley, cases=1, held=True)
    text = " ".join(" ".join(pages_text(_render(built["meeting"], "actions")))
                    .split())
    assert "Return home interview to be chased" in text and "Action Owner" in text


def test_papers_download_is_audited_and_marked(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    client = client_as(personas["panel_member"])
    response = download_papers(client, meeting.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Protective-Marking"] == "OFFICIAL-SENSITIVE"
    assert "Example" not in response["Content-Disposition"]  # no names in the file name
    event = AuditEvent.objects.get(action="meeting.papers")
    assert event.username == "panel_member" and event.object_id == str(meeting.pk)
    assert event.purpose == "agenda"
    assert client.get(reverse("meetings:papers_pdf", args=[meeting.pk, "other"])
                      ).status_code == 404


def test_papers_wait_for_the_confidentiality_agreement(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    # Dudley, Wolverhampton: members agree a confidentiality statement at the start of
    # each meeting; without it they cannot open the meeting's papers.
    meeting = papers_meeting(personas, dudley)["meeting"]
    invitation = Invitation.objects.get(meeting=meeting, user=personas["panel_member"])
    Invitation.objects.filter(pk=invitation.pk).update(confidentiality_agreed_at=None)
    client = client_as(personas["panel_member"])
    prepare = reverse("meetings:papers_prepare", args=[meeting.pk, "agenda"])
    assert client.post(prepare).status_code == 403
    for url in (reverse("meetings:papers_pdf", args=[meeting.pk, "agenda"]),
                reverse("meetings:papers_pack", args=[meeting.pk, "agenda"]),
                reverse("meetings:papers", args=[meeting.pk])):
        response = client.get(url)
        assert response.status_code == 403
        assert reverse("meetings:confidentiality", args=[meeting.pk]) in response.content.decode()
    assert not AuditEvent.objects.filter(action="meeting.papers").exists()
    assert not PaperPack.objects.exists()


def test_people_without_access_get_404(
    personas: dict[str, Any], dudley: Any, essex: Any, make_user: Any, client_as: Any,
) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    url = reverse("meetings:papers_pdf", args=[meeting.pk, "agenda"])
    # A panel member of the partnership who is not invited.
    outsider_panel = make_user("panel_uninvited", dudley, "panel_member", "education")
    assert client_as(outsider_panel).get(url).status_code == 404
    prepare = reverse("meetings:papers_prepare", args=[meeting.pk, "agenda"])
    assert client_as(outsider_panel).post(prepare).status_code == 404
    # The hub of another partnership.
    essex_hub = make_user("essex_hub", essex, "hub_coordinator")
    assert client_as(essex_hub, essex).get(url).status_code == 404
    # A referrer's role holds no meeting permission at all.
    assert client_as(personas["referrer"]).get(url).status_code == 403


def test_panel_members_lose_the_papers_after_the_need_to_know_window(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    # Issue "Need to know": from publication until the pack's period after the meeting.
    meeting = papers_meeting(personas, dudley)["meeting"]
    long_ago = timezone.now() - timedelta(days=60)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=long_ago,
                                                 ends_at=long_ago + timedelta(hours=2))
    url = reverse("meetings:papers_pdf", args=[meeting.pk, "agenda"])
    assert client_as(personas["panel_member"]).get(url).status_code == 404
    assert download_papers(client_as(personas["hub_coordinator"]), meeting.pk
                           ).status_code == 200


def test_papers_page_lists_the_documents(
    personas: dict[str, Any], dudley: Any, client_as: Any,
    django_assert_max_num_queries: Any,
) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    client = client_as(personas["hub_coordinator"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:papers", args=[meeting.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for doc in ("agenda", "minutes", "actions"):
        assert reverse("meetings:papers_pack", args=[meeting.pk, doc]) in body
    assert 'style="' not in body and "<script" not in body.split("</main>")[0].split("<main")[1]


# --- for the URL x role matrix (macehub/access/tests) -----------------------------------


def papers_objects(personas: dict[str, Any], dudley: Any) -> dict[str, Any]:
    """A published meeting that every Dudley persona with `meeting.view` may open (the chair
    and the panel members are invited and agreed the confidentiality statement; the hub
    prepares the papers), with an approved disclosure asked for by the panel member."""
    from macehub.meetings import disclosure as disclose

    built = papers_meeting(personas, dudley, cases=1)
    request = disclose.disclosure_request(actor=built["panel"], meeting=built["meeting"],
                                          document="agenda", recipient="School",
                                          purpose="Safety plan")
    disclose.disclosure_decide(actor=built["chair"], disclosure=request, approve=True,
                               reason="Needed for the plan")
    return {"meeting": built["meeting"], "disclosure": request}


def papers_url_kwargs(objects: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The URL arguments of every papers URL."""
    pk, disclosure_pk = objects["meeting"].pk, objects["disclosure"].pk
    return {
        "meetings:papers": {"pk": pk},
        "meetings:papers_pdf": {"pk": pk, "document": "agenda"},
        "meetings:papers_pack": {"pk": pk, "document": "agenda"},
        "meetings:calendar": {"pk": pk},
        "meetings:disclosure_new": {"pk": pk},
        "meetings:disclosure_decide": {"pk": pk, "disclosure_pk": disclosure_pk},
        "meetings:disclosure_document": {"pk": pk, "disclosure_pk": disclosure_pk},
        "meetings:disclosures": {},
    }


@pytest.mark.parametrize("role", ["referrer", "hub_coordinator", "chair", "panel_member",
                                  "analyst", "partnership_admin", "auditor"])
def test_each_role_reaches_exactly_the_papers_urls_its_permissions_allow(
    role: str, personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    # The same rules as macehub/access/tests/test_every_url_every_role.py, for these URLs.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from macehub.access.decorators import rule_of
    from macehub.access.permissions import PERMISSIONS
    from macehub.meetings import urls_papers

    objects = papers_objects(personas, dudley)
    client = client_as(personas[role])
    for name, kwargs in papers_url_kwargs(objects).items():
        view = next(p.callback for p in urls_papers.urlpatterns
                    if f"meetings:{p.name}" == name)
        rule = rule_of(view)
        assert rule is not None and rule.permission is not None
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name, kwargs=kwargs))
        assert len(queries) <= 13, (name, len(queries))  # with the records the pack names
        if role in PERMISSIONS[rule.permission]:
            assert response.status_code in {200, 302}, (name, role, response.status_code)
        else:
            assert response.status_code == 403, (name, role, response.status_code)
