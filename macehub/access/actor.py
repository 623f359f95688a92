"""Who is asking: a user acting in one partnership, with the roles held there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from macehub.access.permissions import roles_for
from macehub.accounts.models import Membership, Role

if TYPE_CHECKING:
    from macehub.accounts.models import User
    from macehub.partnerships.models import Agency, Partnership


@dataclass(frozen=True)
class Actor:
    user: User
    partnership: Partnership
    memberships: tuple[Membership, ...] = field(default=())

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(m.role for m in self.memberships)

    @property
    def agency(self) -> Agency | None:
        for membership in self.memberships:
            if membership.agency_id:
                return membership.agency
        return None

    @property
    def role_label(self) -> str:
        labels = [Role(m).label for m in sorted(self.roles)]
        return ", ".join(labels)

    def has(self, permission: str) -> bool:
        return bool(self.roles & roles_for(permission))


def actor_for(user: User, partnership_id: int | None) -> Actor | None:
    """The user's actor in a partnership, or None if they hold no active role there."""
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
