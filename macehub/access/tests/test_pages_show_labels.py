"""Users read titles and labels, never codes (STYLE): every page each role can open, with
a partnership's full set of records, shows no snake_case code or model label in its
visible text, and no seed file name or design-document reference. (A heuristic: a
snake_case word or a model label followed by an id.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from macehub.access.tests.routes import ROUTES, page_url
from macehub.accounts.models import Role, User
from macehub.missing.models import MissingEpisode
from macehub.partnerships.policy.citing import INTERNAL
from macehub.tests.factories import sign_in
from macehub.tests.visible import codes_in, visible_text

pytestmark = pytest.mark.django_db

# Files to download, not pages to read.
DOWNLOADS = {"meetings:papers_pdf", "meetings:calendar", "meetings:disclosure_document",
             "missing:figures_xlsx", "oversight:export", "healthz"}


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_no_page_shows_a_code_or_an_internal_reference(role: str,
                                                        world: dict[str, Any]) -> None:
    client = sign_in(Client(), world["users"][role], world["dudley"])
    # Usernames are what people type to sign in, not codes.
    usernames = set(User.objects.values_list("username", flat=True))
    found: dict[str, list[str]] = {}
    for name, (methods, _args) in sorted(ROUTES.items()):
        if "GET" not in methods or name in DOWNLOADS or name == "accounts:logout":
            continue
        response = client.get(page_url(name, world["home"]))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        shown = codes_in(html, usernames) + INTERNAL.findall(visible_text(html))
        if shown:
            found[name] = shown
    assert found == {}


def test_harm_indicators_read_as_labels() -> None:
    episode = MissingEpisode(harm_indicators=["older_adults", "drugs_or_cash"])
    assert episode.harm_indicator_labels == ["Found with older adults",
                                             "Found with drugs or cash"]


def test_a_model_label_or_an_unnamed_record_counts_as_a_code() -> None:
    assert codes_in("<p>Case viewed: cases.case 5</p>") == ["cases.case"]
    assert codes_in("<option>AgendaItem object (6)</option>") == ["AgendaItem object (6)"]
    assert codes_in('<a href="/a_b/">Help</a><code>care_placement</code>') == []
