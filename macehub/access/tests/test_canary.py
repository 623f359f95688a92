"""The canary (SECURITY S3, S4, S6): a child's name and an adult's name written in free text
are seeded in one partnership (A, Dudley). Every page (the URL resolver walked, ids filled
with A's records), every API read (the OpenAPI schema walked), the papers PDF, the
spreadsheet, the CSV and the calendar file among them, and every e-mail sent to the people
probing, are read as every role of another partnership (B, Essex) and as A's people without
need to know: a referrer who did not make the concern, the analyst, the partnership admin,
the auditor and a panel member not invited to the meeting. Neither name may appear."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from macehub.access.tests.routes import page_names, page_url
from macehub.accounts.models import Role
from macehub.api import api
from macehub.api.tests.helpers import Api
from macehub.tests import factories
from macehub.tests.factories import years_ago
from macehub.tests.papers import download_papers

CHILD = ("Zephyrine", "Quockerwodger")
ADULT = "Thaddeus Brimblecombe"
CANARY = re.compile(r"quockerwodger|zephyrine|brimblecombe", re.IGNORECASE)

# Routes by which a person without a MACE invitation legitimately sees the child, each a
# need-to-know grant in the registry (macehub.access.reach): a panel member sits at the
# daily missing meeting (Dudley ToR (003) §Introduction), so the missing meeting's list of
# children back from missing, on the page and the API, shows the child's name.
NEED_TO_KNOW = {("panel_member", "missing:meeting"),
                ("panel_member", "/missing/meeting-list")}

# Values for the API's required query parameters, by name.
QUERY = {"start": "2025-01-01", "forum": "daily_missing"}


def _text(response: Any) -> str:
    """The body as text: PDFs and spreadsheets decoded, everything else as UTF-8."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(body))
        return "\n".join(str(cell) for sheet in book.worksheets
                         for row in sheet.iter_rows(values_only=True) for cell in row
                         if cell is not None)
    return body.decode("utf-8", errors="replace")


def _seed(personas: dict[str, Any], dudley: Any, monkeypatch: Any) -> dict[str, Any]:
    submit = factories.new_concern

    def canary_concern(actor: Any, **overrides: Any) -> Any:
        if "child_details" in overrides:  # another child of the seed
            return submit(actor, **overrides)
        return submit(actor, child_details={
            "first_name": CHILD[0], "last_name": CHILD[1], "date_of_birth": years_ago(14),
            "known_as": [CHILD[0][:4]]},
            what_happened=f"Seen getting into a car driven by {ADULT} after school.",
            **overrides)

    monkeypatch.setattr(factories, "new_concern", canary_concern)
    objects = factories.partnership_records(dudley, personas)
    from macehub.access.actor import actor_for
    from macehub.missing.services import episode_record

    hub = actor_for(personas["hub_coordinator"], dudley.pk)
    returned = timezone.now() - timedelta(days=1)
    # Police free text naming an adult (the finding in the missing figures).
    episode_record(actor=hub, child=objects["child"], force="West Midlands Police",
                   police_reference="WM-CANARY", reported_at=returned - timedelta(hours=6),
                   returned_at=returned, missing_from="home", risk_grade="medium",
                   found_location=f"At the flat of {ADULT}")
    return objects


def _uninvited_agency(objects: dict[str, Any], dudley: Any) -> str:
    """An agency type of Dudley neither invited to the meeting nor owning an action."""
    from macehub.meetings.models import Invitation
    from macehub.partnerships.models import Agency

    involved = set(Invitation.objects.filter(meeting=objects["meeting"])
                   .values_list("agency_id", flat=True)) | {objects["action"].owner_agency_id}
    agency = Agency.objects.filter(partnership=dudley).exclude(pk__in=involved).first()
    assert agency is not None
    return str(agency.type)


def _probes(personas: dict[str, Any], essex: Any,
            make_user: Any) -> list[tuple[str, Any, Any]]:
    """(who, user, partnership): every role of Essex, and Dudley's referrer who did not make
    the concern, analyst, partnership admin and auditor."""
    dudley = personas["analyst"].memberships.first().partnership
    probes = [(f"essex {role.value}", make_user(f"canary_essex_{role.value}", essex,
                                                 role.value), essex) for role in Role]
    probes.append(("dudley referrer", make_user("canary_other_referrer", dudley, "referrer"),
                   dudley))
    probes += [(f"dudley {role}", personas[role], dudley)
               for role in ("analyst", "partnership_admin", "auditor")]
    return probes


def _api_reads(objects: dict[str, Any]) -> list[str]:
    """Every GET path of the OpenAPI schema, its ids filled with A's records."""
    ids = {"action_id": objects["action"].pk, "case_id": objects["case"].pk,
           "child_id": objects["child"].pk, "concern_id": objects["concern"].pk,
           "plan_id": objects["forum_plan"].pk, "meeting_id": objects["meeting"].pk,
           "episode_id": objects["episode"].pk, "interview_id": objects["interview"].pk,
           "user_id": objects["user"].pk, "review_id": objects["retention_review"].pk,
           "import_id": objects["import_run"].pk, "audit_id": objects["plan_audit"].pk,
           "entry_id": objects["plan_audit_entry"].pk,
           "tracker_import_id": objects["tracker_import"].pk,
           "disclosure_id": objects["disclosure"].pk,
           "report_id": objects["report"].pk,
           "candidate_id": objects["candidate"].pk, "merge_id": objects["merge"].pk,
           **{f"{kind}_id": objects[kind].pk for kind in (
               "person", "vehicle", "phone", "account", "location", "group", "link", "disruption")}}
    paths = []
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations:
            continue
        filled = re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)
        query = {p["name"]: QUERY.get(p["name"], timezone.localdate().isoformat())
                 for p in operations["get"].get("parameters", [])
                 if p.get("in") == "query" and p.get("required")}
        paths.append((filled.removeprefix("/api/v1"), query))
    return paths  # type: ignore[return-value]


@pytest.mark.django_db
def test_canary_child_and_adult_never_reach_another_partnership_or_anyone_without_need_to_know(
        personas: dict[str, Any], dudley: Any, essex: Any, make_user: Any, client_as: Any,
        monkeypatch: Any) -> None:
    # The people probing exist before the seed, so any e-mail the seed sends could reach them.
    early = _probes(personas, essex, make_user)
    objects = _seed(personas, dudley, monkeypatch)
    # The seed is visible where it should be, and the decoding finds it: the hub reads the
    # child's page and the meeting's agenda PDF.
    hub = client_as(personas["hub_coordinator"])
    assert CANARY.search(_text(hub.get(reverse("people:detail",
                                               kwargs={"pk": objects["child"].pk}))))
    agenda = download_papers(hub, objects["meeting"].pk)
    assert agenda["Content-Type"] == "application/pdf" and CANARY.search(_text(agenda))

    pages = [(name, page_url(name, objects)) for name in page_names()]
    reads = _api_reads(objects)
    leaks: list[str] = []
    probed = 0
    kinds: dict[str, int] = {}
    probes = [*early, ("dudley panel_member", make_user(
        "canary_uninvited_panel", dudley, "panel_member", _uninvited_agency(objects, dudley)),
        dudley)]
    for who, user, partnership in probes:
        role = who.split(" ")[1]
        client: Client = client_as(user, partnership)
        for name, url in pages:
            response = client.get(url)
            probed += 1
            kind = response.get("Content-Type", "").split(";")[0]
            kinds[kind] = kinds.get(kind, 0) + 1
            if (role, name) not in NEED_TO_KNOW and CANARY.search(_text(response)):
                leaks.append(f"{who}: page {name} ({response.status_code})")
        token = Api(user.username)
        for path, query in reads:  # type: ignore[misc]
            response = token.get(path, **query)
            probed += 1
            shape = re.sub(r"/\d+", "/{id}", path)
            if (role, shape) not in NEED_TO_KNOW and CANARY.search(_text(response)):
                leaks.append(f"{who}: API {path} ({response.status_code})")
    probe_addresses = {user.email for _, user, _ in probes}
    for message in mail.outbox:
        if set(message.to) & probe_addresses:
            bodies = [message.subject, message.body] + [
                str(content) for content, _ in getattr(message, "alternatives", [])]
            if any(CANARY.search(b) for b in bodies):
                leaks.append(f"e-mail to {message.to}: {message.subject}")
    print(f"canary: {probed} requests by {len(probes)} people, {kinds} pages by type, "
          f"{len(mail.outbox)} e-mails, {len(leaks)} leaks: {leaks}")
    assert leaks == []
    assert probed >= len(probes) * (len(pages) + len(reads))
