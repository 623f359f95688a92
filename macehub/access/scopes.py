"""What an API token may do besides what its role allows: its scopes, chosen when the
token is made. A person signed in has no scopes (their role decides alone); a token is
held to both its role and its scopes (docs/api.md).

- `read`: the operations that only read (GET);
- `write`: the operations that change something (POST, PUT, PATCH, DELETE);
- an area's scope, for a system that does one thing only: `missing:import` sends the
  police's missing notifications and nothing else, read or write."""

from __future__ import annotations

READ, WRITE = "read", "write"
SCOPES: dict[str, str] = {
    READ: "Read: see what the role may see",
    WRITE: "Write: change what the role may change",
    "missing:import": "Import missing notifications from the police, and nothing else",
}
# An area's scope opens the operations of these permissions.
AREA_PERMISSIONS: dict[str, frozenset[str]] = {"missing:import": frozenset({"missing.import"})}
READS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT = (READ, WRITE)


def scopes_allow(scopes: frozenset[str], method: str, permission: str) -> bool:
    if any(permission in AREA_PERMISSIONS.get(scope, ()) for scope in scopes):
        return True
    return (READ if method.upper() in READS else WRITE) in scopes


def scope_labels(scopes: list[str]) -> list[str]:
    return [SCOPES.get(scope, scope).split(":")[0] for scope in scopes]
