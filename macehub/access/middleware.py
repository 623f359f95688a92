"""Deny by default (SECURITY S6) and no caching of anything dynamic (S11)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from macehub.access.actor import actor_for, is_fully_signed_in
from macehub.access.decorators import rule_of
from macehub.access.scoped import enforcing

API_NAMESPACE = "api"


class AccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = None  # type: ignore[attr-defined]
        with enforcing():  # no request runs an unscoped query (macehub.access.scoped)
            return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and match.namespace == API_NAMESPACE:
            # Every API operation authenticates and checks its own declared permission.
            return None
        rule = rule_of(view_func)
        if rule is None:
            raise PermissionDenied("This page has not declared who may use it.")
        if rule.level == "public":
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if rule.level == "password":
            return None
        if not is_fully_signed_in(request):
            return redirect("accounts:mfa")
        actor = actor_for(request.user, request.session.get("partnership_id"))  # type: ignore[arg-type]
        request.actor = actor  # type: ignore[attr-defined]
        if rule.level == "signed_in":
            return None
        if actor is None:
            return redirect("partnerships:choose")
        if rule.permission is None or not actor.has(rule.permission):
            raise PermissionDenied("Your role does not include this page.")
        return None


class NoStoreMiddleware:
    """Nothing the application renders may be kept by a browser or proxy cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        return response
