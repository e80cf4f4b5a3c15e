"""Tables across page breaks: a fragment at the top of a page continues the table ending the page before.

Fragments are joined when their column rulings match; a label cell left open
at the page bottom (``三、本年度办理结果``) runs on into the continuation rows
below it, and a row the break cut in two is one row again.
"""

from __future__ import annotations

import re

from ..document import join_lines
from .grid import SNAP, cluster
from .model import Cell, Item, Table

_NUMBER = re.compile(r"^[-+]?[\d,，.．]+%?$")


def join_tables(items: list[Item], heights: dict[int, float]) -> list[Item]:
    """One table per table: a fragment at the top of a page continues the one ending the page before.

    ``items`` are in reading order with the page furniture gone, so two
    fragments side by side in it have nothing between them but the break.
    """
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            isinstance(item, Table)
            and isinstance(prev, Table)
            and item.page == prev.pages[-1] + 1
            and prev.bottom > heights[prev.pages[-1]] * 0.5
            and item.top < heights[item.page] * 0.5
            and _same_columns(prev, item)
        ):
            _append(prev, item)
            continue
        out.append(item)
    return out


def _same_columns(a: Table, b: Table) -> bool:
    """Whether b's column rulings are a's (within tolerance): the same table printed on."""
    if abs(a.x0 - b.x0) > SNAP or abs(a.x1 - b.x1) > SNAP:
        return False
    last = _last_row_xs(a)
    return all(any(abs(x - y) <= SNAP for y in a.xs) for x in b.xs) or all(
        any(abs(x - y) <= SNAP for y in b.xs) for x in last
    )


def _last_row_xs(t: Table) -> list[float]:
    return sorted({c.x0 for c in t.cells if c.row + c.rowspan == t.rows} | {t.x1})


def _append(a: Table, b: Table) -> None:
    """Join fragment b below a: one column grid for both, and a's open label cells run on into b."""
    xs = cluster(a.xs + b.xs)

    def col(x: float) -> int:
        return min(range(len(xs)), key=lambda k: abs(xs[k] - x))

    for t in (a, b):
        for c in t.cells:
            c.col, c.colspan = col(c.x0), max(1, col(c.x1) - col(c.x0))
    a.xs = xs
    last = {(c.col, c.colspan): c for c in a.cells if c.row + c.rowspan == a.rows}
    first = [c for c in b.cells if c.row == 0]
    # A ruling missing at the break for some columns only is evidence; missing everywhere
    # or nowhere is just how that printer ends a page.
    bottom_selective = len({c.bottom_open for c in last.values()}) == 2
    top_selective = len({c.top_open for c in first}) == 2
    split = _split_row(last, first)
    shift = 1 if split else 0  # a row split by the break is one row of the grid
    for c in b.cells:
        c.row += a.rows - shift
    merged: set[int] = set()
    for c in first:
        above = last.get((c.col, c.colspan))
        if above is None:
            continue
        if split or _continues(above, c, bottom_selective, top_selective, list(last.values())):
            above.rowspan += c.rowspan - shift
            above.text = join_lines([above.text, c.text])
            above.bottom_open = c.bottom_open
            merged.add(id(c))
    a.rows -= shift
    a.cells.extend(c for c in b.cells if id(c) not in merged)
    a.rows += b.rows
    a.bottom = b.bottom
    a.pages.append(b.page)
    a.continued += 1
    a.cells.sort(key=lambda c: (c.row, c.col))


def _split_row(last: dict[tuple[int, int], Cell], first: list[Cell]) -> bool:
    """Whether the break cut one row in two (Word and LibreOffice let a row break across pages).

    The two parts have the same cells; each number is printed whole in one
    part with nothing under or over it; and the labels cut in two run to the
    bottom of the part above and start at the top of the part below. Any pair
    of numbers, or a number under a label, is two rows.
    """
    if not first or len(first) != len(last) or any((c.col, c.colspan) not in last for c in first):
        return False
    if all(c.top_open for c in first) and all(c.bottom_open for c in last.values()):
        return True  # no ruling across the break at all
    cut = 0
    for c in first:
        above = last[(c.col, c.colspan)]
        if not c.text or not above.text:
            continue
        if _NUMBER.match(c.text) or _NUMBER.match(above.text):
            return False
        reach = max(above.text_size, c.text_size, 6.0)
        if above.bottom - above.text_bottom > reach or c.text_top - c.top > reach:
            return False
        cut += 1
    return cut > 0


def _continues(above: Cell, below: Cell, bottom_selective: bool, top_selective: bool, row: list[Cell]) -> bool:
    """Whether the cell at the top of the new page is the rest of the cell at the bottom of the old one.

    The evidence, strongest first: the ruling between them is left out at the
    break while the other columns have theirs (a merge running on). When the
    printer closes every cell at a page break (WPS does) or closes none, the
    geometry does not tell; then the words do. A label above (words, not a
    number) with nothing below it is one merged label: a row of its own would
    have had its own label. A label whose words sit low in its cell, lower than
    the words of the cells beside it, was centred in a taller merge that the
    page break cut (``（四）无`` above, ``法提供`` below). A blank under a
    number is a blank cell: numbers are not merged down.
    """
    if (top_selective and below.top_open) or (bottom_selective and above.bottom_open):
        return True
    if top_selective or bottom_selective or not above.text or _NUMBER.match(above.text):
        return False
    if not below.text:
        return True
    if _NUMBER.match(below.text):
        return False
    # Two parts of one label centred in a merge the break cut: the words above sit low in
    # their cell, and those below sit at the very top of a cell much taller than they need.
    return _sits_low(above, row) and _offset(below) < -max(below.text_size, 1.0)


def _offset(c: Cell) -> float:
    """How far below the middle of its cell a cell's words sit (negative: above it)."""
    return (c.text_top - c.top) - (c.bottom - c.text_bottom)


def _sits_low(cell: Cell, row: list[Cell]) -> bool:
    """Lower in its cell than the labels beside it in the same row (numbers have other fonts)."""
    beside = sorted(
        _offset(o)
        for o in row
        if o is not cell and o.text and not _NUMBER.match(o.text) and abs(o.top - cell.top) < 1 and abs(o.bottom - cell.bottom) < 1
    )
    reference = beside[len(beside) // 2] if beside else 0.0
    return _offset(cell) - reference > 0.25 * max(cell.text_size, 1.0)
