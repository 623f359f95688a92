"""Bar charts drawn on the server as SVG, from the same rows as the table beside each.
The table is what a screen reader reads; the chart is hidden from it."""

from __future__ import annotations

from dataclasses import dataclass

from macehub.missing.figures import Table

ROW = 46  # pixels per bar: a table row's height, so each bar sits beside its row
TOP = 46  # the table's heading row
WIDTH = 100  # the longest bar's length, in per cent of the chart's bar area


@dataclass(frozen=True)
class Bar:
    label: str
    count: int | None  # None: suppressed, drawn as no bar
    y: int
    length: float  # per cent


@dataclass(frozen=True)
class Chart:
    title: str
    height: int
    bars: list[Bar]


def bars(table: Table) -> Chart:
    top = max((n for _, n in table.rows if n), default=0)
    return Chart(table.title, TOP + ROW * max(len(table.rows), 1), [
        Bar(label, n, TOP + i * ROW, round(WIDTH * (n or 0) / top, 1) if top else 0.0)
        for i, (label, n) in enumerate(table.rows)])
