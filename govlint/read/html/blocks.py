"""Paragraphs and style hints: the article's units as ``Document`` blocks, tables numbered in order."""

from __future__ import annotations

from dataclasses import replace

from ..document import Block, Grid, GridCell, Paragraph, Place
from .cursor import Source
from .units import Line, Table, Unit


def _styles(units: list[Unit]) -> tuple[int, dict[int, str]]:
    """The heading level that is the title (0: none), and the style of every other heading level."""
    lines = [u for u in units if isinstance(u, Line)]
    levels = sorted({u.heading for u in lines if u.heading})
    first = units[0] if units else None
    title_level = 0
    # An <h1> that opens the article and is its only top heading is the title; the levels below are the headings.
    if isinstance(first, Line) and first.heading and first.heading == levels[0]:
        if sum(1 for u in lines if u.heading == first.heading) == 1:
            title_level = first.heading
    rest = [lv for lv in levels if lv != title_level]
    return title_level, {lv: ("heading1" if i == 0 else "heading2") for i, lv in enumerate(rest)}


def _grid(src: Source, u: Table, number: int) -> Grid:
    place = src.place(u.off, u.line_hint)
    cells = [
        GridCell(c.text, c.row, c.col, Place(line=c.line, col=c.column, table=number, row=c.row + 1, column=c.col + 1),
                 c.rowspan, c.colspan)
        for c in u.cells
    ]
    return Grid(cells, replace(place, table=number), rows=u.rows, cols=u.cols)


def blocks(src: Source, units: list[Unit]) -> list[Block]:
    """Paragraphs and grids, with the style hints the markup gives and tables numbered in order."""
    title_level, style_of = _styles(units)
    out: list[Block] = []
    table_no = 0
    for k, u in enumerate(units):
        if isinstance(u, Table):
            table_no += 1
            out.append(_grid(src, u, table_no))
            continue
        style = ""
        if k == 0 and (title_level or (u.centered and u.bold and len(u.text) <= 80)):
            style = "title"
        elif u.heading:
            style = style_of.get(u.heading, "heading2")
        elif u.bold:
            style = "bold"
        out.append(Paragraph(u.text, src.place(u.off, u.line_hint), style=style))
    return out
