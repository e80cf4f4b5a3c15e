"""PDF: the text layer with its positions, and ruled tables rebuilt from their drawn lines.

Almost every report PDF is printed from Word or WPS: the words are a text
layer with positions, and the tables are ruling lines around them. This
reader (pdfplumber on pdfminer.six, imported only when a PDF is read) works
in stages, one module each, each importing only the ones before it:

1. ``load`` opens the file and ``pages`` reads each page: its ``chars``
   and its ``rulings`` (``geometry`` turns pdfminer's coordinates into
   pdfplumber's; ``streams`` refuses a page that would inflate past reason);
2. ``grid`` rebuilds each ruled table from the geometry of its rulings: the
   distinct x and y positions of the lines make a grid, and a rectangle
   with no ruling across it is one merged cell with its rowspan and colspan;
   ``cells`` puts the characters inside a table into their cells;
3. ``lines`` groups the other characters into printed lines;
4. ``furniture`` drops page numbers and running headers/footers into
   ``Document.dropped``;
5. ``joining`` joins a table continued at the top of the next page to the
   one ending at the bottom of this page when their column rulings match,
   and lets a label cell left open at the page bottom
   (``三、本年度办理结果``) run on into the continuation rows below it;
6. ``paragraphs`` groups the lines into paragraphs in reading order, and
   ``describe`` puts the whole ``Document`` together.

Invisible drawing (white fills that WPS lays under every text line) is not
a ruling. A file without a text layer (a scan), an encrypted or damaged file,
or one too large to be a report is ``Unreadable`` with advice (``advice``),
within the bounds of ``limits``.
"""

from __future__ import annotations

from ..document import Document
from ..structured import StructuredReader
from .limits import (
    MAX_CHARS_PAGE,
    MAX_GRID_POSITIONS,
    MAX_OBJECTS_PAGE,
    MAX_PAGES,
    MAX_SEGMENTS_PAGE,
    MAX_STREAM_PAGE,
    Limits,
)

__all__ = [
    "MAX_CHARS_PAGE",
    "MAX_GRID_POSITIONS",
    "MAX_OBJECTS_PAGE",
    "MAX_PAGES",
    "MAX_SEGMENTS_PAGE",
    "MAX_STREAM_PAGE",
    "PdfReader",
    "_page_number",
]


class PdfReader(StructuredReader):
    name = "pdf"
    kind = "pdf"
    priority = 30

    def can_read(self, path: str, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def document(self, path: str, data: bytes) -> Document:
        # The stages (and pdfplumber) load with the first PDF: a run over text files never imports them.
        from .describe import describe
        from .load import load, quiet

        # The bounds are this package's names, read when a file is read, so that they can be
        # lowered here for one run (the tests do) and every stage sees the same ones.
        limits = Limits(
            pages=MAX_PAGES,
            chars_page=MAX_CHARS_PAGE,
            objects_page=MAX_OBJECTS_PAGE,
            segments_page=MAX_SEGMENTS_PAGE,
            stream_page=MAX_STREAM_PAGE,
            grid_positions=MAX_GRID_POSITIONS,
        )
        with quiet():
            pages = load(data, limits)
        return describe(pages, limits)


def __getattr__(name: str):
    if name == "_page_number":  # the tests' handle on page-number recognition
        from .furniture import page_number

        return page_number
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
