"""The reader for Markdown: pipe tables, ``#`` headings and prose, as converters write them.

PDF-to-Markdown converters and content systems write a report as GFM: the
template's tables as pipe tables, the section headings as ``##`` or bold
lines. Markdown has no merged cells, so a converter either repeats a merged
label in every cell it covered or leaves those cells empty; both are kept as
written and the table reader lines them up.

Who does what:

* Pipe tables are found and split by this module's own line parser, not by
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

One source line is one paragraph: a soft line break inside a Markdown
paragraph is kept as a paragraph break. Converters put each paragraph of a
report on its own line, often without the blank line between (``一、总体情况``
directly followed by its first paragraph), and joining those lines as
Markdown does would bury the heading in the prose.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from typing import Any, Optional

from .document import Block, Document, Grid, GridCell, Paragraph, Place, Unreadable, join_lines
from .encoding import DecodeError, decode
from .structured import StructuredReader

MAX_COLUMNS = 1000  # a report's widest table (四) has 15 columns
MAX_CELLS = 100_000  # a whole report holds about 500
MAX_SPAN = 1000  # rowspan/colspan of an HTML cell, clamped
FRONT_MATTER_LINES = 200

SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")

_PIPE = re.compile(r"\\.|\|")  # an escaped character (skipped) or a cell boundary
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+\S|[ \t]*$)")
_BOLD_LINE = re.compile(r"^ {0,3}(\*\*|__)\S.*\1\s*$")
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACED_TAG = re.compile(r"</?(?:br|p|div|h[1-6]|li|tr|td|th|table|blockquote|center)\b", re.I)  # tags that part words
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# What precedes a line's text: indentation, block quote markers, a list marker, an ATX heading's #s.
_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?(?:#{1,6}(?:[ \t]+|$))?")
_QUOTE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?")
_INLINE_SPECIAL = re.compile(r"[\\*_`<>&\[\]!~]")
_HTML_START = ("<!doctype", "<html", "<?xml")


# ----------------------------------------------------------------------------- line parser


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def separator_cells(line: str) -> Optional[int]:
    """The number of columns a GFM separator line (``|---|:---:|``) declares, or None."""
    s = line.strip()
    if "|" not in s or "-" not in s or _indent(line) > 3 or s.strip("|-: \t"):
        return None
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    cells = s.split("|")
    if not all(_SEP_CELL.fullmatch(c.strip()) for c in cells):
        return None
    return len(cells)


def _pipes(line: str, lo: int, hi: int) -> list[int]:
    return [m.start() for m in _PIPE.finditer(line, lo, hi) if m.group() == "|"]


def has_pipe(line: str) -> bool:
    return "|" in line and bool(_pipes(line, 0, len(line)))


def split_row(line: str, start: int = 0) -> list[tuple[str, int]]:
    """The cells of one pipe-table line from ``start``: (raw text, 0-based column of its first character).

    A pipe after a backslash belongs to the cell. A leading and a trailing
    pipe are the table's edges, not empty cells; a lone ``|`` has no cell.
    Linear in the line's length, whatever it holds.
    """
    right = len(line.rstrip())
    left = start
    while left < right and line[left] in " \t":
        left += 1
    cuts = _pipes(line, left, right)
    if cuts and cuts[0] == left:
        left += 1
        cuts = cuts[1:]
    if cuts and cuts[-1] == right - 1:
        right -= 1
        cuts = cuts[:-1]
    if not cuts and left >= right:
        return []
    out: list[tuple[str, int]] = []
    for a, b in zip([left] + [c + 1 for c in cuts], cuts + [right]):
        raw = line[a:b]
        stripped = raw.strip()
        out.append((stripped, a + len(raw) - len(raw.lstrip()) if stripped else a))
    return out


def header_line(line: str) -> bool:
    return bool(line.strip()) and _indent(line) <= 3 and has_pipe(line)


def _table_start(lines: list[str], i: int, strict: bool) -> Optional[int]:
    """The separator's column count when ``lines[i]`` is a table's header line, else None.

    GFM wants the header and the separator to agree on the count; a table
    whose header and separator both start with ``|`` is taken even when they
    do not (converters miscount). ``strict`` (sniffing a file of unknown
    kind) also wants a leading ``|`` or two columns, so that govlint's own
    pipe layout (``规章 |`` above a cell ``- |``) is never a table.
    """
    if i + 1 >= len(lines):
        return None
    sep, head = lines[i + 1], lines[i]
    if "-" not in sep or "|" not in sep or "|" not in head:
        return None
    count = separator_cells(sep)
    if count is None or not header_line(head):
        return None
    edged = head.lstrip().startswith("|") and sep.lstrip().startswith("|")
    if strict and not edged and count < 2:
        return None
    if not edged and len(split_row(head)) != count:
        return None
    return count


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_SEP_CELL = re.compile(r":?-+:?")


@dataclass
class _RawTable:
    first: int  # 0-based line of the header line
    rows: list[int]  # 0-based lines of the rows (header first; the separator is not a row)
    last: int  # 0-based last line of the table (a row, or the separator of a table with no body)
    parts: int = 1  # how many pipe tables of the file this one joins
    repeated: list[int] = field(default_factory=list)  # header lines left out: the first table's header again


def find_tables(lines: list[str]) -> list[_RawTable]:
    """Top-level pipe tables (outside fenced code): header line, separator, rows up to a line without a pipe."""
    out: list[_RawTable] = []
    fence: Optional[tuple[str, int]] = None
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if fence is not None:
            s = line.strip()
            if _indent(line) <= 3 and s.startswith(fence[0] * fence[1]) and not s.strip(fence[0]):
                fence = None
            i += 1
            continue
        m = _FENCE.match(line)
        if m and (m.group(1)[0] == "~" or "`" not in line[m.end() :]):
            fence = (m.group(1)[0], len(m.group(1)))
            i += 1
            continue
        if "|" in line and _table_start(lines, i, strict=False) is not None:
            rows = [i]
            j = i + 2
            while j < n and _body_row(lines[j]):
                if _table_start(lines, j, strict=False) is not None:
                    break  # a header line and separator again: the next table (converters write one per row)
                if separator_cells(lines[j]) is None:  # a stray separator is no row
                    rows.append(j)
                j += 1
            out.append(_RawTable(i, rows, j - 1))
            i = j
            continue
        i += 1
    return out


def join_tables(tables: list[_RawTable], lines: list[str]) -> list[_RawTable]:
    """Join pipe tables that follow each other with only blank lines between and the same number of columns.

    Converters split a template table into one small table per row (each
    with a header line of its own), and a report never sets two tables of
    the same width side by side without a word between them, so such a run
    is one table. A later part's header line that repeats the first part's
    (a generic ``| 类别 | 数据1 |`` written above every row) is the
    converter's, not the report's, and is left out (``Document.dropped``).
    Every row keeps its own line.
    """
    out: list[_RawTable] = []
    width = 0
    head: list[str] = []
    for t in tables:
        cells = [split_row(lines[ln]) for ln in t.rows]
        w = max(len(c) for c in cells)
        prev = out[-1] if out else None
        between = lines[prev.last + 1 : t.first] if prev else []
        if prev and w == width and not any(ln.strip() for ln in between):
            this_head = [raw for raw, _ in cells[0]]
            rows = t.rows
            if this_head == head and len(t.rows) > 1:
                prev.repeated.append(t.rows[0])
                rows = t.rows[1:]
            prev.rows.extend(rows)
            prev.last = t.last
            prev.parts += 1
            continue
        out.append(_RawTable(t.first, list(t.rows), t.last))
        width, head = w, [raw for raw, _ in cells[0]]
    return out


def _body_row(line: str) -> bool:
    """A line that continues a table: not blank, not indented code, not another block, holding a ``|``."""
    s = line.lstrip()
    if not s or _indent(line) > 3 or s[0] in "#>" or s.startswith(("```", "~~~")):
        return False
    return has_pipe(line)


# ----------------------------------------------------------------------------- inline text


_STRONG = re.compile(r"(\*\*|__)")


@dataclass
class _Visual:
    """One printed line of a paragraph: the source line it is on, its text, whether it is all bold."""

    offset: int  # source lines after the paragraph's first
    parts: list[str] = field(default_factory=list)
    bold: bool = True
    any_text: bool = False

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _visual_lines(children: list[Any], dropped: list, line0: int) -> list[_Visual]:
    """Inline tokens to printed lines: emphasis markers gone, ``<br>`` and line breaks end a line."""
    out = [_Visual(0)]
    strong = 0
    offset = 0
    for t in children:
        kind = t.type
        if kind == "text" and ("**" in t.content or "__" in t.content):
            # ``**`` and ``__`` open and close bold: one linear pass over the text.
            for piece in _STRONG.split(t.content):
                if piece in ("**", "__"):
                    strong = 0 if strong else 1
                elif piece:
                    cur = out[-1]
                    cur.parts.append(piece)
                    if piece.strip():
                        cur.any_text = True
                        cur.bold = cur.bold and strong > 0
        elif kind in ("text", "text_special", "code_inline"):
            cur = out[-1]
            cur.parts.append(t.content)
            if t.content.strip():
                cur.any_text = True
                cur.bold = cur.bold and strong > 0
        elif kind in ("softbreak", "hardbreak"):
            offset += 1
            out.append(_Visual(offset))
        elif kind == "html_inline":
            if _BR.fullmatch(t.content.strip()):
                out.append(_Visual(offset))
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "image":
            dropped.append(("image", t.content, Place(line=line0 + offset + 1)))
        elif t.content:  # an extension's token that prints text
            out[-1].parts.append(t.content)
    return out


def _cell_text(raw: str, md: Any) -> str:
    if not _INLINE_SPECIAL.search(raw):
        return raw  # digits and words: nothing Markdown would change
    toks = md.parseInline(raw)
    pieces = _visual_lines(toks[0].children or [], [], 0) if toks else []
    return join_lines([p.text for p in pieces])


def _column(raw: str, text: str, start: int) -> int:
    """1-based column where ``text`` starts in the source line ``raw``, searching from ``start``."""
    if text:
        at = raw.find(text[0], start)
        if at < 0:
            at = raw.find(text[0])
        if at >= 0:
            return at + 1
    return start + 1


# ----------------------------------------------------------------------------- the reader


@dataclass
class _Heading:
    para: Paragraph
    level: int


@dataclass
class _Builder:
    lines: list[str]
    md: Any
    entries: list[tuple[int, int, Block]] = field(default_factory=list)
    headings: list[_Heading] = field(default_factory=list)
    dropped: list[tuple[str, str, Place]] = field(default_factory=list)
    tables: int = 0
    html_tables: int = 0
    parts: int = 0  # pipe tables of the file, before joining
    cells: int = 0

    def add(self, line: int, block: Block) -> None:
        self.entries.append((line, len(self.entries), block))

    def count_cells(self, n: int) -> None:
        self.cells += n
        if self.cells > MAX_CELLS:
            raise Unreadable(
                f"the tables hold more than {MAX_CELLS} cells; a report's tables hold about 500, "
                "so this is not a report (check that the file is a report and that its conversion worked)",
                f"表格共有超过 {MAX_CELLS} 个单元格，年度报告的表格约有 500 个单元格，这不是年度报告"
                "（请检查文件是否为年度报告、转换是否成功）",
            )

    # -- pipe tables

    def pipe_table(self, row_lines: list[int], prefix: Optional[re.Pattern] = None) -> None:
        self.tables += 1
        number = self.tables + self.html_tables
        rows: list[list[tuple[str, int]]] = []
        for ln in row_lines:
            raw = self.lines[ln]
            start = prefix.match(raw).end() if prefix else 0
            cells = split_row(raw, start)
            if len(cells) > MAX_COLUMNS:
                raise Unreadable(
                    f"the table row at line {ln + 1} has {len(cells)} cells, more than the {MAX_COLUMNS} govlint "
                    "reads; a report's tables have at most about 20 columns, so this is not a report table "
                    "(check that the file is a report and that its conversion to Markdown worked)",
                    f"第{ln + 1}行的表格行有 {len(cells)} 个单元格，超过 govlint 读取的上限 {MAX_COLUMNS}；"
                    "年度报告的表格最多约 20 列，这不是报告的表格（请检查文件是否为年度报告、转换为 Markdown 是否成功）",
                )
            self.count_cells(len(cells))
            rows.append(cells)
        width = max(len(r) for r in rows) or 1
        self.count_cells(width * len(rows) - sum(len(r) for r in rows))
        out: list[GridCell] = []
        for r, (ln, cells) in enumerate(zip(row_lines, rows)):
            for c in range(width):
                if c < len(cells):
                    raw, col = cells[c]
                    text, place = _cell_text(raw, self.md), Place(line=ln + 1, col=col + 1, table=number, row=r + 1, column=c + 1)
                else:  # the row is shorter than the table: an empty cell after its last pipe
                    text, place = "", Place(line=ln + 1, table=number, row=r + 1, column=c + 1)
                out.append(GridCell(text, r, c, place))
        first = out[0].place
        self.add(row_lines[0], Grid(out, Place(line=first.line, col=first.col, table=number), len(rows), width))

    # -- HTML tables

    def html_block(self, content: str, line0: int) -> None:
        """An HTML block: its tables as Grids, its other text as one paragraph per source line."""
        pos = 0
        for start, end in _table_spans(content):
            self.html_text(content[pos:start], line0 + content.count("\n", 0, pos))
            self.html_table(content[start:end], line0 + content.count("\n", 0, start))
            pos = end
        self.html_text(content[pos:], line0 + content.count("\n", 0, pos))

    def html_text(self, chunk: str, line0: int) -> None:
        for m in _COMMENT.finditer(chunk):
            self.dropped.append(("comment", m.group()[4:-3].strip(), Place(line=line0 + chunk.count("\n", 0, m.start()) + 1)))

        def blank(m: re.Match) -> str:  # a tag prints nothing, but its line breaks keep the line numbers
            spaced = _SPACED_TAG.match(m.group()) is not None
            return (" " if spaced else "") + "\n" * m.group().count("\n")

        chunk = _TAG.sub(blank, _COMMENT.sub(blank, chunk))
        for k, raw in enumerate(chunk.split("\n")):
            text = html.unescape(raw).strip()
            if text:
                ln = line0 + k
                src = self.lines[ln] if ln < len(self.lines) else raw
                self.add(ln, Paragraph(text, Place(line=ln + 1, col=_column(src, text, 0))))

    def html_table(self, source: str, line0: int) -> None:
        try:
            from lxml import etree
            from lxml import html as lhtml

            root = lhtml.fragment_fromstring(source, create_parent="div")
        except Exception as exc:  # lxml refuses what it cannot parse at all
            self.html_text(source, line0)
            self.dropped.append(("html-table", f"not parsed: {exc}", Place(line=line0 + 1)))
            return
        table = root.find(".//table")
        if table is None:
            self.html_text(source, line0)
            return
        trs = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        self.html_tables += 1
        number = self.tables + self.html_tables
        taken: set[tuple[int, int]] = set()
        out: list[GridCell] = []
        for r, tr in enumerate(trs):
            c = 0
            for td in tr.xpath("./td|./th"):
                while (r, c) in taken:
                    c += 1
                rowspan = max(1, min(_int(td.get("rowspan")), len(trs) - r, MAX_SPAN))
                colspan = max(1, min(_int(td.get("colspan")), MAX_SPAN))
                if c + colspan > MAX_COLUMNS:
                    raise Unreadable(
                        f"the HTML table at line {line0 + 1} is more than {MAX_COLUMNS} columns wide; a report's tables "
                        "have at most about 20 columns, so this is not a report table",
                        f"第{line0 + 1}行的 HTML 表格超过 {MAX_COLUMNS} 列，年度报告的表格最多约 20 列，这不是报告的表格",
                    )
                self.count_cells(rowspan * colspan)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken.add((r + dr, c + dc))
                line = line0 + (td.sourceline or 1)
                text = join_lines(_element_lines(td, etree))
                out.append(GridCell(text, r, c, Place(line=line, table=number, row=r + 1, column=c + 1), rowspan, colspan))
                c += colspan
        if not out:
            self.html_tables -= 1
            return
        width = max(cell.col + cell.colspan for cell in out)
        self.count_cells(len(trs) * width - len(taken))
        for r in range(len(trs)):  # positions no cell reaches are blank cells, not merges
            for c in range(width):
                if (r, c) not in taken:
                    out.append(GridCell("", r, c, Place(line=line0 + (trs[r].sourceline or 1), table=number, row=r + 1, column=c + 1)))
        out.sort(key=lambda cell: (cell.row, cell.col))
        self.add(line0, Grid(out, Place(line=line0 + 1, table=number), len(trs), width))

    # -- markdown-it's blocks

    def walk(self, tokens: list[Any]) -> None:
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
                    self.heading(t, heading)
                else:
                    self.paragraph(t, number)
                number = ""
            elif kind == "table_open" and t.map:  # a table inside a block quote or list item
                rows = []
                while i < len(tokens) and tokens[i].type != "table_close":
                    if tokens[i].type == "tr_open" and tokens[i].map:
                        rows.append(tokens[i].map[0])
                    i += 1
                if rows:
                    self.pipe_table(rows, _QUOTE_PREFIX)
            elif kind in ("fence", "code_block") and t.map:
                # Indented "code" in a report is prose a converter indented by four spaces.
                first = t.map[0] + (1 if kind == "fence" else 0)
                for k, raw in enumerate(t.content.split("\n")):
                    if raw.strip():
                        ln = first + k
                        src = self.lines[ln] if ln < len(self.lines) else raw
                        self.add(ln, Paragraph(raw.strip(), Place(line=ln + 1, col=_column(src, raw.strip(), 0))))
            elif kind == "html_block" and t.map:
                self.html_block(t.content, t.map[0])
            i += 1

    def heading(self, t: Any, level: int) -> None:
        ln = t.map[0]
        pieces = _visual_lines(t.children or [], self.dropped, ln)
        text = join_lines([p.text for p in pieces])
        if not text:
            return
        raw = self.lines[ln]
        para = Paragraph(text, Place(line=ln + 1, col=_column(raw, text, _PREFIX.match(raw).end())))
        self.headings.append(_Heading(para, level))
        self.add(ln, para)

    def paragraph(self, t: Any, number: str) -> None:
        line0 = t.map[0]
        cursor: dict[int, int] = {}
        for v in _visual_lines(t.children or [], self.dropped, line0):
            text = v.text.strip()
            if not text:
                continue
            ln = line0 + v.offset
            raw = self.lines[ln] if ln < len(self.lines) else text
            start = cursor.get(ln, _PREFIX.match(raw).end() if v.offset == 0 else _QUOTE_PREFIX.match(raw).end())
            col = _column(raw, text, start)
            cursor[ln] = col - 1 + len(text)
            style = "bold" if v.bold and v.any_text else ""
            self.add(ln, Paragraph(text, Place(line=ln + 1, col=col), number, style))
            number = ""

    def blocks(self) -> list[Block]:
        self.entries.sort(key=lambda e: (e[0], e[1]))
        self.style_headings()
        out = [b for _, _, b in self.entries]
        self.number_tables(out)
        return out

    @staticmethod
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


_BLOCK_ELEMENTS = {"p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


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


def _front_matter(lines: list[str]) -> Optional[int]:
    """The line after a YAML front matter block (``---`` … ``---``) at the top, or None."""
    if not lines or lines[0].strip() != "---" or len(lines) < 3 or ":" not in lines[1]:
        return None
    for k in range(1, min(len(lines), FRONT_MATTER_LINES)):
        if lines[k].strip() in ("---", "..."):
            return k + 1
    return None


_MD: Any = None


def _markdown_it() -> Any:
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        # Emphasis is read here, not by markdown-it: its delimiter matching is quadratic on
        # hostile runs (``*a **`` × 20,000 took 12 s with markdown-it-py 3.0, the last release for
        # Python 3.9), and a report only ever uses ``**bold**`` lines.
        _MD = MarkdownIt("commonmark").enable("table").disable("emphasis")
    return _MD


def _lines(text: str) -> list[str]:
    """Lines as an editor counts them (``\\r\\n``, ``\\r`` and ``\\n`` end a line; nothing else does)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _head_text(head: bytes) -> Optional[str]:
    """The first bytes as text, cut at the last whole line (4096 bytes can end inside a character)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        body = head[2:]
        return body[: len(body) // 2 * 2].decode(enc, errors="replace")
    if len(head) >= 4096 and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]
    try:
        return decode(head).text
    except DecodeError:
        return None


def sniff(path: str, head: bytes) -> bool:
    """Markdown from its content; a Markdown file name only decides between weak signs."""
    text = _head_text(head)
    if text is None:
        return False
    start = text.lstrip()[:16].lower()
    if start.startswith(_HTML_START):
        return False
    lines = _lines(text)
    headings = bold = pipe_ends = 0
    for i, line in enumerate(lines):
        if "|" in line:
            if _table_start(lines, i, strict=True) is not None:
                return True
            if line.rstrip().endswith("|"):
                pipe_ends += 1
        elif "#" in line[:4]:
            headings += bool(_ATX.match(line))
        elif "**" in line or "__" in line:
            bold += bool(_BOLD_LINE.match(line))
    if pipe_ends >= 3:
        return False  # govlint's pipe layout: cells ending in `|` and no separator line
    named = path.lower().endswith(SUFFIXES)
    # Table 二 often starts beyond the first 4096 bytes: headings alone decide then.
    return headings >= 2 or (named and (headings + bold) >= 1)


class MarkdownReader(StructuredReader):
    name = "markdown"
    priority = 20
    kind = "markdown"

    def can_read(self, path: str, head: bytes) -> bool:
        return sniff(path, head)

    def document(self, path: str, data: bytes) -> Document:
        try:
            decoded = decode(data)
        except DecodeError as e:
            raise Unreadable(e.reason_en, e.reason_zh) from None
        lines = _lines(decoded.text)
        md = _markdown_it()
        b = _Builder(lines, md)
        title_hints: list[tuple[str, Place]] = []
        given = list(lines)  # what markdown-it is given: table and front matter lines blanked
        end = _front_matter(lines)
        if end:
            b.dropped.append(("front-matter", "\n".join(lines[1 : end - 1]), Place(line=1, col=1)))
            for k in range(1, end - 1):
                key, _, value = lines[k].partition(":")
                if key.strip().lower() == "title" and value.strip().strip("'\""):
                    title_hints.append((value.strip().strip("'\""), Place(line=k + 1, col=lines[k].index(":") + 2)))
            for k in range(end):
                given[k] = ""
        found = join_tables(find_tables(given), given)
        for t in found:
            for k in range(t.first, t.last + 1):
                given[k] = ""
        try:
            tokens = md.parse("\n".join(given))
            for t in found:
                b.pipe_table(t.rows)
                b.parts += t.parts
                for ln in t.repeated:
                    b.dropped.append(("repeated-header", lines[ln].strip(), Place(line=ln + 1, col=1)))
            b.walk(tokens)
            blocks = b.blocks()
        except Unreadable:
            raise
        except Exception as exc:  # a parser failure on a hostile file is a reading failure, not a crash
            raise Unreadable(
                f"the Markdown could not be read ({type(exc).__name__}: {str(exc)[:200]}); "
                "check the file, or lint the report's original .docx or PDF",
                f"无法读取该 Markdown 文件（{type(exc).__name__}）；请检查文件，或改为检查报告原始的 .docx 或 PDF 文件",
            ) from None
        grids = sum(1 for x in blocks if isinstance(x, Grid))
        heads = len(b.headings)
        evidence = f"markdown: {b.tables} pipe table(s), {b.html_tables} HTML table(s), {heads} heading(s)"
        if b.parts > len(found):
            evidence += f"; {b.parts} pipe tables side by side joined into {len(found)}"
        if grids:
            evidence += ", tables at line(s) " + ", ".join(str(x.place.line) for x in blocks if isinstance(x, Grid))[:200]
        return Document(
            format="markdown",
            blocks=blocks,
            title_hints=title_hints,
            encoding=decoded.encoding,
            evidence=evidence,
            dropped=b.dropped,
            original=decoded.text,
        )
