"""What a format reader hands on: paragraphs and grids of cells, with their places.

Readers of structured formats (.docx, HTML, PDF, Markdown) know things a
text export has lost: which words are one cell, which cells a merge covers,
which paragraph Word numbered ``一、``. They describe the document in these
few dataclasses and nothing else; ``render.py`` turns a ``Document`` into
the one token language every reader ends in, so nothing after the reader
knows which format a report came from.

Merged cells are described once, by their top-left cell and its spans, the
way HTML does (``rowspan``/``colspan``); the grid positions a merge covers
hold no cell of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Union

from ..model import Place

__all__ = ["Place", "Paragraph", "GridCell", "Grid", "Block", "Document", "Unreadable", "join_lines"]


@dataclass
class Paragraph:
    """One paragraph as printed.

    ``number`` is list numbering the format supplies outside the text (Word's
    ``w:numPr``: ``一、``); it is printed before ``text``. ``style`` is what
    the format says about the paragraph's role, when it says anything:
    ``title``, ``heading1``, ``heading2``, ``bold`` (a paragraph all in
    bold, which offices use as headings). It is a hint; the words decide.
    """

    text: str
    place: Place
    number: str = ""
    style: str = ""

    @property
    def printed(self) -> str:
        return self.number + self.text


@dataclass
class GridCell:
    """One cell of a table: the top-left corner of a merge, or a plain cell (0-based grid indexes)."""

    text: str  # the cell's paragraphs joined as printed (see ``join_lines``)
    row: int
    col: int
    place: Place
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    """A table whose cells the file gives. ``cells`` in reading order (row, then column)."""

    cells: list[GridCell]
    place: Place
    rows: int = 0
    cols: int = 0
    continued: int = 0  # PDF: how many page breaks the table was joined across

    def __post_init__(self) -> None:
        if self.cells and not self.rows:
            self.rows = max(c.row + c.rowspan for c in self.cells)
        if self.cells and not self.cols:
            self.cols = max(c.col + c.colspan for c in self.cells)

    def by_row(self) -> list[list[GridCell]]:
        out: list[list[GridCell]] = [[] for _ in range(self.rows)]
        for c in sorted(self.cells, key=lambda c: (c.row, c.col)):
            out[c.row].append(c)
        return out


Block = Union[Paragraph, Grid]


@dataclass
class Document:
    """A whole report as a structured reader saw it."""

    format: str  # docx, html, pdf, markdown
    blocks: list[Block] = field(default_factory=list)
    # Titles the file states outside the body (HTML <title>, <h1> of the page, meta): candidates only.
    title_hints: list[tuple[str, Place]] = field(default_factory=list)
    encoding: str = "utf-8"
    pages: int = 0
    evidence: str = ""  # how the reader found the article, for ``inspect``
    dropped: list[tuple[str, str, Place]] = field(default_factory=list)  # (kind, text, place): chrome the reader left out
    # HTML, Markdown: the decoded source, whose lines and columns the places name.
    original: Optional[str] = None


class Unreadable(Exception):
    """The file is of a format govlint knows but cannot be read; says why and what to do (en, zh)."""

    def __init__(self, reason_en: str, reason_zh: str) -> None:
        super().__init__(reason_en)
        self.reason_en = reason_en
        self.reason_zh = reason_zh


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def join_lines(lines: list[str]) -> str:
    """Join the lines of one cell or wrapped label as printed.

    Chinese wraps without a space (``本年新`` + ``制作数量``); Latin words and
    numbers keep one. Empty lines vanish.
    """
    out = ""
    for piece in (ln.strip() for ln in lines):
        if not piece:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(piece[0])):
            out += " "
        out += piece
    return out
