"""A pipe table's rows as a Grid: one cell per column of the widest row, each placed at its column."""

from __future__ import annotations

import re
from typing import Optional

from ..document import Grid, GridCell, Place
from .collect import Collector
from .inline import cell_text
from .limits import MAX_COLUMNS, row_too_wide
from .pipe_lines import split_row


def pipe_table(c: Collector, row_lines: list[int], prefix: Optional[re.Pattern] = None) -> None:
    """Add the table whose rows are on ``row_lines`` (0-based); ``prefix`` matches what comes before a row (``> ``)."""
    c.tables += 1
    number = c.tables + c.html_tables
    rows: list[list[tuple[str, int]]] = []
    for ln in row_lines:
        raw = c.lines[ln]
        start = prefix.match(raw).end() if prefix else 0
        cells = split_row(raw, start)
        if len(cells) > MAX_COLUMNS:
            raise row_too_wide(ln + 1, len(cells))
        c.count_cells(len(cells))
        rows.append(cells)
    width = max(len(r) for r in rows) or 1
    c.count_cells(width * len(rows) - sum(len(r) for r in rows))
    out: list[GridCell] = []
    for r, (ln, cells) in enumerate(zip(row_lines, rows)):
        for col in range(width):
            if col < len(cells):
                raw, at = cells[col]
                text, place = cell_text(raw), Place(line=ln + 1, col=at + 1, table=number, row=r + 1, column=col + 1)
            else:  # the row is shorter than the table: an empty cell after its last pipe
                text, place = "", Place(line=ln + 1, table=number, row=r + 1, column=col + 1)
            out.append(GridCell(text, r, col, place))
    first = out[0].place
    c.add(row_lines[0], Grid(out, Place(line=first.line, col=first.col, table=number), len(rows), width))
