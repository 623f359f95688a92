"""Refused attempts are audited (SECURITY S9): every 403 and 404 answered to a signed-in
person or an API client, pages and API alike, with the address asked for (which names a
record by its id, never its content). Someone probing for records they cannot reach shows
in the access log of the partnership they act in."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from macehub.access.actor import Actor
from macehub.audit.models import AuditEvent
from macehub.audit.services import audit_record

REFUSED = {403, 404}


class RefusedAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in REFUSED:
            self._record(request, response.status_code)
        return response

    def _record(self, request: HttpRequest, status: int) -> None:
        purpose = f"{status} {request.method} {request.path}"
        actor = getattr(request, "actor", None) or getattr(request, "auth", None)
        if isinstance(actor, Actor):
            audit_record(action="access.refused", actor=actor, purpose=purpose,
                         outcome=AuditEvent.Outcome.DENIED, request=request)
            return
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return  # nobody to name: anonymous requests are sent to sign in
        session = getattr(request, "session", None)
        audit_record(action="access.refused", user=user, purpose=purpose,
                     outcome=AuditEvent.Outcome.DENIED, request=request,
                     partnership_id=session.get("partnership_id") if session else None)
