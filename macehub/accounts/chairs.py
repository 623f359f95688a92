"""The partnership's named chair and deputy chair: they decide on requests to share the
papers of a meeting that has no chair of its own (SECURITY S16; meetings.disclosure). The
partnership admin names them, each on a current chair role."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from macehub.access.actor import Actor
from macehub.accounts.models import Membership, Role
from macehub.accounts.services import _require_admin, chair_name

STANDINGS = ("chair", "deputy")


def chair_roles(actor: Actor) -> QuerySet[Membership]:
    """The partnership's current chair roles: the people who can be named."""
    return (actor.partnership.memberships.filter(role=Role.CHAIR, is_active=True)
            .select_related("user", "agency").order_by("user__last_name", "user__first_name",
                                                       "pk"))


def named(actor: Actor) -> dict[str, Membership | None]:
    """Who holds each standing now (a role since ended no longer counts)."""
    holders = {m.chair_standing: m for m in chair_roles(actor).filter(
        chair_standing__in=STANDINGS)}
    return {standing: holders.get(standing) for standing in STANDINGS}


@transaction.atomic
def chairs_name(*, actor: Actor, chair: Membership | None,
                deputy: Membership | None) -> dict[str, Membership | None]:
    """Name the partnership's chair and deputy together (None: nobody). They must be two
    different people; each standing changed is audited on its role."""
    _require_admin(actor)
    if chair is not None and deputy is not None and chair.user_id == deputy.user_id:
        raise ValidationError({"deputy": "The deputy chair must be someone other than "
                                         "the chair"})
    current = named(actor)
    for standing, chosen in (("chair", chair), ("deputy", deputy)):
        holder = current[standing]
        if chosen is None:
            if holder is not None:
                chair_name(actor=actor, membership=holder, standing="")
        elif holder is None or holder.pk != chosen.pk:
            chair_name(actor=actor, membership=chosen, standing=standing)
    return named(actor)
