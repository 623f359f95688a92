"""Passwords people set themselves, by a link sent to their own e-mail address.

An admin never sees a password. A new account gets a link to set one; a person who forgets
theirs asks for a link. A link is Django's password-reset token: it stops working once the
password is set (the token is made from the password hash) and after
PASSWORD_RESET_TIMEOUT. The e-mails name no child or case (SECURITY: nothing sensitive
leaves by e-mail) and carry the marking."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from macehub.accounts.auth_audit import audit_auth
from macehub.accounts.models import User
from macehub.lib.marking import LEVEL, marked_email_body
from macehub.lib.site import site_url
from macehub.partnerships.models import Partnership


def set_password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_set", kwargs={"uidb64": uid, "token": token})
    return f"{site_url()}{path}"


def user_for_link(uidb64: str, token: str) -> User | None:
    """The active account a link was made for, while the link is still good."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def _send(user: User, subject: str, body: str) -> None:
    send_mail(f"[{LEVEL}] {subject}", marked_email_body(body), settings.DEFAULT_FROM_EMAIL,
              [user.email])


def _hours() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)


def send_welcome(user: User, partnership: Partnership) -> None:
    _send(user, "Your macehub account",
          f"{partnership.name} has given you an account on macehub.\n\n"
          f"Your username is: {user.username}\n\n"
          f"Set your password with this link within {_hours()} hours. It works once:\n"
          f"{set_password_link(user)}\n\n"
          "Then sign in and set up an authenticator app.")


def send_added(user: User, partnership: Partnership) -> None:
    _send(user, "You have been added to a partnership on macehub",
          f"{partnership.name} has added you to their partnership on macehub. Sign in with "
          f"your usual username and password and choose {partnership.name}:\n"
          f"{site_url()}{reverse('accounts:login')}\n\n"
          "If you did not expect this, tell your partnership admin.")


def send_reset(email: str) -> None:
    """A reset link, if the address belongs to an active account; silent otherwise, so
    the page answers the same for any address."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        return
    _send(user, "Reset your macehub password",
          f"Someone asked to reset the password of the macehub account {user.username}.\n\n"
          f"Set a new password with this link within {_hours()} hours. It works once:\n"
          f"{set_password_link(user)}\n\n"
          "If this was not you, ignore this e-mail: your password has not changed.")
    audit_auth(action="auth.password_reset_sent", user=user)


@transaction.atomic
def password_set(*, user: User, password: str) -> None:
    """Set a password chosen by its owner (the link, or their own change page)."""
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_auth(action="auth.password_set", user=user)
