"""A structured reader's ``Document`` -> the token language, with places in the original file.

The document is written out as govlint's reading of it (``Source.text``):
one line per paragraph, one line per table row with the cells separated by
`` | ``. That text is what ``inspect``, ``parse`` and snippets show; every
piece of it (a paragraph, a cell) is recorded in ``Source.origin`` with its
place in the original file, so findings point at the page, the paragraph or
the table cell a person can find.

Paragraphs are lexed like lines of a text file (the words decide what a
heading is). Table cells are lexed one by one, in table mode, and every
token of a cell carries the cell's grid position (``info["cell"]``): the
aligner then places values by the grid the file gave instead of searching
for a reading.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..model import Origin, Place, Source
from ..normalize import fold
from ..template import load_template
from .base import ReadResult
from .document import Document, Grid, GridCell, Paragraph
from .lexer import Lexer
from .tokens import Token


@lru_cache(maxsize=1)
def _lexer() -> Lexer:
    """One lexer per process, over the template shipped with govlint (both are immutable)."""
    return Lexer(load_template())


def _flat(s: str) -> str:
    """A piece of the reading stays on one line of it."""
    return " ".join(s.replace("\r", "\n").split("\n")).replace("\t", " ")


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.origin = Origin()

    def put(self, s: str, place: Optional[Place] = None) -> tuple[int, int]:
        a = self.pos
        self.parts.append(s)
        self.pos += len(s)
        if place is not None:
            self.origin.add(a, self.pos, place)
        return a, self.pos

    def text(self) -> str:
        return "".join(self.parts)


def render(path: str, data: bytes, doc: Document) -> ReadResult:
    """The reading, its tokens and its places, for any structured format."""
    w = _Writer()
    # (kind, block, spans): paragraphs have one span, grids one per cell.
    laid: list[tuple[str, object, list]] = []
    for text, place in doc.title_hints[:3]:
        # A title the page states outside the body (<title>, meta) is page metadata, as in crawled text.
        a, b = w.put("标题：" + _flat(text), place)
        w.put("\n")
        laid.append(("hint", None, [(a, b)]))
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            s = _flat(block.printed).strip()
            if not s:
                continue
            laid.append(("para", block, [w.put(s, block.place)]))
            w.put("\n")
        elif isinstance(block, Grid):
            rows: list[list[tuple[GridCell, int, int]]] = []
            for row in block.by_row():
                if not row:
                    continue  # every position of the row is covered by merges from above
                laid_row = []
                for i, cell in enumerate(row):
                    w.put("| " if i == 0 else " | ")
                    a, b = w.put(_flat(cell.text).strip(), cell.place)
                    laid_row.append((cell, a, b))
                w.put(" |\n")
                rows.append(laid_row)
            laid.append(("grid", block, rows))
    text = w.text()
    ftext = fold(text)
    lexer = _lexer()
    tokens: list[Token] = []
    in_table = False
    for index, (kind, _block, spans) in enumerate(laid):
        if kind == "grid":
            for laid_row in spans:
                first, last = laid_row[0], laid_row[-1]
                r = first[0].row
                tokens.append(Token("ROW", "", first[1], first[1], info={"cell": (index, r, -1, 1, 1)}))
                for cell, a, b in laid_row:
                    where = (index, cell.row, cell.col, cell.rowspan, cell.colspan)
                    for tok in lexer.lex_cell(text, ftext, a, b):
                        tok.info["cell"] = where
                        tokens.append(tok)
                tokens.append(Token("END", "", last[2], last[2], info={"cell": (index, r, -1, 1, 1)}))
            in_table = False
            continue
        a, b = spans[0]
        in_table = lexer.lex_line(text, ftext, a, b, in_table, tokens)
    source = Source(
        path=path,
        text=text,
        encoding=doc.encoding,
        layout="grid",
        format=doc.format,
        byte_size=len(data),
        origin=w.origin,
        original=doc.original,
    )
    return ReadResult(source, tokens, doc.evidence or f"read as {doc.format}")

