"""The .docx reader: Office Open XML read the way Word prints it.

Read straight from the package with ``zipfile`` and ``lxml`` (python-docx is
not needed: it hides tracked changes, numbering and merges, which are the
point here). What the reader decides, and why:

- The body is ``w:body`` in document order, paragraphs and tables
  interleaved, content controls (``w:sdt``) and ``w:customXml`` unwrapped.
- Text as printed: ``w:ins``/``w:moveTo`` kept, ``w:del``/``w:moveFrom``
  dropped, a deleted paragraph mark joins the paragraph to the next one;
  field instructions, bookmarks, comment marks, footnote references and
  hidden (``w:vanish``) runs ignored; ``w:tab`` is a space, ``w:br`` a line
  break inside the paragraph.
- Text boxes (``w:txbxContent``) are read as paragraphs right after the
  paragraph that anchors them: in reports they hold real words (a caption,
  a note), never layout; the VML fallback copy of a box is skipped.
- Word list numbering is counted the way Word counts it (per abstract
  numbering definition, restarts by level and ``w:startOverride``) and the
  printed number goes into ``Paragraph.number``. Bullets are not numbers.
- Tables become ``Grid``s with ``w:gridSpan``/``w:vMerge`` resolved. A
  one-column table holding prose is an office's frame around the body: its
  paragraphs are body paragraphs and the tables inside it are top-level
  tables. A table nested in a cell of a data table becomes its own Grid
  right after the outer one, placed at the outer cell. Columns are the
  ones a person sees: sliver grid columns (under half a millimetre, left
  by rounding) and columns no cell starts in are merged away.
- Places: ``paragraph`` counts the body paragraphs that print something (as
  a reader counts them; empty paragraphs do not move the count, so a file
  saved again by another program keeps its places); paragraphs of frames
  and text boxes are body paragraphs, those of data tables are not; ``table``
  counts the tables emitted as Grids, ``row``/``column`` are grid positions.
- Headers, footers, footnotes and comments are page furniture: left out and
  listed in ``Document.dropped``.
"""

from __future__ import annotations

import io
import posixpath
import struct
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Iterator, Optional

from .document import Block, Document, Grid, GridCell, Paragraph, Place, Unreadable, join_lines
from .structured import StructuredReader

ZIP_MAGIC = b"PK\x03\x04"

# Bounds for hostile files. A 20-page report has ~30 parts and a document.xml
# of well under 2 MB; these are orders of magnitude above anything real.
MAX_ENTRIES = 5000
MAX_PART = 64 * 1024 * 1024  # inflated bytes of one XML part
MAX_TOTAL = 128 * 1024 * 1024  # inflated bytes of all parts read
MAX_PARAGRAPHS = 500_000  # w:p elements looked at
MAX_CELLS = 200_000  # w:tc elements looked at
MAX_WIDTH = 1000  # grid columns of one table
MAX_NESTING = 32  # tables inside tables inside ...

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

MC_ALT = f"{{{MC_NS}}}AlternateContent"
MC_CHOICE = f"{{{MC_NS}}}Choice"
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
M_MATH = {f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"}
M_T = f"{{{M_NS}}}t"

_W_NAMES = (
    "p pPr pStyle numPr numId ilvl outlineLvl rPr r t tab ptab br cr noBreakHyphen softHyphen "
    "delText instrText delInstrText fldChar fldCharType fldSimple hyperlink smartTag customXml dir bdo "
    "ins del moveFrom moveTo sdt sdtContent drawing pict object txbxContent ruby rubyBase "
    "b vanish rStyle tbl tr trPr tc tcPr gridSpan vMerge hMerge gridBefore gridAfter cellDel "
    "body hdr ftr footnote endnote comment type altChunk val styleId basedOn name style default docDefaults "
    "rPrDefault abstractNum abstractNumId num lvl lvlOverride startOverride start numFmt lvlText "
    "lvlRestart isLgl format numStyleLink styleLink tblGrid gridCol w"
).split()


class _Tags:
    """Clark names of the WordprocessingML elements used, for one namespace (transitional or strict)."""

    def __init__(self, ns: str) -> None:
        for n in _W_NAMES:
            setattr(self, n, f"{{{ns}}}{n}")
        self.inline_containers = {self.hyperlink, self.smartTag, self.customXml, self.fldSimple, self.dir, self.bdo,
                                  self.ins, self.moveTo}
        self.removed = {self.del_, self.moveFrom}
        self.blocks = {self.p, self.tbl}

    @property
    def del_(self) -> str:
        return getattr(self, "del")


_OFF = {"0", "false", "off", "none"}


def _on(el, val: str) -> bool:
    """A WordprocessingML toggle (``<w:b/>``, ``<w:b w:val="0"/>``)."""
    v = el.get(val)
    return v is None or v.lower() not in _OFF


def _int(el, attr: str, default: Optional[int] = None) -> Optional[int]:
    if el is None:
        return default
    v = el.get(attr)
    if v is None:
        return default
    try:
        return int(v.strip())
    except ValueError:
        return default


# ------------------------------------------------------------------ reasons

def _damaged(detail_en: str, detail_zh: str) -> Unreadable:
    return Unreadable(
        f"the .docx archive is damaged: {detail_en}; open it in Word/WPS and save it again",
        f".docx 文件已损坏：{detail_zh}；请用 Word/WPS 打开后重新保存",
    )


def _not_word(what_en: str = "", what_zh: str = "") -> Unreadable:
    return Unreadable(
        "a ZIP archive that is not a Word document (.docx)" + (f" ({what_en})" if what_en else "")
        + ": save the report as .docx and lint that",
        "这是 ZIP 压缩包，不是 Word 文档（.docx）" + (f"（{what_zh}）" if what_zh else "") + "：请将报告另存为 .docx 后再检查",
    )


def _too_big(detail_en: str, detail_zh: str) -> Unreadable:
    return Unreadable(
        f"the .docx file is too large to read safely: {detail_en} (a real report is far smaller); "
        "open it in Word/WPS, check its content and save it again",
        f".docx 文件过大，无法安全读取：{detail_zh}（正常的年度报告远小于此）；请用 Word/WPS 打开检查内容后重新保存",
    )


# ------------------------------------------------------------------ the package

_ZIP_ERRORS: tuple = (EOFError, OSError, ValueError, NotImplementedError, RuntimeError, KeyError, struct.error)


def _eocd_entries(data: bytes) -> Optional[int]:
    """The entry count the end-of-central-directory record states, before zipfile parses the whole directory."""
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if pos < 0 or pos + 22 > len(data):
        return None
    return struct.unpack("<H", data[pos + 10 : pos + 12])[0]


class _Package:
    """The zip archive, read member by member within bounds."""

    def __init__(self, data: bytes) -> None:
        import zipfile
        import zlib

        self._errors = _ZIP_ERRORS + (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error)
        count = _eocd_entries(data)
        if count is not None and count > MAX_ENTRIES and count != 0xFFFF:
            raise _too_big(f"the archive lists {count} entries", f"压缩包内有 {count} 个条目")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except self._errors as e:
            raise _damaged(_detail(e), _detail(e)) from None
        if len(infos) > MAX_ENTRIES:
            raise _too_big(f"the archive lists {len(infos)} entries", f"压缩包内有 {len(infos)} 个条目")
        self.infos = {i.filename: i for i in infos}
        # Part names are case-insensitive in Open Packaging (some tools write Word/Document.xml).
        self._folded = {n.lower(): i for n, i in reversed(list(self.infos.items()))}
        self._read_total = 0

    def has(self, name: str) -> bool:
        return name.lower() in self._folded

    def read(self, name: str) -> bytes:
        info = self._folded[name.lower()]
        if info.flag_bits & 0x1:
            raise Unreadable(
                "the .docx archive is password-protected: remove the password in Word/WPS and save it again",
                ".docx 文件已加密：请在 Word/WPS 中取消密码后重新保存",
            )
        if info.file_size > MAX_PART:
            raise _too_big(f"{name} inflates to {info.file_size} bytes", f"{name} 解压后为 {info.file_size} 字节")
        try:
            with self.zip.open(info) as f:
                out = f.read(MAX_PART + 1)
        except self._errors as e:
            raise _damaged(f"{name}: {_detail(e)}", f"{name}：{_detail(e)}") from None
        if len(out) > MAX_PART:  # the header lied about the size
            raise _too_big(f"{name} inflates beyond {MAX_PART} bytes", f"{name} 解压后超过 {MAX_PART} 字节")
        self._read_total += len(out)
        if self._read_total > MAX_TOTAL:
            raise _too_big(f"its parts inflate beyond {MAX_TOTAL} bytes", f"各部分解压后超过 {MAX_TOTAL} 字节")
        return out

    def xml(self, name: str):
        """The parsed part; entities are not expanded and nothing is fetched (hostile XML stays inert)."""
        from lxml import etree

        data = self.read(name)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
        try:
            root = etree.fromstring(data, parser)
        except (etree.XMLSyntaxError, ValueError) as e:
            raise _damaged(f"{name} is not well-formed XML ({_detail(e)})", f"{name} 不是格式正确的 XML（{_detail(e)}）") from None
        if root is None:
            raise _damaged(f"{name} is empty", f"{name} 为空")
        return root

    def rels(self, part: str) -> list[tuple[str, str]]:
        """(type, target part name) of a part's relationships ("" = the package's)."""
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels") if part else "_rels/.rels"
        if not self.has(name):
            return []
        out = []
        for rel in self.xml(name).iter(f"{{{REL_NS}}}Relationship"):
            target, kind = rel.get("Target") or "", rel.get("Type") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append((kind, target))
        return out


def _detail(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    return text[:160]


def _not_word_kind(pkg: _Package) -> tuple[str, str]:
    """What else the archive is, when it says (for the advice)."""
    names = pkg.infos
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook, .xlsx", "Excel 工作簿 .xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint presentation, .pptx", "PowerPoint 演示文稿 .pptx"
    if pkg.has("mimetype"):
        mime = pkg.read("mimetype")[:100].decode("ascii", "replace")
        if "opendocument.text" in mime:
            return "an OpenDocument text, .odt", "OpenDocument 文本 .odt"
        return mime.strip(), mime.strip()
    return "", ""


# ------------------------------------------------------------------ numerals

_ZH = "〇一二三四五六七八九"
_ZH_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _zh_group(g: int, digits: str, units: tuple[str, ...], zero: str) -> str:
    """1..9999 in Chinese numerals: ``一千〇二十``."""
    s, pending = "", False
    for pos in (3, 2, 1, 0):
        d = g // 10**pos % 10
        if d == 0:
            pending = bool(s)
            continue
        if pending:
            s += zero
            pending = False
        s += digits[d] + units[pos]
    return s


def chinese_number(n: int, zero: str = "〇", digits: str = _ZH, units: tuple[str, ...] = ("", "十", "百", "千"),
                   short_ten: bool = True) -> str:
    """``11`` → ``十一``, ``101`` → ``一百〇一``: Word's Chinese counting formats."""
    if n <= 0:
        return zero if n == 0 else str(n)
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    big = ("", "万", "亿", "万亿")
    out, gap = "", False
    for i in reversed(range(len(groups))):
        g = groups[i]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += zero
        out += _zh_group(g, digits, units, zero) + big[min(i, 3)]
        gap = False
    if short_ten and out.startswith(digits[1] + units[1]):  # 十一, not 一十一
        out = out[1:]
    return out


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


def _enclosed(n: int, first: int, last: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last - first + 1 else str(n)


def format_number(n: int, fmt: str) -> str:
    """One level's value as Word prints it in format ``fmt`` (``w:numFmt``); unknown formats print decimal."""
    if fmt in ("chineseCounting", "japaneseCounting", "taiwaneseCounting", "koreanCounting"):
        return chinese_number(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand", "koreanCountingThousand"):
        return chinese_number(n, zero="零")
    if fmt == "chineseLegalSimplified":
        return chinese_number(n, zero="零", digits=_ZH_LEGAL, units=("", "拾", "佰", "仟"), short_ten=False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_ZH[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[n - 1] if 1 <= n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return "子丑寅卯辰巳午未申酉戌亥"[n - 1] if 1 <= n <= 12 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 0x2473)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 0x249B)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 0x2487)
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3220, 0x3229)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        if not 0 < n <= 780:  # Word repeats the letter (AA, AAA …); past 30 repeats it is no list anyone wrote
            return str(n)
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: A…Z, AA…ZZ
        return s if fmt == "upperLetter" else s.lower()
    if fmt == "none":
        return ""
    return str(n)


def _custom_format(spec: str) -> str:
    """Word 2010's ``w:numFmt w:val="custom" w:format="一, 二, 三, ..."`` as the nearest standard format."""
    first = spec.split(",")[0].strip()
    if first.startswith("0") and first[-1:].isdigit():
        return "decimalZero" if len(first) == 2 else "decimal"
    table = {"一": "chineseCountingThousand", "壹": "chineseLegalSimplified", "①": "decimalEnclosedCircle",
             "甲": "ideographTraditional", "子": "ideographZodiac", "㈠": "ideographEnclosedCircle",
             "１": "decimalFullWidth", "⑴": "decimalEnclosedParen", "⒈": "decimalEnclosedFullstop"}
    return table.get(first[:1], "decimal")


# ------------------------------------------------------------------ styles and numbering

@dataclass
class _Style:
    name: str
    based_on: Optional[str]
    kind: str
    num_id: Optional[int]
    ilvl: Optional[int]
    outline: Optional[int]
    bold: Optional[bool]
    vanish: Optional[bool]


_TITLE_NAMES = {"title", "标题"}
_HEADING_NAMES = {"heading1": "heading1", "标题1": "heading1", "heading2": "heading2", "标题2": "heading2"}
_HEADING_IDS = {"1": "heading1", "2": "heading2", "heading1": "heading1", "heading2": "heading2", "title": "title"}


class _Styles:
    """styles.xml, each style parsed when a paragraph first uses it (templates define hundreds)."""

    def __init__(self, root, T: _Tags) -> None:
        self.T = T
        self._elements: dict[str, object] = {}
        self._parsed: dict[str, _Style] = {}
        self.default_para: Optional[str] = None
        self.default_bold = False
        self.default_vanish = False
        self._hint: dict[Optional[str], str] = {}
        self._run: dict[tuple, tuple[bool, bool]] = {}
        if root is None:
            return
        val = T.val
        for d in root.iter(T.rPrDefault):
            rpr = d.find(T.rPr)
            if rpr is not None:
                b, v = rpr.find(T.b), rpr.find(T.vanish)
                self.default_bold = b is not None and _on(b, val)
                self.default_vanish = v is not None and _on(v, val)
        for st in root.iterchildren(T.style):
            sid = st.get(T.styleId)
            if sid is None:
                continue
            self._elements.setdefault(sid, st)
            if self.default_para is None and st.get(T.default) in ("1", "true", "on") and st.get(T.type) in (None, "paragraph"):
                self.default_para = sid

    def __contains__(self, sid: Optional[str]) -> bool:
        return sid in self._elements

    def get(self, sid: str) -> Optional[_Style]:
        got = self._parsed.get(sid)
        if got is not None or sid not in self._elements:
            return got
        T, val, st = self.T, self.T.val, self._elements[sid]
        name_el, base_el = st.find(T.name), st.find(T.basedOn)
        ppr, rpr = st.find(T.pPr), st.find(T.rPr)
        num_id = ilvl = outline = None
        if ppr is not None:
            numpr = ppr.find(T.numPr)
            if numpr is not None:
                num_id = _int(numpr.find(T.numId), val)
                ilvl = _int(numpr.find(T.ilvl), val)
            outline = _int(ppr.find(T.outlineLvl), val)
        bold = vanish = None
        if rpr is not None:
            b, v = rpr.find(T.b), rpr.find(T.vanish)
            bold = None if b is None else _on(b, val)
            vanish = None if v is None else _on(v, val)
        got = _Style(
            name=(name_el.get(val) or "") if name_el is not None else "",
            based_on=base_el.get(val) if base_el is not None else None,
            kind=st.get(T.type) or "paragraph", num_id=num_id, ilvl=ilvl, outline=outline, bold=bold, vanish=vanish,
        )
        self._parsed[sid] = got
        return got

    def _chain(self, sid: Optional[str]) -> Iterator[tuple[str, _Style]]:
        seen: set[str] = set()
        while sid is not None and sid not in seen and len(seen) < 30:
            seen.add(sid)
            st = self.get(sid)
            if st is None:
                return
            yield sid, st
            sid = st.based_on

    def hint(self, sid: Optional[str]) -> str:
        """title / heading1 / heading2 from the style's name (or id when it has none) or outline level."""
        if sid in self._hint:
            return self._hint[sid]
        out = ""
        if sid is not None and sid not in self:
            out = _HEADING_IDS.get(sid.lower().replace(" ", ""), "")
        for cid, st in self._chain(sid):
            key = st.name.lower().replace(" ", "") if st.name else cid.lower().replace(" ", "")
            if key in _TITLE_NAMES:
                out = "title"
            elif key in _HEADING_NAMES:
                out = _HEADING_NAMES[key]
            elif not st.name and key in _HEADING_IDS:
                out = _HEADING_IDS[key]
            elif st.outline in (0, 1):
                out = "heading1" if st.outline == 0 else "heading2"
            if out:
                break
        self._hint[sid] = out
        return out

    def numpr(self, sid: Optional[str]) -> tuple[Optional[int], Optional[int]]:
        for _, st in self._chain(sid):
            if st.num_id is not None:
                return st.num_id, st.ilvl
        return None, None

    def run_props(self, rstyle: Optional[str], pstyle: Optional[str]) -> tuple[bool, bool]:
        """(bold, hidden) a run gets from its character style, its paragraph's style and the defaults."""
        key = (rstyle, pstyle)
        got = self._run.get(key)
        if got is not None:
            return got
        bold = vanish = None
        for sid in (rstyle, pstyle):
            for _, st in self._chain(sid):
                if bold is None and st.bold is not None:
                    bold = st.bold
                if vanish is None and st.vanish is not None:
                    vanish = st.vanish
        got = (self.default_bold if bold is None else bold, self.default_vanish if vanish is None else vanish)
        self._run[key] = got
        return got


@dataclass
class _Level:
    start: int = 0  # the schema's default when w:start is absent
    fmt: str = "decimal"
    text: str = ""
    restart: Optional[int] = None
    legal: bool = False


class _Numbering:
    """numbering.xml, and the counters Word keeps while it prints the document."""

    def __init__(self, root, T: _Tags, styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[int, dict[int, _Level]] = {}
        self.links: dict[int, str] = {}  # abstractNum → numbering style it takes its levels from
        self.nums: dict[int, tuple[int, dict[int, int], dict[int, _Level]]] = {}
        self.style_level: dict[tuple[int, str], int] = {}  # (abstractNum, paragraph style) → ilvl
        self.counters: dict[int, dict[int, int]] = {}
        self.seen: set[int] = set()
        self.used = 0
        if root is None:
            return
        val = T.val
        for an in root.iter(T.abstractNum):
            aid = _int(an, T.abstractNumId)
            if aid is None:
                continue
            levels = {}
            for lvl in an.iter(T.lvl):
                ilvl = _int(lvl, T.ilvl, 0) or 0
                levels[ilvl] = self._level(lvl, T)
                ps = lvl.find(T.pStyle)
                if ps is not None and ps.get(val):
                    self.style_level[(aid, ps.get(val))] = ilvl
            self.abstract[aid] = levels
            link = an.find(T.numStyleLink)
            if link is not None and link.get(val):
                self.links[aid] = link.get(val)
        for num in root.iter(T.num):
            nid = _int(num, T.numId)
            aid = _int(num.find(T.abstractNumId), val)
            if nid is None or aid is None:
                continue
            starts: dict[int, int] = {}
            lvls: dict[int, _Level] = {}
            for ov in num.iter(T.lvlOverride):
                ilvl = _int(ov, T.ilvl, 0) or 0
                so = _int(ov.find(T.startOverride), val)
                if so is not None:
                    starts[ilvl] = so
                lvl = ov.find(T.lvl)
                if lvl is not None:
                    lvls[ilvl] = self._level(lvl, T)
            self.nums[nid] = (aid, starts, lvls)

    @staticmethod
    def _level(lvl, T: _Tags) -> _Level:
        val = T.val
        out = _Level()
        out.start = _int(lvl.find(T.start), val, 0) or 0
        fmt_el = lvl.find(T.numFmt)
        if fmt_el is None:  # Word 2010 wraps custom formats in mc:AlternateContent with a standard fallback
            for alt in lvl.iter(MC_ALT):
                for branch in (alt.find(MC_FALLBACK), alt.find(MC_CHOICE)):
                    if branch is not None and branch.find(T.numFmt) is not None:
                        fmt_el = branch.find(T.numFmt)
                        break
                if fmt_el is not None:
                    break
        if fmt_el is not None:
            out.fmt = fmt_el.get(val) or "decimal"
            if out.fmt == "custom":
                out.fmt = _custom_format(fmt_el.get(T.format) or "")
        text = lvl.find(T.lvlText)
        out.text = (text.get(val) or "") if text is not None else ""
        restart = lvl.find(T.lvlRestart)
        out.restart = _int(restart, val)
        legal = lvl.find(T.isLgl)
        out.legal = legal is not None and _on(legal, val)
        return out

    def _levels(self, aid: int) -> dict[int, _Level]:
        levels = self.abstract.get(aid, {})
        if not levels and aid in self.links:  # a list style: the levels live in the abstractNum its style names
            nid, _ = self.styles.numpr(self.links[aid])
            if nid in self.nums and self.nums[nid][0] != aid:
                return self.abstract.get(self.nums[nid][0], {})
        return levels

    def number(self, num_id: Optional[int], ilvl: Optional[int], pstyle: Optional[str]) -> str:
        """Advance the list's counters for one paragraph and return the number Word prints before it."""
        if not num_id or num_id not in self.nums:  # numId 0 switches numbering off
            return ""
        aid, starts, overrides = self.nums[num_id]
        levels = {**self._levels(aid), **overrides}
        if ilvl is None:
            ilvl = self.style_level.get((aid, pstyle or ""), 0)
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        counts = self.counters.setdefault(aid, {})
        if num_id not in self.seen:  # a list instance with w:startOverride restarts those levels
            self.seen.add(num_id)
            for level, start in starts.items():
                counts[level] = start - 1
        cur = counts.get(ilvl)
        counts[ilvl] = lvl.start if cur is None else cur + 1
        for deeper in [d for d in counts if d > ilvl]:
            r = levels[deeper].restart if deeper in levels else None
            if r is None or (r != 0 and ilvl < r):
                del counts[deeper]
        self.used += 1
        if lvl.fmt == "bullet":
            return ""
        out, i, text = "", 0, lvl.text
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                k = int(text[i + 1]) - 1
                ref = levels.get(k, _Level())
                value = counts.get(k, ref.start)
                out += format_number(value, "decimal" if lvl.legal and ref.fmt != "none" else ref.fmt)
                i += 2
                continue
            out += ch
            i += 1
        return out


# ------------------------------------------------------------------ walking the body

@dataclass
class _Para:
    text: str
    number: str = ""
    style: str = ""
    boxes: list = field(default_factory=list)  # w:txbxContent anchored here
    mark_deleted: bool = False

    @property
    def printed(self) -> str:
        return self.number + self.text


@dataclass
class _Cell:
    row: int
    col: int
    colspan: int
    items: list  # _Para and _Table, in order
    rowspan: int = 1

    def text(self) -> str:
        lines: list[str] = []
        for it in self.items:
            if isinstance(it, _Para):
                lines.extend(it.printed.split("\n"))
        return join_lines(lines)


@dataclass
class _Table:
    cells: list[_Cell]
    rows: int
    cols: int


@dataclass
class _RunState:
    pstyle: Optional[str]
    pieces: list = field(default_factory=list)
    boxes: list = field(default_factory=list)
    any_text: bool = False
    all_bold: bool = True


class _Walker:
    def __init__(self, T: _Tags, styles: _Styles, numbering: Optional[_Numbering]) -> None:
        self.T = T
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.paragraphs = 0  # emitted body paragraphs (Place.paragraph)
        self.tables = 0  # emitted grids (Place.table)
        self.frames = 0
        self.boxes = 0
        self.removed = 0  # tracked deletions / moves skipped
        self.alt_chunks = 0
        self._p_seen = 0
        self._tc_seen = 0
        self._fields: list[bool] = []  # open complex fields: True while in the instruction part
        self._in_instr = 0
        self._pending: Optional[_Para] = None

    # -------------------------------------------------------------- containers

    def _flat(self, el, wanted: set) -> Iterator:
        """Children of ``el`` with tag in ``wanted``, through content controls and custom XML."""
        T = self.T
        for ch in el:
            tag = ch.tag
            if tag in wanted:
                yield ch
            elif tag == T.sdt:
                content = ch.find(T.sdtContent)
                if content is not None:
                    yield from self._flat(content, wanted)
            elif tag == T.customXml:
                yield from self._flat(ch, wanted)
            elif tag == MC_ALT:
                branch = _branch(ch)
                if branch is not None:
                    yield from self._flat(branch, wanted)
            elif tag == T.altChunk:
                self.alt_chunks += 1

    def emit_blocks(self, container, depth: int = 0) -> None:
        """Paragraphs and tables of a body, frame cell, text box, header or note, as blocks."""
        T = self.T
        for el in self._flat(container, T.blocks):
            if el.tag == T.p:
                para = self._paragraph(el)
                self._emit_para(para)
                for box in para.boxes:
                    self.boxes += 1
                    self.emit_blocks(box, depth + 1)
            else:
                self._flush_pending()
                self._emit_table(self._table(el, depth), depth)
        self._flush_pending()

    def _emit_para(self, para: _Para) -> None:
        if self._pending is not None:  # the previous paragraph's mark was deleted: it runs on into this one
            para.text = (self._pending.text + para.text).strip()
            self._pending = None
        if para.mark_deleted:
            self._pending = para
            return
        if not para.printed:
            return
        self.paragraphs += 1
        self.blocks.append(Paragraph(para.text, Place(paragraph=self.paragraphs), para.number, para.style))

    def _flush_pending(self) -> None:
        if self._pending is not None:
            para, self._pending = self._pending, None
            para.mark_deleted = False
            self._emit_para(para)

    def _emit_table(self, table: _Table, depth: int) -> None:
        if not table.cells:
            return
        if _is_frame(table):
            self.frames += 1
            for cell in table.cells:
                for it in cell.items:
                    if isinstance(it, _Para):
                        self._emit_para(it)
                    else:
                        self._flush_pending()
                        self._emit_table(it, depth + 1)
            self._flush_pending()
            return
        self.tables += 1
        self._emit_grid(table, self.tables, None)

    def _emit_grid(self, table: _Table, number: int, at: Optional[Place]) -> None:
        """A grid; a table nested in a cell follows its outer table, placed at that outer cell."""
        cells = []
        nested: list[tuple[_Table, Place]] = []
        for c in table.cells:
            place = at or Place(table=number, row=c.row + 1, column=c.col + 1)
            cells.append(GridCell(c.text(), c.row, c.col, place, c.rowspan, c.colspan))
            nested.extend((it, place) for it in c.items if isinstance(it, _Table) and it.cells)
        self.blocks.append(Grid(cells, at or Place(table=number), rows=table.rows, cols=table.cols))
        for inner, place in nested:
            self._emit_grid(inner, number, place)

    # -------------------------------------------------------------- paragraphs

    def _paragraph(self, p) -> _Para:
        T = self.T
        self._p_seen += 1
        if self._p_seen > MAX_PARAGRAPHS:
            raise _too_big(f"more than {MAX_PARAGRAPHS} paragraphs", f"段落超过 {MAX_PARAGRAPHS} 个")
        if len(p) == 0:  # <w:p/>: the common empty paragraph, nothing to look at
            return _Para("")
        ppr = p[0] if p[0].tag == T.pPr else None
        pstyle = num_id = ilvl = outline = None
        mark_deleted = False
        if ppr is not None:
            ps = ppr.find(T.pStyle)
            pstyle = ps.get(T.val) if ps is not None else None
            numpr = ppr.find(T.numPr)
            if numpr is not None:
                num_id = _int(numpr.find(T.numId), T.val)
                ilvl = _int(numpr.find(T.ilvl), T.val)
            outline = _int(ppr.find(T.outlineLvl), T.val)
            mark = ppr.find(T.rPr)
            if mark is not None and (mark.find(T.del_) is not None or mark.find(T.moveFrom) is not None):
                mark_deleted = True
        if pstyle is None:
            pstyle = self.styles.default_para
        st = _RunState(pstyle)
        self._inline(p, st)
        if self._in_instr:  # a field instruction never spans paragraphs in practice: end it here
            self._fields = [False for _ in self._fields]
            self._in_instr = 0
        text = "\n".join(ln for ln in (x.strip() for x in "".join(st.pieces).split("\n")) if ln)
        number = ""
        if self.numbering is not None and not mark_deleted:
            if num_id is None:
                snum, sl = self.styles.numpr(pstyle)
                num_id = snum
                ilvl = sl if ilvl is None else ilvl
            elif ilvl is None:
                ilvl = self.styles.numpr(pstyle)[1]
            number = self.numbering.number(num_id, ilvl, pstyle)
        style = self.styles.hint(pstyle)
        if not style and outline in (0, 1):
            style = "heading1" if outline == 0 else "heading2"
        if not style and st.any_text and st.all_bold:
            style = "bold"
        return _Para(text, number, style, st.boxes, mark_deleted)

    def _inline(self, parent, st: _RunState) -> None:
        T = self.T
        for ch in parent:
            tag = ch.tag
            if tag == T.r:
                self._run(ch, st)
            elif tag in T.inline_containers:
                self._inline(ch, st)
            elif tag in T.removed:
                self.removed += 1
            elif tag == T.sdt:
                content = ch.find(T.sdtContent)
                if content is not None:
                    self._inline(content, st)
            elif tag == MC_ALT:
                branch = _branch(ch)
                if branch is not None:
                    self._inline(branch, st)
            elif tag in M_MATH:
                if not self._in_instr:
                    st.pieces.append("".join(t.text or "" for t in ch.iter(M_T)))

    def _run(self, r, st: _RunState, rpr=None) -> None:
        T = self.T
        flags: Optional[tuple[bool, bool]] = None
        for ch in r:
            tag = ch.tag
            if tag == T.t:
                text = ch.text
                if not text or self._in_instr:
                    continue
                if flags is None:
                    flags = self._flags(rpr, st)
                if flags[1]:  # hidden text does not print
                    continue
                st.pieces.append(text)
                if not text.isspace():
                    st.any_text = True
                    st.all_bold = st.all_bold and flags[0]
            elif tag == T.rPr:
                rpr = ch
            elif tag in (T.tab, T.ptab):
                if not self._in_instr:
                    st.pieces.append(" ")
            elif tag in (T.br, T.cr):
                if not self._in_instr:
                    st.pieces.append("\n")
            elif tag == T.noBreakHyphen:
                if not self._in_instr:
                    st.pieces.append("-")
            elif tag == T.fldChar:
                self._field(ch.get(T.fldCharType))
            elif tag in (T.drawing, T.pict, T.object):
                st.boxes.extend(_text_boxes(ch, T.txbxContent))
            elif tag == MC_ALT:
                branch = _branch(ch)
                if branch is not None:
                    self._run(branch, st, rpr)
            elif tag == T.ruby:
                base = ch.find(T.rubyBase)
                if base is not None:
                    self._inline(base, st)
            # delText, instrText, footnote/comment references, sym, softHyphen: not printed

    def _flags(self, rpr, st: _RunState) -> tuple[bool, bool]:
        T = self.T
        bold = vanish = None
        rstyle = None
        if rpr is not None:
            for ch in rpr:
                tag = ch.tag
                if tag == T.b:
                    bold = _on(ch, T.val)
                elif tag == T.vanish:
                    vanish = _on(ch, T.val)
                elif tag == T.rStyle:
                    rstyle = ch.get(T.val)
        if bold is None or vanish is None:
            sb, sv = self.styles.run_props(rstyle, st.pstyle)
            bold = sb if bold is None else bold
            vanish = sv if vanish is None else vanish
        return bold, vanish

    def _field(self, kind: Optional[str]) -> None:
        if kind == "begin":
            if len(self._fields) < 64:
                self._fields.append(True)
                self._in_instr += 1
        elif kind == "separate":
            if self._fields and self._fields[-1]:
                self._fields[-1] = False
                self._in_instr -= 1
        elif kind == "end":
            if self._fields and self._fields.pop():
                self._in_instr -= 1

    # -------------------------------------------------------------- tables

    def _table(self, tbl, depth: int) -> _Table:
        T = self.T
        if depth > MAX_NESTING:
            raise _too_big(f"tables nested more than {MAX_NESTING} deep", f"表格嵌套超过 {MAX_NESTING} 层")
        cells: list[_Cell] = []
        above: dict[int, _Cell] = {}  # the cell open at each start column in the row above (for vMerge)
        width = 0
        r = -1
        tc_tags = {T.tc}
        for tr in self._flat(tbl, {T.tr}):
            trpr = tr.find(T.trPr)
            if trpr is not None and trpr.find(T.del_) is not None:  # a deleted row does not print
                self.removed += 1
                continue
            r += 1
            col = max(0, _int(trpr.find(T.gridBefore), T.val, 0) or 0) if trpr is not None else 0
            after = max(0, _int(trpr.find(T.gridAfter), T.val, 0) or 0) if trpr is not None else 0
            row_cells: list[_Cell] = []
            here: dict[int, _Cell] = {}
            for tc in self._flat(tr, tc_tags):
                self._tc_seen += 1
                if self._tc_seen > MAX_CELLS:
                    raise _too_big(f"more than {MAX_CELLS} table cells", f"表格单元格超过 {MAX_CELLS} 个")
                span, vmerge, hmerge, deleted = 1, None, None, False
                if len(tc) and tc[0].tag == T.tcPr:
                    for prop in tc[0]:
                        tag = prop.tag
                        if tag == T.gridSpan:
                            span = max(1, _int(prop, T.val, 1) or 1)
                        elif tag == T.vMerge:
                            vmerge = prop.get(T.val) or "continue"
                        elif tag == T.hMerge:
                            hmerge = prop.get(T.val) or "continue"
                        elif tag == T.cellDel:
                            deleted = True
                if deleted:
                    continue
                if col + span > MAX_WIDTH:
                    raise _too_big(f"a table wider than {MAX_WIDTH} columns", f"表格超过 {MAX_WIDTH} 列")
                if hmerge == "continue" and row_cells and row_cells[-1].col + row_cells[-1].colspan == col:
                    row_cells[-1].colspan += span  # legacy horizontal merge: widens the cell on its left
                    col += span
                    continue
                owner = above.get(col) if vmerge == "continue" else None
                if owner is not None and owner.colspan == span:
                    owner.rowspan = r - owner.row + 1  # covered by the cell above; its own text never prints
                    here[col] = owner
                else:
                    cell = _Cell(r, col, span, self._cell_items(tc, depth))
                    row_cells.append(cell)
                    here[col] = cell
                col += span
            cells.extend(row_cells)
            if col + after > MAX_WIDTH:
                raise _too_big(f"a table wider than {MAX_WIDTH} columns", f"表格超过 {MAX_WIDTH} 列")
            width = max(width, col + after)
            above = here
        widths = []
        grid_el = tbl.find(T.tblGrid)
        if grid_el is not None:
            widths = [_int(gc, T.w) for gc in grid_el.iterchildren(T.gridCol)]
        return _collapse(_Table(cells, r + 1, width), widths)

    def _cell_items(self, tc, depth: int) -> list:
        T = self.T
        items: list = []
        for el in self._flat(tc, T.blocks):
            if el.tag == T.p:
                para = self._paragraph(el)
                items.append(para)
                for box in para.boxes:
                    self.boxes += 1
                    items.extend(self._box_items(box, depth))
            else:
                items.append(self._table(el, depth + 1))
        return items

    def _box_items(self, box, depth: int) -> list:
        # A text box inside a cell: its words belong to the cell.
        return self._cell_items(box, depth)


def _branch(alt):
    """The mc:AlternateContent branch to read: the first Choice (the same content as the fallback)."""
    choice = alt.find(MC_CHOICE)
    return choice if choice is not None else alt.find(MC_FALLBACK)


def _text_boxes(el, tag: str) -> list:
    """The outermost text-box contents inside a drawing (boxes in boxes are reached through their parent)."""
    out = []
    for box in el.iter(tag):
        nested = False
        for anc in box.iterancestors():
            if anc is el:
                break
            if anc.tag == tag or anc.tag == MC_FALLBACK:
                nested = True
                break
        if not nested:
            out.append(box)
    return out


SLIVER = 30  # twips (half a millimetre): grid columns narrower than this are no column a person sees


def _collapse(table: _Table, widths: list) -> _Table:
    """The columns a person sees: sliver grid columns merged away, columns no cell starts in dropped.

    Word and LibreOffice leave sliver columns in ``w:tblGrid`` where the
    borders of different rows almost line up (LibreOffice rounding puts a
    1-twip column between 行政复议 and 行政诉讼, and 总计 spans it); and
    gridBefore/gridAfter leave columns nothing starts in. Kept, either would
    shift the later cells of some rows by one column.
    """
    if widths and len(widths) >= table.cols and all(w is not None and w >= 0 for w in widths[: table.cols]):
        x, logical, mapping = 0, 0, [0]
        last = 0
        for w in widths[: table.cols]:
            x += w
            if x - last >= SLIVER:
                logical += 1
                last = x
            mapping.append(logical)
        if all(mapping[c.col + c.colspan] > mapping[c.col] for c in table.cells):
            for c in table.cells:
                c.col, c.colspan = mapping[c.col], mapping[c.col + c.colspan] - mapping[c.col]
            table = _Table(table.cells, table.rows, mapping[table.cols])
    starts = sorted({c.col for c in table.cells})
    if len(starts) == table.cols:
        return table
    new = {old: i for i, old in enumerate(starts)}
    for c in table.cells:
        first = new[c.col]
        c.colspan = bisect_left(starts, c.col + c.colspan) - first
        c.col = first
    return _Table(table.cells, table.rows, len(starts))


def _is_frame(table: _Table) -> bool:
    """A one-column table around prose: an office's frame around the body, not a table of data."""
    if table.cols != 1:
        return False
    total = 0
    for cell in table.cells:
        for it in cell.items:
            if isinstance(it, _Table):
                return True
            n = len(it.printed)
            if n >= 50:
                return True
            total += n
    return total >= 150


# ------------------------------------------------------------------ the reader

class DocxReader(StructuredReader):
    name = "docx"
    kind = "docx"
    priority = 30

    def can_read(self, path: str, head: bytes) -> bool:
        # Every ZIP: none of govlint's other readers takes archives, and "this ZIP is an Excel workbook,
        # save the report as .docx" (from ``document``) is better advice than the text reader's "binary".
        return head.startswith(ZIP_MAGIC)

    def document(self, path: str, data: bytes) -> Document:
        pkg = _Package(data)
        main = next((t for k, t in pkg.rels("") if k.endswith("/officeDocument")), None)
        if main is None or not pkg.has(main):
            main = "word/document.xml" if pkg.has("word/document.xml") else None
        if main is None:
            if any(n.lower().startswith("word/") for n in pkg.infos):
                raise _damaged("it has no main document part (word/document.xml)", "缺少正文部分（word/document.xml）")
            raise _not_word(*_not_word_kind(pkg))
        root = pkg.xml(main)
        ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        if ns not in (W_NS, W_STRICT_NS):
            raise _not_word(*_not_word_kind(pkg))
        T = _Tags(ns)
        body = root.find(T.body)
        if body is None:
            raise _damaged(f"{main} has no body", f"{main} 没有正文（w:body）")
        parts = pkg.rels(main)

        def part(kind: str, fallback: str) -> Optional[str]:
            name = next((t for k, t in parts if k.endswith("/" + kind)), None)
            name = name if name and pkg.has(name) else fallback
            return name if pkg.has(name) else None

        styles_name, numbering_name = part("styles", "word/styles.xml"), part("numbering", "word/numbering.xml")
        styles = _Styles(pkg.xml(styles_name) if styles_name else None, T)
        numbering = _Numbering(pkg.xml(numbering_name) if numbering_name else None, T, styles)
        walker = _Walker(T, styles, numbering)
        walker.emit_blocks(body)
        if not walker.blocks and walker.alt_chunks:
            raise Unreadable(
                "the .docx holds its content as an embedded file (altChunk) that only Word renders: "
                "open it in Word/WPS and save it again as .docx",
                "该 .docx 的正文是嵌入的外部内容（altChunk），只有 Word 能显示：请用 Word/WPS 打开后重新另存为 .docx",
            )
        doc = Document(format="docx", blocks=walker.blocks)
        doc.dropped = _furniture(pkg, parts, T, styles)
        doc.evidence = _evidence(main, walker, numbering)
        return doc


def _furniture(pkg: _Package, parts: list[tuple[str, str]], T: _Tags, styles: _Styles) -> list[tuple[str, str, Place]]:
    """Headers, footers, notes and comments: what prints around the body (or not at all), for ``dropped``."""
    out: list[tuple[str, str, Place]] = []
    seen: set[tuple[str, str]] = set()
    kinds = {"header": "header", "footer": "footer", "footnotes": "footnote", "endnotes": "endnote", "comments": "comment"}
    for rel, name in parts:
        kind = kinds.get(rel.rsplit("/", 1)[-1])
        if kind is None or not pkg.has(name):
            continue
        try:
            root = pkg.xml(name)
        except Unreadable:  # a broken header is no reason to refuse the body
            continue
        walker = _Walker(T, styles, None)
        if kind in ("header", "footer"):
            containers = [root]
        else:
            containers = [n for n in root if n.get(T.type) not in ("separator", "continuationSeparator", "continuationNotice")]
        for c in containers:
            walker.emit_blocks(c)
        for b in walker.blocks:
            text = b.printed if isinstance(b, Paragraph) else " ".join(c.text for c in b.cells if c.text)
            if text and (kind, text) not in seen:
                seen.add((kind, text))
                out.append((kind, text, Place()))
    return out


def _evidence(main: str, w: _Walker, numbering: _Numbering) -> str:
    parts = [f"{main}: {w.paragraphs} paragraphs, {w.tables} tables"]
    if w.frames:
        parts.append(f"{w.frames} one-column frame table(s) read as body text")
    if numbering.used:
        parts.append(f"{numbering.used} Word-numbered paragraph(s)")
    if w.removed:
        parts.append(f"tracked changes applied ({w.removed} deletion(s)/move(s) left out)")
    if w.boxes:
        parts.append(f"{w.boxes} text box(es) read after their anchor paragraph")
    return "; ".join(parts)

