"""The columns a person sees: a table's grid columns with slivers and unused columns merged away."""

from __future__ import annotations

from bisect import bisect_left
from typing import Optional

from .model import Table

SLIVER = 30  # twips (half a millimetre): grid columns narrower than this are no column a person sees


def collapse(table: Table, widths: list[Optional[int]]) -> Table:
    """The columns a person sees: sliver grid columns merged away, columns no cell starts in dropped.

    Word and LibreOffice leave sliver columns in ``w:tblGrid`` where the
    borders of different rows almost line up (LibreOffice rounding puts a
    1-twip column between 行政复议 and 行政诉讼, and 总计 spans it); and
    gridBefore/gridAfter leave columns nothing starts in. Kept, either would
    shift the later cells of some rows by one column.
    """
    table = _merge_slivers(table, widths)
    starts = sorted({c.col for c in table.cells})
    if len(starts) == table.cols:
        return table
    new = {old: i for i, old in enumerate(starts)}
    for c in table.cells:
        first = new[c.col]
        c.colspan = bisect_left(starts, c.col + c.colspan) - first
        c.col = first
    return Table(table.cells, table.rows, len(starts))


def _merge_slivers(table: Table, widths: list[Optional[int]]) -> Table:
    """Grid columns under ``SLIVER`` wide joined to a neighbour, unless that would leave a cell no column."""
    if not (widths and len(widths) >= table.cols and all(w is not None and w >= 0 for w in widths[: table.cols])):
        return table
    x, logical, mapping = 0, 0, [0]
    last = 0
    for w in widths[: table.cols]:
        x += w
        if x - last >= SLIVER:
            logical += 1
            last = x
        mapping.append(logical)
    if not all(mapping[c.col + c.colspan] > mapping[c.col] for c in table.cells):
        return table
    for c in table.cells:
        c.col, c.colspan = mapping[c.col], mapping[c.col + c.colspan] - mapping[c.col]
    return Table(table.cells, table.rows, mapping[table.cols])
