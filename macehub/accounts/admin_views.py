"""A partnership admin manages the people of their own partnership."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.accounts import authenticators, grants, services
from macehub.accounts.forms import RoleAddForm, UserCreateForm
from macehub.accounts.models import RoleGrant, User
from macehub.lib.forms import apply_errors


def in_partnership(actor: Actor) -> Q:
    """People who hold, held or were put forward for a role in the actor's partnership."""
    return (Q(memberships__in=actor.partnership.memberships.all())
            | Q(role_grants__in=actor.partnership.role_grants.all()))


def get_user_for(actor: Actor, pk: int) -> User:
    """A user who holds (or held) a role in the actor's partnership, else 404."""
    memberships = actor.partnership.memberships.select_related("agency")
    user = (
        User.objects.filter(in_partnership(actor), pk=pk)
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .distinct()
        .first()
    )
    if user is None:
        raise Http404("Not found")
    return user


@requires("partnership.manage")
def user_list(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    memberships = actor.partnership.memberships.select_related("agency")
    users = (
        User.objects.filter(in_partnership(actor))
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page})


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def user_new(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = UserCreateForm(request.POST or None, partnership=actor.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_create(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return render(request, "accounts/user_created.html",
                          {"email": form.cleaned_data["email"]})
    return render(request, "accounts/user_new.html", {"form": form})


@requires("partnership.manage")
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    user = get_user_for(actor, pk)
    return _detail(request, actor, user, RoleAddForm(partnership=actor.partnership))


def _detail(request: HttpRequest, actor: Actor, user: User, form: RoleAddForm,
            status: int = 200) -> HttpResponse:
    waiting = grants.pending_for(actor).filter(user=user)
    return render(request, "accounts/user_detail.html",
                  {"subject": user, "form": form, "waiting": waiting}, status=status)


@requires("partnership.manage")
@require_POST
def role_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    user = get_user_for(actor, pk)
    form = RoleAddForm(request.POST, partnership=actor.partnership)
    if form.is_valid():
        try:
            added = services.membership_add(actor=actor, user=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Role waiting for another partnership admin to approve."
                             if isinstance(added, RoleGrant) else "Role added.")
            return redirect("accounts:user_detail", pk=user.pk)
    return _detail(request, actor, user, form, status=400)


@requires("partnership.manage")
@require_POST
def role_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    user = get_user_for(actor, pk)
    membership = get_object_or_404(actor.partnership.memberships, pk=membership_pk, user=user)
    try:
        services.membership_end(actor=actor, membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Role ended.")
    return redirect("accounts:user_detail", pk=user.pk)


@requires("partnership.manage")
@require_POST
def user_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """End every role the person holds in this partnership; the account itself stays."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    user = get_user_for(actor, pk)
    try:
        services.memberships_end_all(actor=actor, user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Every role in this partnership ended.")
    return redirect("accounts:user_detail", pk=user.pk)


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def authenticator_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks to confirm (GET), then resets (POST)."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    user = get_user_for(actor, pk)
    if request.method == "POST":
        try:
            authenticators.authenticator_reset(actor=actor, user=user)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, "Authenticator reset. They are signed out and set up "
                             "a new authenticator at their next sign-in.")
        return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/authenticator_reset.html", {"subject": user})


@requires("partnership.manage")
def grant_list(request: HttpRequest) -> HttpResponse:
    """Roles that reach case data, waiting for a second admin."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    return render(request, "accounts/grant_list.html", {"waiting": grants.pending_for(actor)})


@requires("partnership.manage")
@require_POST
def grant_decide(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    grant = grants.get_grant_for(actor, pk)
    if grant is None:
        raise Http404("Not found")
    approve = request.POST.get("decision") == "approve"
    try:
        grants.grant_decide(actor=actor, grant=grant, approve=approve)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Role approved." if approve else "Role refused.")
    return redirect("accounts:grants")
