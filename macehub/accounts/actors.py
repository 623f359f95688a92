"""Finding a person's actor: the active memberships they hold in one partnership."""

from __future__ import annotations

from typing import Any

from macehub.access.actor import Actor
from macehub.accounts.models import Membership


def membership_actor(user: Any, partnership_id: int | None) -> Actor | None:
    if partnership_id is None or not user.is_active:
        return None
    memberships = tuple(
        Membership.objects.select_related("partnership", "agency").filter(
            user=user,
            partnership_id=partnership_id,
            partnership__is_active=True,
            is_active=True,
        )
    )
    if not memberships:
        return None
    return Actor(user=user, partnership=memberships[0].partnership, memberships=memberships)


def token_actor(token: str) -> Actor | None:
    """The actor an API token stands for: the one membership it is bound to. A revoked or
    expired token raises TokenRefused with the reason (answered 401)."""
    from macehub.accounts.tokens import api_token_check

    record = api_token_check(token)
    if record is None:
        return None
    membership = record.membership
    return Actor(user=membership.user, partnership=membership.partnership,
                 memberships=(membership,), scopes=frozenset(record.scopes))
