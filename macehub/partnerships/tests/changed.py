"""A real pack with one rule changed, for tests of a rule no pack states today (a deadline
in working days, say): `changed_pack(monkeypatch, "dudley", lambda d: ...)`."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from typing import Any

import pytest

from macehub.partnerships import policy
from macehub.partnerships.policy import PolicyPack, policy_dir, validate_data


def changed_pack(monkeypatch: pytest.MonkeyPatch, key: str,
                 change: Callable[[dict[str, Any]], object]) -> PolicyPack:
    """The pack `key` with `change` applied to its TOML data; every partnership using that
    pack reads the changed one until the test ends."""
    with (policy_dir() / f"{key}.toml").open("rb") as handle:
        data = tomllib.load(handle)
    change(data)
    pack = validate_data(data, origin=f"{key}.toml (changed for a test)")
    real = policy.load_pack
    monkeypatch.setattr(policy, "load_pack", lambda k: pack if k == key else real(k))
    return pack
