"""Who is asking: a person acting in one partnership with the roles held there, or a
scheduled job or importer acting for one partnership (a system actor).

The access layer does not know how people sign in or where memberships are stored: the
accounts app registers the function that finds a person's actor (`register_resolver`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from macehub.access.permissions import roles_for
from macehub.access.roles import Role

if TYPE_CHECKING:
    from macehub.partnerships.models import Agency, Partnership


@dataclass(frozen=True)
class Actor:
    user: Any
    partnership: Partnership
    memberships: tuple[Any, ...] = field(default=())
    # Set only for a system actor: the scheduled job or import acting for the partnership.
    job: str = ""
    # Set only for an API token: what it may do besides what its role allows
    # (macehub.access.scopes); None for a person signed in.
    scopes: frozenset[str] | None = None

    @property
    def is_system(self) -> bool:
        return bool(self.job)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(m.role for m in self.memberships)

    @property
    def agency(self) -> Agency | None:
        for membership in self.memberships:
            if membership.agency_id:
                return membership.agency  # type: ignore[no-any-return]
        return None

    @property
    def role_label(self) -> str:
        if self.is_system:
            return f"Scheduled job: {self.job}"
        return ", ".join(Role(r).label for r in sorted(self.roles))

    def has(self, permission: str) -> bool:
        return bool(self.roles & roles_for(permission))


Resolver = Callable[[Any, "int | None"], "Actor | None"]
SignedIn = Callable[[Any], bool]
_resolver: list[Resolver] = []
_signed_in: list[SignedIn] = []


def register_resolver(resolver: Resolver, fully_signed_in: SignedIn) -> None:
    """Called once by the accounts app when Django starts: how to find a person's actor,
    and whether a request has passed both factors of sign-in."""
    _resolver[:] = [resolver]
    _signed_in[:] = [fully_signed_in]


def is_fully_signed_in(request: Any) -> bool:
    if not _signed_in:
        raise RuntimeError("No sign-in check is registered: is macehub.accounts installed?")
    return _signed_in[0](request)


def actor_for(user: Any, partnership_id: int | None) -> Actor | None:
    """The user's actor in a partnership, or None if they hold no active role there."""
    if not _resolver:
        raise RuntimeError("No actor resolver is registered: is macehub.accounts installed?")
    return _resolver[0](user, partnership_id)
