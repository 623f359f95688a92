"""Meeting pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from macehub.access.decorators import requires


@requires("meeting.view")
def item_detail(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    raise NotImplementedError
