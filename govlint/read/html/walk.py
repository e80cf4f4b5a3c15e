"""The walk: one pass over the tree in document order, making lines and grids and noting where each is.

Besides the units, the walk records the element tree (tag, class, line,
parent, and the preorder number past each element's last descendant, so
"inside" is a comparison), the section headings and statistics tables it
met (the markers the article is found by), ``<meta>`` and ``<title>``, and
the silent elements it left out.
"""

from __future__ import annotations

import re
from typing import Optional

from ..document import Place
from .clean import ZERO_WIDTH, clean_text
from .cursor import EOL, LINE_CAP, TEXT_WS, Source
from .grid import OpenTable, RawCell, is_grid, place, span, table_of
from .limits import MAX_CELLS, MAX_DROPPED, too_many_cells
from .tags import BLOCK, BOLD_STYLE, CENTER_STYLE, RAW, SILENT, VOID
from .units import Line, Unit

_ENTER, _EXIT = 0, 1
_SECTION = re.compile(r"^([一二三四五六七八九十]{1,2})\s*[、.．]")
_SECTION_WORDS = re.compile(r"总体情况|主动公开|收到和处理|依申请|申请情况|行政复议|行政诉讼|存在的主要问题|改进情况|其他需要报告|其他事项")
MAX_MARKERS = 200
# Elements that are blocks of their own when silent: the text around them is not one line.
_SILENT_BLOCKS = ("nav", "head", "template", "svg", "canvas", "video", "audio", "object")


class Walker:
    """One pass over the tree in document order: lines, grids, and where each is in the source."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.units: list[Unit] = []
        self.markers: list[tuple[str, str, tuple[int, ...]]] = []  # (kind, key, open elements)
        self.dropped: list[tuple[int, str, str, Place]] = []  # (pre, kind, text, place)
        self.metas: list[tuple[dict, Optional[int], int]] = []
        self.title: Optional[tuple[str, Optional[int], int]] = None
        # The element tree, by preorder number.
        self.tags: list[str] = []
        self.classes: list[str] = []
        self.slines: list[int] = []
        self.parent: list[int] = []
        self.post: list[int] = []
        self.stack: list[int] = []
        self.buf: list[tuple[str, Optional[int], int, bool, bool]] = []
        # How many open elements make the text bold, a link, centred, preformatted.
        self.depth = {"bold": 0, "link": 0, "center": 0, "pre": 0}
        self.silent = 0
        self.headings: list[int] = []
        self.tables: list[OpenTable] = []
        self.cells = 0
        self.area = 0
        self.silent_text: list[str] = []
        self.prologue = True

    def holds(self, a: Optional[int], u: Unit) -> bool:
        """Whether element ``a`` (a preorder number) holds the unit."""
        return a is not None and a <= u.pre < self.post[a]

    # -- the walk ------------------------------------------------------------

    def walk(self, root: object) -> None:
        todo: list[tuple[int, object, tuple]] = [(_ENTER, root, ())]
        while todo:
            op, el, info = todo.pop()
            if op == _EXIT:
                self._exit(el, info)
            else:
                self._enter(el, todo)
        self._flush()  # the page's last line has no block end to close it

    def _enter(self, el, todo: list) -> None:  # noqa: ANN001 - lxml element
        tag = el.tag
        if not isinstance(tag, str):  # comment, processing instruction, entity
            self.src.comment()
            self._text(el.tail, True, el.sourceline)
            return
        name = tag.lower()
        sline = el.sourceline or 0
        pre = len(self.tags)
        self.tags.append(name)
        attrib = el.attrib
        cls = attrib.get("class") or attrib.get("id") or ""
        self.classes.append(cls[:40])
        self.slines.append(sline)
        self.parent.append(self.stack[-1] if self.stack else -1)
        self.post.append(0)
        off = self.src.enter(name, sline)
        if off is not None:
            self.prologue = False
        if sline >= LINE_CAP:
            sline = self.src.line(off if off is not None else self.src.pos)
            self.slines[pre] = sline
        if name == "meta":
            self.metas.append((dict(el.attrib), off, sline))
        if name in RAW and len(el) == 0:
            a, b = self.src.raw(name)
            if name == "title" and self.title is None:
                self.title = (clean_text(el.text or ""), self.src.first_visible(a, b), sline)
            elif name in ("iframe", "noscript", "textarea") and not self.silent:
                self._note_dropped(pre, name, clean_text(el.text or ""), off, sline)
            self.post[pre] = len(self.tags)
            self._text(el.tail, True, sline)
            return
        if name == "br":
            if not self.silent:
                self._flush()
            self.post[pre] = len(self.tags)
            self._text(el.tail, True, sline)
            return
        flags: list[str] = []
        if self.silent or name in SILENT:
            if not self.silent and name in _SILENT_BLOCKS:
                self._flush()
            self.silent += 1
            flags.append("silent")
            if self.silent == 1:
                self.silent_text = []
        elif name == "table" and not self.tables:
            if is_grid(el):
                self._flush()
                self.tables.append(OpenTable(pre, off, sline))
                flags.append("grid")
        if not self.silent:
            if name in BLOCK:
                self._flush()
                flags.append("block")
            if self.tables and "grid" not in flags and self._open_cell(name, attrib, off, sline):
                flags.append("cell")
            flags.extend(self._styles(name, attrib))
        self.stack.append(pre)
        self._text(el.text, False, sline)
        todo.append((_EXIT, el, (pre, name, tuple(flags), off, sline)))
        children = list(el)
        children.reverse()
        for child in children:
            todo.append((_ENTER, child, ()))

    def _styles(self, name: str, attrib: dict) -> list[str]:
        """The styles an element opens, counted in ``depth`` (and the heading level pushed)."""
        opened: list[str] = []
        style = attrib.get("style") or ""
        if name in ("b", "strong") or (style and BOLD_STYLE.search(style)):
            opened.append("bold")
        if name == "a" and attrib.get("href") is not None:
            opened.append("link")
        if name == "center" or (attrib.get("align") or "").lower() == "center" or (style and CENTER_STYLE.search(style)):
            opened.append("center")
        if name in ("pre", "listing", "plaintext"):
            opened.append("pre")
        for f in opened:
            self.depth[f] += 1
        if len(name) == 2 and name[0] == "h" and name[1] in "123456":
            self.headings.append(int(name[1]))
            opened.append("heading")
        return opened

    def _exit(self, el, info: tuple) -> None:  # noqa: ANN001 - lxml element
        pre, name, flags, off, sline = info
        if not self.silent and "block" in flags:
            self._flush()
        if "cell" in flags:
            self._finish_cell()
        if "grid" in flags:
            self._finish_table()
        for f in flags:
            if f in self.depth:
                self.depth[f] -= 1
            elif f == "heading":
                self.headings.pop()
            elif f == "silent":
                self.silent -= 1
                if self.silent == 0 and name in SILENT and name != "head":
                    self._note_dropped(pre, name, clean_text(" ".join(self.silent_text)), off, sline)
        self.stack.pop()
        self.post[pre] = len(self.tags)
        if name not in VOID:
            self.src.leave(name)
        self._text(el.tail, True, sline)

    # -- text and lines ----------------------------------------------------------

    def _text(self, t: Optional[str], tail: bool, sline: Optional[int]) -> None:
        if not t:
            return
        off = self.src.text(t, tail, sline)
        if self.silent:
            if len(self.silent_text) < 50:
                self.silent_text.append(t)
            return
        # Text before the page's first tag (a crawler's header) is lines of text, not HTML.
        if (self.depth["pre"] or self.prologue) and ("\n" in t or "\r" in t):
            self._lines(t, off, sline or 0)
            return
        self.buf.append((t, off, sline or 0, self.depth["bold"] > 0, self.depth["link"] > 0))

    def _lines(self, t: str, off: Optional[int], sline: int) -> None:
        """Text whose line breaks are lines (``<pre>``, a crawler's header): each line its own, with its place."""
        base = off - TEXT_WS.match(t).end() if off is not None else None
        starts = [0] + [m.end() for m in EOL.finditer(t)]
        ends = [m.start() for m in EOL.finditer(t)] + [len(t)]
        s = self.src.s
        for i, (a, b) in enumerate(zip(starts, ends)):
            if i:
                self._flush()
            piece = t[a:b]
            at: Optional[int] = None
            vis = TEXT_WS.match(piece).end()
            if base is not None and vis < len(piece):
                o = base + a + vis
                # Offsets in the text are offsets in the source only where no entity was decoded.
                if o < len(s) and s[o] == piece[vis]:
                    at = o
                else:  # an entity before it made the source longer than the text: the words are further on
                    r = s.find(piece[vis : vis + 4], o, o + 2000)
                    if r >= 0:
                        at, base = r, r - a - vis
            self.buf.append((piece, at, sline, self.depth["bold"] > 0, self.depth["link"] > 0))

    def _flush(self) -> None:
        if not self.buf:
            return
        buf, self.buf = self.buf, []
        text = clean_text("".join(p[0] for p in buf))
        if not text:
            return
        visible = [p for p in buf if p[0].strip(" \t\r\n\f\v\xa0\u3000" + ZERO_WIDTH)]
        first = visible[0] if visible else buf[0]
        t = self.tables[-1] if self.tables else None
        if t is not None and t.cell is not None:
            t.cell.lines.append(text)
            if t.cell.text_off is None:
                t.cell.text_off = first[1]
            return
        total = sum(len(p[0].strip()) for p in visible) or 1
        linked = sum(len(p[0].strip()) for p in visible if p[4])
        line = Line(
            text,
            first[1],
            self.stack[-1] if self.stack else 0,
            first[2] or (self.slines[self.stack[-1]] if self.stack else 0),
            bold=bool(visible) and all(p[3] for p in visible),
            heading=self.headings[-1] if self.headings else 0,
            centered=self.depth["center"] > 0,
            link=linked / total,
        )
        self.units.append(line)
        m = _SECTION.match(text)
        if m and len(text) <= 40 and line.link < 0.5 and _SECTION_WORDS.search(text) and len(self.markers) < MAX_MARKERS:
            self.markers.append(("heading", m.group(1), tuple(self.stack)))

    def _note_dropped(self, pre: int, kind: str, text: str, off: Optional[int], sline: int) -> None:
        if text and len(self.dropped) < MAX_DROPPED:
            self.dropped.append((pre, kind, text[:80], self.src.place(off, sline)))

    # -- tables --------------------------------------------------------------------

    def _open_cell(self, name: str, attrib: dict, off: Optional[int], sline: int) -> bool:
        """Rows and cells of the grid the walk is in (a table nested in a cell adds none); whether a cell opened."""
        t = self.tables[-1]
        if name == "tr" and t.cell is None:
            t.rows.append([])
        elif name in ("td", "th") and t.cell is None:
            if not t.rows:
                t.rows.append([])
            t.cell = RawCell(off, sline, span(attrib.get("rowspan")), max(1, span(attrib.get("colspan"))))
            t.rows[-1].append(t.cell)
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise too_many_cells()
            return True
        return False

    def _finish_cell(self) -> None:
        self._flush()
        self.tables[-1].cell = None

    def _finish_table(self) -> None:
        self._flush()
        t = self.tables.pop()
        placed, self.area = place(t.rows, self.area)
        if not placed:
            return
        table = table_of(t, placed, self.src)
        self.units.append(table)
        if table.stat and len(self.markers) < MAX_MARKERS:
            self.markers.append(("table", str(t.pre), tuple(self.stack)))
