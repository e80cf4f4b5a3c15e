"""Tables: a ``w:tbl`` read into cells on its grid, with merges resolved and the columns a person sees.

- ``w:gridSpan`` widens a cell; ``w:vMerge="continue"`` extends the cell
  above (its own text never prints); the legacy ``w:hMerge`` widens the cell
  on its left. ``w:gridBefore``/``w:gridAfter`` leave columns empty.
- Deleted rows (``w:trPr/w:del``) and cells (``w:cellDel``) of tracked
  changes do not print and are left out.
- A cell holds paragraphs and tables in document order; a text box anchored
  in a cell paragraph belongs to the cell, its words right after that
  paragraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional, Union

from .columns import collapse
from .containers import Unwrapper
from .limits import MAX_CELLS, MAX_NESTING, MAX_WIDTH
from .model import Cell, Para, Table
from .ooxml import int_attr
from .paragraph import ParagraphReader
from .reasons import too_big

if TYPE_CHECKING:
    from ..document import Unreadable
    from .ooxml import Element


def _too_wide() -> Unreadable:
    return too_big(f"a table wider than {MAX_WIDTH} columns", f"表格超过 {MAX_WIDTH} 列")


class TableReader:
    """Reads tables (and the paragraphs of any container) in document order."""

    def __init__(self, unwrap: Unwrapper, paragraphs: ParagraphReader) -> None:
        self.T = unwrap.T
        self.unwrap = unwrap
        self.paragraphs = paragraphs
        self.cells_seen = 0  # w:tc elements read, against MAX_CELLS
        self.removed = 0  # deleted rows of tracked changes

    def contents(self, container: Element, depth: int) -> Iterator[Union[Para, Table]]:
        """The paragraphs and tables of a container, read one by one as the caller takes them.

        ``depth`` is the nesting of the tables found here, against ``MAX_NESTING``. Text boxes are
        the caller's: the paragraphs carry them.
        """
        T = self.T
        for el in self.unwrap.children(container, T.blocks):
            if el.tag == T.p:
                yield self.paragraphs.read(el)
            else:
                yield self.read(el, depth)

    def read(self, tbl: Element, depth: int) -> Table:
        T = self.T
        if depth > MAX_NESTING:
            raise too_big(f"tables nested more than {MAX_NESTING} deep", f"表格嵌套超过 {MAX_NESTING} 层")
        cells: list[Cell] = []
        above: dict[int, Cell] = {}  # the cell open at each start column in the row above (for vMerge)
        width = 0
        r = -1
        for tr in self.unwrap.children(tbl, {T.tr}):
            trpr = tr.find(T.trPr)
            if trpr is not None and trpr.find(T.del_) is not None:  # a deleted row does not print
                self.removed += 1
                continue
            r += 1
            col = max(0, int_attr(trpr.find(T.gridBefore), T.val, 0) or 0) if trpr is not None else 0
            after = max(0, int_attr(trpr.find(T.gridAfter), T.val, 0) or 0) if trpr is not None else 0
            row_cells, above, col = self._row(tr, r, col, above, depth)
            cells.extend(row_cells)
            if col + after > MAX_WIDTH:
                raise _too_wide()
            width = max(width, col + after)
        widths = []
        grid_el = tbl.find(T.tblGrid)
        if grid_el is not None:
            widths = [int_attr(gc, T.w) for gc in grid_el.iterchildren(T.gridCol)]
        return collapse(Table(cells, r + 1, width), widths)

    def _row(self, tr: Element, r: int, col: int, above: dict[int, Cell],
             depth: int) -> tuple[list[Cell], dict[int, Cell], int]:
        """The cells row ``r`` starts, the cell open at each start column, and the column after the last."""
        T = self.T
        row_cells: list[Cell] = []
        here: dict[int, Cell] = {}
        for tc in self.unwrap.children(tr, {T.tc}):
            self.cells_seen += 1
            if self.cells_seen > MAX_CELLS:
                raise too_big(f"more than {MAX_CELLS} table cells", f"表格单元格超过 {MAX_CELLS} 个")
            span, vmerge, hmerge, deleted = self._cell_props(tc)
            if deleted:
                continue
            if col + span > MAX_WIDTH:
                raise _too_wide()
            if hmerge == "continue" and row_cells and row_cells[-1].col + row_cells[-1].colspan == col:
                row_cells[-1].colspan += span  # legacy horizontal merge: widens the cell on its left
                col += span
                continue
            owner = above.get(col) if vmerge == "continue" else None
            if owner is not None and owner.colspan == span:
                owner.rowspan = r - owner.row + 1  # covered by the cell above; its own text never prints
                here[col] = owner
            else:
                cell = Cell(r, col, span, self._cell_items(tc, depth + 1))
                row_cells.append(cell)
                here[col] = cell
            col += span
        return row_cells, here, col

    def _cell_props(self, tc: Element) -> tuple[int, Optional[str], Optional[str], bool]:
        """(gridSpan, vMerge, hMerge, deleted) of a cell's ``w:tcPr``."""
        T = self.T
        span, vmerge, hmerge, deleted = 1, None, None, False
        if len(tc) and tc[0].tag == T.tcPr:
            for prop in tc[0]:
                tag = prop.tag
                if tag == T.gridSpan:
                    span = max(1, int_attr(prop, T.val, 1) or 1)
                elif tag == T.vMerge:
                    vmerge = prop.get(T.val) or "continue"
                elif tag == T.hMerge:
                    hmerge = prop.get(T.val) or "continue"
                elif tag == T.cellDel:
                    deleted = True
        return span, vmerge, hmerge, deleted

    def _cell_items(self, container: Element, depth: int) -> list[Union[Para, Table]]:
        items: list[Union[Para, Table]] = []
        for item in self.contents(container, depth):
            items.append(item)
            if isinstance(item, Para):
                for box in item.boxes:  # a text box inside a cell: its words belong to the cell
                    items.extend(self._cell_items(box, depth))
        return items
