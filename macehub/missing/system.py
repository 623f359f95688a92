"""The account scheduled jobs act as, so their changes are attributed and audited."""

from __future__ import annotations

from macehub.access.actor import Actor
from macehub.accounts.models import User
from macehub.partnerships.models import Partnership

USERNAME = "macehub-scheduler"


def system_actor(partnership: Partnership) -> Actor:
    """An inactive account (it cannot sign in) holding no role: it performs only the
    consequences the pack prescribes, never an operation that needs a permission."""
    user, created = User.objects.get_or_create(
        username=USERNAME, defaults={"email": "scheduler@macehub.invalid", "is_active": False,
                                     "first_name": "Scheduled", "last_name": "job"})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return Actor(user=user, partnership=partnership)
