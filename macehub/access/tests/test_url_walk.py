"""SECURITY S6: every URL declares who may use it; every URL checked for every role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from macehub.access.decorators import rule_of
from macehub.access.permissions import PERMISSIONS
from macehub.accounts.models import Role
from macehub.api import api

# The public allow-list: nothing else may be reached without signing in. The footer's
# accessibility statement, privacy notice, cookies and help pages are read before signing in.
PUBLIC = {"healthz", "accounts:login", "accounts:password_forgot", "accounts:password_set",
          "info_page"}
API_PUBLIC = {"api:openapi-json"}


def walk(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[tuple[str, Any]]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry.callback


def test_every_url_declares_who_may_use_it() -> None:
    unclassified = [
        name for name, view in walk()
        if not name.startswith("api:") and rule_of(view) is None
    ]
    assert unclassified == []


def test_public_urls_are_only_the_allow_list() -> None:
    public = {name for name, view in walk()
              if (rule := rule_of(view)) is not None and rule.level == "public"}
    assert public == PUBLIC


def test_every_api_operation_declares_a_permission() -> None:
    undeclared = []
    count = 0
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                count += 1
                perm = getattr(operation.view_func, "access_permission", None)
                if perm not in PERMISSIONS:
                    undeclared.append(path)
    assert count > 0
    assert undeclared == []


def test_every_permission_names_known_roles() -> None:
    for roles in PERMISSIONS.values():
        assert roles <= set(Role.values)


def test_navigation_shows_only_what_the_role_may_use(personas: Any, client_as: Any) -> None:
    referrer_nav = [i["label"] for i in
                    client_as(personas["referrer"]).get("/").context["nav_items"]]
    admin_nav = [i["label"] for i in
                 client_as(personas["partnership_admin"]).get("/").context["nav_items"]]
    coordinator_nav = [i["label"] for i in
                       client_as(personas["hub_coordinator"]).get("/").context["nav_items"]]
    assert referrer_nav == ["Home", "Your concerns"]
    assert admin_nav == ["Home", "Agencies", "Areas", "Users", "Role approvals",
                         "Chair and deputy", "Retention", "Legal holds"]
    assert coordinator_nav == ["Home", "Due", "Screening", "Cases", "Meetings", "Actions",
                               "Find a child", "Missing", "Intelligence", "Dashboard",
                               "MACE tracker", "Reports", "Your concerns",
                               "Data subject requests",
                               "Legal holds"]
    panel_nav = [i["label"] for i in
                 client_as(personas["panel_member"]).get("/").context["nav_items"]]
    analyst_nav = [i["label"] for i in
                   client_as(personas["analyst"]).get("/").context["nav_items"]]
    # Analysts and the police read graded intelligence (macehub/intelligence/reach.py).
    assert panel_nav == ["Home", "Cases", "Meetings", "Actions", "Missing meetings",
                         "Intelligence"]
    assert analyst_nav == ["Home", "Missing figures", "Intelligence", "Dashboard", "Reports"]
