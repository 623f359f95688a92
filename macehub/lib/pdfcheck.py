"""The last check before a PDF leaves the server (SECURITY S15, S16): every page carries
the protective marking and the handling line at its top and its bottom, and the watermark
naming the recipient where the copy is disclosed. A PDF that fails is never released."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pypdf import PdfReader

from macehub.lib.marking import HANDLING, LEVEL

EDGE = 0.2  # the top and bottom fifth of the page
WATERMARK_LEAD = "Disclosed to"


class UnmarkedPdf(Exception):
    """A PDF failed the marking check; the message says which page and what is missing."""


def _squeezed(text: str) -> str:
    return "".join(text.split())


def check_marked(pdf: bytes, *, watermark: str = "") -> int:
    """The number of pages, once every page passes; UnmarkedPdf otherwise."""
    try:
        reader = PdfReader(BytesIO(pdf))
        pages = list(reader.pages)
    except Exception as error:  # noqa: BLE001 - any unreadable PDF is refused
        raise UnmarkedPdf("The document could not be read back to check its marking.") \
            from error
    if not pages:
        raise UnmarkedPdf("The document has no pages.")
    for number, page in enumerate(pages, start=1):
        height = float(page.mediabox.height)
        found: dict[str, list[float]] = {LEVEL: [], HANDLING: []}

        def visit(text: str, cm: list[float], tm: list[float], *_: Any,
                  found: dict[str, list[float]] = found) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            for wanted in found:
                if wanted in text:
                    found[wanted].append(y)

        text = page.extract_text(visitor_text=visit)
        for wanted, ys in found.items():
            what = "marking" if wanted == LEVEL else "handling line"
            if not any(y > height * (1 - EDGE) for y in ys):
                raise UnmarkedPdf(f"Page {number} has no {what} at the top.")
            if not any(y < height * EDGE for y in ys):
                raise UnmarkedPdf(f"Page {number} has no {what} at the bottom.")
        if watermark and (WATERMARK_LEAD not in text
                          or _squeezed(watermark) not in _squeezed(text)):
            raise UnmarkedPdf(f"Page {number} does not name the recipient.")
    return len(pages)
