"""Numbering: the number Word prints before a list paragraph, counted the way Word counts it.

Counters are kept per abstract numbering definition (two ``w:num`` of one
``w:abstractNum`` continue each other's count), a list instance with
``w:startOverride`` restarts those levels the first time it is used, and a
level restarts the deeper ones as ``w:lvlRestart`` says. Bullets advance the
count but print no number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from .numerals import custom_format, format_number
from .ooxml import MC_ALT, MC_CHOICE, MC_FALLBACK, Tags, int_attr, toggle
from .styles import Styles

if TYPE_CHECKING:
    from .ooxml import Element


@dataclass
class Level:
    start: int = 0  # the schema's default when w:start is absent
    fmt: str = "decimal"
    text: str = ""
    restart: Optional[int] = None
    legal: bool = False


class Numbering:
    """numbering.xml, and the counters Word keeps while it prints the document."""

    def __init__(self, root: Optional[Element], T: Tags, styles: Styles) -> None:
        self.styles = styles
        self.abstract: dict[int, dict[int, Level]] = {}
        self.links: dict[int, str] = {}  # abstractNum → numbering style it takes its levels from
        self.nums: dict[int, tuple[int, dict[int, int], dict[int, Level]]] = {}
        self.style_level: dict[tuple[int, str], int] = {}  # (abstractNum, paragraph style) → ilvl
        self.counters: dict[int, dict[int, int]] = {}
        self.seen: set[int] = set()
        self.used = 0
        if root is None:
            return
        val = T.val
        for an in root.iter(T.abstractNum):
            aid = int_attr(an, T.abstractNumId)
            if aid is None:
                continue
            levels = {}
            for lvl in an.iter(T.lvl):
                ilvl = int_attr(lvl, T.ilvl, 0) or 0
                levels[ilvl] = self._level(lvl, T)
                ps = lvl.find(T.pStyle)
                if ps is not None and ps.get(val):
                    self.style_level[(aid, ps.get(val))] = ilvl
            self.abstract[aid] = levels
            link = an.find(T.numStyleLink)
            if link is not None and link.get(val):
                self.links[aid] = link.get(val)
        for num in root.iter(T.num):
            nid = int_attr(num, T.numId)
            aid = int_attr(num.find(T.abstractNumId), val)
            if nid is None or aid is None:
                continue
            starts: dict[int, int] = {}
            lvls: dict[int, Level] = {}
            for ov in num.iter(T.lvlOverride):
                ilvl = int_attr(ov, T.ilvl, 0) or 0
                so = int_attr(ov.find(T.startOverride), val)
                if so is not None:
                    starts[ilvl] = so
                lvl = ov.find(T.lvl)
                if lvl is not None:
                    lvls[ilvl] = self._level(lvl, T)
            self.nums[nid] = (aid, starts, lvls)

    @staticmethod
    def _level(lvl: Element, T: Tags) -> Level:
        val = T.val
        out = Level()
        out.start = int_attr(lvl.find(T.start), val, 0) or 0
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
                out.fmt = custom_format(fmt_el.get(T.format) or "")
        text = lvl.find(T.lvlText)
        out.text = (text.get(val) or "") if text is not None else ""
        restart = lvl.find(T.lvlRestart)
        out.restart = int_attr(restart, val)
        out.legal = toggle(lvl, T.isLgl, val) is True
        return out

    def _levels(self, aid: int) -> dict[int, Level]:
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
        return _printed(lvl, levels, counts)


def _printed(lvl: Level, levels: dict[int, Level], counts: dict[int, int]) -> str:
    """``w:lvlText`` with each ``%N`` replaced by level N's current value in that level's format."""
    out, i, text = "", 0, lvl.text
    while i < len(text):
        ch = text[i]
        if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
            k = int(text[i + 1]) - 1
            ref = levels.get(k, Level())
            value = counts.get(k, ref.start)
            out += format_number(value, "decimal" if lvl.legal and ref.fmt != "none" else ref.fmt)
            i += 2
            continue
        out += ch
        i += 1
    return out
