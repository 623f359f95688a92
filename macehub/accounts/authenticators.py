"""Resetting someone's authenticator (SECURITY S1): a person who lost their phone cannot
pass the second factor, and no one may sign in without it. A partnership admin resets the
authenticator of a current member of their own partnership, never their own: the person's
devices are removed, every session of theirs ends, and at their next sign-in, after the
password, they must set up a new authenticator. Audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from macehub.access.actor import Actor
from macehub.accounts.models import User
from macehub.accounts.services import _require_admin, end_sessions
from macehub.audit.services import audit_record


@transaction.atomic
def authenticator_reset(*, actor: Actor, user: User) -> int:
    """Remove the person's authenticators and end their sessions; returns how many
    sessions ended."""
    _require_admin(actor)
    if not actor.partnership.memberships.filter(user=user, is_active=True).exists():
        raise PermissionDenied("That person holds no current role in your partnership.")
    if user.pk == actor.user.pk:
        raise ValidationError("You cannot reset your own authenticator: ask another "
                              "partnership admin.")
    TOTPDevice.objects.filter(user=user).delete()
    ended = end_sessions(user)
    audit_record(action="user.authenticator_reset", actor=actor, obj=user, count=ended)
    return ended
