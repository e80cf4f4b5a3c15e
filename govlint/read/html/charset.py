"""Decoding: the page's bytes as text, in the encoding the bytes prove or the page declares."""

from __future__ import annotations

import codecs
import re
from typing import Optional

from ..document import Unreadable
from ..encoding import DecodeError, decode

_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*(?:["']\s*)?([A-Za-z0-9_:.\-]{1,40})""", re.I)
_XML_ENC = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.\-]{1,40})""", re.I)
_GB_NAMES = frozenset(
    {"gbk", "gb2312", "gb_2312", "gb_2312-80", "gb18030", "x-gbk", "cp936", "ms936", "windows-936",
     "euc-cn", "x-euc-cn", "csgb2312", "chinese", "iso-ir-58"}
)


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


def _as_declared(data: bytes, declared: Optional[str]) -> Optional[tuple[str, str, str]]:
    """The page in the encoding it declares, where ``decode`` never tries that one (Big5, Shift_JIS, windows-1252)."""
    if not declared or declared.startswith(("utf", "gb18030")):
        return None
    try:
        return data.decode(declared), declared, f"declared {declared}"
    except (UnicodeDecodeError, LookupError):
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
        got = _as_declared(data, declared) if b"\x00" not in data[:65536] else None
        if got:
            return got
        raise Unreadable(
            f"the page cannot be decoded: {e.reason_en}; open it in a browser and save it again as UTF-8, "
            "or lint the report's .docx or PDF instead",
            f"无法解码此网页：{e.reason_zh}；请在浏览器中打开后另存为 UTF-8 编码，或改为检查报告的 .docx 或 PDF 文件",
        ) from None
    if d.bom:
        return d.text, d.encoding, "byte-order mark"
    if d.encoding == "gb18030":
        got = _as_declared(data, declared)
        if got:
            return got
    if declared is None:
        return d.text, d.encoding, "not declared; " + ("valid UTF-8" if d.encoding == "utf-8" else "not UTF-8")
    if declared == d.encoding or (declared == "utf-8" and d.encoding == "utf-8"):
        return d.text, d.encoding, f"declared {declared}"
    return d.text, d.encoding, f"declared {declared}, but the bytes are {d.encoding}"
