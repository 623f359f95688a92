"""Headless Chromium (Debian's package) driven by Playwright, with axe-core injected."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parents[3] / "static" / "vendor" / "axe" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between page steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # axe is injected as a script, which the strict CSP would (rightly) block.
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def strict_page(browser: Any) -> Iterator[Any]:
    """A page with the real CSP enforced, collecting console errors."""
    context = browser.new_context()
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    yield page
    context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    found = []
    for v in result["violations"]:
        nodes = [n for n in v["nodes"] if not _govuk_conditional_reveal(v["id"], n)]
        if nodes:
            found.append({"id": v["id"], "impact": v["impact"], "help": v["help"],
                          "targets": [n["target"] for n in nodes][:5]})
    return found


def _govuk_conditional_reveal(rule: str, node: dict[str, Any]) -> bool:
    """GOV.UK Frontend's radios set aria-expanded on a radio that reveals a question.
    ARIA does not list it for radios, so axe reports it; GOV.UK keeps it on purpose, as
    screen readers announce it and research found it helps (a known issue of the Design
    System's radios). Only that one attribute on such a radio is set aside."""
    summary = node.get("failureSummary", "")
    return (rule == "aria-allowed-attr" and "govuk-radios__input" in node.get("html", "")
            and "aria-controls=" in node.get("html", "")
            and summary.count("aria-") == summary.count("aria-expanded"))


@pytest.fixture
def signed_in(browser: Any, live_server: Any) -> Iterator[Any]:
    """`signed_in(user)`: a page in a new browser context, signed in as `user` through the
    real sign-in pages; every context is closed after the test."""
    from macehub.tests.browser.helpers import sign_in

    contexts: list[Any] = []

    def open_as(user: Any) -> Any:
        context = browser.new_context(bypass_csp=True)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, live_server.url, user)
        return page

    yield open_as
    for context in contexts:
        context.close()
