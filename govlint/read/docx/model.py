"""What the stages hand each other: a paragraph as printed, and a table's cells before they become a Grid.

These are the reader's own working forms; only the body walk turns them
into ``document.Paragraph`` and ``document.Grid``, because only it knows the
places (which paragraph of the body, which table) and which tables are
frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from ..document import join_lines


@dataclass
class Para:
    text: str
    number: str = ""
    style: str = ""
    boxes: list = field(default_factory=list)  # w:txbxContent anchored here
    mark_deleted: bool = False

    @property
    def printed(self) -> str:
        return self.number + self.text


@dataclass
class Cell:
    row: int
    col: int
    colspan: int
    items: list[Union[Para, Table]]  # in document order
    rowspan: int = 1

    def text(self) -> str:
        lines: list[str] = []
        for it in self.items:
            if isinstance(it, Para):
                lines.extend(it.printed.split("\n"))
        return join_lines(lines)


@dataclass
class Table:
    cells: list[Cell]
    rows: int
    cols: int
