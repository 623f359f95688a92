"""Adding people without telling one partnership who works in another, and passwords that
only their owner knows (SECURITY S1, S3)."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from macehub.accounts.models import Membership, User
from macehub.api.tests.helpers import Api

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _main(response: Any, email: str) -> str:
    text = response.content.decode()
    text = text[text.index("<main"):text.index("</main>")]
    return CSRF.sub("", text.replace(email, "EMAIL"))


def _link(body: str) -> str:
    return str(re.search(r"https?://\S+/accounts/password/set/\S+/", body)[0])  # type: ignore[index]


def test_creating_a_user_answers_the_same_whether_or_not_the_address_is_used_elsewhere(
        personas: dict[str, Any], client_as: Any, essex: Any, make_user: Any,
        mailoutbox: Any) -> None:
    elsewhere = make_user("essex-only", essex, "analyst")
    admin = client_as(personas["partnership_admin"])
    form = {"first_name": "Sam", "last_name": "Example", "role": "auditor"}
    known = admin.post(reverse("accounts:user_new"), {**form, "email": elsewhere.email})
    fresh = admin.post(reverse("accounts:user_new"), {**form, "email": "fresh@example.org"})
    assert known.status_code == fresh.status_code == 200
    assert _main(known, elsewhere.email) == _main(fresh, "fresh@example.org")
    assert "Essex" not in known.content.decode()
    # The existing account joins this partnership and is told so by e-mail; its password
    # and its role in the other partnership are untouched.
    assert Membership.objects.filter(user=elsewhere, partnership__slug="dudley",
                                     role="auditor").exists()
    assert Membership.objects.get(user=elsewhere, partnership=essex).is_active
    told = [m for m in mailoutbox if m.to == [elsewhere.email]]
    assert len(told) == 1 and "has added you" in told[0].body
    assert "/password/set/" not in told[0].body
    # No username is asked for, so a taken one cannot give anyone away either.
    assert "username" not in admin.get(reverse("accounts:user_new")).context["form"].fields


def test_creating_a_user_through_the_api_answers_the_same_for_a_known_address(
        personas: dict[str, Any], essex: Any, make_user: Any) -> None:
    elsewhere = make_user("essex-only", essex, "analyst")
    admin = Api("partnership_admin")
    body = {"first_name": "Sam", "last_name": "Example", "role": "auditor"}
    known = admin.post("/users", {**body, "email": elsewhere.email})
    fresh = admin.post("/users", {**body, "email": "fresh@example.org"})
    assert known.status_code == fresh.status_code == 201
    assert known.json()["detail"] == fresh.json()["detail"]
    assert set(known.json()) == set(fresh.json()) == {"email", "detail", "marking"}


def test_a_new_person_sets_their_own_password_with_a_single_use_link(
        personas: dict[str, Any], client_as: Any, mailoutbox: Any) -> None:
    client_as(personas["partnership_admin"]).post(reverse("accounts:user_new"), {
        "first_name": "Sam", "last_name": "Example", "email": "sam@example.org",
        "role": "auditor"})
    [welcome] = mailoutbox
    assert welcome.body.startswith("OFFICIAL-SENSITIVE")
    link = _link(welcome.body)
    new = {"new_password": "a long new pass phrase", "confirm": "a long new pass phrase"}
    assert Client().post(link, new).status_code == 200
    user = User.objects.get(email="sam@example.org")
    assert user.check_password(new["new_password"])
    again = Client().post(link, {"new_password": "another pass phrase!",
                                 "confirm": "another pass phrase!"})
    assert b"This link does not work" in again.content
    user.refresh_from_db()
    assert user.check_password(new["new_password"])


def test_a_reset_link_expires(personas: dict[str, Any], mailoutbox: Any,
                              settings: Any) -> None:
    Client().post(reverse("accounts:password_forgot"), {"email": personas["chair"].email})
    link = _link(mailoutbox[0].body)
    from macehub.meetings.tests.test_due_and_reminders import (
        assert_email_marked_top_and_bottom,
    )
    assert_email_marked_top_and_bottom(mailoutbox[0].body)  # SECURITY S15
    assert b"Set your password" in Client().get(link).content
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert b"This link does not work" in Client().get(link).content


def test_password_reset_answers_the_same_for_any_address(personas: dict[str, Any],
                                                         mailoutbox: Any) -> None:
    known = Client().post(reverse("accounts:password_forgot"),
                          {"email": personas["chair"].email})
    unknown = Client().post(reverse("accounts:password_forgot"),
                            {"email": "nobody@example.org"})
    assert _main(known, personas["chair"].email) == _main(unknown, "nobody@example.org")
    assert [m.to for m in mailoutbox] == [[personas["chair"].email]]


def test_users_can_change_their_password(personas: dict[str, Any], client_as: Any) -> None:
    client = client_as(personas["chair"])
    assert client.get(reverse("accounts:password_change")).status_code == 200
    wrong = client.post(reverse("accounts:password_change"), {
        "current": "not it", "new_password": "a long new pass phrase",
        "confirm": "a long new pass phrase"})
    assert b"Your current password is not right" in wrong.content
    from conftest import PASSWORD
    done = client.post(reverse("accounts:password_change"), {
        "current": PASSWORD, "new_password": "a long new pass phrase",
        "confirm": "a long new pass phrase"})
    assert done.status_code == 302
    personas["chair"].refresh_from_db()
    assert personas["chair"].check_password("a long new pass phrase")
    assert client.get(reverse("home")).status_code == 200  # still signed in


def test_first_sign_in_requires_a_password_change_before_the_authenticator(
        db: Any) -> None:
    out = StringIO()
    call_command("bootstrap_partnership", slug="dudley", name="Dudley Test",
                 policy="dudley", admin_username="first-admin",
                 admin_email="first-admin@example.org", stdout=out)
    first = out.getvalue().rsplit(": ", 1)[1].strip()
    client = Client()
    signed = client.post(reverse("accounts:login"), {"username": "first-admin",
                                                      "password": first})
    assert signed["Location"] == reverse("accounts:password_change")
    assert client.get(reverse("accounts:mfa"))["Location"] == reverse(
        "accounts:password_change")
    changed = client.post(reverse("accounts:password_change"), {
        "current": first, "new_password": "my own long phrase", "confirm":
        "my own long phrase"})
    assert changed["Location"] == reverse("accounts:mfa")
    assert client.get(reverse("accounts:mfa")).status_code == 200
    assert not User.objects.get(username="first-admin").must_change_password
