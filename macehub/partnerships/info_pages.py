"""The pages every page's footer links to: accessibility statement, privacy notice,
cookies and help. Each partnership's admin edits its own text; until then the product's
default text below is shown. Anyone may read them, signed in or not."""

from __future__ import annotations

from dataclasses import dataclass

from macehub.partnerships.models import InfoPage, Partnership

DEFAULTS: dict[str, str] = {
    InfoPage.Kind.ACCESSIBILITY: (
        "This service is built to meet the Web Content Accessibility Guidelines version 2.2 "
        "at level AA. Pages work with a keyboard alone, with screen readers and when zoomed "
        "to 400%.\n\n"
        "If you find a part of the service hard to use, tell the partnership's exploitation "
        "hub, saying which page and what you were trying to do. We will reply within 5 "
        "working days.\n\n"
        "If you are not happy with how we respond, contact the Equality Advisory and "
        "Support Service (EASS)."),
    InfoPage.Kind.PRIVACY: (
        "The partnership's agencies use this service to keep children safe from "
        "exploitation and to find children who go missing. It holds what professionals "
        "record about children, the people around them, and the meetings that plan their "
        "support.\n\n"
        "Information is shared under the partnership's information sharing agreement and "
        "the Children Act 2004. Each view, change and download is recorded.\n\n"
        "To ask what the service holds about you, or to have it corrected, contact the "
        "partnership's data protection officer."),
    InfoPage.Kind.COOKIES: (
        "The service sets only the cookies it needs to work: one that keeps you signed in "
        "and one that protects forms from being sent from other sites. Both are deleted "
        "when you sign out or close your browser.\n\n"
        "The service sets no analytics or advertising cookies, so it does not ask for "
        "consent."),
    InfoPage.Kind.HELP: (
        "For help with a case, a meeting or a referral, contact the partnership's "
        "exploitation hub.\n\n"
        "If you cannot sign in, or have lost your second factor, ask your partnership "
        "admin to reset it.\n\n"
        "If a child is in immediate danger, call 999. Do not wait to record it here."),
}


@dataclass(frozen=True)
class Shown:
    kind: str
    title: str
    paragraphs: list[str]
    version: int  # 0 for the product's default text
    body: str


def info_page(partnership: Partnership | None, kind: str) -> Shown:
    """The page as the partnership wrote it, or the default text; KeyError for a kind
    that is not one of the four."""
    title = InfoPage.Kind(kind).label
    saved = partnership.info_pages.filter(kind=kind).first() if partnership else None
    body = saved.body if saved else DEFAULTS[kind]
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    return Shown(kind, str(title), paragraphs, saved.version if saved else 0, body)
