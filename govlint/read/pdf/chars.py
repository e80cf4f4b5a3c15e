"""The characters of one page's text layer, as printed: the right character, its box, size and weight."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .geometry import Flip
from .model import Char

_BOLD = re.compile(r"bold|heavy|black|heiti|simhei|yahei|hei[-_ ]|黑", re.I)  # 黑体, 微软雅黑: the heading faces

# Fonts with a poor Unicode map make the text layer say ⼀ (KANGXI RADICAL ONE) where 一 is
# printed: the radicals become the characters they are drawn as.
_RADICALS = {
    code: unicodedata.normalize("NFKC", chr(code))
    for code in (*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6))
    if unicodedata.normalize("NFKC", chr(code)) != chr(code)
}


def read_chars(objs: list[Any], flip: Flip) -> list[Char]:
    """The page's characters from pdfminer's ``LTChar`` objects, in the order drawn.

    Spaces are left out (spacing comes from the positions), and so are the
    copies some producers overprint to fake bold (same glyph, nearly the
    same place). One pass: this runs for every character of the file.
    """
    left, top0, height = flip.left, flip.top, flip.height
    bold_fonts: dict[str, bool] = {}
    seen: set[tuple[str, int, int]] = set()
    out: list[Char] = []
    for obj in objs:
        text = obj.get_text() or ""
        if not text or text.isspace():
            continue
        if len(text) == 1 and ord(text) in _RADICALS:
            text = _RADICALS[ord(text)]
        font = obj.fontname
        if isinstance(font, bytes):  # rare: a font named in a legacy encoding (GBK), as pdfplumber reads it
            from pdfplumber.page import fix_fontname_bytes

            font = fix_fontname_bytes(font)
        font = font or ""
        bold = bold_fonts.get(font)
        if bold is None:
            bold = bold_fonts[font] = bool(_BOLD.search(font.split("+", 1)[-1]))
        # Flip.box inlined: this loop is the hottest of the reader's own.
        x0, x1 = obj.x0, obj.x1
        if left != 0:
            x0, x1 = x0 + left, x1 + left
        ch = Char(text, float(x0), float(x1), float((height - obj.y1) + top0), float((height - obj.y0) + top0), float(obj.size or 0), bold)
        key = (text, round(ch.x0), round(ch.top))
        if key in seen:
            continue
        seen.add(key)
        out.append(ch)
    return out
