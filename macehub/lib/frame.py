"""What the page frame (templates/base.html) needs on every page: the feedback link of the
phase banner, the footer's links, and whether a form on the page failed, so the title
starts "Error: " on every form page without each template saying so."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.forms import BaseForm
from django.http import HttpRequest
from django.urls import reverse

register = template.Library()

FOOTER = [("accessibility", "Accessibility statement"), ("privacy", "Privacy notice"),
          ("cookies", "Cookies"), ("help", "Help")]


def frame(request: HttpRequest) -> dict[str, Any]:
    links = [{"label": label, "url": reverse("info_page", args=[kind])}
             for kind, label in FOOTER]
    feedback = settings.FEEDBACK_URL or reverse("info_page", args=["help"])
    return {"footer_links": links, "feedback_url": feedback}


@register.simple_tag(takes_context=True)
def form_failed(context: template.Context) -> bool:
    """True when any form on the page was sent and refused."""
    return any(isinstance(value, BaseForm) and value.is_bound and bool(value.errors)
               for value in context.flatten().values())
