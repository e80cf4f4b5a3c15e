"""The text of a ruled table's cells: each character inside the table goes to the cell it is printed in."""

from __future__ import annotations

import bisect

from ..document import join_lines
from .lines import group_lines, line_text
from .model import Cell, Char, Table


def fill(table: Table, chars: list[Char]) -> list[Char]:
    """Put each character inside the table into its cell; return the characters outside."""
    owner: dict[tuple[int, int], Cell] = {}
    for c in table.cells:
        for i in range(c.row, c.row + c.rowspan):
            for j in range(c.col, c.col + c.colspan):
                owner[(i, j)] = c
    outside: list[Char] = []
    inside: dict[int, list[Char]] = {}
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, ch.mid
        if not (table.x0 <= cx <= table.x1 and table.top <= cy <= table.bottom):
            outside.append(ch)
            continue
        j = max(0, min(len(table.xs) - 2, bisect.bisect_right(table.xs, cx) - 1))
        i = max(0, min(table.rows - 1, bisect.bisect_right(table.ys, cy) - 1))
        cell = owner.get((i, j))
        if cell is None:  # pragma: no cover - every grid position has an owner
            outside.append(ch)
            continue
        inside.setdefault(id(cell), []).append(ch)
    for c in table.cells:
        mine = inside.get(id(c), [])
        c.text = join_lines([line_text(line, cell=True) for line in group_lines(mine)])
        if mine:
            c.text_top = min(ch.top for ch in mine)
            c.text_bottom = max(ch.bottom for ch in mine)
            c.text_size = max(ch.size for ch in mine)
    return outside
