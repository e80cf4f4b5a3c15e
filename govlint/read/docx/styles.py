"""Styles: what a paragraph's or run's style says it is (title, heading, bold, hidden) and which list it is in.

Headings are recognised by the style's name (``heading 1``, ``标题 1``), by
its id when it has no name, or by its outline level, following ``w:basedOn``
chains; the hint is only a hint, the words decide later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Optional

from .ooxml import Tags, list_props, toggle

if TYPE_CHECKING:
    from .ooxml import Element


@dataclass
class Style:
    name: str
    based_on: Optional[str]
    kind: str
    num_id: Optional[int]
    ilvl: Optional[int]
    outline: Optional[int]
    bold: Optional[bool]
    vanish: Optional[bool]


_TITLE_NAMES = frozenset({"title", "标题"})
_HEADING_NAMES = {"heading1": "heading1", "标题1": "heading1", "heading2": "heading2", "标题2": "heading2"}
_HEADING_IDS = {"1": "heading1", "2": "heading2", "heading1": "heading1", "heading2": "heading2", "title": "title"}
_MAX_CHAIN = 30  # w:basedOn links followed: real templates need a handful, a cycle needs a stop


class Styles:
    """styles.xml, each style parsed when a paragraph first uses it (templates define hundreds)."""

    def __init__(self, root: Optional[Element], T: Tags) -> None:
        self.T = T
        self._elements: dict[str, Element] = {}
        self._parsed: dict[str, Style] = {}
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
                self.default_bold = toggle(rpr, T.b, val) is True
                self.default_vanish = toggle(rpr, T.vanish, val) is True
        for st in root.iterchildren(T.style):
            sid = st.get(T.styleId)
            if sid is None:
                continue
            self._elements.setdefault(sid, st)
            if self.default_para is None and st.get(T.default) in ("1", "true", "on") and st.get(T.type) in (None, "paragraph"):
                self.default_para = sid

    def __contains__(self, sid: Optional[str]) -> bool:
        return sid in self._elements

    def get(self, sid: str) -> Optional[Style]:
        got = self._parsed.get(sid)
        if got is not None or sid not in self._elements:
            return got
        T, val, st = self.T, self.T.val, self._elements[sid]
        name_el, base_el = st.find(T.name), st.find(T.basedOn)
        rpr = st.find(T.rPr)
        num_id, ilvl, outline = list_props(st.find(T.pPr), T)
        got = Style(
            name=(name_el.get(val) or "") if name_el is not None else "",
            based_on=base_el.get(val) if base_el is not None else None,
            kind=st.get(T.type) or "paragraph", num_id=num_id, ilvl=ilvl, outline=outline,
            bold=toggle(rpr, T.b, val), vanish=toggle(rpr, T.vanish, val),
        )
        self._parsed[sid] = got
        return got

    def _chain(self, sid: Optional[str]) -> Iterator[tuple[str, Style]]:
        seen: set[str] = set()
        while sid is not None and sid not in seen and len(seen) < _MAX_CHAIN:
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
        """(numId, ilvl) a paragraph style puts its paragraphs in, through its base styles."""
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

