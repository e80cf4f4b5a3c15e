"""The whole document from its pages: each page's tables and lines, furniture out, tables joined, prose into paragraphs.

Also where a file with no usable text layer (a scan, fonts without a Unicode
map) is refused, and where ``Document.evidence`` says what was found.
"""

from __future__ import annotations

from ..document import Document, Grid, GridCell, Place, Unreadable
from .advice import NO_UNICODE, SCAN
from .cells import fill
from .furniture import drop_furniture
from .grid import tables
from .joining import join_tables
from .limits import Limits
from .lines import group_lines, make_line
from .model import Item, Line, Page, Table
from .paragraphs import metrics, paragraphs


def describe(pages: list[Page], limits: Limits) -> Document:
    """The ``Document`` the pages print; ``Unreadable`` when they hold no text to read."""
    text_chars = sum(len(p.chars) for p in pages)
    blank = [p.number for p in pages if len(p.chars) < 10]
    if text_chars < 20 or (len(blank) * 2 > len(pages) and any(pages[n - 1].images for n in blank)):
        raise Unreadable(*SCAN)
    cid = sum(1 for p in pages for c in p.chars if c.text.startswith("(cid:"))
    if cid * 3 > text_chars:
        raise Unreadable(*NO_UNICODE)

    items: dict[int, list[Item]] = {}
    for p in pages:
        chars = p.chars
        found = tables(p, limits.grid_positions)
        for t in found:
            chars = fill(t, chars)
        lines = [make_line(ln, p.number) for ln in group_lines(chars)]
        page_items: list[Item] = [*lines, *found]
        page_items.sort(key=lambda it: it.top)
        items[p.number] = page_items
    dropped: list[tuple[str, str, Place]] = []
    drop_furniture(pages, items, dropped)

    sequence = join_tables([it for p in pages for it in items[p.number]], {p.number: p.height for p in pages})
    body = metrics([it for it in sequence if isinstance(it, Line)], pages[0].width)
    grids: dict[int, Grid] = {}
    number = 0
    for it in sequence:
        if isinstance(it, Table):
            number += 1
            grids[id(it)] = _grid(it, number)
    blocks = paragraphs(sequence, body, grids)
    return Document(format="pdf", blocks=blocks, pages=len(pages), evidence=_evidence(pages, grids, dropped, blank), dropped=dropped)


def _evidence(pages: list[Page], grids: dict[int, Grid], dropped: list[tuple[str, str, Place]], blank: list[int]) -> str:
    """What was found, for ``inspect``: pages, tables and joins, furniture dropped, pages not fully read."""
    joined = sum(1 for g in grids.values() if g.continued)
    evidence = f"{len(pages)} page{'s' if len(pages) != 1 else ''}, {len(grids)} ruled table{'s' if len(grids) != 1 else ''}"
    if joined:
        evidence += f" ({joined} joined across a page break)"
    numbers = sum(1 for kind, _, _ in dropped if kind == "page-number")
    if numbers:
        evidence += f", {numbers} page number{'s' if numbers != 1 else ''} dropped"
    running = len(dropped) - numbers
    if running:
        evidence += f", {running} running header/footer line{'s' if running != 1 else ''} dropped"
    if blank:
        evidence += f"; no text on page{'s' if len(blank) > 1 else ''} {', '.join(map(str, blank))}"
    skipped = [p.number for p in pages if p.segments is None]
    if skipped:
        evidence += f"; too many drawn lines to read tables on page{'s' if len(skipped) > 1 else ''} {', '.join(map(str, skipped))}"
    return evidence


def _grid(t: Table, number: int) -> Grid:
    """A joined table as the ``Grid`` the rest of govlint reads (1-based places, 0-based indexes)."""
    cells = [
        GridCell(
            c.text, c.row, c.col, Place(page=c.page, table=number, row=c.row + 1, column=c.col + 1), rowspan=c.rowspan, colspan=c.colspan
        )
        for c in sorted(t.cells, key=lambda c: (c.row, c.col))
    ]
    return Grid(cells, Place(page=t.page, table=number), rows=t.rows, cols=len(t.xs) - 1, continued=t.continued)
