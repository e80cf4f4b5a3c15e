"""The page as the walk sees it: lines of text and tables of cells, each with where it is in the source and tree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union


@dataclass
class Line:
    text: str
    off: Optional[int]
    pre: int  # the innermost open element when the line ended
    line_hint: int  # its source line, when the offset is unknown
    bold: bool = False
    heading: int = 0
    centered: bool = False
    link: float = 0.0  # share of the text inside links
    prose: int = -1  # Chinese characters of report prose (see article.prose), once computed


@dataclass
class Cell:
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    line: Optional[int]
    column: Optional[int]  # of the source line


@dataclass
class Table:
    cells: list[Cell]
    off: Optional[int]
    pre: int
    line_hint: int
    stat: bool
    rows: int
    cols: int


Unit = Union[Line, Table]
