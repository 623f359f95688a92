"""A partnership admin manages the people of their own partnership through the API, one
operation per page action: list, create, add and end a role, remove from the partnership,
reset an authenticator. The same services and permission as the user pages. No
`from __future__ import annotations` here: django-ninja reads the annotations at import
time."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from macehub.access.actor import Actor
from macehub.accounts import authenticators, grants, services
from macehub.accounts.admin_views import get_user_for, in_partnership
from macehub.accounts.models import RoleGrant, User
from macehub.api.core import actor_of, permission
from macehub.lib.api_paging import NEXT_DESCRIPTION, page_of
from macehub.partnerships.models import Agency

router = Router(tags=["accounts"])


class RoleOut(Schema):
    id: int
    role: str
    agency_id: int | None
    is_active: bool


class UserOut(Schema):
    id: int
    username: str
    email: str
    first_name: str
    last_name: str
    is_active: bool
    roles: list[RoleOut]


class UserPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[UserOut]


class UserIn(Schema):
    email: str = Field(max_length=254)
    first_name: str = Field(max_length=150)
    last_name: str = Field(max_length=150)
    role: str
    agency_id: int | None = None


class CreatedOut(Schema):
    email: str
    detail: str = Field(description="The same whether or not the address already had an "
                        "account: the person is told by e-mail")


class RoleIn(Schema):
    role: str
    agency_id: int | None = None


class GrantOut(Schema):
    id: int
    user_id: int
    role: str
    agency_id: int | None
    status: str
    requested_by_id: int
    decided_by_id: int | None


def _out(actor: Actor, user: User) -> UserOut:
    roles = actor.partnership.memberships.filter(user=user).order_by("pk")
    return UserOut(id=user.pk, username=user.username, email=user.email,
                   first_name=user.first_name, last_name=user.last_name,
                   is_active=user.is_active, roles=[RoleOut.from_orm(m) for m in roles])


def _agency(actor: Actor, pk: int | None) -> Agency | None:
    if pk is None:
        return None
    agency = actor.partnership.agencies.filter(pk=pk).first()
    if agency is None:
        raise ValidationError({"agency_id": "Choose an agency of this partnership."})
    return agency


@router.get("/users", response=UserPage)
@permission("partnership.manage")
def list_users(request: HttpRequest, page: int = 1, page_size: int = 50,
               cursor: str = "") -> object:
    actor = actor_of(request)
    users = (User.objects.filter(in_partnership(actor)).distinct()
             .order_by("last_name", "first_name", "pk"))
    result = page_of(users, page=page, page_size=page_size, cursor=cursor)
    result["items"] = [_out(actor, u) for u in result["items"]]
    return result


@router.post("/users", response={201: CreatedOut})
@permission("partnership.manage")
def create_user(request: HttpRequest, payload: UserIn) -> Status[CreatedOut]:
    actor = actor_of(request)
    data = payload.dict()
    agency = _agency(actor, data.pop("agency_id"))
    services.user_create(actor=actor, agency=agency, **data)
    return Status(201, CreatedOut(email=payload.email, detail=(
        "Added. The person has been e-mailed how to sign in; a role that reaches case data "
        "waits for another partnership admin's approval.")))


@router.get("/users/{user_id}", response=UserOut)
@permission("partnership.manage")
def read_user(request: HttpRequest, user_id: int) -> UserOut:
    actor = actor_of(request)
    return _out(actor, get_user_for(actor, user_id))


@router.post("/users/{user_id}/roles", response={201: UserOut, 202: GrantOut})
@permission("partnership.manage")
def add_role(request: HttpRequest, user_id: int, payload: RoleIn) -> Status[object]:
    """A role that reaches case data answers 202: it waits for a second admin."""
    actor = actor_of(request)
    user = get_user_for(actor, user_id)
    added = services.membership_add(actor=actor, user=user, role=payload.role,
                                    agency=_agency(actor, payload.agency_id))
    if isinstance(added, RoleGrant):
        return Status(202, GrantOut.from_orm(added))
    return Status(201, _out(actor, user))


@router.post("/users/{user_id}/roles/{role_id}/end", response=UserOut)
@permission("partnership.manage")
def end_role(request: HttpRequest, user_id: int, role_id: int) -> UserOut:
    """Roles are ended, not deleted, so the record of who held them stays."""
    actor = actor_of(request)
    user = get_user_for(actor, user_id)
    membership = actor.partnership.memberships.filter(pk=role_id, user=user).first()
    if membership is None:
        raise Http404("Not found")
    services.membership_end(actor=actor, membership=membership)
    return _out(actor, user)


@router.post("/users/{user_id}/remove", response=UserOut)
@permission("partnership.manage")
def remove_user(request: HttpRequest, user_id: int) -> UserOut:
    """End every role the person holds in this partnership; the account itself, and roles
    in other partnerships, stay (disabling an account is a platform action)."""
    actor = actor_of(request)
    user = get_user_for(actor, user_id)
    services.memberships_end_all(actor=actor, user=user)
    return _out(actor, user)


@router.post("/users/{user_id}/authenticator/reset", response=UserOut)
@permission("partnership.manage")
def reset_authenticator(request: HttpRequest, user_id: int) -> UserOut:
    """The person's authenticator stops working and every session of theirs ends; at their
    next sign-in they set up a new one. Not for your own account."""
    actor = actor_of(request)
    user = get_user_for(actor, user_id)
    authenticators.authenticator_reset(actor=actor, user=user)
    return _out(actor, user)


@router.get("/role-approvals", response=list[GrantOut])
@permission("partnership.manage")
def list_role_approvals(request: HttpRequest) -> list[GrantOut]:
    """Roles that reach case data, waiting for a second partnership admin."""
    return [GrantOut.from_orm(g) for g in grants.pending_for(actor_of(request))]


def _decide(request: HttpRequest, grant_id: int, approve: bool) -> GrantOut:
    actor = actor_of(request)
    grant = grants.get_grant_for(actor, grant_id)
    if grant is None:
        raise Http404("Not found")
    grants.grant_decide(actor=actor, grant=grant, approve=approve)
    grant.refresh_from_db()
    return GrantOut.from_orm(grant)


@router.post("/role-approvals/{grant_id}/approve", response=GrantOut)
@permission("partnership.manage")
def approve_role(request: HttpRequest, grant_id: int) -> GrantOut:
    """Approve a waiting role: only an admin other than the one who asked, never for
    themselves."""
    return _decide(request, grant_id, approve=True)


@router.post("/role-approvals/{grant_id}/refuse", response=GrantOut)
@permission("partnership.manage")
def refuse_role(request: HttpRequest, grant_id: int) -> GrantOut:
    return _decide(request, grant_id, approve=False)
