"""Sign-in and session events in every partnership the person belongs to, so each
partnership's auditor sees its people's sign-ins, failures and lockouts (SECURITY S3, S9).
A person acting in a chosen partnership still has the event in each of theirs: a sign-in
is to the account, not to one partnership."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from macehub.accounts.models import Membership, User
from macehub.audit.models import AuditEvent
from macehub.audit.services import audit_record


def partnerships_of(user: Any) -> list[int]:
    if getattr(user, "pk", None) is None:
        return []
    return sorted(set(Membership.objects.filter(user_id=user.pk, is_active=True)
                      .values_list("partnership_id", flat=True)))


def audit_auth(*, action: str, user: Any = None, request: HttpRequest | None = None,
               outcome: str = AuditEvent.Outcome.OK, purpose: str = "") -> None:
    """One event per partnership of the user (one with no partnership if they have none,
    or if no account answers to the name given)."""
    ids: list[int | None] = [*partnerships_of(user)] or [None]
    for partnership_id in ids:
        audit_record(action=action, user=user, request=request, outcome=outcome,
                     purpose=purpose, partnership_id=partnership_id)


def account_named(username: str) -> User | None:
    return User.objects.filter(username__iexact=username).first() if username else None
