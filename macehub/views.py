"""The start page, the health check and the error pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from macehub.access.decorators import public, requires
from macehub.accounts.grants import privileged_for
from macehub.lib.waiting import waiting_for

# How many privileged grants the auditor's home page lists, newest first.
PRIVILEGED_SHOWN = 20


@requires("home.view")
def home(request: HttpRequest) -> HttpResponse:
    actor = request.actor  # type: ignore[attr-defined]
    # The work waiting for this person, each count linking to its filtered list; those
    # that need attention now lead the page as alerts.
    waiting = waiting_for(actor)
    context: dict[str, object] = {
        "waiting": waiting, "alerts": [w for w in waiting if w.alert and w.count]}
    if actor.has("audit.read"):
        # Roles that reach case data, asked for or approved: the auditor watches them.
        context["privileged"] = list(privileged_for(actor)[:PRIVILEGED_SHOWN])
    if actor.has("breakglass.review"):
        # SECURITY S10: the auditor's home page lists break-glass awaiting their sign-off.
        from macehub.breakglass.services import break_glass_list

        context["break_glass_awaiting"] = list(break_glass_list(actor, awaiting=True)[:20])
    return render(request, "home.html", context)


@public
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: says whether the database answers. No data, no sign-in."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def _error(request: HttpRequest, status: int, template: str) -> HttpResponse:
    return render(request, template, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "errors/400.html")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "errors/403.html")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "errors/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, "errors/500.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, 403, "errors/csrf.html")
