"""The product's own address, for links that leave it (e-mails, calendar files).

Production always sets SITE_URL (settings refuse to start without it). In development,
when it is not set, a link made while answering a request points back where that request
came in (its host and port, as ALLOWED_HOSTS let through), so a calendar file downloaded
from a laptop or a container links to the same place; with no request to go by (an
e-mail sent from a command), the development server's usual address."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

DEVELOPMENT_SITE_URL = "http://127.0.0.1:8000"


def site_url(request: HttpRequest | None = None) -> str:
    """The address links start with, without a trailing slash."""
    configured = (settings.SITE_URL or "").rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEVELOPMENT_SITE_URL
