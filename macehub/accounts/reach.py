"""Who reaches the accounts app's records that hold case data: the answers kept for API
writes sent with an idempotency key (macehub.accounts.idempotency) are their caller's
alone, whatever their role."""

from __future__ import annotations

from django.db.models import Q

from macehub.access.permissions import ALL_ROLES
from macehub.access.reach import grant

grant("accounts.IdempotentRequest", name="Each person: the answers kept for their own API "
      "writes", roles=ALL_ROLES, rows=lambda actor: Q(user=actor.user))
