"""HTML blocks inside Markdown: their ``<table>``s as Grids (read with lxml, merges kept), their other text as lines.

Some converters write a merged table as HTML inside the Markdown, since
pipe tables cannot merge cells.
"""

from __future__ import annotations

import html
import re
from typing import Any, Optional

from ..document import Grid, GridCell, Place, join_lines
from .collect import Collector
from .limits import MAX_COLUMNS, MAX_SPAN, html_table_too_wide

_TAG = re.compile(r"<[^>]*>")
_SPACED_TAG = re.compile(r"</?(?:br|p|div|h[1-6]|li|tr|td|th|table|blockquote|center)\b", re.I)  # tags that part words
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLOCK_ELEMENTS = {"p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


def html_block(c: Collector, content: str, line0: int) -> None:
    """An HTML block: its tables as Grids, its other text as one paragraph per source line."""
    pos = 0
    for start, end in _table_spans(content):
        html_text(c, content[pos:start], line0 + content.count("\n", 0, pos))
        html_table(c, content[start:end], line0 + content.count("\n", 0, start))
        pos = end
    html_text(c, content[pos:], line0 + content.count("\n", 0, pos))


def html_text(c: Collector, chunk: str, line0: int) -> None:
    """HTML that is no table: the text of each source line as a paragraph, comments to ``dropped``."""
    for m in _COMMENT.finditer(chunk):
        c.dropped.append(("comment", m.group()[4:-3].strip(), Place(line=line0 + chunk.count("\n", 0, m.start()) + 1)))

    def blank(m: re.Match) -> str:  # a tag prints nothing, but its line breaks keep the line numbers
        spaced = _SPACED_TAG.match(m.group()) is not None
        return (" " if spaced else "") + "\n" * m.group().count("\n")

    chunk = _TAG.sub(blank, _COMMENT.sub(blank, chunk))
    for k, raw in enumerate(chunk.split("\n")):
        text = html.unescape(raw).strip()
        if text:
            c.add_line(line0 + k, text, raw)


def html_table(c: Collector, source: str, line0: int) -> None:
    try:
        from lxml import etree
        from lxml import html as lhtml

        root = lhtml.fragment_fromstring(source, create_parent="div")
    except Exception as exc:  # lxml refuses what it cannot parse at all
        html_text(c, source, line0)
        c.dropped.append(("html-table", f"not parsed: {exc}", Place(line=line0 + 1)))
        return
    table = root.find(".//table")
    if table is None:
        html_text(c, source, line0)
        return
    trs = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    c.html_tables += 1
    number = c.tables + c.html_tables
    taken: set[tuple[int, int]] = set()
    out: list[GridCell] = []
    for r, tr in enumerate(trs):
        col = 0
        for td in tr.xpath("./td|./th"):
            while (r, col) in taken:
                col += 1
            rowspan = max(1, min(_int(td.get("rowspan")), len(trs) - r, MAX_SPAN))
            colspan = max(1, min(_int(td.get("colspan")), MAX_SPAN))
            if col + colspan > MAX_COLUMNS:
                raise html_table_too_wide(line0 + 1)
            c.count_cells(rowspan * colspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, col + dc))
            line = line0 + (td.sourceline or 1)
            text = join_lines(_element_lines(td, etree))
            out.append(GridCell(text, r, col, Place(line=line, table=number, row=r + 1, column=col + 1), rowspan, colspan))
            col += colspan
    if not out:
        c.html_tables -= 1
        return
    width = max(cell.col + cell.colspan for cell in out)
    c.count_cells(len(trs) * width - len(taken))
    for r in range(len(trs)):  # positions no cell reaches are blank cells, not merges
        for col in range(width):
            if (r, col) not in taken:
                place = Place(line=line0 + (trs[r].sourceline or 1), table=number, row=r + 1, column=col + 1)
                out.append(GridCell("", r, col, place))
    out.sort(key=lambda cell: (cell.row, cell.col))
    c.add(line0, Grid(out, Place(line=line0 + 1, table=number), len(trs), width))


def _int(value: Optional[str]) -> int:
    try:
        return int(str(value).strip()[:6])
    except (TypeError, ValueError):
        return 1


def _table_spans(content: str) -> list[tuple[int, int]]:
    """Where the outermost ``<table>…</table>`` elements of an HTML block are."""
    out: list[tuple[int, int]] = []
    depth, start = 0, 0
    for m in _TABLE_TAG.finditer(content):
        if not m.group(1):
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                out.append((start, m.end()))
    if depth:
        out.append((start, len(content)))
    return out


def _element_lines(el: Any, etree: Any) -> list[str]:
    """A cell's text as printed lines: ``<br>`` and block elements break lines, comments print nothing."""
    lines = [""]
    for event, e in etree.iterwalk(el, events=("start", "end")):
        tag = e.tag if isinstance(e.tag, str) else ""
        if event == "start":
            if tag == "br" or tag in _BLOCK_ELEMENTS:
                lines.append("")
            if tag and e.text:
                lines[-1] += e.text
        else:
            if tag in _BLOCK_ELEMENTS:
                lines.append("")
            if e is not el and e.tail:
                lines[-1] += e.tail
    return [ln.replace("\xa0", " ") for ln in lines]
