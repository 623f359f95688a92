"""Writes about people who use macehub: accounts, roles, sessions and API tokens."""

from __future__ import annotations

import secrets

from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.accounts import grants, passwords
from macehub.accounts.models import ApiToken, Membership, Role, RoleGrant, User, UserSession
from macehub.audit.services import audit_record
from macehub.partnerships.models import Agency, Partnership

# Roles that speak for an agency must name it; hub roles may not have one.
AGENCY_REQUIRED = {Role.REFERRER, Role.PANEL_MEMBER}


def _require_admin(actor: Actor) -> None:
    if not actor.has("partnership.manage"):
        raise PermissionDenied("Only a partnership admin can manage users.")


def _check_agency(partnership: Partnership, role: str, agency: Agency | None) -> None:
    if agency is not None and agency.partnership_id != partnership.pk:
        raise ValidationError({"agency": "Choose an agency of this partnership."})
    if role in AGENCY_REQUIRED and agency is None:
        raise ValidationError({"agency": f"A {Role(role).label.lower()} must have an agency."})


def new_password() -> str:
    """A random initial password, shown once to the admin who passes it on."""
    return secrets.token_urlsafe(15)


def _free_username(email: str) -> str:
    """A new account's username: its e-mail address, or that with a random tail when the
    address is someone's username already. Never asked of the admin, so a taken username
    cannot tell them who uses macehub elsewhere."""
    base = email.lower()[:140]
    username = base
    while User.objects.filter(username__iexact=username).exists():
        username = f"{base}-{secrets.token_hex(3)}"
    return username


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    agency: Agency | None,
) -> User:
    """Add a person to the actor's partnership with one role, by their e-mail address.

    The answer is the same whether or not the address already has an account (perhaps in
    another partnership): nothing tells the admin which. A new account gets an e-mail with
    a single-use link to set its password; an existing one keeps its password and is told
    by e-mail that this partnership added it. Either way the role starts at once, or waits
    for a second admin when it reaches case data."""
    _require_admin(actor)
    _check_agency(actor.partnership, role, agency)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=_free_username(email), email=email, first_name=first_name,
                    last_name=last_name)
        user.set_unusable_password()
        user.save()
        audit_record(action="user.create", actor=actor, obj=user)
        added = passwords.send_welcome
    else:
        grants.refuse_self_grant(actor, user)
        audit_record(action="user.add_existing", actor=actor, obj=user)
        added = passwords.send_added
    if grants.reaches_case_data(role):
        if not actor.partnership.role_grants.filter(
                user=user, role=role, agency=agency, status=RoleGrant.Status.PENDING).exists():
            grants.grant_request(actor=actor, user=user, role=role, agency=agency)
    else:
        membership, _ = Membership.objects.get_or_create(
            user=user, partnership=actor.partnership, agency=agency, role=role)
        if not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active"])
        audit_record(action="membership.create", actor=actor, obj=membership)
    added(user, actor.partnership)
    return user


def _partnership_user(actor: Actor, user: User) -> None:
    if not (actor.partnership.memberships.filter(user=user).exists()
            or actor.partnership.role_grants.filter(user=user).exists()):
        raise PermissionDenied("That user is not in your partnership.")


@transaction.atomic
def membership_add(*, actor: Actor, user: User, role: str,
                   agency: Agency | None) -> Membership | RoleGrant:
    """Give a role. No one gives themselves a role; a role that reaches case data waits for
    a second admin's approval (the pending request is returned)."""
    _require_admin(actor)
    _partnership_user(actor, user)
    grants.refuse_self_grant(actor, user)
    _check_agency(actor.partnership, role, agency)
    if grants.reaches_case_data(role):
        return grants.grant_request(actor=actor, user=user, role=role, agency=agency)
    membership, created = Membership.objects.get_or_create(
        user=user, partnership=actor.partnership, agency=agency, role=role
    )
    if not created and membership.is_active:
        raise ValidationError({"role": "The user already holds that role for that agency."})
    membership.is_active = True
    membership.save(update_fields=["is_active"])
    audit_record(action="membership.create", actor=actor, obj=membership)
    return membership


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership) -> None:
    """Roles are ended, not deleted, so the record of who held them stays."""
    _require_admin(actor)
    if membership.partnership_id != actor.partnership.pk:
        raise PermissionDenied("That role is not in your partnership.")
    if membership.user_id == actor.user.pk and membership.role == Role.PARTNERSHIP_ADMIN:
        raise ValidationError("You cannot remove your own admin role.")
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit_record(action="membership.end", actor=actor, obj=membership)


@transaction.atomic
def chair_name(*, actor: Actor, membership: Membership, standing: str) -> Membership:
    """Name a chair role as the partnership's chair or deputy ("" to stop naming it). One
    of each: naming another takes the standing from whoever held it."""
    _require_admin(actor)
    if membership.partnership_id != actor.partnership.pk:
        raise PermissionDenied("That role is not in your partnership.")
    if standing not in ("", "chair", "deputy"):
        raise ValidationError({"standing": "Select chair, deputy or neither"})
    if standing and (membership.role != Role.CHAIR or not membership.is_active):
        raise ValidationError({"standing": "Only someone with a current chair role can be "
                                           "the partnership's chair or deputy"})
    if standing:
        actor.partnership.memberships.filter(chair_standing=standing) \
            .exclude(pk=membership.pk).update(chair_standing="")
    membership.chair_standing = standing
    membership.save(update_fields=["chair_standing"])
    audit_record(action="membership.chair_named", actor=actor, obj=membership,
                 purpose=standing or "none")
    return membership


def end_sessions(user: User) -> int:
    """End every server-side session of the user (SECURITY S4)."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


@transaction.atomic
def memberships_end_all(*, actor: Actor, user: User) -> int:
    """Take someone out of the actor's partnership: end every role they hold here and refuse
    their waiting requests. Their account, and their roles elsewhere, are not touched: an
    admin manages their own partnership only."""
    _require_admin(actor)
    _partnership_user(actor, user)
    if user.pk == actor.user.pk:
        raise ValidationError("You cannot remove yourself from the partnership.")
    ended = list(actor.partnership.memberships.filter(user=user, is_active=True))
    for membership in ended:
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        audit_record(action="membership.end", actor=actor, obj=membership)
    for waiting in grants.pending_for(actor).filter(user=user):
        grants.grant_decide_refused_by_removal(actor=actor, grant=waiting)
    return len(ended)


@transaction.atomic
def account_set_active(*, user: User, active: bool, operator: str, reason: str) -> None:
    """Disable or re-enable an account everywhere: a platform action (a management command
    run by the service's operators), never a partnership admin's. Disabling ends every
    session and revokes every API token. Audited in every partnership the user belongs to,
    so each partnership's auditor sees it."""
    user.is_active = active
    user.version += 1
    user.save(update_fields=["is_active", "version"])
    if not active:
        end_sessions(user)
        ApiToken.objects.filter(membership__user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    partnerships: set[int | None] = set(Membership.objects.filter(user=user)
                       .values_list("partnership_id", flat=True))
    partnerships |= set(RoleGrant.objects.filter(user=user)
                        .values_list("partnership_id", flat=True))
    for partnership_id in sorted(partnerships, key=lambda pk: pk or 0) or [None]:
        audit_record(action="user.enable" if active else "user.disable", obj=user,
                     partnership_id=partnership_id,
                     purpose=f"Platform action by {operator}: {reason}")
