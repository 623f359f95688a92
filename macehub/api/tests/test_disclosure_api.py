"""The disclosed copy of a paper through the API, as the papers page gives it: only to the
person who asked and only once the chair has approved (SECURITY S16; DPA 2018 s.62(3))."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.access.actor import actor_for
from macehub.api.tests.helpers import Api
from macehub.audit.models import AuditEvent
from macehub.meetings import disclosure
from macehub.meetings.tests.test_outputs import papers_meeting

pytestmark = pytest.mark.django_db


def test_the_disclosed_copy_is_for_the_person_who_asked_once_approved(
        personas: dict[str, Any], dudley: Any, outsider: Api) -> None:
    meeting = papers_meeting(personas, dudley)["meeting"]
    panel = actor_for(personas["panel_member"], dudley.pk)
    chair = actor_for(personas["chair"], dudley.pk)
    assert panel and chair
    asked = disclosure.disclosure_request(actor=panel, meeting=meeting, document="agenda",
                                          recipient="Head teacher, Example Academy",
                                          purpose="Safety plan for the school day")
    url = f"/meetings/{meeting.pk}/disclosures/{asked.pk}/pdf"
    api = Api("panel_member")
    assert api.get(url).status_code == 403  # not before the chair approves
    disclosure.disclosure_decide(actor=chair, disclosure=asked, approve=True,
                                 reason="Needed for the school's safety plan")
    response = api.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Protective-Marking"] == "OFFICIAL-SENSITIVE"
    assert AuditEvent.objects.filter(action="disclosure.download").count() == 1
    # The chair may see the request but not download the recipient's copy.
    assert Api("chair").get(url).status_code == 403
    assert outsider.get(url).status_code in {403, 404}
