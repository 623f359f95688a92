"""The URL x role matrix: a role reaches a page exactly when its permission says so;
anonymous users are sent to sign in; nothing changes on a GET (SECURITY S5, S6)."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from macehub.access.decorators import rule_of
from macehub.access.permissions import PERMISSIONS
from macehub.access.tests.test_url_walk import walk
from macehub.accounts.models import Role, RoleGrant
from macehub.partnerships.models import Agency, Area

# PERFORMANCE B7: at most 10 queries for the page itself, plus the 4 that every signed-in
# request makes (session, user, second-factor device, memberships in the partnership).
# A page, its session and actor, and the audit of what it showed: one event, the records it
# names, and (for lists known by case) the cases' children, whatever the number of rows.
MAX_QUERIES_PER_PAGE = 10 + 4 + 3


NO_ARGS = {"concerns:check", "concerns:mine", "concerns:queue", "cases:list", "cases:due",
           "cases:forum_plans", "cases:forum_plan_new",
           "meetings:list", "meetings:new", "meetings:reviews", "meetings:actions",
           "meetings:disclosures"}


def front_door_objects(personas: dict[str, Any], dudley: Any) -> dict[str, Any]:
    """A concern by the referrer persona, screened into an open case with an NRM referral."""
    from datetime import date, timedelta

    from macehub.access.actor import actor_for
    from macehub.cases.services import nrm_record
    from macehub.concerns.services import concern_match_child, screening_record
    from macehub.concerns.tests.helpers import submit
    from macehub.meetings.conduct import confidentiality_agree
    from macehub.meetings.decisions import action_add
    from macehub.meetings.disclosure import disclosure_decide, disclosure_request
    from macehub.meetings.tests.helpers import published_meeting

    referrer = actor_for(personas["referrer"], dudley.pk)
    hub = actor_for(personas["hub_coordinator"], dudley.pk)
    assert referrer is not None and hub is not None
    concern = submit(referrer)
    child = concern_match_child(actor=hub, concern=concern, confirm_new=True)
    concern.refresh_from_db()
    case = screening_record(actor=hub, concern=concern, indicators=[], risk="high",
                            override_reason="test", outcome="mace_meeting").case
    nrm = nrm_record(actor=hub, case=case, referred_on=date(2026, 1, 5),
                     first_responder="Example Police")
    meeting = published_meeting(personas, dudley, case)
    item = meeting.items.get(case=case)
    police = Agency.objects.get(partnership=dudley, type="police")
    action = action_add(actor=hub, meeting=meeting, item=item, description="Visit",
                        owner_name="PC Example", owner_agency=police,
                        due_on=meeting.starts_at.date() + timedelta(days=7))
    panel, chair = actor_for(personas["panel_member"], dudley.pk), \
        actor_for(personas["chair"], dudley.pk)
    assert panel is not None and chair is not None
    for attendee in (panel, chair):
        confidentiality_agree(actor=attendee, meeting=meeting)
    disclosure = disclosure_request(actor=panel, meeting=meeting, document="agenda",
                                    recipient="School", purpose="Safety plan")
    disclosure_decide(actor=chair, disclosure=disclosure, approve=True, reason="Needed")
    from macehub.cases.models import Plan
    from macehub.missing.tests.objects import missing_objects

    forum_plan = Plan.objects.create(partnership=dudley, forum="ceog", kind="ceog_plan",
                                     summary="Disrupt the hotspot", agreed_on=date(2026, 1, 5),
                                     by=personas["hub_coordinator"])
    return {**missing_objects(hub, child), "forum_plan": forum_plan,
            "agency": Agency.objects.filter(partnership=dudley).first(),
            "meeting": meeting, "item": item, "action": action, "disclosure": disclosure,
            "area": Area.objects.filter(partnership=dudley).first(),
            "user": personas["referrer"], "grant": RoleGrant.objects.create(
                user=personas["referrer"], partnership=dudley, role="hub_coordinator",
                requested_by=personas["partnership_admin"]),
            "concern": concern, "child": child, "case": case, "nrm": nrm}


def _kwargs_for(name: str, objects: dict[str, Any]) -> dict[str, Any] | None:
    """URL arguments pointing at a record in the signed-in user's own partnership."""
    kwargs: dict[str, dict[str, Any]] = {
        "partnerships:agency_edit": {"pk": objects["agency"].pk},
        "partnerships:area_edit": {"pk": objects["area"].pk},
        "accounts:user_detail": {"pk": objects["user"].pk},
        "accounts:role_add": {"pk": objects["user"].pk},
        "accounts:role_end": {"pk": objects["user"].pk,
                              "membership_pk": objects["user"].memberships.first().pk},
        "accounts:user_remove": {"pk": objects["user"].pk},
        "accounts:grant_decide": {"pk": objects["grant"].pk},
        "concerns:step": {"name": "start"},
        "accounts:password_set": {"uidb64": "MQ", "token": "not-a-token"},
        "people:detail": {"pk": objects["child"].pk},
        "people:edit": {"pk": objects["child"].pk},
        "people:relation_add": {"pk": objects["child"].pk},
        "cases:nrm_update": {"pk": objects["case"].pk, "referral_pk": objects["nrm"].pk},
        "cases:forum_plan": {"pk": objects["forum_plan"].pk},
        "meetings:action": {"pk": objects["action"].pk},
        "breakglass:review_one": {"pk": objects["case"].pk},
        "meetings:papers_pdf": {"pk": objects["meeting"].pk, "document": "agenda"},
        "meetings:disclosure_decide": {"pk": objects["meeting"].pk,
                                       "disclosure_pk": objects["disclosure"].pk},
        "meetings:disclosure_document": {"pk": objects["meeting"].pk,
                                         "disclosure_pk": objects["disclosure"].pk},
    }
    if name.startswith("meetings:item") or name in {
            "meetings:agenda_item_up", "meetings:agenda_item_down", "meetings:agenda_item_drop"}:
        return {"pk": objects["meeting"].pk, "item_pk": objects["item"].pk}
    if name.startswith("meetings:") and name not in kwargs and name not in NO_ARGS:
        return {"pk": objects["meeting"].pk}
    if name.startswith("missing:"):
        from macehub.missing.tests.objects import missing_kwargs

        return missing_kwargs(name, objects)
    if name.startswith("concerns:") and name not in kwargs and name not in NO_ARGS:
        return {"pk": objects["concern"].pk}
    if name.startswith("cases:") and name not in kwargs and name not in NO_ARGS:
        return {"pk": objects["case"].pk}
    return kwargs.get(name, {})


def _pages() -> list[tuple[str, Any]]:
    return [(name, view) for name, view in walk() if not name.startswith("api:")]


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()
            if m._meta.label not in {"audit.AuditEvent", "audit.AuditEventObject",
                                     "sessions.Session", "axes.AccessLog",
                                     "accounts.UserSession"}}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_reaches_exactly_the_pages_its_permissions_allow(
    role: str, personas: dict[str, Any], client_as: Any, dudley: Any
) -> None:
    objects = front_door_objects(personas, dudley)
    client = client_as(personas[role])
    before = _row_counts()
    for name, view in _pages():
        rule = rule_of(view)
        assert rule is not None
        url = reverse(name, kwargs=_kwargs_for(name, objects))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert len(queries) <= MAX_QUERIES_PER_PAGE, (name, len(queries))
        if rule.level == "permission":
            allowed = role in PERMISSIONS[rule.permission or ""]
            if allowed:
                assert response.status_code in {200, 302, 405}, (name, response.status_code)
                if response.status_code == 302:
                    assert "/accounts/" not in response["Location"], name
            else:
                assert response.status_code == 403, (name, role, response.status_code)
        else:
            assert response.status_code in {200, 302, 405}, (name, response.status_code)
    assert _row_counts() == before, "a GET changed data"


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_everywhere_but_the_allow_list(
    personas: dict[str, Any], dudley: Any
) -> None:
    objects = front_door_objects(personas, dudley)
    client = Client()
    for name, view in _pages():
        rule = rule_of(view)
        assert rule is not None
        response = client.get(reverse(name, kwargs=_kwargs_for(name, objects)))
        if rule.level == "public":
            assert response.status_code == 200, name
        else:
            assert response.status_code in {302, 405}, name
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("accounts:login")), name


@pytest.mark.django_db
def test_password_only_session_reaches_no_protected_url(
    personas: dict[str, Any], dudley: Any
) -> None:
    """SECURITY S1: without the second factor only the MFA step and sign out are open."""
    objects = front_door_objects(personas, dudley)
    client = Client()
    client.force_login(personas["hub_coordinator"])
    for name, view in _pages():
        rule = rule_of(view)
        assert rule is not None
        if rule.level in {"signed_in", "permission"}:
            response = client.get(reverse(name, kwargs=_kwargs_for(name, objects)))
            assert response.status_code in {302, 405}, name
            if response.status_code == 302:
                assert response["Location"] == reverse("accounts:mfa"), name
