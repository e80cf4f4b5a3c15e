"""The records the PDF reader's stages hand each other: characters, lines, rulings, cells, tables, pages.

Coordinates are pdfplumber's: points, x from the left edge, y (``top``,
``bottom``) down from the top of the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union


@dataclass
class Span:
    """Printed text with its box, size and weight: one character, or one line of them."""

    # Slots by hand (dataclass(slots=True) needs Python 3.10): a page has thousands of characters.
    __slots__ = ("text", "x0", "x1", "top", "bottom", "size", "bold")
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class Char(Span):
    """One character of the text layer (spaces are not kept: spacing comes from the positions)."""

    __slots__ = ()

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line(Span):
    """A printed line of prose (chars on one baseline, outside the tables)."""

    __slots__ = ("page", "lead")
    page: int
    lead: float  # width of its first unbreakable piece (a Latin word, or a character and its closing marks)


@dataclass
class Seg:
    """An axis-aligned ruling: ``pos`` is y for a horizontal one, x for a vertical one; it runs from a to b."""

    horizontal: bool
    pos: float
    a: float
    b: float


@dataclass
class Cell:
    """One cell of a ruled table (a merge is one cell with its spans); 0-based grid indexes."""

    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str = ""
    page: int = 0
    top_open: bool = False  # no ruling above it (it continues a cell of the page before)
    bottom_open: bool = False  # no ruling below it (it continues on the next page)
    text_top: float = 0.0  # where its words are, for telling where a merge's text was centred
    text_bottom: float = 0.0
    text_size: float = 0.0


@dataclass
class Table:
    """A ruled table as found on one page (a fragment, before joining across page breaks)."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    xs: list[float]
    ys: list[float]
    rows: int
    cells: list[Cell]
    continued: int = 0
    pages: list[int] = field(default_factory=list)


@dataclass
class Page:
    """What the later stages need of one page: its characters and rulings, nothing of the library."""

    number: int
    width: float
    height: float
    chars: list[Char]
    segments: Optional[list[Seg]]  # None: too many to read tables from
    images: int


Item = Union[Line, Table]
