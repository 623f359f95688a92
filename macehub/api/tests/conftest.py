"""The API tests' outsiders: users of another partnership, who must get 404 for anything
of Dudley's, as for a record that does not exist."""

from __future__ import annotations

from typing import Any

import pytest

from macehub.api.tests.helpers import Api


@pytest.fixture
def outsider(essex: Any, make_user: Any) -> Api:
    """Essex's hub coordinator: every role a Dudley hub coordinator has, another tenant."""
    make_user("essex-hub", essex, "hub_coordinator")
    return Api("essex-hub")


@pytest.fixture
def outsider_chair(essex: Any, make_user: Any) -> Api:
    make_user("essex-chair", essex, "chair")
    return Api("essex-chair")


# Dudley and Essex with every record and a token per persona (the schema fuzzing's world).
from macehub.api.tests.fuzz import fuzz_world  # noqa: E402,F401
