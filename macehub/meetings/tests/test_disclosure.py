"""Sharing papers outside the meeting only with the chair's recorded approval, and a
disclosure log naming the recipient (SECURITY S16; DPA 2018 s.62(3))."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from macehub.audit.models import AuditEvent
from macehub.meetings import disclosure as disclose
from macehub.meetings import outputs
from macehub.meetings.models import Disclosure
from macehub.meetings.tests.test_outputs import (
    PAPERS_URLS,
    assert_marked_top_and_bottom,
    pages_text,
    papers_meeting,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(PAPERS_URLS)]

RECIPIENT = "Head teacher, Priory Academy"


def _render(meeting: Any, document: str, **kwargs: Any) -> bytes:
    """The document as the partnership's own system actor renders it (all its records)."""
    from macehub.accounts.system import system_actor

    return outputs.render_pdf(system_actor(meeting.partnership, "papers"), meeting, document,
                              **kwargs)


def _ask(client: Any, meeting: Any, document: str = "agenda", **extra: str) -> Any:
    return client.post(reverse("meetings:disclosure_new", args=[meeting.pk]),
                       {"document": document, "recipient": RECIPIENT,
                        "purpose": "Safety plan for the school day", **extra})


def test_request_then_refusal_with_reason_is_logged(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    panel = client_as(personas["panel_member"])
    assert _ask(panel, meeting).status_code == 302
    request = Disclosure.objects.get()
    assert request.status == "requested" and request.requested_by == personas["panel_member"]
    chair = client_as(personas["chair"])
    decide = reverse("meetings:disclosure_decide", args=[meeting.pk, request.pk])
    # A refusal needs a reason.
    response = chair.post(decide, {"decision": "refuse", "reason": ""})
    assert response.status_code == 400
    response = chair.post(decide, {"decision": "refuse",
                                   "reason": "The school attends the next meeting"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "refused" and request.decided_by == personas["chair"]
    # The requester cannot download a refused document: they are sent back to the papers.
    document = reverse("meetings:disclosure_document", args=[meeting.pk, request.pk])
    response = panel.get(document)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:papers", args=[meeting.pk])
    # The log names the recipient, who asked, who decided and why.
    log = chair.get(reverse("meetings:disclosures")).content.decode()
    for shown in (RECIPIENT, "Panel_Member Tester", "Chair Tester",
                  "The school attends the next meeting", "Refused"):
        assert shown in log
    assert AuditEvent.objects.filter(action="disclosure.refuse").count() == 1


def test_approved_copy_is_watermarked_and_each_download_audited(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    panel = client_as(personas["panel_member"])
    _ask(panel, meeting)
    request = Disclosure.objects.get()
    document = reverse("meetings:disclosure_document", args=[meeting.pk, request.pk])
    assert panel.get(document).status_code == 302  # not before the chair approves
    client_as(personas["chair"]).post(
        reverse("meetings:disclosure_decide", args=[meeting.pk, request.pk]),
        {"decision": "approve", "reason": "Needed for the school's safety plan"})
    request.refresh_from_db()
    assert request.status == "approved" and request.decision_reason
    for _ in range(2):
        response = panel.get(document)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    day = request.decided_at
    assert day is not None
    watermark = f"Disclosed to {RECIPIENT} with the chair's approval on"
    for page in pages_text(response.content):
        assert watermark in " ".join(page.split())
        assert "OFFICIAL-SENSITIVE" in page
    assert_marked_top_and_bottom(response.content)
    events = AuditEvent.objects.filter(action="disclosure.download")
    assert events.count() == 2 and {e.object_id for e in events} == {str(request.pk)}
    # Only the person who asked downloads the disclosed copy; another panel member does
    # not even learn the request exists.
    assert client_as(personas["hub_coordinator"]).get(document).status_code == 302
    assert client_as(personas["panel_member_education"]).get(document).status_code == 404
    assert AuditEvent.objects.filter(action="disclosure.download").count() == 2


def test_only_the_chair_decides(personas: dict[str, Any], dudley: Any, client_as: Any,
                                actor_of: Any) -> None:
    built = papers_meeting(personas, dudley)
    meeting = built["meeting"]
    request = disclose.disclosure_request(actor=built["panel"], meeting=meeting,
                                          document="agenda", recipient=RECIPIENT,
                                          purpose="Safety plan")
    url = reverse("meetings:disclosure_decide", args=[meeting.pk, request.pk])
    for role in ("hub_coordinator", "panel_member"):
        response = client_as(personas[role]).post(url, {"decision": "approve",
                                                        "reason": "fine"})
        assert response.status_code == 403, role
    with pytest.raises(PermissionDenied):
        disclose.disclosure_decide(actor=built["hub"], disclosure=request, approve=True,
                                   reason="fine")
    request.refresh_from_db()
    assert request.status == "requested"
    # The chair's decision needs a reason either way, and is taken once.
    with pytest.raises(ValidationError):
        disclose.disclosure_decide(actor=built["chair"], disclosure=request, approve=True,
                                   reason=" ")
    disclose.disclosure_decide(actor=built["chair"], disclosure=request, approve=True,
                               reason="Needed for the plan")
    with pytest.raises(ValidationError):
        disclose.disclosure_decide(actor=built["chair"], disclosure=request, approve=False,
                                   reason="Changed my mind")


def test_minutes_leave_the_meeting_only_once_approved(
    personas: dict[str, Any], dudley: Any,
) -> None:
    built = papers_meeting(personas, dudley)
    with pytest.raises(ValidationError) as error:
        disclose.disclosure_request(actor=built["panel"], meeting=built["meeting"],
                                    document="minutes", recipient=RECIPIENT, purpose="Plan")
    assert "document" in error.value.message_dict
    with pytest.raises(ValidationError):
        disclose.disclosure_request(actor=built["panel"], meeting=built["meeting"],
                                    document="agenda", recipient=" ", purpose="Plan")
    assert not Disclosure.objects.exists()


def test_another_partnership_gets_404(
    personas: dict[str, Any], dudley: Any, essex: Any, make_user: Any, client_as: Any,
) -> None:
    built = papers_meeting(personas, dudley)
    meeting = built["meeting"]
    request = disclose.disclosure_request(actor=built["panel"], meeting=meeting,
                                          document="agenda", recipient=RECIPIENT,
                                          purpose="Safety plan")
    essex_chair = client_as(make_user("essex_chair", essex, "chair"), essex)
    assert essex_chair.get(reverse("meetings:disclosure_decide",
                                   args=[meeting.pk, request.pk])).status_code == 404
    assert essex_chair.post(reverse("meetings:disclosure_decide",
                                    args=[meeting.pk, request.pk]),
                            {"decision": "approve", "reason": "x"}).status_code == 404
    assert _ask(essex_chair, meeting).status_code == 404
    assert RECIPIENT not in essex_chair.get(reverse("meetings:disclosures")).content.decode()
    request.refresh_from_db()
    assert request.status == "requested"


def test_disclosure_log_query_count_does_not_grow(
    personas: dict[str, Any], dudley: Any, client_as: Any,
    django_assert_max_num_queries: Any,
) -> None:
    built = papers_meeting(personas, dudley)
    for n in range(6):
        disclose.disclosure_request(actor=built["panel"], meeting=built["meeting"],
                                    document="agenda", recipient=f"Recipient {n}",
                                    purpose="Plan")
    client = client_as(personas["chair"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:disclosures"))
    assert response.status_code == 200 and "Recipient 5" in response.content.decode()


def test_a_recipient_cannot_break_the_marking(personas: dict[str, Any], dudley: Any) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    hostile = ('A "quote" \\ } @page { @top-center { content: none } } </style><p>x'
               '\r} @page { @top-center { content: none } @bottom-center { content: none } }'
               '\f"} @page { margin: 0 } \'')
    pdf = _render(meeting, "agenda", watermark=f"Disclosed to {hostile}")
    assert_marked_top_and_bottom(pdf)
    assert all("Disclosed to A" in page for page in pages_text(pdf))


HOSTILE = 'Head "teacher"\r} @page { @top-center { content: none } }\f\\ }'


def test_a_recipient_with_control_characters_is_refused(
    personas: dict[str, Any], dudley: Any, client_as: Any,
) -> None:
    """SECURITY S15/S16: a carriage return or form feed would end the recipient's line in
    the PDF's margin box, so the request is refused on the page and in the service."""
    built = papers_meeting(personas, dudley)
    response = _ask(client_as(personas["panel_member"]), built["meeting"], recipient=HOSTILE)
    assert response.status_code == 400
    assert "control characters" in response.content.decode()
    with pytest.raises(ValidationError) as error:
        disclose.disclosure_request(actor=built["panel"], meeting=built["meeting"],
                                    document="agenda", recipient=HOSTILE, purpose="Plan")
    assert "recipient" in error.value.message_dict
    assert not Disclosure.objects.exists()


def test_a_disclosed_copy_is_released_only_when_every_page_is_marked(
    personas: dict[str, Any], dudley: Any, client_as: Any, monkeypatch: Any,
) -> None:
    """SECURITY S15/S16: before a PDF leaves the server every page is read back (pypdf):
    marking and handling line at top and bottom, and the recipient's watermark. A stored
    recipient holding control characters still yields a marked copy; a copy that fails the
    check is not released, and the refusal is audited as failed."""
    built = papers_meeting(personas, dudley)
    meeting = built["meeting"]
    request = disclose.disclosure_request(actor=built["panel"], meeting=meeting,
                                          document="agenda", recipient="Priory Academy",
                                          purpose="Plan")
    Disclosure.objects.filter(pk=request.pk).update(recipient=HOSTILE)  # held from before
    disclose.disclosure_decide(actor=built["chair"], disclosure=request, approve=True,
                               reason="Needed for the plan")
    panel = client_as(personas["panel_member"])
    document = reverse("meetings:disclosure_document", args=[meeting.pk, request.pk])
    response = panel.get(document)
    assert response.status_code == 200
    assert_marked_top_and_bottom(response.content)
    assert all("Disclosed to Head" in page for page in pages_text(response.content))

    from pypdf import PdfWriter

    def unmarked(html: str) -> bytes:
        from io import BytesIO
        writer, out = PdfWriter(), BytesIO()
        writer.add_blank_page(width=595, height=842)
        writer.write(out)
        return out.getvalue()

    monkeypatch.setattr(outputs, "_write_pdf", unmarked)
    response = panel.get(document)
    assert response.status_code == 302 and response["Content-Type"] != "application/pdf"
    assert "not released" in panel.get(response["Location"]).content.decode()
    failed = AuditEvent.objects.get(action="meeting.papers.unmarked")
    assert failed.outcome == "failed" and failed.object_id == str(meeting.pk)
    assert AuditEvent.objects.filter(action="disclosure.download").count() == 1


def test_a_chair_cannot_approve_their_own_disclosure_request(
    personas: dict[str, Any], dudley: Any, make_user: Any,
) -> None:
    """SECURITY S16: sharing papers needs a second person's decision."""
    from macehub.access.actor import actor_for

    built = papers_meeting(personas, dudley)
    meeting = built["meeting"]
    vice = make_user("vice_chair_two", dudley, "chair")
    type(meeting).objects.filter(pk=meeting.pk).update(vice_chair=vice)
    own = disclose.disclosure_request(actor=built["chair"], meeting=meeting,
                                      document="agenda", recipient=RECIPIENT, purpose="Plan")
    with pytest.raises(PermissionDenied, match="another chair decides"):
        disclose.disclosure_decide(actor=built["chair"], disclosure=own, approve=True,
                                   reason="Needed")
    own.refresh_from_db()
    assert own.status == "requested"
    disclose.disclosure_decide(actor=actor_for(vice, dudley.pk), disclosure=own, approve=True,
                               reason="Needed for the plan")
    own.refresh_from_db()
    assert own.status == "approved" and own.decided_by == vice


def test_a_meeting_without_a_chair_routes_requests_to_the_partnerships_named_chair_or_deputy(
    personas: dict[str, Any], dudley: Any, make_user: Any,
) -> None:
    """SECURITY S16: with no chair on the meeting, the partnership's named chair or deputy
    decides, not any holder of a chair role. The partnership admin names them (one of each)
    on a current chair role."""
    from macehub.access.actor import actor_for
    from macehub.accounts.models import Membership
    from macehub.accounts.services import chair_name

    built = papers_meeting(personas, dudley)
    meeting = built["meeting"]
    type(meeting).objects.filter(pk=meeting.pk).update(chair=None, vice_chair=None)
    request = disclose.disclosure_request(actor=built["panel"], meeting=meeting,
                                          document="agenda", recipient=RECIPIENT,
                                          purpose="Plan")
    other = make_user("another_chair", dudley, "chair")
    deputy = make_user("deputy_chair", dudley, "chair")
    for user in (personas["chair"], other, deputy):
        with pytest.raises(PermissionDenied):
            disclose.disclosure_decide(actor=actor_for(user, dudley.pk), disclosure=request,
                                       approve=True, reason="Fine")
    admin = actor_for(personas["partnership_admin"], dudley.pk)
    role = Membership.objects.get(user=deputy, partnership=dudley, role="chair")
    with pytest.raises(ValidationError):  # only a chair role can be named
        chair_name(actor=admin, membership=Membership.objects.get(
            user=personas["panel_member"], partnership=dudley), standing="deputy")
    chair_name(actor=admin, membership=role, standing="deputy")
    assert AuditEvent.objects.filter(action="membership.chair_named").count() == 1
    with pytest.raises(PermissionDenied):
        disclose.disclosure_decide(actor=actor_for(other, dudley.pk), disclosure=request,
                                   approve=True, reason="Fine")
    disclose.disclosure_decide(actor=actor_for(deputy, dudley.pk), disclosure=request,
                               approve=True, reason="Needed for the plan")
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == deputy
