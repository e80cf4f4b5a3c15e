"""The blocks read so far, under the cell budget, and their order in the Document at the end.

Pipe tables are read before markdown-it's blocks, so blocks are collected
with their source line and put in file order only when all are read; tables
are numbered and heading levels turned into style hints then.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..document import Block, Grid, Paragraph, Place
from .limits import MAX_CELLS, too_many_cells
from .source import column


@dataclass
class Heading:
    para: Paragraph
    level: int


@dataclass
class Collector:
    lines: list[str]  # the file's lines, which the places name
    entries: list[tuple[int, int, Block]] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    dropped: list[tuple[str, str, Place]] = field(default_factory=list)
    tables: int = 0
    html_tables: int = 0
    parts: int = 0  # pipe tables of the file, before joining
    cells: int = 0

    def add(self, line: int, block: Block) -> None:
        self.entries.append((line, len(self.entries), block))

    def source(self, line: int, fallback: str) -> str:
        """The source line ``line`` (0-based); ``fallback`` where a parser counted past the file's end."""
        return self.lines[line] if line < len(self.lines) else fallback

    def add_line(self, line: int, text: str, fallback: str) -> None:
        """One source line's text as a paragraph of its own, placed where the text starts in that line."""
        src = self.source(line, fallback)
        self.add(line, Paragraph(text, Place(line=line + 1, col=column(src, text, 0))))

    def count_cells(self, n: int) -> None:
        self.cells += n
        if self.cells > MAX_CELLS:
            raise too_many_cells()

    def blocks(self) -> list[Block]:
        self.entries.sort(key=lambda e: (e[0], e[1]))
        self.style_headings()
        out = [b for _, _, b in self.entries]
        number_tables(out)
        return out

    def style_headings(self) -> None:
        """Heading levels as hints: a lone top heading first is the title, the next level sections, deeper sub-sections."""
        if not self.headings:
            return
        order = {id(b): k for k, (_, _, b) in enumerate(self.entries)}
        heads = sorted(self.headings, key=lambda h: order[id(h.para)])
        levels = sorted({h.level for h in heads})
        top = levels[0]
        if sum(1 for h in heads if h.level == top) == 1 and heads[0].level == top and (len(levels) > 1 or top == 1):
            heads[0].para.style = "title"
            heads = heads[1:]
            levels = levels[1:] or levels
        if not heads:
            return
        section = min(h.level for h in heads)
        for h in heads:
            h.para.style = "heading1" if h.level == section else "heading2"


def number_tables(blocks: list[Block]) -> None:
    """Tables are numbered as they come in the file (pipe tables were read before the rest)."""
    k = 0
    for block in blocks:
        if not isinstance(block, Grid):
            continue
        k += 1
        if block.place.table == k:
            continue
        block.place = replace(block.place, table=k)
        for cell in block.cells:
            cell.place = replace(cell.place, table=k)
