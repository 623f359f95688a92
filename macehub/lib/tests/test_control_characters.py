"""Text that people type holds no control characters (SECURITY S5): a carriage return or
form feed in a one-line field could end a line where a later reader (a PDF's margin box, a
calendar file) does not expect it, and PostgreSQL cannot store a NUL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django import forms
from django.utils import timezone

from macehub.api.tests.helpers import Api
from macehub.lib.forms import Form
from macehub.lib.text import has_control_characters
from macehub.meetings.models import Meeting

pytestmark = pytest.mark.django_db


class _Example(Form):
    name = forms.CharField()
    note = forms.CharField(widget=forms.Textarea)


def test_one_line_fields_refuse_every_control_character_multi_line_keep_line_breaks() -> None:
    for bad in ("A\rB", "A\fB", "A\nB", "A\x1bB", "A\x85B", "A\u2028B"):
        assert has_control_characters(bad), repr(bad)
        form = _Example({"name": bad, "note": "fine"})
        assert not form.is_valid() and "name" in form.errors
    form = _Example({"name": "Priory Academy", "note": "Line one\r\nLine two\twith a tab"})
    assert form.is_valid(), form.errors
    form = _Example({"name": "Priory Academy", "note": "Bell\x07"})
    assert not form.is_valid() and "note" in form.errors


def test_the_api_refuses_control_characters_with_400(personas: dict[str, Any],
                                                     dudley: Any) -> None:
    hub = Api("hub_coordinator")
    starts = (timezone.now() + timedelta(days=20)).replace(microsecond=0).isoformat()
    response = hub.post("/meetings", {"forum": "mace", "starts_at": starts, "minutes": 120,
                                      "venue": "Council House\u0000\u001b[2J"})
    assert response.status_code == 400
    assert "control characters" in response.json()["detail"]
    assert response["X-Protective-Marking"] == "OFFICIAL-SENSITIVE"
    response = hub.client.post("/api/v1/meetings", "{not json", content_type="application/json",
                               headers=hub.headers)
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_a_nul_byte_in_a_page_parameter_answers_400(personas: dict[str, Any],
                                                    client_as: Any) -> None:
    client = client_as(personas["hub_coordinator"])
    response = client.get("/", {"q": "Avery\x00"})
    assert response.status_code == 400
