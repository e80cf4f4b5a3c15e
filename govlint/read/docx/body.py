"""The body walk: paragraphs and tables of a container in reading order, emitted as Paragraphs and Grids.

- Text boxes (``w:txbxContent``) are read as paragraphs right after the
  paragraph that anchors them: in reports they hold real words (a caption,
  a note), never layout.
- A one-column table holding prose is an office's frame around the body: its
  paragraphs are body paragraphs and the tables inside it are top-level
  tables. A table nested in a cell of a data table becomes its own Grid
  right after the outer one, placed at the outer cell.
- A paragraph whose mark was deleted (tracked changes) runs on into the next.
- Places: ``paragraph`` counts the body paragraphs that print something (as
  a reader counts them; empty paragraphs do not move the count, so a file
  saved again by another program keeps its places); paragraphs of frames
  and text boxes are body paragraphs, those of data tables are not; ``table``
  counts the tables emitted as Grids, ``row``/``column`` are grid positions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..document import Block, Grid, GridCell, Paragraph, Place
from .containers import Unwrapper
from .model import Para, Table
from .numbering import Numbering
from .ooxml import Tags
from .paragraph import ParagraphReader
from .styles import Styles
from .tables import TableReader

if TYPE_CHECKING:
    from .ooxml import Element

# A one-column table is a frame when one of its paragraphs is this long, or all of them together are.
_FRAME_PARAGRAPH = 50
_FRAME_TEXT = 150


def is_frame(table: Table) -> bool:
    """A one-column table around prose: an office's frame around the body, not a table of data."""
    if table.cols != 1:
        return False
    total = 0
    for cell in table.cells:
        for it in cell.items:
            if isinstance(it, Table):
                return True
            n = len(it.printed)
            if n >= _FRAME_PARAGRAPH:
                return True
            total += n
    return total >= _FRAME_TEXT


class Walker:
    """Walks one part (the body, a header, a note) and collects its blocks and what it met on the way."""

    def __init__(self, T: Tags, styles: Styles, numbering: Optional[Numbering]) -> None:
        self.T = T
        self.unwrap = Unwrapper(T)
        self.para_reader = ParagraphReader(T, styles, numbering)
        self.table_reader = TableReader(self.unwrap, self.para_reader)
        self.blocks: list[Block] = []
        self.paragraphs = 0  # emitted body paragraphs (Place.paragraph)
        self.tables = 0  # emitted grids (Place.table)
        self.frames = 0
        self._pending: Optional[Para] = None

    @property
    def boxes(self) -> int:
        return self.para_reader.boxes

    @property
    def removed(self) -> int:
        """Tracked deletions and moves left out: in paragraphs and whole table rows."""
        return self.para_reader.removed + self.table_reader.removed

    @property
    def alt_chunks(self) -> int:
        return self.unwrap.alt_chunks

    def emit_blocks(self, container: Element, depth: int = 0) -> None:
        """Paragraphs and tables of a body, frame cell, text box, header or note, as blocks."""
        for item in self.table_reader.contents(container, depth):
            if isinstance(item, Para):
                self._emit_para(item)
                for box in item.boxes:
                    self.emit_blocks(box, depth + 1)
            else:
                self._flush_pending()
                self._emit_table(item)
        self._flush_pending()

    def _emit_para(self, para: Para) -> None:
        if self._pending is not None:  # the previous paragraph's mark was deleted: it runs on into this one
            para.text = (self._pending.text + para.text).strip()
            self._pending = None
        if para.mark_deleted:
            self._pending = para
            return
        if not para.printed:
            return
        self.paragraphs += 1
        self.blocks.append(Paragraph(para.text, Place(paragraph=self.paragraphs), para.number, para.style))

    def _flush_pending(self) -> None:
        if self._pending is not None:
            para, self._pending = self._pending, None
            para.mark_deleted = False
            self._emit_para(para)

    def _emit_table(self, table: Table) -> None:
        if not table.cells:
            return
        if is_frame(table):
            self.frames += 1
            for cell in table.cells:
                for it in cell.items:
                    if isinstance(it, Para):
                        self._emit_para(it)
                    else:
                        self._flush_pending()
                        self._emit_table(it)
            self._flush_pending()
            return
        self.tables += 1
        self._emit_grid(table, self.tables, None)

    def _emit_grid(self, table: Table, number: int, at: Optional[Place]) -> None:
        """A grid; a table nested in a cell follows its outer table, placed at that outer cell."""
        cells = []
        nested: list[tuple[Table, Place]] = []
        for c in table.cells:
            place = at or Place(table=number, row=c.row + 1, column=c.col + 1)
            cells.append(GridCell(c.text(), c.row, c.col, place, c.rowspan, c.colspan))
            nested.extend((it, place) for it in c.items if isinstance(it, Table) and it.cells)
        self.blocks.append(Grid(cells, at or Place(table=number), rows=table.rows, cols=table.cols))
        for inner, place in nested:
            self._emit_grid(inner, number, place)
