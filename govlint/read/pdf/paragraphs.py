"""Prose: printed lines into paragraphs in reading order, with the report's title and bold headings marked.

A paragraph ends where the next line is set apart: a wider gap, another
size or weight, a centred line, a line before it that ended short, or an
indent. What counts as short or indented is measured on the body text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Union

from ..document import Grid, Paragraph, Place, join_lines
from .model import Item, Line, Table


@dataclass
class Metrics:
    """How the body text is set, measured on the whole document: what the other lines are told apart from."""

    size: float  # body text size
    left: float  # where body lines start
    right: float  # where full body lines end
    gap: float  # usual space between two lines of one paragraph
    indent: float = 0.0  # the usual first-line indent


def metrics(lines: list[Line], width: float) -> Metrics:
    """The most common size, margins, line gap and indent of the body lines (a page's defaults with none)."""
    if not lines:
        return Metrics(12.0, 72.0, width - 72.0, 6.0)
    size = Counter(ln.size for ln in lines for _ in ln.text).most_common(1)[0][0]
    body = [ln for ln in lines if abs(ln.size - size) <= 0.6] or lines
    left = Counter(round(ln.x0) for ln in body).most_common(1)[0][0]
    right = Counter(round(ln.x1) for ln in body if ln.x1 > left + (width - 2 * left) * 0.6)
    rmost = right.most_common(1)[0][0] if right else max(round(ln.x1) for ln in body)
    gaps = Counter(
        round(b.top - a.bottom)
        for a, b in zip(body, body[1:])
        if a.page == b.page and 0 <= b.top - a.bottom <= 2 * size
    )
    gap = gaps.most_common(1)[0][0] if gaps else size * 0.5
    indents = Counter(round(ln.x0 - left) for ln in body if size * 0.5 < ln.x0 - left < size * 4.5)
    indent = indents.most_common(1)[0][0] if indents else 2 * size
    return Metrics(float(size), float(left), float(rmost), float(gap), float(indent))


def _centered(line: Line, m: Metrics) -> bool:
    lm, rm = line.x0 - m.left, m.right - line.x1
    if lm <= 2 or rm <= 2 or abs(lm - rm) >= max(0.3 * line.size, 2.5):
        return False
    # A paragraph's indented first line that happens to end as far from the margin is not centred.
    return abs(lm - m.indent) > 1.5 or abs(line.size - m.size) > 1


def _breaks(a: Line, b: Line, m: Metrics) -> bool:
    """Whether line b starts a new paragraph after line a."""
    size = max(a.size, b.size)
    if abs(a.size - b.size) > 1.0 or a.bold != b.bold:
        return True
    ca, cb = _centered(a, m), _centered(b, m)
    if b.page == a.page and b.top - a.bottom > m.gap + 0.6 * size:
        return True
    if ca and cb:
        return b.page != a.page  # a centered heading or title wrapped over lines
    if cb and abs(a.size - m.size) > 1 and a.x0 <= m.left + 0.5 * size and a.x1 >= m.right - 1.5 * size:
        return b.page != a.page  # a long title: a full first line, the rest centred under it
    if ca or cb:
        return True
    # The line before ended short: its paragraph ended there, unless what starts this line
    # (a long Latin word, an address) could not have fitted at its end.
    full = a.x1 >= m.right - 1.5 * size or a.x1 + b.lead > m.right - 0.25 * size
    if not full:
        return True
    if b.x0 > m.left + 0.6 * size:
        # Indented: a new paragraph's first line, unless the whole block is indented alike.
        return not (a.x0 > m.left + 0.6 * size and abs(a.x0 - b.x0) < 0.5 * size and b.page == a.page)
    return False


def paragraphs(items: list[Item], m: Metrics, tables: dict[int, Grid]) -> list[Union[Paragraph, Grid]]:
    """The blocks in reading order: runs of lines joined into paragraphs, each table as its ``Grid`` (by ``id``)."""
    out: list[Union[Paragraph, Grid]] = []
    run: list[Line] = []
    first = True

    def flush() -> None:
        nonlocal first
        if not run:
            return
        text = join_lines([ln.text for ln in run])
        style = "bold" if all(ln.bold for ln in run) else ""
        # The report's title: its first paragraph, large and centred.
        if first and run[0].page == 1 and run[0].size >= 1.15 * m.size and any(_centered(ln, m) for ln in run):
            style = "title"
        first = False
        out.append(Paragraph(text, Place(page=run[0].page), style=style))
        run.clear()

    for item in items:
        if isinstance(item, Table):
            flush()
            first = False
            out.append(tables[id(item)])
            continue
        if run and _breaks(run[-1], item, m):
            flush()
        run.append(item)
    flush()
    return out
