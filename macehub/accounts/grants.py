"""Separation of duties for roles (SECURITY S9; issue: an admin granted themselves the hub).

No one grants themselves a role. A role that reaches case data is granted in two steps: one
partnership admin asks, a second approves or refuses. Which roles reach case data is read
from the need-to-know registry, so a new grant there is covered without a list here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from macehub.access import reach
from macehub.access.actor import Actor
from macehub.accounts.models import Membership, RoleGrant, User
from macehub.audit.services import audit_record
from macehub.partnerships.models import Agency

# The records that make a role "reach case data": children, their cases and their missing
# records. A role that any registry grant opens to one of these needs a second admin.
CASE_DATA = ("people.Child", "cases.Case", "missing.MissingEpisode")


def roles_reaching_case_data() -> frozenset[str]:
    roles: set[str] = set()
    for model in CASE_DATA:
        for entry in reach.grants_for(model):
            roles |= entry.roles
    return frozenset(roles)


def reaches_case_data(role: str) -> bool:
    return role in roles_reaching_case_data()


def _require_admin(actor: Actor) -> None:
    if not actor.has("partnership.manage"):
        raise PermissionDenied("Only a partnership admin can manage users.")


def refuse_self_grant(actor: Actor, user: User) -> None:
    if user.pk == actor.user.pk:
        raise ValidationError({"role": "You cannot give yourself a role. Ask another "
                                       "partnership admin."})


@transaction.atomic
def grant_request(*, actor: Actor, user: User, role: str, agency: Agency | None) -> RoleGrant:
    """Ask for a role that reaches case data; a second admin decides."""
    _require_admin(actor)
    refuse_self_grant(actor, user)
    if actor.partnership.role_grants.filter(user=user, role=role, agency=agency,
                                            status=RoleGrant.Status.PENDING).exists():
        raise ValidationError({"role": "That role is already waiting for approval."})
    grant = RoleGrant.objects.create(user=user, partnership=actor.partnership, role=role,
                                     agency=agency, requested_by=actor.user)
    audit_record(action="role_grant.request", actor=actor, obj=grant, purpose=role)
    return grant


def pending_for(actor: Actor) -> QuerySet[RoleGrant]:
    return (actor.partnership.role_grants.filter(status=RoleGrant.Status.PENDING)
            .select_related("user", "agency", "requested_by"))


def privileged_for(actor: Actor) -> QuerySet[RoleGrant]:
    """Privileged grants waiting or approved, for the auditor's home page."""
    return (actor.partnership.role_grants.filter(status__in=[RoleGrant.Status.PENDING,
                                                             RoleGrant.Status.APPROVED])
            .select_related("user", "agency", "requested_by", "decided_by"))


def get_grant_for(actor: Actor, pk: int) -> RoleGrant | None:
    return actor.partnership.role_grants.filter(pk=pk).first()


@transaction.atomic
def grant_decide(*, actor: Actor, grant: RoleGrant, approve: bool) -> Membership | None:
    """A second admin approves (the role starts) or refuses (nothing starts)."""
    _require_admin(actor)
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.partnership_id != actor.partnership.pk:
        raise PermissionDenied("That request is not in your partnership.")
    if grant.status != RoleGrant.Status.PENDING:
        raise ValidationError("That request has already been decided.")
    if actor.user.pk in (grant.requested_by_id, grant.user_id):
        raise ValidationError("A different partnership admin must decide this request.")
    grant.status = RoleGrant.Status.APPROVED if approve else RoleGrant.Status.REFUSED
    grant.decided_by = actor.user
    grant.decided_at = timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(action="role_grant.approve" if approve else "role_grant.refuse",
                 actor=actor, obj=grant, purpose=grant.role)
    if not approve:
        return None
    membership, _ = Membership.objects.get_or_create(
        user=grant.user, partnership=grant.partnership, agency=grant.agency, role=grant.role)
    if not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    audit_record(action="membership.create", actor=actor, obj=membership)
    return membership


def grant_decide_refused_by_removal(*, actor: Actor, grant: RoleGrant) -> None:
    """A waiting request lapses when the person is taken out of the partnership."""
    grant.status = RoleGrant.Status.REFUSED
    grant.decided_by = actor.user
    grant.decided_at = timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(action="role_grant.refuse", actor=actor, obj=grant,
                 purpose="removed from the partnership")
