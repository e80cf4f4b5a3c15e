"""markdown-it's block tokens to paragraphs and headings, one paragraph per source line.

A soft line break inside a Markdown paragraph is kept as a paragraph break:
converters put each paragraph of a report on its own line, often without
the blank line between (``一、总体情况`` directly followed by its first
paragraph), and joining those lines as Markdown does would bury the heading
in the prose.
"""

from __future__ import annotations

from typing import Any

from ..document import Paragraph, Place
from .collect import Collector, Heading
from .html_blocks import html_block
from .inline import joined, visual_lines
from .pipe_grid import pipe_table
from .source import PREFIX, QUOTE_PREFIX, column


def walk(c: Collector, tokens: list[Any]) -> None:
    """Add what markdown-it found outside the top-level pipe tables: headings, paragraphs, nested tables, code, HTML."""
    number = ""  # the marker of the list item whose first paragraph comes next
    heading = 0
    i = 0
    while i < len(tokens):
        t = tokens[i]
        kind = t.type
        if kind == "list_item_open":
            number = (t.info + t.markup) if t.info else ""
        elif kind == "heading_open":
            heading = int(t.tag[1:])
        elif kind == "heading_close":
            heading = 0
        elif kind == "inline" and t.map:
            if heading:
                _heading(c, t, heading)
            else:
                _paragraph(c, t, number)
            number = ""
        elif kind == "table_open" and t.map:  # a table inside a block quote or list item
            rows = []
            while i < len(tokens) and tokens[i].type != "table_close":
                if tokens[i].type == "tr_open" and tokens[i].map:
                    rows.append(tokens[i].map[0])
                i += 1
            if rows:
                pipe_table(c, rows, QUOTE_PREFIX)
        elif kind in ("fence", "code_block") and t.map:
            # Indented "code" in a report is prose a converter indented by four spaces.
            first = t.map[0] + (1 if kind == "fence" else 0)
            for k, raw in enumerate(t.content.split("\n")):
                if raw.strip():
                    c.add_line(first + k, raw.strip(), raw)
        elif kind == "html_block" and t.map:
            html_block(c, t.content, t.map[0])
        i += 1


def _heading(c: Collector, t: Any, level: int) -> None:
    ln = t.map[0]
    pieces = visual_lines(t.children or [], c.dropped, ln)
    text = joined(pieces)
    if not text:
        return
    raw = c.lines[ln]
    para = Paragraph(text, Place(line=ln + 1, col=column(raw, text, PREFIX.match(raw).end())))
    c.headings.append(Heading(para, level))
    c.add(ln, para)


def _paragraph(c: Collector, t: Any, number: str) -> None:
    line0 = t.map[0]
    cursor: dict[int, int] = {}
    for v in visual_lines(t.children or [], c.dropped, line0):
        text = v.text.strip()
        if not text:
            continue
        ln = line0 + v.offset
        raw = c.source(ln, text)
        start = cursor.get(ln, PREFIX.match(raw).end() if v.offset == 0 else QUOTE_PREFIX.match(raw).end())
        col = column(raw, text, start)
        cursor[ln] = col - 1 + len(text)
        style = "bold" if v.bold and v.any_text else ""
        c.add(ln, Paragraph(text, Place(line=ln + 1, col=col), number, style))
        number = ""
