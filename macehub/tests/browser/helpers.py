from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"


def code_for(user: Any) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(bytes.fromhex(device.key)):06d}"


def code_from_key(key: str) -> str:
    padded = key + "=" * (-len(key) % 8)
    return f"{totp(base64.b32decode(padded)):06d}"


def sign_in(page: Any, base: str, user: Any) -> None:
    """Password, then the authenticator code, through the real pages."""
    TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "test"})
    page.goto(f"{base}/accounts/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Continue')")
    page.fill("#id_code", code_for(user))
    page.click("button:has-text('Continue')")
    page.wait_for_url(f"{base}/")


REFLOW_WIDTHS = (320, 1024)
# The innermost elements reaching past the viewport's right edge, to name in a failure.
_WIDEST = """(width) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 1
          && ![...e.children].some(c => c.getBoundingClientRect().right > width + 1))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))"""


def too_wide(page: Any) -> list[tuple[str, int, int, list[str]]]:
    """Reflow (WCAG 2.1 1.4.10): the page at 320 and at 1024 CSS pixels wide, as (url,
    width, scroll width, the elements reaching past the edge) where it scrolls sideways;
    the viewport is put back after."""
    size = page.viewport_size
    found = []
    for width in REFLOW_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            found.append((page.url, width, scroll, page.evaluate(_WIDEST, width)))
    page.set_viewport_size(size)
    return found


def accessible(page: Any) -> None:
    """axe finds nothing on the page, it is marked at top and bottom (SECURITY S15), has one
    main heading, and does not scroll sideways at 320 or 1024 pixels wide."""
    from macehub.tests.browser.conftest import axe_violations

    assert axe_violations(page) == [], page.url
    assert page.locator(".mh-marking").count() == 2, page.url
    assert page.locator("h1").count() == 1, page.url
    assert (wide := too_wide(page)) == [], wide


def screenshots(page: Any, name: str) -> None:
    """The page at a desktop width and at 320 CSS pixels, kept as test artefacts."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(size)


def fill_date(page: Any, name: str, day: Any, at: str | None = None) -> None:
    """A date (and time) typed into the day, month, year (and time) boxes of field `name`."""
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year),
                        *((("time", at),) if at else ())):
        page.fill(f"input[name$='{name}_{part}']", str(value))
