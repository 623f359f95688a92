"""Moving through a page with the keyboard alone, as a person who uses no mouse does:
Tab to a control, then type, Space to tick or choose, arrows to move in a radio group or a
select, Enter to follow a link or press a button."""

from __future__ import annotations

from typing import Any

# Tab stops before giving up: more than any page here has.
LIMIT = 150
_FOCUSED = """() => { const e = document.activeElement; return {
  id: e.id || '', name: e.getAttribute('name') || '', value: e.value || '',
  tag: e.tagName.toLowerCase(), text: (e.innerText || e.value || '').trim() }; }"""


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(_FOCUSED)  # type: ignore[no-any-return]


def tab_to(page: Any, **want: str) -> dict[str, str]:
    """Press Tab until the focused control matches every field of `want` (its id, name,
    value, tag, or visible `text` contained); fails when it never does."""
    for _ in range(LIMIT):
        page.keyboard.press("Tab")
        now = focused(page)
        if all((value in now["text"]) if key == "text" else now[key] == value
               for key, value in want.items()):
            return now
    raise AssertionError(f"Tab never reached {want} on {page.url}")


def type_into(page: Any, field_id: str, text: str) -> None:
    tab_to(page, id=field_id)
    page.keyboard.type(text)


def choose(page: Any, name: str, value: str) -> None:
    """Tab into a radio group, then move with the arrow key to `value` (moving checks it)."""
    now = tab_to(page, name=name)
    for _ in range(LIMIT):
        if now["value"] == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
        now = focused(page)
    raise AssertionError(f"no {name}={value} on {page.url}")


def tick(page: Any, name: str, value: str | None = None) -> None:
    tab_to(page, name=name, **({"value": value} if value is not None else {}))
    page.keyboard.press("Space")


def select(page: Any, field_id: str, value: str) -> None:
    """Focus a select and move through its options with the arrow key until `value`."""
    now = tab_to(page, id=field_id)
    for _ in range(LIMIT):
        if now["value"] == value:
            return
        page.keyboard.press("ArrowDown")
        now = focused(page)
    raise AssertionError(f"no option {value} in {field_id} on {page.url}")


def press(page: Any, text: str, key: str = "Enter") -> None:
    """Tab to the link or button whose text contains `text` and press it; waits for the
    page it opens."""
    tab_to(page, text=text)
    with page.expect_navigation():
        page.keyboard.press(key)
