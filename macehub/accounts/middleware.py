"""Session rules (SECURITY S4): 30 minutes idle, 12 hours at most, then sign in again."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from macehub.accounts.auth_audit import audit_auth

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen_at"
# Refresh the idle clock at most once a minute, so most requests do not write the session.
TOUCH_EVERY_SECONDS = 60


def now() -> float:
    return time.time()


class SessionRulesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and SIGNED_IN_AT in request.session:
            current = now()
            started = float(request.session[SIGNED_IN_AT])
            last = float(request.session.get(LAST_SEEN, started))
            idle = current - last > settings.SESSION_IDLE_SECONDS
            too_long = current - started > settings.SESSION_ABSOLUTE_SECONDS
            if idle or too_long:
                user = request.user
                logout(request)
                audit_auth(
                    action="session.expired",
                    user=user,
                    purpose="idle timeout" if idle else "maximum session length",
                    request=request,
                )
                messages.info(request, "For your security you were signed out. Sign in again.")
            elif current - last > TOUCH_EVERY_SECONDS:
                request.session[LAST_SEEN] = current
        return self.get_response(request)
