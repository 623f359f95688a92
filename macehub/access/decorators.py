"""How a view says who may use it. A view with none of these is refused (deny by default).

Levels, from least to most:
  public     no sign-in (health check, sign-in page)
  password   password given, second factor still to come (MFA set-up and check, sign out)
  signed_in  password and second factor, no partnership needed (choose a partnership)
  permission signed in, acting in a partnership, holding a role with the permission
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from macehub.access.permissions import roles_for

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class AccessRule:
    level: str
    permission: str | None = None


def _mark(rule: AccessRule) -> Callable[[F], F]:
    def decorate(view: F) -> F:
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return decorate


public = _mark(AccessRule("public"))
password = _mark(AccessRule("password"))
signed_in = _mark(AccessRule("signed_in"))


def requires(permission: str) -> Callable[[F], F]:
    roles_for(permission)  # an unknown permission fails at import, not at request time
    return _mark(AccessRule("permission", permission))


def rule_of(view: Callable[..., Any]) -> AccessRule | None:
    return getattr(view, "access_rule", None)
