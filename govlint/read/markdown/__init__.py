"""The reader for Markdown: pipe tables, ``#`` headings and prose, as converters write them.

PDF-to-Markdown converters and content systems write a report as GFM: the
template's tables as pipe tables, the section headings as ``##`` or bold
lines. Markdown has no merged cells, so a converter either repeats a merged
label in every cell it covered or leaves those cells empty; both are kept as
written and the table reader lines them up.

Who does what:

* Pipe tables are found and split by this package's own line parser, not by
  markdown-it. markdown-it follows GFM to the letter, which loses what a
  broken conversion still holds: it drops the cells of a row beyond the
  header's count (converters write rows wider than a generic ``| 类别 |
  数据1 |`` header), refuses a table whose separator has a different count
  than its header, swallows the line after a table into it when the
  converter left no blank line (``四、…`` would become a table row), and
  does not say in which column a cell starts.
* Everything else (headings, paragraphs, lists, block quotes, code, HTML
  blocks) is markdown-it's (``commonmark`` + ``table``). The table lines are
  blanked in the text it is given, so its line numbers stay the file's.
* A table that markdown-it finds inside a block quote or list (the line
  parser only takes top-level tables) is split with the same cell splitter.
* HTML ``<table>`` blocks (some converters write a merged table as HTML
  inside the Markdown) are read with lxml, rowspan/colspan included.

The stages, each importing only those above it:

* ``limits``, ``source``, ``parser``: bounds on the work, lines and columns
  of the source, the lazily built markdown-it parser;
* ``pipe_lines`` → ``pipe_tables``: one table line's cells, then where the
  tables are and which of them a converter split;
* ``sniff``: whether a file is Markdown at all;
* ``front_matter``: the YAML block at the top;
* ``inline`` and ``collect``, then ``pipe_grid`` and ``html_blocks``, then
  ``walk``: inline text as printed, the blocks in file order, tables as
  Grids, the walk over markdown-it's tokens;
* ``reader``: the ``MarkdownReader`` that runs them.
"""

from __future__ import annotations

from ...lazy import exports

__all__ = [
    "FRONT_MATTER_LINES",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_SPAN",
    "SUFFIXES",
    "MarkdownReader",
    "find_tables",
    "has_pipe",
    "header_line",
    "join_tables",
    "separator_cells",
    "sniff",
    "split_row",
]

_NAMES = {
    "FRONT_MATTER_LINES": "limits",
    "MAX_CELLS": "limits",
    "MAX_COLUMNS": "limits",
    "MAX_SPAN": "limits",
    "has_pipe": "pipe_lines",
    "header_line": "pipe_lines",
    "separator_cells": "pipe_lines",
    "split_row": "pipe_lines",
    "find_tables": "pipe_tables",
    "join_tables": "pipe_tables",
    "MarkdownReader": "reader",
    "SUFFIXES": "sniff",
    "sniff": "sniff",
}
__getattr__, __dir__ = exports(__name__, _NAMES)
