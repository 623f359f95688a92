"""The accessibility statement, privacy notice, cookies and help pages: anyone reads them
(the partnership's text when signed in, the product's default otherwise); the
partnership admin edits their partnership's text."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor, actor_for, is_fully_signed_in
from macehub.access.decorators import public, requires
from macehub.lib.forms import saved
from macehub.partnerships import services
from macehub.partnerships.forms import InfoPageForm
from macehub.partnerships.info_pages import info_page
from macehub.partnerships.models import InfoPage


def _kind(kind: str) -> str:
    if kind not in InfoPage.Kind.values:
        raise Http404("No such page")
    return kind


@public
def show(request: HttpRequest, kind: str) -> HttpResponse:
    actor: Actor | None = None
    if request.user.is_authenticated and is_fully_signed_in(request):
        actor = actor_for(request.user, request.session.get("partnership_id"))  # type: ignore[arg-type]
        request.actor = actor  # type: ignore[attr-defined]  # the frame's menu
    page = info_page(actor.partnership if actor else None, _kind(kind))
    can_edit = bool(actor and actor.has("info_page.edit"))
    return render(request, "partnerships/info_page.html", {"page": page, "can_edit": can_edit})


@requires("info_page.edit")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, kind: str) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    page = info_page(actor.partnership, _kind(kind))
    form = InfoPageForm(request.POST or None,
                        initial={"body": page.body, "version": page.version})

    def write(data: dict[str, Any]) -> InfoPage:
        return services.info_page_save(actor=actor, kind=kind, **data)

    if request.method == "POST" and saved(form, write):
        messages.success(request, f"{page.title} saved.")
        return redirect("info_page", kind=kind)
    status = 400 if request.method == "POST" else 200
    return render(request, "partnerships/edit.html",
                  {"form": form, "title": f"Change the {page.title.lower()}"}, status=status)
