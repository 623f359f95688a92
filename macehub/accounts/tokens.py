"""API tokens (SECURITY S4, S6): each bound to one role of one person, named for what it
is for, expiring after API_TOKEN_DAYS, revoked one by one. Only a hash is kept; the token
is shown once, when it is made. An expired or revoked token is refused with the reason."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateformat import format as date_format

from macehub.access.actor import Actor
from macehub.access.scopes import DEFAULT, SCOPES
from macehub.accounts.models import ApiToken, Membership
from macehub.api.core import TokenRefused
from macehub.audit.services import audit_record

# The last-used time is written at most this often, not on every request.
LAST_USED_EVERY = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, membership: Membership, name: str, actor: Actor | None = None,
                     scopes: Sequence[str] = DEFAULT) -> tuple[ApiToken, str]:
    """Make a token for one of the actor's own roles (or, from the operators' command,
    for any role); returns the record and the token, which is never shown again."""
    if actor is not None and membership.pk not in {m.pk for m in actor.memberships}:
        raise PermissionDenied("You can make a token only for your own role.")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter what the token is for"})
    if len(name) > 100:
        raise ValidationError({"name": "Name the token in 100 characters or fewer"})
    chosen = list(dict.fromkeys(scopes))
    if not chosen or any(scope not in SCOPES for scope in chosen):
        raise ValidationError({"scopes": "Select what the token may do"})
    token = "mh_" + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        membership=membership, name=name, prefix=token[:11], digest=_digest(token),
        scopes=chosen,
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS))
    audit_record(action="api_token.create", actor=actor, user=membership.user,
                 partnership_id=membership.partnership_id, obj=record)
    return record, token


def _when(moment: object) -> str:
    return date_format(timezone.localtime(moment), "j F Y H:i")  # type: ignore[arg-type]


def api_token_check(token: str) -> ApiToken | None:
    """The live token record for a presented token; None for an unknown token, and
    TokenRefused, with the reason, for a revoked or expired one."""
    record = (ApiToken.objects.select_related("membership__user", "membership__partnership",
                                              "membership__agency")
              .filter(digest=_digest(token)).first())
    if record is None:
        return None
    now = timezone.now()
    if record.revoked_at is not None:
        raise TokenRefused(f"This API token was revoked on {_when(record.revoked_at)}. "
                           "Make a new one on the API tokens page.")
    if record.expires_at <= now:
        raise TokenRefused(f"This API token expired on {_when(record.expires_at)}. "
                           "Make a new one on the API tokens page.")
    membership = record.membership
    if not (membership.is_active and membership.user.is_active
            and membership.partnership.is_active):
        raise TokenRefused("The role this API token acts for has ended.")
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record


def own_tokens(actor: Actor) -> QuerySet[ApiToken]:
    """The actor's tokens in this partnership, newest first."""
    return (ApiToken.objects.filter(membership__user=actor.user,
                                    membership__partnership=actor.partnership)
            .select_related("membership__agency"))


def revocable(actor: Actor) -> QuerySet[ApiToken]:
    """Tokens the actor may revoke: their own; every token of the partnership for its
    admin."""
    if actor.has("partnership.manage"):
        return (ApiToken.objects.filter(membership__partnership=actor.partnership)
                .select_related("membership__user", "membership__agency"))
    return own_tokens(actor)


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    if not revocable(actor).filter(pk=token.pk).exists():
        raise PermissionDenied("That token is not yours to revoke.")
    return _revoke(token, actor=actor)


@transaction.atomic
def api_token_revoke_by_operator(*, token: ApiToken, operator: str, reason: str) -> ApiToken:
    """A platform action (the revoke_api_token command), audited in the token's
    partnership with who did it and why."""
    if not operator.strip() or not reason.strip():
        raise ValidationError("Say who is revoking the token and why.")
    return _revoke(token, purpose=f"Platform action by {operator}: {reason}")


def _revoke(token: ApiToken, *, actor: Actor | None = None, purpose: str = "") -> ApiToken:
    token = ApiToken.objects.select_for_update().select_related("membership").get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError("This token is already revoked.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(action="api_token.revoke", actor=actor, obj=token, purpose=purpose,
                 partnership_id=token.membership.partnership_id)
    return token
