"""The product's URLs plus the bare baseline view B7 compares every page with."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.html import escape

from macehub.access.decorators import requires
from macehub.urls import urlpatterns as product


@requires("case.view")
def bare(request: HttpRequest, pk: int) -> HttpResponse:
    """One case and its child by primary key, through the same middleware as every page,
    with no template and no checks beyond the permission: the floor a page stands on."""
    from macehub.cases.models import Case

    case = Case._base_manager.select_related("child").get(pk=pk)
    return HttpResponse(f"<p>{escape(case.reference)} {escape(case.child.first_name)}</p>")


urlpatterns = [*product, path("bench/bare/<int:pk>/", bare, name="bench-bare")]
