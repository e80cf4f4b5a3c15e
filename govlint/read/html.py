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
in the decoded source. lxml gives each element's line; the column comes
from a cursor that walks the source in step with the tree (start tags, text,
end tags in document order), so a page printed on one line (as content
systems do) still gets exact columns. Where the two disagree, the place
falls back to the element's line.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field, replace
from typing import Optional

from .document import Document, Grid, GridCell, Paragraph, Place, Unreadable, join_lines
from .encoding import DecodeError, decode
from .structured import StructuredReader

# Bounds for hostile pages: beyond them the page is not a report page.
MAX_ELEMENTS = 100_000
MAX_CELLS = 50_000
MAX_SPAN = 1000  # the HTML standard clamps colspan at 1000
MAX_GRID_AREA = 1_000_000  # sum of rowspan x colspan over all cells
MAX_DROPPED = 200
LINE_CAP = 65535  # libxml2 reports every later line as this one

# ---------------------------------------------------------------------------
# Sniffing


_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|meta|body|title)[\s>/]", re.I)
_LEAD = re.compile(r"(?:\s+|<!--.*?-->|<\?xml[^>]*>)*", re.S)
# A crawler writes a few lines of its own above the page it saved.
_DOC_LINE = re.compile(r"^[ \t]*<(?:!doctype\s+html|html)[\s>]", re.I | re.M)
_SOUP_TAG = re.compile(r"<(p|div|table|td|tr|span)[\s>]", re.I)
_MD_RULE = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*\|", re.M)


_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf")


def _head_text(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("latin-1")
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return head.decode("utf-16", "ignore")
    # Tags are ASCII, and neither GBK nor UTF-8 uses ASCII bytes inside a character.
    return head.decode("latin-1")


def looks_like_html(head: bytes) -> bool:
    """HTML from the first bytes: a document start (after comments), or markup dense enough to be a page."""
    if head.startswith(_BINARY_MAGIC):
        return False
    text = _head_text(head)
    m = _LEAD.match(text)
    if _HTML_START.match(text, m.end() if m else 0):
        return True
    m = _DOC_LINE.search(text)
    if m and text.count("\n", 0, m.start()) <= 20:
        return True
    if _MD_RULE.search(text):
        return False  # Markdown with some inline HTML is the Markdown reader's
    names = [n.lower() for n in _SOUP_TAG.findall(text)]
    return len(names) >= 6 and len(set(names)) >= 2


# ---------------------------------------------------------------------------
# Decoding

_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*(?:["']\s*)?([A-Za-z0-9_:.\-]{1,40})""", re.I)
_XML_ENC = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.\-]{1,40})""", re.I)
_GB_NAMES = {"gbk", "gb2312", "gb_2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "ms936", "windows-936",
             "euc-cn", "x-euc-cn", "csgb2312", "chinese", "iso-ir-58"}


def declared_charset(head: bytes) -> Optional[str]:
    """The Python codec a page declares (``<meta charset>``, ``http-equiv``, XML declaration); GBK family -> gb18030."""
    m = _CHARSET.search(head) or _XML_ENC.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").strip().lower()
    if name in _GB_NAMES or name.startswith("gb"):
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(data: bytes) -> tuple[str, str, str]:
    """(text, encoding, how it was chosen). Raises ``Unreadable``.

    A byte-order mark decides; otherwise bytes that are valid UTF-8 are
    UTF-8 whatever the page declares (crawlers re-save pages as UTF-8 and
    keep the old declaration, and GBK text is never valid UTF-8); otherwise
    the declared encoding, else GB18030.
    """
    declared = declared_charset(data[:8192])
    try:
        d = decode(data)
    except DecodeError as e:
        if declared and not declared.startswith(("utf", "gb18030")) and b"\x00" not in data[:65536]:
            try:
                return data.decode(declared), declared, f"declared {declared}"
            except (UnicodeDecodeError, LookupError):
                pass
        raise Unreadable(
            f"the page cannot be decoded: {e.reason_en}; open it in a browser and save it again as UTF-8, "
            "or lint the report's .docx or PDF instead",
            f"无法解码此网页：{e.reason_zh}；请在浏览器中打开后另存为 UTF-8 编码，或改为检查报告的 .docx 或 PDF 文件",
        ) from None
    if d.bom:
        return d.text, d.encoding, "byte-order mark"
    if d.encoding == "gb18030" and declared and not declared.startswith(("utf", "gb18030")):
        try:
            return data.decode(declared), declared, f"declared {declared}"
        except (UnicodeDecodeError, LookupError):
            pass
    if declared is None:
        return d.text, d.encoding, "not declared; " + ("valid UTF-8" if d.encoding == "utf-8" else "not UTF-8")
    if declared == d.encoding or (declared == "utf-8" and d.encoding == "utf-8"):
        return d.text, d.encoding, f"declared {declared}"
    return d.text, d.encoding, f"declared {declared}, but the bytes are {d.encoding}"


# ---------------------------------------------------------------------------
# The source cursor: where each piece of the tree is in the decoded text

_EOL = re.compile(r"\r\n|\r|\n")
_MARKUP = re.compile(r"<(?:(!--)|[!?/]|([A-Za-z][^\s/>]*))")
_END_TAG = re.compile(r"</([A-Za-z][^\s/>]*)(?:[\s/][^>]*)?>")
_SKIP_WS = re.compile(
    r"(?:\s|\u200b|\ufeff|&(?:nbsp|ensp|emsp|thinsp|#160|#x0*a0|#8194|#8195|#8201|#12288|#x3000|#8203|#x200b)"
    r"(?:;|(?![A-Za-z0-9])))*",
    re.I,
)
_TEXT_WS = re.compile(r"[\s\u200b-\u200d\ufeff]*")


class _Source:
    """The decoded page and a cursor that advances through it as the tree is walked."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.n = len(text)
        self.starts = [0] + [m.end() for m in _EOL.finditer(text)]
        self.pos = 0
        self._found: dict[str, tuple[int, int]] = {}
        self._raw: dict[str, re.Pattern[str]] = {}

    def line(self, off: int) -> int:
        return bisect.bisect_right(self.starts, off)

    def line_col(self, off: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, off) - 1
        return i + 1, off - self.starts[i] + 1

    def place(self, off: int) -> Place:
        line, col = self.line_col(off)
        return Place(line=line, col=col)

    def _find(self, sub: str, pos: int) -> int:
        # The cursor only moves forward, so the last answer usually still holds: linear in total.
        got = self._found.get(sub)
        if got is not None and got[0] <= pos and (got[1] < 0 or got[1] >= pos):
            return got[1]
        r = self.s.find(sub, pos)
        self._found[sub] = (pos, r)
        return r

    def _after(self, sub: str, pos: int) -> int:
        r = self._find(sub, pos)
        return self.n if r < 0 else r + len(sub)

    def _next(self, pos: int) -> Optional[tuple[int, str, str, int]]:
        """The next markup from ``pos``: (start, kind, tag name, end); kind is start, end or comment."""
        m = _MARKUP.search(self.s, pos)
        if m is None:
            return None
        a = m.start()
        if m.group(1):
            return a, "comment", "", self._after("-->", a + 4)
        if m.group(2):
            return a, "start", m.group(2).lower(), self._tag_end(m.end())
        kind = "end" if self.s[a + 1] == "/" else "comment"
        return a, kind, "", self._after(">", a + 2)

    def _tag_end(self, p: int) -> int:
        """Just past the ``>`` that ends a start tag, skipping quoted attribute values (which may hold ``>``)."""
        s = self.s
        limit = min(self.n, p + 65536)
        i = p
        while True:
            gt = s.find(">", i, limit)
            if gt < 0:
                return self._after(">", p)
            quotes = [q for q in (s.find('"', i, gt), s.find("'", i, gt)) if q >= 0]
            if not quotes:
                return gt + 1
            q = min(quotes)
            close = s.find(s[q], q + 1, limit)
            if close < 0:
                return self._after(">", p)  # an unterminated quote: the first ">" then, as parsers recover
            i = close + 1

    def enter(self, name: str, sourceline: Optional[int]) -> Optional[int]:
        """Move past the element's start tag; its offset, or None where the parser implied the element."""
        if not sourceline:
            return None
        capped = sourceline >= LINE_CAP  # libxml2 stops counting there: any later line will do
        p = self.pos
        for _ in range(8):  # a few tags the parser dropped (a second <body>, stray tags) are skipped
            t = self._next(p)
            if t is None:
                return None
            a, kind, tname, end = t
            if kind == "start":
                la = self.line(a)
                if la > sourceline and not capped:
                    return None
                if tname == name and (capped or self.line(end - 1) + 1 >= sourceline):
                    self.pos = end
                    return a
            p = end
        return None

    def leave(self, name: str) -> None:
        m = _END_TAG.match(self.s, self.pos)
        if m and m.group(1).lower() == name:
            self.pos = m.end()

    def comment(self) -> None:
        t = self._next(self.pos)
        if t is not None and t[1] == "comment":
            self.pos = t[3]

    def raw(self, name: str) -> tuple[int, int]:
        """Skip a raw-text element's content and end tag; (content start, content end)."""
        pat = self._raw.get(name)
        if pat is None:
            pat = self._raw[name] = re.compile(r"</" + re.escape(name) + r"[\s/>]", re.I)
        a = self.pos
        key = "\0raw:" + name
        got = self._found.get(key)
        if got is not None and got[0] <= a and (got[1] < 0 or got[1] >= a):
            b = got[1]
        else:
            m = pat.search(self.s, a)
            b = m.start() if m else -1
            self._found[key] = (a, b)
        if b < 0:
            self.pos = self.n
            return a, self.n
        self.pos = self._after(">", b)
        return a, b

    def text(self, t: str, tail: bool, sourceline: Optional[int]) -> Optional[int]:
        """Move past a text node; the offset of its first visible character, when the source agrees."""
        p = self.pos
        if tail:
            while True:  # the element's end tag (and end tags the parser dropped)
                m = _END_TAG.match(self.s, p)
                if not m:
                    break
                p = m.end()
        m = _MARKUP.search(self.s, p)
        end = m.start() if m else self.n
        self.pos = end
        visible = t[_TEXT_WS.match(t).end():]
        if not visible:
            return None
        off = _SKIP_WS.match(self.s, p, end).end()
        if off < end and (self.s[off] == visible[0] or self.s[off] == "&"):
            if not sourceline or self.line(off) >= sourceline:
                return off
        # The tree and the source disagree here (a parser repair): look for the words themselves.
        probe = visible[:4]
        if "&" in probe or "<" in probe or not probe.strip():
            return None
        r = self.s.find(probe, p, min(self.n, p + 5000))
        if r >= 0 and (not sourceline or self.line(r) >= sourceline):
            return r
        return None

    def first_visible(self, a: int, b: int) -> Optional[int]:
        off = _SKIP_WS.match(self.s, a, b).end()
        return off if off < b else None


# ---------------------------------------------------------------------------
# Walking the tree

_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu ol p pre section summary table tbody td "
    "tfoot th thead tr ul legend option".split()
)
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr basefont bgsound frame".split())
_RAW = frozenset("script style title textarea xmp iframe noembed noframes noscript plaintext".split())
# Left out with everything in them: page furniture that is never report text.
_SILENT = frozenset("head nav select button object embed svg math canvas template audio video map applet datalist".split())
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
_WS_RUN = re.compile(r"[\s\u200b-\u200d\ufeff]+")
_ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
_EXPLICIT_SPACE = frozenset("\xa0\u3000\u2002\u2003\u2009\u202f")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def clean_text(s: str) -> str:
    """One line of text as printed: whitespace runs collapsed, ``&nbsp;`` a space, source line breaks beside Chinese gone."""

    def sub(m: re.Match[str]) -> str:
        run = m.group()
        if not run.strip(_ZERO_WIDTH):
            return ""
        if ("\n" in run or "\r" in run) and not (_EXPLICIT_SPACE & set(run)):
            a, b = m.start(), m.end()
            # Chinese is wrapped without spaces; a line break of the HTML source beside it is not a printed space.
            if (a > 0 and _CJK.match(s[a - 1])) or (b < len(s) and _CJK.match(s[b])):
                return ""
        return " "

    return _WS_RUN.sub(sub, s).strip()


@dataclass
class _Line:
    text: str
    off: Optional[int]
    pre: int  # the innermost open element when the line ended
    line_hint: int  # its source line, when the offset is unknown
    bold: bool = False
    heading: int = 0
    centered: bool = False
    link: float = 0.0  # share of the text inside links
    prose: int = -1  # Chinese characters of report prose (see _prose), once computed


@dataclass
class _Cell:
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    line: Optional[int]
    column: Optional[int]  # of the source line


@dataclass
class _Table:
    cells: list[_Cell]
    off: Optional[int]
    pre: int
    line_hint: int
    stat: bool
    rows: int
    cols: int


@dataclass
class _RawCell:
    off: Optional[int]  # the <td> start tag
    line_hint: int
    rowspan: int
    colspan: int
    lines: list[str] = field(default_factory=list)
    text_off: Optional[int] = None


@dataclass
class _TableCtx:
    pre: int
    off: Optional[int]
    line_hint: int
    rows: list[list[_RawCell]] = field(default_factory=list)
    cell: Optional[_RawCell] = None


_ENTER, _EXIT = 0, 1
_STAT_WORDS = ("信息内容", "本年", "申请", "行政复议", "行政诉讼", "自然人", "总计", "第二十条", "予以公开",
               "处理决定", "收费", "结转", "法人")
_SECTION = re.compile(r"^([一二三四五六七八九十]{1,2})\s*[、.．]")
_SECTION_WORDS = re.compile(r"总体情况|主动公开|收到和处理|依申请|申请情况|行政复议|行政诉讼|存在的主要问题|改进情况|其他需要报告|其他事项")


def _too_many_cells() -> Unreadable:
    return Unreadable(
        f"the page has more than {MAX_CELLS:,} table cells: it is not a report page; "
        "lint the report's .docx, PDF or text instead",
        f"此网页的表格单元格超过 {MAX_CELLS:,} 个，不是年度报告页面；请改为检查报告的 .docx、PDF 或文本文件",
    )


def _span(value: Optional[str]) -> int:
    """A rowspan/colspan attribute as a browser reads it (leading digits; 0 kept: "to the end")."""
    m = re.match(r"\+?(\d{1,9})", (value or "").strip())
    if not m:
        return 1
    return min(int(m.group(1)), MAX_SPAN)


def _text_len(el: object) -> int:
    return sum(len(t.strip()) for t in el.itertext())  # type: ignore[attr-defined]


class _Walker:
    """One pass over the tree in document order: lines, grids, and where each is in the source."""

    def __init__(self, src: _Source) -> None:
        self.src = src
        self.units: list[object] = []
        self.markers: list[tuple[str, str, tuple[int, ...]]] = []  # (kind, key, open elements)
        self.dropped: list[tuple[int, str, str, Place]] = []  # (pre, kind, text, place)
        self.metas: list[tuple[dict, Optional[int], int]] = []
        self.title: Optional[tuple[str, Optional[int], int]] = None
        self.tags: list[str] = []
        self.classes: list[str] = []
        self.slines: list[int] = []
        self.parent: list[int] = []
        self.post: list[int] = []
        self.stack: list[int] = []
        self.buf: list[tuple[str, Optional[int], int, bool, bool]] = []
        self.bold = self.link = self.center = self.pre_mode = self.silent = 0
        self.headings: list[int] = []
        self.tables: list[_TableCtx] = []
        self.cells = 0
        self.area = 0
        self.silent_text: list[str] = []
        self.prologue = True

    # -- the walk ------------------------------------------------------------

    def walk(self, root: object) -> None:
        todo: list[tuple[int, object, tuple]] = [(_ENTER, root, ())]
        while todo:
            op, el, info = todo.pop()
            if op == _EXIT:
                self._exit(el, info)
            else:
                self._enter(el, todo)

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
        if name in _RAW and len(el) == 0:
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
        if self.silent or name in _SILENT:
            if not self.silent and name in ("nav", "head", "template", "svg", "canvas", "video", "audio", "object"):
                self._flush()  # blocks of their own: the text around them is not one line
            self.silent += 1
            flags.append("silent")
            if self.silent == 1:
                self.silent_text = []
        elif name == "table" and not self.tables:
            if self._is_grid(el):
                self._flush()
                self.tables.append(_TableCtx(pre, off, sline))
                flags.append("grid")
        if not self.silent:
            if name in _BLOCK:
                self._flush()
                flags.append("block")
            ctx = self.tables[-1] if self.tables else None
            if ctx is not None and "grid" not in flags:
                if name == "tr" and ctx.cell is None:
                    ctx.rows.append([])
                elif name in ("td", "th"):
                    if ctx.cell is None:
                        if not ctx.rows:
                            ctx.rows.append([])
                        ctx.cell = _RawCell(off, sline, _span(attrib.get("rowspan")), max(1, _span(attrib.get("colspan"))))
                        ctx.rows[-1].append(ctx.cell)
                        flags.append("cell")
                        self.cells += 1
                        if self.cells > MAX_CELLS:
                            raise _too_many_cells()
            style = attrib.get("style") or ""
            if name in ("b", "strong") or (style and _BOLD_STYLE.search(style)):
                self.bold += 1
                flags.append("bold")
            if name == "a" and attrib.get("href") is not None:
                self.link += 1
                flags.append("link")
            if name == "center" or (attrib.get("align") or "").lower() == "center" or (style and _CENTER_STYLE.search(style)):
                self.center += 1
                flags.append("center")
            if name in ("pre", "listing", "plaintext"):
                self.pre_mode += 1
                flags.append("pre")
            if len(name) == 2 and name[0] == "h" and name[1] in "123456":
                self.headings.append(int(name[1]))
                flags.append("heading")
        self.stack.append(pre)
        self._text(el.text, False, sline)
        todo.append((_EXIT, el, (pre, name, tuple(flags), off, sline)))
        children = list(el)
        children.reverse()
        for child in children:
            todo.append((_ENTER, child, ()))

    def _exit(self, el, info: tuple) -> None:  # noqa: ANN001 - lxml element
        pre, name, flags, off, sline = info
        if not self.silent and "block" in flags:
            self._flush()
        if "cell" in flags:
            self._finish_cell()
        if "grid" in flags:
            self._finish_table()
        for f in flags:
            if f == "bold":
                self.bold -= 1
            elif f == "link":
                self.link -= 1
            elif f == "center":
                self.center -= 1
            elif f == "pre":
                self.pre_mode -= 1
            elif f == "heading":
                self.headings.pop()
            elif f == "silent":
                self.silent -= 1
                if self.silent == 0 and name in _SILENT and name != "head":
                    self._note_dropped(pre, name, clean_text(" ".join(self.silent_text)), off, sline)
        self.stack.pop()
        self.post[pre] = len(self.tags)
        if name not in _VOID:
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
        if (self.pre_mode or self.prologue) and ("\n" in t or "\r" in t):
            self._lines(t, off, sline or 0)
            return
        self.buf.append((t, off, sline or 0, self.bold > 0, self.link > 0))

    def _lines(self, t: str, off: Optional[int], sline: int) -> None:
        """Text whose line breaks are lines (``<pre>``, a crawler's header): each line its own, with its place."""
        base = off - _TEXT_WS.match(t).end() if off is not None else None
        starts = [0] + [m.end() for m in _EOL.finditer(t)]
        ends = [m.start() for m in _EOL.finditer(t)] + [len(t)]
        s = self.src.s
        for i, (a, b) in enumerate(zip(starts, ends)):
            if i:
                self._flush()
            piece = t[a:b]
            at: Optional[int] = None
            vis = _TEXT_WS.match(piece).end()
            if base is not None and vis < len(piece):
                o = base + a + vis
                # Offsets in the text are offsets in the source only where no entity was decoded.
                if o < len(s) and s[o] == piece[vis]:
                    at = o
                else:  # an entity before it made the source longer than the text: the words are further on
                    r = s.find(piece[vis : vis + 4], o, o + 2000)
                    if r >= 0:
                        at, base = r, r - a - vis
            self.buf.append((piece, at, sline, self.bold > 0, self.link > 0))

    def _flush(self) -> None:
        if not self.buf:
            return
        buf, self.buf = self.buf, []
        text = clean_text("".join(p[0] for p in buf))
        if not text:
            return
        visible = [p for p in buf if p[0].strip(" \t\r\n\f\v\xa0\u3000" + _ZERO_WIDTH)]
        first = visible[0] if visible else buf[0]
        ctx = self.tables[-1] if self.tables else None
        if ctx is not None and ctx.cell is not None:
            ctx.cell.lines.append(text)
            if ctx.cell.text_off is None:
                ctx.cell.text_off = first[1]
            return
        total = sum(len(p[0].strip()) for p in visible) or 1
        linked = sum(len(p[0].strip()) for p in visible if p[4])
        line = _Line(
            text,
            first[1],
            self.stack[-1] if self.stack else 0,
            first[2] or (self.slines[self.stack[-1]] if self.stack else 0),
            bold=bool(visible) and all(p[3] for p in visible),
            heading=self.headings[-1] if self.headings else 0,
            centered=self.center > 0,
            link=linked / total,
        )
        self.units.append(line)
        m = _SECTION.match(text)
        if m and len(text) <= 40 and line.link < 0.5 and _SECTION_WORDS.search(text) and len(self.markers) < 200:
            self.markers.append(("heading", m.group(1), tuple(self.stack)))

    def _note_dropped(self, pre: int, kind: str, text: str, off: Optional[int], sline: int) -> None:
        if text and len(self.dropped) < MAX_DROPPED:
            place = self.src.place(off) if off is not None else Place(line=sline or None)
            self.dropped.append((pre, kind, text[:80], place))

    # -- tables --------------------------------------------------------------------

    def _is_grid(self, el) -> bool:  # noqa: ANN001 - lxml element
        """A table of short cells (a grid of figures), not a layout table to descend into as blocks."""
        if el.find(".//table") is not None:
            return False  # tables inside: the page is laid out with this one
        cells = [c for r in el.iter("tr") for c in r if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        if len(cells) < 2:
            return False  # a one-cell box around text is a frame, not a table of figures
        long = sum(1 for c in cells if _text_len(c) > 200)
        # Cells holding prose make a layout; one long note row under a table of figures does not.
        return not (long and (len(cells) <= 6 or long * 4 > len(cells)))

    def _finish_cell(self) -> None:
        self._flush()
        ctx = self.tables[-1]
        ctx.cell = None

    def _finish_table(self) -> None:
        self._flush()
        ctx = self.tables.pop()
        placed = self._place(ctx)
        if not placed:
            return
        cells: list[_Cell] = []
        for raw, r, c, rs, cs in placed:
            off = raw.text_off if raw.text_off is not None else raw.off
            line, col = self.src.line_col(off) if off is not None else (raw.line_hint or None, None)
            cells.append(_Cell(join_lines(raw.lines), r, c, rs, cs, line, col))
        n_rows = max(c.row + c.rowspan for c in cells)
        n_cols = max(c.col + c.colspan for c in cells)
        words = {w for c in cells for w in _STAT_WORDS if w in c.text}
        stat = len(words) >= 2 and n_rows >= 2
        self.units.append(_Table(cells, ctx.off, ctx.pre, ctx.line_hint, stat, n_rows, n_cols))
        if stat and len(self.markers) < 200:
            self.markers.append(("table", str(ctx.pre), tuple(self.stack)))

    def _place(self, ctx: _TableCtx) -> list[tuple[_RawCell, int, int, int, int]]:
        """Grid positions the HTML way: each cell takes the next column no earlier rowspan covers."""
        rows = ctx.rows
        n = len(rows)
        spans = 0
        area = 0
        for r, row in enumerate(rows):
            for cell in row:
                if cell.rowspan == 0 or cell.rowspan > n - r:
                    cell.rowspan = n - r  # 0 means "to the end"; beyond the table is clipped
                spans += cell.colspan
                area += cell.rowspan * cell.colspan
        self.area += area
        if self.area > MAX_GRID_AREA or spans > MAX_GRID_AREA:
            raise Unreadable(
                f"the page's tables span more than {MAX_GRID_AREA:,} grid positions (rowspan/colspan): "
                "they are not report tables; lint the report's .docx, PDF or text instead",
                f"此网页的表格合并范围超过 {MAX_GRID_AREA:,} 个位置（rowspan/colspan），不是年度报告表格；"
                "请改为检查报告的 .docx、PDF 或文本文件",
            )
        down: list[int] = []  # per column: the first row no earlier cell covers
        out: list[tuple[_RawCell, int, int, int, int]] = []
        for r, row in enumerate(rows):
            col = 0
            for cell in row:
                while col < len(down) and down[col] > r:
                    col += 1
                end = col + cell.colspan
                if end > len(down):
                    down.extend([0] * (end - len(down)))
                for c in range(col, end):
                    down[c] = r + cell.rowspan
                out.append((cell, r, col, cell.rowspan, cell.colspan))
                col = end
        return _trim_ghost_rows(out, n)


def _trim_ghost_rows(placed: list, n: int) -> list:
    """Drop empty rows at the ends (Word's zero-height row that fixes column widths), renumbering rows."""

    def ghost(r: int) -> bool:
        mine = [p for p in placed if p[1] == r]
        if any(p[0].lines or p[3] > 1 for p in mine):
            return False
        return not any(p[1] < r < p[1] + p[3] for p in placed)

    last = n - 1
    while last >= 0 and ghost(last):
        last -= 1
    first = 0
    while first <= last and ghost(first):
        first += 1
    if last < first:
        return []
    out = []
    for cell, r, c, rs, cs in placed:
        if first <= r <= last:
            out.append((cell, r - first, c, min(rs, last + 1 - r), cs))
    return out


# ---------------------------------------------------------------------------
# The article

_CHROME_STRONG = re.compile(
    r"当前位置|您的位置|你的位置|您现在的位置|分享到|分享至|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|返回顶部|"
    r"扫一扫|在手机上查看|^\s*(?:打印|关闭|收藏|返回|纠错)(?:\s*(?:[|｜/]\s*)?(?:打印|关闭|收藏|返回|纠错|本页|窗口))+\s*$"
)
_CHROME = re.compile(
    r"首页\s*[>＞»›/]|^\s*(?:打印|关闭|收藏|返回|纠错|分享)\s*$|相关链接|相关文章|相关阅读|相关文件|上一篇|下一篇|"
    r"主办单位|承办单位|主办[：:]|承办[：:]|维护单位|技术支持|ICP\s*备|网站标识码|版权所有|公网安备|网站地图|联系我们|"
    r"字号[：:]?\s*[大中小]|【\s*字体|浏览次数|阅读次数|访问次数|点击数|访问量|附件下载|文件下载|全真版|文字版|"
    r"^\s*(?:来源|信息来源|发布时间|发布日期|发布机构|作者|时间|日期|索引号|文号)\s*[：:]|"
    r"^\s*(?:微信|微博|QQ空间|QQ好友)(?:\s+(?:微信|微博|QQ空间|QQ好友))*\s*$"
)
_CRAWLER = re.compile(
    r"^\s*(?:标题|原文链接|原文地址|来源网址|网址|URL|url|链接|抓取时间|采集时间|爬取时间|保存时间|本地目录|页面链接|栏目)\s*[:：]"
    r"|^\s*[=\-]{5,}"
)
_KINDS = (
    (_CRAWLER, "crawler-header"),
    (re.compile(r"当前位置|您的位置|你的位置|您现在的位置|首页\s*[>＞»›/]"), "breadcrumb"),
    (re.compile(r"分享|微信|微博|QQ空间|扫一扫|手机上查看"), "share"),
    (re.compile(r"打印|关闭|返回顶部|收藏"), "print"),
    (re.compile(r"相关|上一篇|下一篇"), "related"),
    (re.compile(r"主办|承办|ICP|版权|标识码|公网安备|联系我们|网站地图|技术支持|维护"), "footer"),
    (re.compile(r"来源|发布|浏览|阅读次数|字号|字体|索引号|文号|作者|时间"), "metadata"),
)
_TITLE_WORDS = re.compile(r"报告|年报|信息公开")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _is_chrome(u: object, strong_only: bool = False) -> bool:
    if not isinstance(u, _Line):
        return False
    if len(u.text) > 60:
        # A crawler's metadata line can hold a long address; nothing else that long is chrome.
        return not strong_only and len(u.text) <= 300 and bool(_CRAWLER.search(u.text))
    if _CHROME_STRONG.search(u.text):
        return True
    return not strong_only and bool(_CHROME.search(u.text) or _CRAWLER.search(u.text))


def _kind(u: object) -> str:
    if isinstance(u, _Table):
        return "table"
    assert isinstance(u, _Line)
    for pat, kind in _KINDS:
        if pat.search(u.text):
            return kind
    return "navigation" if u.link >= 0.5 else "page"


def _prose(u: object) -> int:
    """Chinese characters of report prose in a unit (0 for chrome and link lists)."""
    if isinstance(u, _Table):
        return 20 if u.stat else 0
    assert isinstance(u, _Line)
    if u.prose < 0:
        n = 0 if u.link >= 0.3 or _is_chrome(u) else len(_CJK_CHAR.findall(u.text, 0, 4000))
        u.prose = n if n >= 15 else 0
    return u.prose


def _chrome_chars(u: object) -> int:
    if isinstance(u, _Line) and (u.link >= 0.5 or _is_chrome(u)):
        return len(u.text)
    return 0


@dataclass
class _Found:
    pre: Optional[int]
    how: str


def _find_article(w: _Walker) -> _Found:
    units = w.units

    def inside(u: object, a: int) -> bool:
        return a <= u.pre < w.post[a]  # type: ignore[attr-defined]

    def describe(a: int) -> str:
        cls = f" class={w.classes[a]}" if w.classes[a] else ""
        return f"<{w.tags[a]}{cls}> at line {w.slines[a]}"

    headings = [m for m in w.markers if m[0] == "heading"]
    if headings and len(w.markers) >= 2:
        paths = [m[2] for m in w.markers]
        common = 0
        shortest = min(len(p) for p in paths)
        while common < shortest and all(p[common] == paths[0][common] for p in paths):
            common += 1
        if common == 0:
            return _Found(None, "no element holds all the section headings")
        best = paths[0][common - 1]
        # Prose that belongs to the report but sits beside the headings' container (an opening
        # paragraph above it, a signature below) widens the article, while chrome does not.
        cand = best
        for _ in range(3):
            cand = w.parent[cand]
            if cand < 0 or w.tags[cand] == "html":
                break
            extra = [u for u in units if inside(u, cand) and not inside(u, best)]
            prose = sum(_prose(u) for u in extra)
            chrome = sum(_chrome_chars(u) for u in extra)
            if prose and prose >= chrome:
                best = cand
        n_head = len({m[1] for m in headings})
        n_tab = sum(1 for u in units if isinstance(u, _Table) and u.stat and inside(u, best))
        return _Found(best, f"article: {describe(best)} with {n_head} section headings and {n_tab} statistics tables")
    # No section headings: the element holding the most prose.
    score: dict[int, float] = {}
    for u in units:
        n = _prose(u)
        if not n:
            continue
        anchor: int = u.pre  # type: ignore[attr-defined]
        tag = w.tags[anchor]
        # A paragraph scores for its container (and half for the container's container).
        p = w.parent[anchor] if tag not in _BLOCK or tag in ("p", "td", "li") else anchor
        for k, share in ((p, 1.0), (w.parent[p] if p >= 0 else -1, 0.5)):
            if k >= 0:
                score[k] = score.get(k, 0.0) + n * share
    if not score:
        return _Found(None, "no article found: the page has no section headings and no prose")
    best = max(score, key=lambda k: (score[k], k))
    if score[best] < 30:
        return _Found(None, "no article found: the page has no section headings and little prose")
    return _Found(best, f"article: {describe(best)}, the block with the most prose (no section headings found)")


# ---------------------------------------------------------------------------
# Titles

_TITLE_SPLIT = re.compile(r"_|｜|\||—+|–|－|(?<!\d)-(?!\d)")


def title_part(title: str) -> str:
    """The report title in a page ``<title>`` such as ``xxx年度报告_政府信息公开年报_某某县人民政府``."""
    parts = [p.strip() for p in _TITLE_SPLIT.split(title) if p and p.strip()]
    if not parts:
        return title.strip()
    for pat in ("年度报告", "报告", "年报"):
        for p in parts:
            if pat in p:
                return p
    return parts[0]


def _title_hints(w: _Walker, outside_before: list[_Line]) -> list[tuple[str, Place]]:
    """Titles the page states outside the article, best first: its heading above the article, meta, <title>."""
    hints: list[tuple[str, Place]] = []

    def add(text: str, place: Place) -> None:
        text = clean_text(text)
        if text and len(text) <= 120 and _TITLE_WORDS.search(text) and all(h[0] != text for h in hints):
            hints.append((text, place))

    def where(u: _Line) -> Place:
        return w.src.place(u.off) if u.off is not None else Place(line=u.line_hint or None)

    for u in outside_before:
        if u.heading == 1:
            add(u.text, where(u))
            break
    for u in reversed(outside_before[-12:]):
        if len(u.text) <= 80 and "报告" in u.text and not _is_chrome(u):
            add(u.text, where(u))
            break
    metas: dict[str, tuple[str, Place]] = {}
    for attrs, off, sline in w.metas:
        key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
        content = attrs.get("content") or ""
        if key in ("og:title", "articletitle", "title", "dc.title") and content.strip() and key not in metas:
            metas[key] = (content, w.src.place(off) if off is not None else Place(line=sline or None))
    for key in ("articletitle", "og:title", "dc.title", "title"):
        if key in metas:
            add(*metas[key])
    if w.title and w.title[0]:
        text, off, sline = w.title
        add(title_part(text), w.src.place(off) if off is not None else Place(line=sline or None))
    for u in outside_before[:12]:
        m = re.match(r"^\s*标题\s*[:：]\s*(.+)$", u.text)
        if m:
            add(m.group(1), where(u))
            break
    return hints


# ---------------------------------------------------------------------------
# The reader


def _parse(text: str):  # noqa: ANN202 - an lxml element, or None for a page without elements
    from lxml import etree

    data = text.encode("utf-8", "replace")
    for huge in (False, True):
        parser = etree.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=False, no_network=True,
                                  recover=True, huge_tree=huge)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            return None  # "Document is empty"
        except (etree.LxmlError, ValueError) as e:
            raise Unreadable(
                f"the HTML parser failed on this page ({e}); save the page again from a browser, or lint the report's "
                ".docx or PDF instead",
                f"HTML 解析器无法读取此网页（{e}）；请用浏览器重新保存网页，或改为检查报告的 .docx 或 PDF 文件",
            ) from None
        deep = any("depth" in (err.message or "").lower() for err in parser.error_log)
        if not deep:
            return root
    raise Unreadable(
        "the page nests its elements deeper than the HTML parser follows (thousands of levels), so the rest of it "
        "cannot be read: it is not a report page; lint the report's .docx, PDF or text instead",
        "此网页的元素嵌套层数过深（数千层），HTML 解析器无法读完，不是年度报告页面；请改为检查报告的 .docx、PDF 或文本文件",
    )


def read_html(data: bytes) -> Document:
    """Describe an HTML page: the article's paragraphs and tables, title candidates, and what was left out."""
    text, encoding, how_decoded = decode_page(data)
    doc = Document("html", encoding=encoding, original=text)
    if not text.strip():
        doc.evidence = "the page is empty"
        return doc
    root = _parse(text)
    if root is None:
        doc.evidence = "the page holds no HTML elements"
        return doc
    # Counted by libxml2 itself, before any Python-level work on the tree.
    if root.xpath("count(//*)") > MAX_ELEMENTS:
        raise Unreadable(
            f"the page has more than {MAX_ELEMENTS:,} HTML elements: it is not a report page; "
            "lint the report's .docx, PDF or text instead",
            f"此网页的 HTML 元素超过 {MAX_ELEMENTS:,} 个，不是年度报告页面；请改为检查报告的 .docx、PDF 或文本文件",
        )
    if root.xpath("count(//td|//th)") > MAX_CELLS:
        raise _too_many_cells()
    w = _Walker(_Source(text))
    w.walk(root)
    w._flush()
    found = _find_article(w)
    article, dropped = _select(w, found)
    first = next((i for i, u in enumerate(w.units) if article and u is article[0]), len(w.units))
    before = [u for u in w.units[:first] if isinstance(u, _Line) and not _inside(w, u, found.pre)]
    doc.blocks = _blocks(w.src, article)
    doc.title_hints = _title_hints(w, before)
    doc.dropped = dropped
    left = f"; {len(dropped)} page blocks left out" if dropped else ""
    doc.evidence = f"{found.how}{left}; encoding {encoding} ({how_decoded})"
    return doc


def _inside(w: _Walker, u: object, a: Optional[int]) -> bool:
    return a is not None and a <= u.pre < w.post[a]  # type: ignore[attr-defined]


def _place_of(src: _Source, u: object) -> Place:
    off = u.off  # type: ignore[attr-defined]
    return src.place(off) if off is not None else Place(line=u.line_hint or None)  # type: ignore[attr-defined]


def _select(w: _Walker, found: _Found) -> tuple[list[object], list[tuple[str, str, Place]]]:
    """The article's units in reading order, and everything else as (kind, text, place)."""
    units = w.units
    if found.pre is None:
        # No article: whatever the page says that is neither chrome nor a list of links.
        idx = [i for i, u in enumerate(units) if not _is_chrome(u) and not (isinstance(u, _Line) and u.link >= 0.5)]
    else:
        idx = [i for i, u in enumerate(units) if _inside(w, u, found.pre)]
    # Chrome the article's container also holds: at its ends, and the unmistakable kind anywhere.
    lo, hi = 0, len(idx)
    while lo < hi and _is_chrome(units[idx[lo]]):
        lo += 1
    while hi > lo and _is_chrome(units[idx[hi - 1]]):
        hi -= 1
    keep = [i for k, i in enumerate(idx) if lo <= k < hi and not _is_chrome(units[i], strong_only=True)]
    kept = set(keep)
    dropped: list[tuple[int, str, str, Place]] = list(w.dropped)
    for i, u in enumerate(units):
        if i in kept or len(dropped) >= MAX_DROPPED:
            continue
        if isinstance(u, _Table):
            text = f"{u.rows}×{u.cols} table: " + " ".join(c.text for c in u.cells[:6])
        else:
            text = u.text  # type: ignore[attr-defined]
        dropped.append((u.pre, _kind(u), text[:80], _place_of(w.src, u)))  # type: ignore[attr-defined]
    dropped.sort(key=lambda d: (d[3].line or 0, d[3].col or 0))
    return [units[i] for i in keep], [(k, t, p) for _, k, t, p in dropped]


def _blocks(src: _Source, units: list[object]) -> list:
    """Paragraphs and grids, with the style hints the markup gives and tables numbered in order."""
    lines = [u for u in units if isinstance(u, _Line)]
    levels = sorted({u.heading for u in lines if u.heading})
    first = units[0] if units else None
    title_level = 0
    # An <h1> that opens the article and is its only top heading is the title; the levels below are the headings.
    if isinstance(first, _Line) and first.heading and first.heading == levels[0]:
        if sum(1 for u in lines if u.heading == first.heading) == 1:
            title_level = first.heading
    rest = [lv for lv in levels if lv != title_level]
    style_of = {lv: ("heading1" if i == 0 else "heading2") for i, lv in enumerate(rest)}
    out: list = []
    table_no = 0
    for k, u in enumerate(units):
        if isinstance(u, _Table):
            table_no += 1
            place = _place_of(src, u)
            cells = [
                GridCell(c.text, c.row, c.col, Place(line=c.line, col=c.column, table=table_no, row=c.row + 1, column=c.col + 1),
                         c.rowspan, c.colspan)
                for c in u.cells
            ]
            out.append(Grid(cells, replace(place, table=table_no), rows=u.rows, cols=u.cols))
            continue
        assert isinstance(u, _Line)
        style = ""
        if k == 0 and (title_level or (u.centered and u.bold and len(u.text) <= 80)):
            style = "title"
        elif u.heading:
            style = style_of.get(u.heading, "heading2")
        elif u.bold:
            style = "bold"
        out.append(Paragraph(u.text, _place_of(src, u), style=style))
    return out


class HtmlReader(StructuredReader):
    """Saved report pages and Word-exported HTML (.html, .htm, .shtml, or HTML under any name)."""

    name = "html"
    kind = "html"
    priority = 30

    def can_read(self, path: str, head: bytes) -> bool:
        return looks_like_html(head)

    def document(self, path: str, data: bytes) -> Document:
        return read_html(data)
