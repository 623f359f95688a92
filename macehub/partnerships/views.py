"""Choosing the active partnership; a partnership admin's agencies and areas."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires, signed_in
from macehub.audit.services import audit_record
from macehub.lib.forms import Form, apply_errors
from macehub.partnerships import services
from macehub.partnerships.forms import AgencyForm, AreaForm, ChooseForm
from macehub.partnerships.models import Agency, Area, Partnership


@signed_in
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    """A user in more than one partnership picks the one they act in now."""
    partnerships = Partnership.objects.filter(
        memberships__user=request.user.pk, memberships__is_active=True, is_active=True
    ).distinct()
    choices = [(p.pk, p.name) for p in partnerships]
    if not choices:
        return render(request, "partnerships/no_partnership.html", status=403)
    if len(choices) == 1 and request.method == "GET" and "partnership_id" not in request.session:
        request.session["partnership_id"] = choices[0][0]
        return redirect("home")
    form = ChooseForm(request.POST or None, initial={
        "partnership": request.session.get("partnership_id")})
    form.fields["partnership"].choices = choices  # type: ignore[attr-defined]
    form.fields["partnership"].label = "Which partnership are you working in?"
    if request.method == "POST" and form.is_valid():
        request.session["partnership_id"] = form.cleaned_data["partnership"]
        audit_record(
            action="partnership.choose",
            user=request.user,
            partnership_id=form.cleaned_data["partnership"],
            request=request,
        )
        return redirect("home")
    return render(request, "partnerships/choose.html", {"form": form})


def _edit(
    request: HttpRequest,
    form: Form,
    save: Callable[..., Any],
    title: str,
    done: str,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{title} saved.")
            return redirect(done)
    status = 400 if request.method == "POST" else 200
    return render(request, "partnerships/edit.html", {"form": form, "title": title}, status=status)


@requires("partnership.manage")
def agency_list(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    agencies = actor.partnership.agencies.all()
    return render(request, "partnerships/agency_list.html", {"agencies": agencies})


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    agency = get_object_or_404(actor.partnership.agencies, pk=pk) if pk else None
    initial: dict[str, Any] = {"is_active": True}
    if agency is not None:
        initial = {"name": agency.name, "type": agency.type, "is_active": agency.is_active,
                   "version": agency.version}
    form = AgencyForm(request.POST or None, initial=initial)

    def save(**data: Any) -> Agency:
        return services.agency_save(actor=actor, agency=agency, **data)

    title = f"Agency: {agency.name}" if agency else "New agency"
    return _edit(request, form, save, title, "partnerships:agencies")


@requires("partnership.manage")
def area_list(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    areas = actor.partnership.areas.select_related("parent")
    return render(request, "partnerships/area_list.html", {"areas": areas})


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    area = get_object_or_404(actor.partnership.areas, pk=pk) if pk else None
    initial: dict[str, Any] = {"kind": Area.Kind.DISTRICT}
    if area is not None:
        initial = {"name": area.name, "kind": area.kind, "parent": area.parent_id,
                   "version": area.version}
    form = AreaForm(request.POST or None, initial=initial, partnership=actor.partnership)

    def save(**data: Any) -> Area:
        return services.area_save(actor=actor, area=area, **data)

    title = f"Area: {area.name}" if area else "New area"
    return _edit(request, form, save, title, "partnerships:areas")


