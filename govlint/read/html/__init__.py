"""HTML report pages: saved web pages and Word-exported HTML, read as paragraphs and grids.

A report page is the article inside a site's chrome (navigation, breadcrumb,
share buttons, footers, scripts). The article is found by what it says, not
by a site's class names: the element that holds the report's section
headings (``一、总体情况`` … ``六、其他需要报告的事项``) and its statistics
tables, and as little else as possible. Layout tables (cells holding whole
blocks of prose or other tables) are descended into; a table of short cells
is a statistics table and becomes a ``Grid``, its ``rowspan``/``colspan``
placed the way a browser places them.

Every paragraph and cell carries the line and column where its text starts
in the decoded source (see ``cursor``).

The stages, each a module, in the order a page goes through them (a module
imports only those above it):

- ``sniff``: is it HTML (from the first bytes)
- ``charset``: bytes to text (byte-order mark, valid UTF-8, declared charset, GB18030)
- ``limits``: bounds on hostile pages; ``parse``: the lxml tree within them
- ``cursor``: where each piece of the tree is in the source (line and column)
- ``clean``, ``tags``, ``units``: printed text, what elements mean, the walk's model
- ``grid``: tables of figures and their merges; ``walk``: the pass that makes lines and grids
- ``chrome``: site chrome, left out; ``article``: the element holding the report
- ``titles``: title hints outside the article; ``blocks``: paragraphs with style hints, and grids
- ``reader``: ``read_html`` and ``HtmlReader``
"""

from __future__ import annotations

from ...lazy import exports

__all__ = [
    "HtmlReader",
    "read_html",
    "looks_like_html",
    "declared_charset",
    "decode_page",
    "clean_text",
    "title_part",
    "MAX_ELEMENTS",
    "MAX_CELLS",
    "MAX_SPAN",
    "MAX_GRID_AREA",
    "MAX_DROPPED",
    "LINE_CAP",
]

_NAMES = {
    "declared_charset": "charset",
    "decode_page": "charset",
    "clean_text": "clean",
    "LINE_CAP": "cursor",
    "MAX_CELLS": "limits",
    "MAX_DROPPED": "limits",
    "MAX_ELEMENTS": "limits",
    "MAX_GRID_AREA": "limits",
    "MAX_SPAN": "limits",
    "HtmlReader": "reader",
    "read_html": "reader",
    "looks_like_html": "sniff",
    "title_part": "titles",
}
__getattr__, __dir__ = exports(__name__, _NAMES)
