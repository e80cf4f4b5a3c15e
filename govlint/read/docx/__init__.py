"""The .docx reader: Office Open XML read the way Word prints it.

Read straight from the package with ``zipfile`` and ``lxml`` (python-docx is
not needed: it hides tracked changes, numbering and merges, which are the
point here); lxml is imported only when a .docx is read. The stages, lowest
first (a module imports only the ones above it):

- ``limits``, ``reasons``: the bounds a hostile file meets, and the advice
  (en/zh) when a file cannot be read.
- ``package``: the zip archive within those bounds, its parts and
  relationships; which part is the main document.
- ``ooxml``, ``containers``: the WordprocessingML vocabulary (transitional or
  strict), and looking through content controls, custom XML and alternate
  content to the blocks, rows and cells they wrap.
- ``numerals``, ``styles``, ``numbering``: the numbers Word prints in each
  list format, what styles say (title, heading, bold, hidden), and the list
  counters as Word keeps them.
- ``model``, ``paragraph``: a paragraph's text as printed (tracked changes,
  fields, hidden runs), its list number and style hint.
- ``columns``, ``tables``: tables on their grid, merges resolved, in the
  columns a person sees.
- ``body``: the body in reading order (frames, text boxes, nested tables)
  as ``Paragraph`` and ``Grid`` blocks with their places.
- ``furniture``: headers, footers, notes and comments, listed as dropped.
- ``reader``: ``DocxReader``, the stages put together.
"""

from __future__ import annotations

from ...lazy import exports

__all__ = [
    "DocxReader",
    "ZIP_MAGIC",
    "chinese_number",
    "format_number",
    "MAX_CELLS",
    "MAX_ENTRIES",
    "MAX_NESTING",
    "MAX_PARAGRAPHS",
    "MAX_PART",
    "MAX_TOTAL",
    "MAX_WIDTH",
]

_NAMES = {
    "MAX_CELLS": "limits",
    "MAX_ENTRIES": "limits",
    "MAX_NESTING": "limits",
    "MAX_PARAGRAPHS": "limits",
    "MAX_PART": "limits",
    "MAX_TOTAL": "limits",
    "MAX_WIDTH": "limits",
    "chinese_number": "numerals",
    "format_number": "numerals",
    "ZIP_MAGIC": "sniff",
    "DocxReader": "reader",
}
__getattr__, __dir__ = exports(__name__, _NAMES)
