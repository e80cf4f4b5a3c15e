"""Title hints: the report titles a page states outside the article (its heading above the article, meta, ``<title>``)."""

from __future__ import annotations

import re

from ..document import Place
from .chrome import is_chrome
from .clean import clean_text
from .units import Line
from .walk import Walker

_TITLE_SPLIT = re.compile(r"_|｜|\||—+|–|－|(?<!\d)-(?!\d)")
_TITLE_WORDS = re.compile(r"报告|年报|信息公开")
_CRAWLER_TITLE = re.compile(r"^\s*标题\s*[:：]\s*(.+)$")
_META_KEYS = ("articletitle", "og:title", "dc.title", "title")  # best first


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


def title_hints(w: Walker, outside_before: list[Line]) -> list[tuple[str, Place]]:
    """Titles the page states outside the article, best first: its heading above the article, meta, <title>."""
    hints: list[tuple[str, Place]] = []

    def add(text: str, place: Place) -> None:
        text = clean_text(text)
        if text and len(text) <= 120 and _TITLE_WORDS.search(text) and all(h[0] != text for h in hints):
            hints.append((text, place))

    def where(u: Line) -> Place:
        return w.src.place(u.off, u.line_hint)

    for u in outside_before:
        if u.heading == 1:
            add(u.text, where(u))
            break
    for u in reversed(outside_before[-12:]):
        if len(u.text) <= 80 and "报告" in u.text and not is_chrome(u):
            add(u.text, where(u))
            break
    metas: dict[str, tuple[str, Place]] = {}
    for attrs, off, sline in w.metas:
        key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
        content = attrs.get("content") or ""
        if key in _META_KEYS and content.strip() and key not in metas:
            metas[key] = (content, w.src.place(off, sline))
    for key in _META_KEYS:
        if key in metas:
            add(*metas[key])
    if w.title and w.title[0]:
        text, off, sline = w.title
        add(title_part(text), w.src.place(off, sline))
    for u in outside_before[:12]:
        m = _CRAWLER_TITLE.match(u.text)
        if m:
            add(m.group(1), where(u))
            break
    return hints
