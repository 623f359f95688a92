"""Role requests waiting for a second partnership admin's approval."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.urls import reverse

from macehub.accounts.grants import pending_for
from macehub.lib.waiting import Waiting

if TYPE_CHECKING:
    from macehub.access.actor import Actor


def grants_waiting(actor: Actor) -> Iterator[Waiting]:
    if actor.has("partnership.manage"):
        # An admin never approves a request they made themselves.
        pending = pending_for(actor).exclude(requested_by=actor.user)
        yield Waiting("Role requests waiting for your approval", 0,
                      reverse("accounts:grants"), alert=True, order=70, counted=(pending,))
