"""PDF: the text layer with its positions, and ruled tables rebuilt from their drawn lines.

Almost every report PDF is printed from Word or WPS: the words are a text
layer with positions, and the tables are ruling lines around them. This
reader (pdfplumber on pdfminer.six, imported inside ``document``):

* rebuilds each ruled table from the geometry of its rulings: the distinct
  x and y positions of the lines make a grid, and a rectangle with no ruling
  across it is one merged cell with its rowspan and colspan;
* joins a table continued at the top of the next page to the one ending at
  the bottom of this page when their column rulings match, and lets a label
  cell left open at the page bottom (``三、本年度办理结果``) run on into
  the continuation rows below it;
* groups the other words into lines and paragraphs in reading order, drops
  page numbers and running headers/footers into ``Document.dropped``, and
  reads a frame drawn around the whole body as the prose it holds.

Invisible drawing (white fills that WPS lays under every text line) is not
a ruling. A file without a text layer (a scan), an encrypted or damaged file,
or one too large to be a report is ``Unreadable`` with advice.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import logging
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional, Union

from .document import Document, Grid, GridCell, Paragraph, Place, Unreadable, join_lines
from .structured import StructuredReader

# Bounds on the work a hostile file can ask for. A report has a few dozen pages of
# about a thousand characters and a few hundred drawn lines each.
MAX_PAGES = 500
MAX_CHARS_PAGE = 20_000
MAX_OBJECTS_PAGE = 20_000  # lines, rects and curves drawn on one page
MAX_SEGMENTS_PAGE = 2_000  # axis-aligned rulings kept on one page; beyond, the page's tables are not read
MAX_STREAM_PAGE = 8 << 20  # decoded bytes of one page's content streams
MAX_GRID_POSITIONS = 5_000  # rows x columns of one table

_SNAP = 3.0  # points: ruling positions closer than this are one position
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_BOLD = re.compile(r"bold|heavy|black|heiti|simhei|yahei|hei[-_ ]|黑", re.I)  # 黑体, 微软雅黑: the heading faces
_NUMBER = re.compile(r"^[-+]?[\d,，.．]+%?$")
# A page number once the decoration around it (``- 3 -``, ``— 3 —``) is stripped and runs of
# spaces are one: ``3``, ``第3页``, ``第 3 页 共 5 页``, ``3/5``. Bounded repeats only: it stays linear.
_PAGE_NUMBER = re.compile(r"(?:page ?)?(?:第 ?)?\d{1,4}(?: ?页)?(?: ?(?:[/／,，]|of|共) ?(?:共 ?)?\d{1,4}(?: ?页)?)?", re.I)
_DECORATION = " \t\u3000-—–－―~·•"


def _page_number(text: str) -> bool:
    core = " ".join(text.split()).strip(_DECORATION)
    return bool(core) and len(core) <= 24 and _PAGE_NUMBER.fullmatch(core) is not None


# Fonts with a poor Unicode map make the text layer say ⼀ (KANGXI RADICAL ONE) where 一 is
# printed: the radicals become the characters they are drawn as.
_RADICALS = {
    code: unicodedata.normalize("NFKC", chr(code))
    for code in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6))
    if unicodedata.normalize("NFKC", chr(code)) != chr(code)
}

_ADVICE_SCAN = (
    "the PDF has no text layer (it is a scan): run OCR on it first (for example "
    "`ocrmypdf -l chi_sim report.pdf report-ocr.pdf`, or save it as text from an OCR tool) and lint the result",
    "该 PDF 没有文字层（是扫描件）：请先进行文字识别（OCR，例如 "
    "`ocrmypdf -l chi_sim 报告.pdf 报告-ocr.pdf`，或用 OCR 工具另存为文本），再检查识别结果",
)
_ADVICE_ENCRYPTED = (
    "the PDF is encrypted and needs a password to open: remove the password "
    "(or print it to a new PDF) and lint that",
    "该 PDF 已加密，需要密码才能打开：请去除密码（或打印/另存为新的 PDF）后再检查",
)


def _damaged(detail: str, detail_zh: str = "") -> Unreadable:
    detail = detail.strip().replace("\n", " ")[:120] or "unknown error"
    return Unreadable(
        f"the PDF is damaged and cannot be read ({detail}): export it again from the original "
        "document (or save the original as .docx) and lint that",
        f"该 PDF 文件已损坏，无法读取（{detail_zh or detail}）：请从原文档重新导出 PDF（或将原文档另存为 .docx）后再检查",
    )


_CUT_SHORT = (
    "it is cut short: the end of the file (%%EOF) is missing, as after an interrupted download",
    "文件不完整：缺少文件结尾（%%EOF），可能是下载中断",
)


def _too_big(what_en: str, what_zh: str) -> Unreadable:
    return Unreadable(
        f"the PDF is too large to be one report ({what_en}): lint the report's own pages "
        "(split or export them again) or save the original as .docx",
        f"该 PDF 过大，不像一份年度报告（{what_zh}）：请只检查报告本身的页面（拆分或重新导出），或将原文档另存为 .docx",
    )


# ---------------------------------------------------------------- small records


@dataclass
class _Ch:
    # Slots by hand (dataclass(slots=True) needs Python 3.10): a page has thousands of these.
    __slots__ = ("text", "x0", "x1", "top", "bottom", "size", "bold")
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Line:
    """A printed line of prose (chars on one baseline, outside the tables)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    lead: float = 0.0  # width of its first unbreakable piece (a Latin word, or a character and its closing marks)


@dataclass
class _Seg:
    """An axis-aligned ruling: ``pos`` is y for a horizontal one, x for a vertical one; it runs from a to b."""

    horizontal: bool
    pos: float
    a: float
    b: float


@dataclass
class _Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str = ""
    page: int = 0
    top_open: bool = False  # no ruling above it (it continues a cell of the page before)
    bottom_open: bool = False  # no ruling below it (it continues on the next page)
    text_top: float = 0.0  # where its words are, for telling where a merge's text was centred
    text_bottom: float = 0.0
    text_size: float = 0.0


@dataclass
class _Table:
    """A ruled table as found on one page (a fragment, before joining across page breaks)."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    xs: list[float]
    ys: list[float]
    rows: int
    cells: list[_Cell]
    continued: int = 0
    pages: list[int] = field(default_factory=list)


Item = Union[_Line, _Table]


# ---------------------------------------------------------------- the reader


class PdfReader(StructuredReader):
    name = "pdf"
    kind = "pdf"
    priority = 30

    def can_read(self, path: str, head: bytes) -> bool:
        return b"%PDF-" in head[:1024]

    def document(self, path: str, data: bytes) -> Document:
        with _quiet():
            pages = _load(data)
        return _describe(pages)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Keep pdfminer's warnings about a damaged file (one per broken operator) off the user's terminal.

    What was wrong reaches the user as ``Unreadable`` or not at all.
    """
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


# ---------------------------------------------------------------- loading the text layer and the rulings


@dataclass
class _Page:
    number: int
    width: float
    height: float
    chars: list[_Ch]
    segments: Optional[list[_Seg]]  # None: too many to read tables from
    images: int


def _load(data: bytes) -> list[_Page]:
    """Every page's characters and rulings; ``Unreadable`` for what cannot be opened."""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfpage import PDFPage
        from pdfplumber.page import Page
    except ImportError as e:  # pragma: no cover - pdfplumber is a dependency
        raise Unreadable(
            f"reading PDF needs the pdfplumber package ({e}): install it, or lint a text export",
            f"读取 PDF 需要 pdfplumber 软件包（{e}）：请安装它，或检查文本导出件",
        ) from None

    def encrypted(exc: BaseException) -> bool:
        seen: Optional[BaseException] = exc
        while seen is not None:
            if isinstance(seen, (PDFPasswordIncorrect, PDFEncryptionError)):
                return True
            inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
            seen = inner or seen.__cause__
        return False

    try:
        pdf = pdfplumber.PDF(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many kinds on a bad file
        if encrypted(e):
            raise Unreadable(*_ADVICE_ENCRYPTED) from None
        raise _broken(e, data) from None
    out: list[_Page] = []
    try:
        doctop = 0.0
        objs: list[Any] = []
        for i, page_obj in enumerate(PDFPage.create_pages(pdf.doc)):
            if i >= MAX_PAGES:
                raise _too_big(f"more than {MAX_PAGES} pages", f"超过 {MAX_PAGES} 页")
            objs.append(page_obj)
        for i, page_obj in enumerate(objs):
            _check_streams(page_obj, i + 1)
            page = Page(pdf, page_obj, page_number=i + 1, initial_doctop=doctop)
            doctop += page.height
            out.append(_read_page(page))
            page.close()
    except Unreadable:
        raise
    except RecursionError:
        raise _damaged("its objects nest without end", "其对象无限嵌套") from None
    except Exception as e:
        if encrypted(e):
            raise Unreadable(*_ADVICE_ENCRYPTED) from None
        raise _broken(e, data) from None
    if not out:
        raise _damaged("it has no pages", "没有任何页面")
    return out


def _broken(e: BaseException, data: bytes) -> Unreadable:
    """``Unreadable`` for a file pdfminer could not parse, saying why as well as it can."""
    if b"%%EOF" not in data[-2048:]:
        return _damaged(*_CUT_SHORT)
    inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
    text = str(inner).strip()
    return _damaged(f"{type(inner).__name__}: {text}" if text else type(inner).__name__)


def _check_streams(page_obj: Any, number: int) -> None:
    """Refuse a page whose content would decompress to more than a report page could hold.

    pdfminer inflates a stream in one call; a small compressed stream of zeros
    (a "zip bomb") would fill the memory before any other limit is reached.
    """
    budget = MAX_STREAM_PAGE
    streams = list(_page_streams(page_obj))
    for stream in streams:
        raw = getattr(stream, "rawdata", None)
        if raw is None:
            continue
        if len(raw) > budget:
            raise _too_big(f"page {number} holds {len(raw)} bytes of drawing", f"第{number}页的绘制内容达 {len(raw)} 字节")
        try:
            filters = [f for f, _ in stream.get_filters()]
        except Exception:
            continue
        names = [getattr(f, "name", f) for f in filters]
        if names[:1] not in (["FlateDecode"], ["Fl"]):
            budget -= len(raw)
            continue
        try:
            inflater = zlib.decompressobj()
            got = len(inflater.decompress(raw, budget + 1))
        except zlib.error:
            continue  # pdfminer has its own repair for broken streams; its result is bounded below
        if got > budget:
            raise _too_big(
                f"page {number}'s drawing inflates to more than {MAX_STREAM_PAGE >> 20} MB",
                f"第{number}页的绘制内容解压后超过 {MAX_STREAM_PAGE >> 20} MB",
            )
        budget -= got


def _page_streams(page_obj: Any) -> Iterable[Any]:
    from pdfminer.pdftypes import PDFStream, resolve1

    for stream in page_obj.contents or []:
        stream = resolve1(stream)
        if isinstance(stream, PDFStream):
            yield stream
    resources = resolve1(page_obj.resources) or {}
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if isinstance(xobjects, dict):
        for ref in list(xobjects.values())[:200]:
            stream = resolve1(ref)
            if isinstance(stream, PDFStream) and getattr(stream.get("Subtype"), "name", "") == "Form":
                yield stream


def _read_page(page: Any) -> _Page:
    number = page.page_number
    objects = page.objects
    raw_chars = objects.get("char", [])
    if len(raw_chars) > MAX_CHARS_PAGE:
        raise _too_big(f"page {number} holds {len(raw_chars)} characters", f"第{number}页有 {len(raw_chars)} 个字符")
    drawn = sum(len(objects.get(k, [])) for k in ("line", "rect", "curve"))
    if drawn > MAX_OBJECTS_PAGE:
        raise _too_big(f"page {number} holds {drawn} drawn shapes", f"第{number}页有 {drawn} 个绘制图形")
    bold_fonts: dict[str, bool] = {}
    chars: list[_Ch] = []
    for c in raw_chars:
        text = c.get("text") or ""
        if not text or text.isspace():
            continue  # spacing comes from the positions; a space character adds nothing
        if len(text) == 1 and ord(text) in _RADICALS:
            text = _RADICALS[ord(text)]
        font = c.get("fontname") or ""
        bold = bold_fonts.get(font)
        if bold is None:
            bold = bold_fonts[font] = bool(_BOLD.search(font.split("+", 1)[-1]))
        chars.append(_Ch(text, float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]), float(c.get("size") or 0), bold))
    segments: Optional[list[_Seg]] = _segments(objects)
    if len(segments) > MAX_SEGMENTS_PAGE:
        segments = None
    return _Page(number, float(page.width), float(page.height), _dedupe(chars), segments, len(objects.get("image", [])))


def _dedupe(chars: list[_Ch]) -> list[_Ch]:
    """Drop the copies some producers overprint to fake bold (same glyph, nearly the same place)."""
    out: list[_Ch] = []
    seen: dict[tuple[str, int, int], None] = {}
    for c in chars:
        key = (c.text, round(c.x0), round(c.top))
        if key in seen:
            continue
        seen[key] = None
        out.append(c)
    return out


def _is_white(color: Any) -> bool:
    if color is None or isinstance(color, str):
        return False
    values = [color] if isinstance(color, (int, float)) else list(color)
    try:
        nums = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(nums) == 1:
        return nums[0] >= 0.95
    if len(nums) == 3:
        return min(nums) >= 0.95
    if len(nums) == 4:
        return max(nums) <= 0.05
    return False


def _segments(objects: dict) -> list[_Seg]:
    """The visible axis-aligned rulings of a page.

    Stroked lines and rectangle outlines count; so do thin filled bars (some
    producers draw borders that way). A wide filled rectangle is shading, and
    a white one is invisible (WPS puts one under every line of text): neither
    rules a table.
    """
    out: list[_Seg] = []

    def add(x0: float, top: float, x1: float, bottom: float) -> None:
        w, h = x1 - x0, bottom - top
        if w >= h and w >= 2:
            out.append(_Seg(True, (top + bottom) / 2, x0, x1))
        elif h > w and h >= 2:
            out.append(_Seg(False, (x0 + x1) / 2, top, bottom))

    for obj in objects.get("line", []):
        if obj.get("stroke", True) and not _is_white(obj.get("stroking_color")):
            pts = obj.get("pts") or []
            if len(pts) == 2 and (abs(pts[0][0] - pts[1][0]) < 1 or abs(pts[0][1] - pts[1][1]) < 1):
                add(float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))
    for obj in objects.get("rect", []):
        x0, top, x1, bottom = float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])
        thin = min(x1 - x0, bottom - top) <= 2.5
        if obj.get("stroke") and not _is_white(obj.get("stroking_color")):
            if thin:
                add(x0, top, x1, bottom)
            else:
                add(x0, top, x1, top)
                add(x0, bottom, x1, bottom)
                add(x0, top, x0, bottom)
                add(x1, top, x1, bottom)
        elif obj.get("fill") and thin and not _is_white(obj.get("non_stroking_color")):
            add(x0, top, x1, bottom)
    for obj in objects.get("curve", []):
        x0, top, x1, bottom = float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])
        if obj.get("stroke") and not _is_white(obj.get("stroking_color")):
            pts = obj.get("pts") or []
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                if abs(ax - bx) < 0.5 or abs(ay - by) < 0.5:
                    add(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        elif obj.get("fill") and min(x1 - x0, bottom - top) <= 2.5 and not _is_white(obj.get("non_stroking_color")):
            add(x0, top, x1, bottom)
    return out


# ---------------------------------------------------------------- tables from rulings


def _cluster(values: list[float], tol: float = _SNAP) -> list[float]:
    """Distinct positions: values within ``tol`` of their neighbour are one position (their mean)."""
    out: list[float] = []
    group: list[float] = []
    for v in sorted(values):
        if group and v - group[-1] > tol:
            out.append(sum(group) / len(group))
            group = []
        group.append(v)
    if group:
        out.append(sum(group) / len(group))
    return out


def _components(segs: list[_Seg]) -> list[list[_Seg]]:
    """Rulings that touch each other, as groups (each group is a table candidate)."""
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = sorted((i for i, s in enumerate(segs) if s.horizontal), key=lambda i: segs[i].pos)
    hpos = [segs[i].pos for i in hs]
    tol = _SNAP
    for vi, v in enumerate(segs):
        if v.horizontal:
            continue
        lo = bisect.bisect_left(hpos, v.a - tol)
        hi = bisect.bisect_right(hpos, v.b + tol)
        for k in range(lo, hi):
            h = segs[hs[k]]
            if h.a - tol <= v.pos <= h.b + tol:
                a, b = find(vi), find(hs[k])
                if a != b:
                    parent[a] = b
    # Collinear pieces of one ruling (a line drawn in segments) belong together too.
    for orient in (True, False):
        idx = sorted((i for i, s in enumerate(segs) if s.horizontal == orient), key=lambda i: (round(segs[i].pos), segs[i].a))
        for i, j in zip(idx, idx[1:]):
            s, t = segs[i], segs[j]
            if abs(s.pos - t.pos) <= 1 and t.a <= s.b + tol and s.a <= t.b + tol:
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[_Seg]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def _coverage(intervals: list[tuple[float, float]], lo: float, hi: float) -> float:
    """The share of [lo, hi] that the intervals cover."""
    if hi <= lo:
        return 1.0
    covered = 0.0
    end = lo
    for a, b in sorted(intervals):
        a, b = max(a, end), min(b, hi)
        if b > a:
            covered += b - a
            end = b
    return covered / (hi - lo)


def _index(positions: list[float], segs: list[_Seg]) -> list[list[tuple[float, float]]]:
    """For each position, the intervals of the rulings lying on it."""
    out: list[list[tuple[float, float]]] = [[] for _ in positions]
    for s in segs:
        k = bisect.bisect_left(positions, s.pos)
        best = min((j for j in (k - 1, k) if 0 <= j < len(positions)), key=lambda j: abs(positions[j] - s.pos), default=None)
        if best is not None and abs(positions[best] - s.pos) <= _SNAP:
            out[best].append((s.a, s.b))
    return out


def _table(group: list[_Seg], page: int) -> Optional[_Table]:
    """The grid and merged cells a group of rulings draws (cells without their text yet)."""
    hs = [s for s in group if s.horizontal]
    vs = [s for s in group if not s.horizontal]
    if len(hs) < 2 or len(vs) < 2:
        return None
    xs = _cluster([v.pos for v in vs] + [min(h.a for h in hs), max(h.b for h in hs)])
    ys = _cluster([h.pos for h in hs] + [min(v.a for v in vs), max(v.b for v in vs)])
    ncols, nrows = len(xs) - 1, len(ys) - 1
    if ncols < 1 or nrows < 1 or ncols * nrows > MAX_GRID_POSITIONS:
        return None
    h_at, v_at = _index(ys, hs), _index(xs, vs)
    # hdrawn[i][j]: a ruling at ys[i] across column j; vdrawn[i][j]: a ruling at xs[j] along row i.
    hdrawn = [[_coverage(h_at[i], xs[j], xs[j + 1]) >= 0.6 for j in range(ncols)] for i in range(nrows + 1)]
    vdrawn = [[_coverage(v_at[j], ys[i], ys[i + 1]) >= 0.6 for j in range(ncols + 1)] for i in range(nrows)]
    owner: list[list[bool]] = [[False] * ncols for _ in range(nrows)]
    cells: list[_Cell] = []
    for i in range(nrows):
        for j in range(ncols):
            if owner[i][j]:
                continue
            cs = 1
            while j + cs < ncols and not vdrawn[i][j + cs] and not owner[i][j + cs]:
                cs += 1
            rs = 1
            while i + rs < nrows and not any(hdrawn[i + rs][j + k] or owner[i + rs][j + k] for k in range(cs)):
                rs += 1
            for di in range(rs):
                for dj in range(cs):
                    owner[i + di][j + dj] = True
            cells.append(
                _Cell(
                    i, j, rs, cs, xs[j], xs[j + cs], ys[i], ys[i + rs], page=page,
                    top_open=i == 0 and not any(hdrawn[0][j + k] for k in range(cs)),
                    bottom_open=i + rs == nrows and not any(hdrawn[nrows][j + k] for k in range(cs)),
                )
            )
    return _Table(page, xs[0], xs[-1], ys[0], ys[-1], xs, ys, nrows, cells, pages=[page])


def _tables(page: _Page) -> list[_Table]:
    if not page.segments:
        return []
    groups: list[list[_Seg]] = []
    for g in _components(page.segments):
        sides = _frame(g)
        if sides:  # a frame around the body: what it encloses is read on its own
            rest = [s for s in g if all(s is not side for side in sides)]
            groups.extend(_components(rest))
        else:
            groups.append(g)
    found = [t for g in groups if (t := _table(g, page.number)) is not None]
    out = []
    for t in found:
        if any(o is not t and _inside(o, t) for o in found):
            continue  # a frame drawn around other tables (and the prose between them)
        if all(c.colspan == len(t.xs) - 1 for c in t.cells):
            continue  # one column: a frame around prose, or boxes drawn around paragraphs
        out.append(t)
    return out


def _frame(group: list[_Seg]) -> Optional[list[_Seg]]:
    """The four sides of a frame drawn around the body, when the group is one.

    A frame is a rectangle that nothing inside it spans: no ruling meets its
    top or bottom, and no ruling runs from its left side to its right side. A
    table inside may touch one side (LibreOffice draws a page border right on
    a table's edge). A table's own rows run from border to border, and the
    rulings between its columns meet its bottom.
    """
    hs = [s for s in group if s.horizontal]
    vs = [s for s in group if not s.horizontal]
    if len(group) <= 4 or len(hs) < 2 or len(vs) < 2:
        return None
    tol = _SNAP
    top, bottom = min(hs, key=lambda s: s.pos), max(hs, key=lambda s: s.pos)
    lo, hi = min(v.pos for v in vs), max(v.pos for v in vs)
    left = max((v for v in vs if v.pos <= lo + 2 * tol), key=lambda s: s.b - s.a)
    right = max((v for v in vs if v.pos >= hi - 2 * tol), key=lambda s: s.b - s.a)
    for h in (top, bottom):
        if abs(h.a - left.pos) > tol or abs(h.b - right.pos) > tol:
            return None
    for v in (left, right):
        if abs(v.a - top.pos) > tol or abs(v.b - bottom.pos) > tol:
            return None
    for v in vs:
        if v is not left and v is not right and (v.a <= top.pos + tol or v.b >= bottom.pos - tol):
            return None  # a ruling hangs from the top or stands on the bottom: a table's border
    for h in hs:
        if h is not top and h is not bottom and h.a <= left.pos + tol and h.b >= right.pos - tol:
            return None  # a row from border to border: a table's
    return [top, bottom, left, right]


def _inside(inner: _Table, outer: _Table) -> bool:
    return (
        inner.x0 >= outer.x0 - 1 and inner.x1 <= outer.x1 + 1 and inner.top >= outer.top - 1 and inner.bottom <= outer.bottom + 1
    )


def _fill(table: _Table, chars: list[_Ch]) -> list[_Ch]:
    """Put each character inside the table into its cell; return the characters outside."""
    owner: dict[tuple[int, int], _Cell] = {}
    for c in table.cells:
        for i in range(c.row, c.row + c.rowspan):
            for j in range(c.col, c.col + c.colspan):
                owner[(i, j)] = c
    outside: list[_Ch] = []
    inside: dict[int, list[_Ch]] = {}
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, ch.mid
        if not (table.x0 <= cx <= table.x1 and table.top <= cy <= table.bottom):
            outside.append(ch)
            continue
        j = max(0, min(len(table.xs) - 2, bisect.bisect_right(table.xs, cx) - 1))
        i = max(0, min(table.rows - 1, bisect.bisect_right(table.ys, cy) - 1))
        cell = owner.get((i, j))
        if cell is None:  # pragma: no cover - every grid position has an owner
            outside.append(ch)
            continue
        inside.setdefault(id(cell), []).append(ch)
    for c in table.cells:
        mine = inside.get(id(c), [])
        c.text = join_lines([_line_text(line, cell=True) for line in _group_lines(mine)])
        if mine:
            c.text_top = min(ch.top for ch in mine)
            c.text_bottom = max(ch.bottom for ch in mine)
            c.text_size = max(ch.size for ch in mine)
    return outside


# ---------------------------------------------------------------- lines of text


def _group_lines(chars: list[_Ch]) -> list[list[_Ch]]:
    """Characters on one baseline, top to bottom, each line left to right."""
    lines: list[list[_Ch]] = []
    band: Optional[tuple[float, float]] = None
    for ch in sorted(chars, key=lambda c: (c.mid, c.x0)):
        h = max(ch.bottom - ch.top, 0.1)
        if band is not None and band[0] <= ch.mid <= band[1] and abs(ch.mid - (band[0] + band[1]) / 2) <= 0.6 * h:
            lines[-1].append(ch)
            band = (min(band[0], ch.top), max(band[1], ch.bottom))
        else:
            lines.append([ch])
            band = (ch.top, ch.bottom)
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _line_text(chars: list[_Ch], cell: bool = False) -> str:
    """The text of one line as printed.

    Gaps become spaces between Latin letters and digits only: the small gaps
    Word leaves around digits in Chinese text (``2024 年``) and the stretched
    spacing of justified lines are not spaces. In prose a gap wider than one
    and a half characters is (two things side by side); in a cell it is not
    (a label justified across a narrow cell).
    """
    out: list[str] = []
    prev: Optional[_Ch] = None
    for ch in chars:
        if prev is not None:
            gap = ch.x0 - prev.x1
            size = max(prev.size, ch.size, 1.0)
            cjk = _CJK.match(prev.text[-1]) or _CJK.match(ch.text[0])
            if (not cjk and gap > 0.15 * size) or (not cell and gap > 1.5 * size):
                out.append(" ")
        out.append(ch.text)
        prev = ch
    return "".join(out)


_CLOSING = set("，。、；：？！）》」』”’〕】…·,.;:?!)]}%")


def _lead(chars: list[_Ch]) -> float:
    """The width of what could not have been left at the end of the line before."""
    end = 0
    if not _CJK.match(chars[0].text):
        while end + 1 < len(chars) and not _CJK.match(chars[end + 1].text) and chars[end + 1].x0 - chars[end].x1 < 0.15 * chars[end].size:
            end += 1
    while end + 1 < len(chars) and chars[end + 1].text in _CLOSING:
        end += 1
    return chars[end].x1 - chars[0].x0


def _make_line(chars: list[_Ch], page: int) -> _Line:
    sizes = Counter(round(c.size, 1) for c in chars)
    return _Line(
        _line_text(chars),
        min(c.x0 for c in chars),
        max(c.x1 for c in chars),
        min(c.top for c in chars),
        max(c.bottom for c in chars),
        sizes.most_common(1)[0][0],
        all(c.bold for c in chars),
        page,
        _lead(chars),
    )


# ---------------------------------------------------------------- page furniture


def _norm_furniture(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_furniture(pages: list[_Page], items: dict[int, list[Item]], dropped: list[tuple[str, str, Place]]) -> None:
    """Remove page numbers and running headers/footers from the first and last lines of each page."""
    # Running headers/footers: the same text (numbers aside) at the same height on most pages.
    seen: list[tuple[str, float, set[int]]] = []
    for p in pages:
        for line in _edge_lines(items[p.number], p):
            key = _norm_furniture(line.text)
            for text, y, where in seen:
                if text == key and abs(y - line.top) <= 6:
                    where.add(p.number)
                    break
            else:
                seen.append((key, line.top, {p.number}))
    running = [(text, y) for text, y, where in seen if len(where) >= max(2, 0.4 * len(pages))] if len(pages) > 1 else []
    for p in pages:
        page_items = items[p.number]
        for line in _edge_lines(page_items, p):
            key = _norm_furniture(line.text)
            kind = ""
            if _page_number(line.text):
                kind = "page-number"
            elif any(key == text and abs(y - line.top) <= 6 for text, y in running):
                kind = "running-header" if line.top < p.height / 2 else "running-footer"
            if kind:
                page_items.remove(line)
                dropped.append((kind, line.text, Place(page=p.number)))


def _edge_lines(page_items: list[Item], page: _Page) -> list[_Line]:
    """The first two and last two lines of a page, when they are lines (not tables) in its margins.

    A page number dressed as one (``- 3 -``, ``第3页``) counts wherever the page's text ends;
    a bare number only in the margin.
    """
    out: list[_Line] = []
    for seq in (page_items[:2], page_items[::-1][:2]):
        for item in seq:
            if not isinstance(item, _Line):
                break
            in_margin = item.bottom <= page.height * 0.15 or item.top >= page.height * 0.85
            if not in_margin and not (_page_number(item.text) and not item.text.strip().isdigit()):
                break
            if item not in out:
                out.append(item)
    return out


# ---------------------------------------------------------------- joining tables across page breaks


def _join_tables(items: list[Item], heights: dict[int, float]) -> list[Item]:
    """One table per table: a fragment at the top of a page continues the one ending the page before.

    ``items`` are in reading order with the page furniture gone, so two
    fragments side by side in it have nothing between them but the break.
    """
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            isinstance(item, _Table)
            and isinstance(prev, _Table)
            and item.page == prev.pages[-1] + 1
            and prev.bottom > heights[prev.pages[-1]] * 0.5
            and item.top < heights[item.page] * 0.5
            and _same_columns(prev, item)
        ):
            _append(prev, item)
            continue
        out.append(item)
    return out


def _same_columns(a: _Table, b: _Table) -> bool:
    """Whether b's column rulings are a's (within tolerance): the same table printed on."""
    if abs(a.x0 - b.x0) > _SNAP or abs(a.x1 - b.x1) > _SNAP:
        return False
    last = _last_row_xs(a)
    return all(any(abs(x - y) <= _SNAP for y in a.xs) for x in b.xs) or all(
        any(abs(x - y) <= _SNAP for y in b.xs) for x in last
    )


def _last_row_xs(t: _Table) -> list[float]:
    return sorted({c.x0 for c in t.cells if c.row + c.rowspan == t.rows} | {t.x1})


def _append(a: _Table, b: _Table) -> None:
    """Join fragment b below a: one column grid for both, and a's open label cells run on into b."""
    xs = _cluster(a.xs + b.xs)

    def col(x: float) -> int:
        return min(range(len(xs)), key=lambda k: abs(xs[k] - x))

    for t in (a, b):
        for c in t.cells:
            c.col, c.colspan = col(c.x0), max(1, col(c.x1) - col(c.x0))
    a.xs = xs
    last = {(c.col, c.colspan): c for c in a.cells if c.row + c.rowspan == a.rows}
    first = [c for c in b.cells if c.row == 0]
    # A ruling missing at the break for some columns only is evidence; missing everywhere
    # or nowhere is just how that printer ends a page.
    bottom_selective = len({c.bottom_open for c in last.values()}) == 2
    top_selective = len({c.top_open for c in first}) == 2
    split = _split_row(last, first)
    shift = 1 if split else 0  # a row split by the break is one row of the grid
    for c in b.cells:
        c.row += a.rows - shift
    merged: set[int] = set()
    for c in first:
        above = last.get((c.col, c.colspan))
        if above is None:
            continue
        if split or _continues(above, c, bottom_selective, top_selective, list(last.values())):
            above.rowspan += c.rowspan - shift
            above.text = join_lines([above.text, c.text])
            above.bottom_open = c.bottom_open
            merged.add(id(c))
    a.rows -= shift
    a.cells.extend(c for c in b.cells if id(c) not in merged)
    a.rows += b.rows
    a.bottom = b.bottom
    a.pages.append(b.page)
    a.continued += 1
    a.cells.sort(key=lambda c: (c.row, c.col))


def _split_row(last: dict[tuple[int, int], _Cell], first: list[_Cell]) -> bool:
    """Whether the break cut one row in two (Word and LibreOffice let a row break across pages).

    The two parts have the same cells; each number is printed whole in one
    part with nothing under or over it; and the labels cut in two run to the
    bottom of the part above and start at the top of the part below. Any pair
    of numbers, or a number under a label, is two rows.
    """
    if not first or len(first) != len(last) or any((c.col, c.colspan) not in last for c in first):
        return False
    if all(c.top_open for c in first) and all(c.bottom_open for c in last.values()):
        return True  # no ruling across the break at all
    cut = 0
    for c in first:
        above = last[(c.col, c.colspan)]
        if not c.text or not above.text:
            continue
        if _NUMBER.match(c.text) or _NUMBER.match(above.text):
            return False
        reach = max(above.text_size, c.text_size, 6.0)
        if above.bottom - above.text_bottom > reach or c.text_top - c.top > reach:
            return False
        cut += 1
    return cut > 0


def _continues(above: _Cell, below: _Cell, bottom_selective: bool, top_selective: bool, row: list[_Cell]) -> bool:
    """Whether the cell at the top of the new page is the rest of the cell at the bottom of the old one.

    The evidence, strongest first: the ruling between them is left out at the
    break while the other columns have theirs (a merge running on). When the
    printer closes every cell at a page break (WPS does) or closes none, the
    geometry does not tell; then the words do. A label above (words, not a
    number) with nothing below it is one merged label: a row of its own would
    have had its own label. A label whose words sit low in its cell, lower than
    the words of the cells beside it, was centred in a taller merge that the
    page break cut (``（四）无`` above, ``法提供`` below). A blank under a
    number is a blank cell: numbers are not merged down.
    """
    if (top_selective and below.top_open) or (bottom_selective and above.bottom_open):
        return True
    if top_selective or bottom_selective or not above.text or _NUMBER.match(above.text):
        return False
    if not below.text:
        return True
    if _NUMBER.match(below.text):
        return False
    # Two parts of one label centred in a merge the break cut: the words above sit low in
    # their cell, and those below sit at the very top of a cell much taller than they need.
    return _sits_low(above, row) and _offset(below) < -max(below.text_size, 1.0)


def _offset(c: _Cell) -> float:
    """How far below the middle of its cell a cell's words sit (negative: above it)."""
    return (c.text_top - c.top) - (c.bottom - c.text_bottom)


def _sits_low(cell: _Cell, row: list[_Cell]) -> bool:
    """Lower in its cell than the labels beside it in the same row (numbers have other fonts)."""
    beside = sorted(
        _offset(o)
        for o in row
        if o is not cell and o.text and not _NUMBER.match(o.text) and abs(o.top - cell.top) < 1 and abs(o.bottom - cell.bottom) < 1
    )
    reference = beside[len(beside) // 2] if beside else 0.0
    return _offset(cell) - reference > 0.25 * max(cell.text_size, 1.0)


# ---------------------------------------------------------------- prose: lines into paragraphs


@dataclass
class _Metrics:
    size: float  # body text size
    left: float  # where body lines start
    right: float  # where full body lines end
    gap: float  # usual space between two lines of one paragraph
    indent: float = 0.0  # the usual first-line indent


def _metrics(lines: list[_Line], width: float) -> _Metrics:
    if not lines:
        return _Metrics(12.0, 72.0, width - 72.0, 6.0)
    size = Counter(ln.size for ln in lines for _ in ln.text).most_common(1)[0][0]
    body = [ln for ln in lines if abs(ln.size - size) <= 0.6] or lines
    left = Counter(round(ln.x0) for ln in body).most_common(1)[0][0]
    right = Counter(round(ln.x1) for ln in body if ln.x1 > left + (width - 2 * left) * 0.6)
    rmost = right.most_common(1)[0][0] if right else max(round(ln.x1) for ln in body)
    gaps = Counter(
        round(b.top - a.bottom)
        for a, b in zip(body, body[1:])
        if a.page == b.page and 0 <= b.top - a.bottom <= 2 * size
    )
    gap = gaps.most_common(1)[0][0] if gaps else size * 0.5
    indents = Counter(round(ln.x0 - left) for ln in body if size * 0.5 < ln.x0 - left < size * 4.5)
    indent = indents.most_common(1)[0][0] if indents else 2 * size
    return _Metrics(float(size), float(left), float(rmost), float(gap), float(indent))


def _centered(line: _Line, m: _Metrics) -> bool:
    lm, rm = line.x0 - m.left, m.right - line.x1
    if lm <= 2 or rm <= 2 or abs(lm - rm) >= max(0.3 * line.size, 2.5):
        return False
    # A paragraph's indented first line that happens to end as far from the margin is not centred.
    return abs(lm - m.indent) > 1.5 or abs(line.size - m.size) > 1


def _breaks(a: _Line, b: _Line, m: _Metrics) -> bool:
    """Whether line b starts a new paragraph after line a."""
    size = max(a.size, b.size)
    if abs(a.size - b.size) > 1.0 or a.bold != b.bold:
        return True
    ca, cb = _centered(a, m), _centered(b, m)
    if b.page == a.page and b.top - a.bottom > m.gap + 0.6 * size:
        return True
    if ca and cb:
        return b.page != a.page  # a centered heading or title wrapped over lines
    if cb and abs(a.size - m.size) > 1 and a.x0 <= m.left + 0.5 * size and a.x1 >= m.right - 1.5 * size:
        return b.page != a.page  # a long title: a full first line, the rest centred under it
    if ca or cb:
        return True
    # The line before ended short: its paragraph ended there, unless what starts this line
    # (a long Latin word, an address) could not have fitted at its end.
    full = a.x1 >= m.right - 1.5 * size or a.x1 + b.lead > m.right - 0.25 * size
    if not full:
        return True
    if b.x0 > m.left + 0.6 * size:
        # Indented: a new paragraph's first line, unless the whole block is indented alike.
        return not (a.x0 > m.left + 0.6 * size and abs(a.x0 - b.x0) < 0.5 * size and b.page == a.page)
    return False


def _paragraphs(items: list[Item], m: _Metrics, tables: dict[int, Grid]) -> list[Union[Paragraph, Grid]]:
    out: list[Union[Paragraph, Grid]] = []
    run: list[_Line] = []
    first = True

    def flush() -> None:
        nonlocal first
        if not run:
            return
        text = join_lines([ln.text for ln in run])
        style = "bold" if all(ln.bold for ln in run) else ""
        # The report's title: its first paragraph, large and centred.
        if first and run[0].page == 1 and run[0].size >= 1.15 * m.size and any(_centered(ln, m) for ln in run):
            style = "title"
        first = False
        out.append(Paragraph(text, Place(page=run[0].page), style=style))
        run.clear()

    for item in items:
        if isinstance(item, _Table):
            flush()
            first = False
            out.append(tables[id(item)])
            continue
        if run and _breaks(run[-1], item, m):
            flush()
        run.append(item)
    flush()
    return out


# ---------------------------------------------------------------- the whole document


def _describe(pages: list[_Page]) -> Document:
    text_chars = sum(len(p.chars) for p in pages)
    blank = [p.number for p in pages if len(p.chars) < 10]
    if text_chars < 20 or (len(blank) * 2 > len(pages) and any(pages[n - 1].images for n in blank)):
        raise Unreadable(*_ADVICE_SCAN)
    cid = sum(1 for p in pages for c in p.chars if c.text.startswith("(cid:"))
    if cid * 3 > text_chars:
        raise Unreadable(
            "the PDF's text layer cannot be decoded (its fonts carry no Unicode mapping): export the PDF again "
            "from the original document, or run OCR on it, and lint the result",
            "该 PDF 的文字层无法解码（字体缺少 Unicode 映射）：请从原文档重新导出 PDF，或进行文字识别（OCR）后再检查",
        )

    items: dict[int, list[Item]] = {}
    for p in pages:
        chars = p.chars
        found = _tables(p)
        for t in found:
            chars = _fill(t, chars)
        lines = [_make_line(ln, p.number) for ln in _group_lines(chars)]
        page_items: list[Item] = [*lines, *found]
        page_items.sort(key=lambda it: it.top)
        items[p.number] = page_items
    dropped: list[tuple[str, str, Place]] = []
    _drop_furniture(pages, items, dropped)

    sequence = _join_tables([it for p in pages for it in items[p.number]], {p.number: p.height for p in pages})
    all_lines = [it for it in sequence if isinstance(it, _Line)]
    metrics = _metrics(all_lines, pages[0].width)
    grids: dict[int, Grid] = {}
    number = 0
    for it in sequence:
        if isinstance(it, _Table):
            number += 1
            grids[id(it)] = _grid(it, number)
    blocks = _paragraphs(sequence, metrics, grids)

    joined = sum(1 for g in grids.values() if g.continued)
    evidence = f"{len(pages)} page{'s' if len(pages) != 1 else ''}, {len(grids)} ruled table{'s' if len(grids) != 1 else ''}"
    if joined:
        evidence += f" ({joined} joined across a page break)"
    numbers = sum(1 for kind, _, _ in dropped if kind == "page-number")
    if numbers:
        evidence += f", {numbers} page number{'s' if numbers != 1 else ''} dropped"
    running = len(dropped) - numbers
    if running:
        evidence += f", {running} running header/footer line{'s' if running != 1 else ''} dropped"
    if blank:
        evidence += f"; no text on page{'s' if len(blank) > 1 else ''} {', '.join(map(str, blank))}"
    skipped = [p.number for p in pages if p.segments is None]
    if skipped:
        evidence += f"; too many drawn lines to read tables on page{'s' if len(skipped) > 1 else ''} {', '.join(map(str, skipped))}"
    return Document(format="pdf", blocks=blocks, pages=len(pages), evidence=evidence, dropped=dropped)


def _grid(t: _Table, number: int) -> Grid:
    cells = [
        GridCell(
            c.text, c.row, c.col, Place(page=c.page, table=number, row=c.row + 1, column=c.col + 1), rowspan=c.rowspan, colspan=c.colspan
        )
        for c in sorted(t.cells, key=lambda c: (c.row, c.col))
    ]
    return Grid(cells, Place(page=t.page, table=number), rows=t.rows, cols=len(t.xs) - 1, continued=t.continued)
