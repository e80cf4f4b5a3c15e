"""Characters into printed lines: which share a baseline, and the text of a line as printed."""

from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from .model import Char, Line

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_CLOSING = set("，。、；：？！）》」』”’〕】…·,.;:?!)]}%")


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """Characters on one baseline, top to bottom, each line left to right."""
    lines: list[list[Char]] = []
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


def line_text(chars: list[Char], cell: bool = False) -> str:
    """The text of one line as printed.

    Gaps become spaces between Latin letters and digits only: the small gaps
    Word leaves around digits in Chinese text (``2024 年``) and the stretched
    spacing of justified lines are not spaces. In prose a gap wider than one
    and a half characters is (two things side by side); in a cell it is not
    (a label justified across a narrow cell).
    """
    out: list[str] = []
    prev: Optional[Char] = None
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


def _lead(chars: list[Char]) -> float:
    """The width of what could not have been left at the end of the line before."""
    end = 0
    if not _CJK.match(chars[0].text):
        while end + 1 < len(chars) and not _CJK.match(chars[end + 1].text) and chars[end + 1].x0 - chars[end].x1 < 0.15 * chars[end].size:
            end += 1
    while end + 1 < len(chars) and chars[end + 1].text in _CLOSING:
        end += 1
    return chars[end].x1 - chars[0].x0


def make_line(chars: list[Char], page: int) -> Line:
    """One line of prose from its characters (left to right), with its box, size and weight."""
    sizes = Counter(round(c.size, 1) for c in chars)
    return Line(
        line_text(chars),
        min(c.x0 for c in chars),
        max(c.x1 for c in chars),
        min(c.top for c in chars),
        max(c.bottom for c in chars),
        sizes.most_common(1)[0][0],
        all(c.bold for c in chars),
        page,
        _lead(chars),
    )
