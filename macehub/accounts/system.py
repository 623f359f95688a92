"""The actor scheduled jobs and importers run as: one partnership, one named job.

Its changes are attributed to an inactive account (it cannot sign in) and audited under
the job's name. It holds no role, so it performs only the consequences the pack
prescribes, never an operation that needs a permission; it reaches every record of its
one partnership (macehub.access.reach) and nothing of any other."""

from __future__ import annotations

from macehub.access.actor import Actor
from macehub.accounts.models import User
from macehub.partnerships.models import Partnership

USERNAME = "macehub-scheduler"


def system_actor(partnership: Partnership, job: str) -> Actor:
    assert job, "Name the job the system actor runs."
    user, created = User.objects.get_or_create(
        username=USERNAME, defaults={"email": "scheduler@macehub.invalid", "is_active": False,
                                     "first_name": "Scheduled", "last_name": "job"})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return Actor(user=user, partnership=partnership, job=job)
