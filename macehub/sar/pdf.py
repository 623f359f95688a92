"""The subject access export as PDF, marked at the top and bottom of every page. No text
from the records goes into the page's CSS: the margin boxes carry fixed words only."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from macehub.lib.marking import HANDLING, LEVEL
from macehub.sar.readable import readable

TITLE = "Subject access export"


def _css(text: str) -> str:
    """A fixed text as a CSS string: every character outside letters, digits and spaces is
    escaped, so nothing can end the string."""
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):06x}"
                         for ch in text) + '"'


def render(bundle: dict[str, Any], *, redactions: int) -> bytes:
    html = render_to_string("sar/pdf.html", {
        "redactions": redactions, "bundle": readable(bundle), "generated_at": timezone.now(),
        "marking": {"level": LEVEL, "handling": HANDLING},
        "css_level": _css(LEVEL), "css_handling": _css(HANDLING), "css_footer": _css(TITLE),
    })
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
    assert pdf is not None
    return pdf
