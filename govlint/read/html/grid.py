"""Tables: which tables are grids of figures, and where each cell sits, ``rowspan``/``colspan`` placed as a browser does."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..document import join_lines
from .cursor import Source
from .limits import MAX_GRID_AREA, MAX_SPAN, too_much_area
from .units import Cell, Table

# Words of the template's statistics tables: a grid with two of them is one.
_STAT_WORDS = ("信息内容", "本年", "申请", "行政复议", "行政诉讼", "自然人", "总计", "第二十条", "予以公开",
               "处理决定", "收费", "结转", "法人")
_DIGITS = re.compile(r"\+?(\d{1,9})")


@dataclass
class RawCell:
    off: Optional[int]  # the <td> start tag
    line_hint: int
    rowspan: int
    colspan: int
    lines: list[str] = field(default_factory=list)
    text_off: Optional[int] = None


@dataclass
class OpenTable:
    """A grid the walk is inside: its rows of cells so far."""

    pre: int
    off: Optional[int]
    line_hint: int
    rows: list[list[RawCell]] = field(default_factory=list)
    cell: Optional[RawCell] = None


# (cell, row, column, rowspan, colspan)
Placed = tuple[RawCell, int, int, int, int]


def span(value: Optional[str]) -> int:
    """A rowspan/colspan attribute as a browser reads it (leading digits; 0 kept: "to the end")."""
    m = _DIGITS.match((value or "").strip())
    if not m:
        return 1
    return min(int(m.group(1)), MAX_SPAN)


def _text_len(el: object) -> int:
    return sum(len(t.strip()) for t in el.itertext())  # type: ignore[attr-defined]


def is_grid(el) -> bool:  # noqa: ANN001 - lxml element
    """A table of short cells (a grid of figures), not a layout table to descend into as blocks."""
    if el.find(".//table") is not None:
        return False  # tables inside: the page is laid out with this one
    cells = [c for r in el.iter("tr") for c in r if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
    if len(cells) < 2:
        return False  # a one-cell box around text is a frame, not a table of figures
    long = sum(1 for c in cells if _text_len(c) > 200)
    # Cells holding prose make a layout; one long note row under a table of figures does not.
    return not (long and (len(cells) <= 6 or long * 4 > len(cells)))


def place(rows: list[list[RawCell]], area_before: int = 0) -> tuple[list[Placed], int]:
    """Grid positions the HTML way: each cell takes the next column no earlier rowspan covers.

    ``area_before`` is what the page's earlier tables spanned; the new total is returned with the cells,
    and a total beyond ``MAX_GRID_AREA`` is ``Unreadable``.
    """
    n = len(rows)
    spans = 0
    area = 0
    for r, row in enumerate(rows):
        for cell in row:
            if cell.rowspan == 0 or cell.rowspan > n - r:
                cell.rowspan = n - r  # 0 means "to the end"; beyond the table is clipped
            spans += cell.colspan
            area += cell.rowspan * cell.colspan
    total = area_before + area
    if total > MAX_GRID_AREA or spans > MAX_GRID_AREA:
        raise too_much_area()
    down: list[int] = []  # per column: the first row no earlier cell covers
    out: list[Placed] = []
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while col < len(down) and down[col] > r:
                col += 1
            end = col + cell.colspan
            if end > len(down):
                down.extend([0] * (end - len(down)))
            for c in range(col, end):
                down[c] = r + cell.rowspan
            out.append((cell, r, col, cell.rowspan, cell.colspan))
            col = end
    return _trim_ghost_rows(out, n), total


def _trim_ghost_rows(placed: list[Placed], n: int) -> list[Placed]:
    """Drop empty rows at the ends (Word's zero-height row that fixes column widths), renumbering rows."""

    def ghost(r: int) -> bool:
        mine = [p for p in placed if p[1] == r]
        if any(p[0].lines or p[3] > 1 for p in mine):
            return False
        return not any(p[1] < r < p[1] + p[3] for p in placed)

    last = n - 1
    while last >= 0 and ghost(last):
        last -= 1
    first = 0
    while first <= last and ghost(first):
        first += 1
    if last < first:
        return []
    out = []
    for cell, r, c, rs, cs in placed:
        if first <= r <= last:
            out.append((cell, r - first, c, min(rs, last + 1 - r), cs))
    return out


def table_of(t: OpenTable, placed: list[Placed], src: Source) -> Table:
    """The finished grid: each cell's text joined as printed and placed where its text starts."""
    cells: list[Cell] = []
    for raw, r, c, rs, cs in placed:
        off = raw.text_off if raw.text_off is not None else raw.off
        line, col = src.line_col(off) if off is not None else (raw.line_hint or None, None)
        cells.append(Cell(join_lines(raw.lines), r, c, rs, cs, line, col))
    n_rows = max(c.row + c.rowspan for c in cells)
    n_cols = max(c.col + c.colspan for c in cells)
    words = {w for c in cells for w in _STAT_WORDS if w in c.text}
    stat = len(words) >= 2 and n_rows >= 2
    return Table(cells, t.off, t.pre, t.line_hint, stat, n_rows, n_cols)
