"""Text as printed: one ``w:p`` read run by run into the words, number and style hint Word prints.

- Tracked changes applied: ``w:ins``/``w:moveTo`` kept, ``w:del``/``w:moveFrom``
  dropped; a deleted paragraph mark is reported (``Para.mark_deleted``) so
  the body walk joins the paragraph to the next one.
- Not printed: field instructions (between ``begin`` and ``separate`` of a
  complex field), deleted text, bookmarks, comment marks, footnote
  references and hidden (``w:vanish``) runs. ``w:tab`` is a space, ``w:br``
  a line break inside the paragraph.
- Bold, for the ``bold`` hint, means every run with visible text is bold,
  directly or by its character style, paragraph style or the defaults.
- Text boxes anchored in the paragraph are handed on (``Para.boxes``), not
  read here: where their words go depends on where the paragraph is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from .limits import MAX_OPEN_FIELDS, MAX_PARAGRAPHS
from .model import Para
from .numbering import Numbering
from .ooxml import M_MATH, M_T, MC_ALT, MC_FALLBACK, Tags, branch, is_on, list_props
from .reasons import too_big
from .styles import Styles

if TYPE_CHECKING:
    from .ooxml import Element


@dataclass
class _RunState:
    pstyle: Optional[str]
    pieces: list = field(default_factory=list)
    boxes: list = field(default_factory=list)
    any_text: bool = False
    all_bold: bool = True


class ParagraphReader:
    """Reads paragraphs in document order; complex fields and list counters run on across them."""

    def __init__(self, T: Tags, styles: Styles, numbering: Optional[Numbering]) -> None:
        self.T = T
        self.styles = styles
        self.numbering = numbering  # None: the part has no list numbering of its own (headers, notes)
        self.seen = 0  # w:p elements read, against MAX_PARAGRAPHS
        self.removed = 0  # tracked deletions / moves skipped
        self.boxes = 0  # text boxes anchored in the paragraphs read
        self._fields: list[bool] = []  # open complex fields: True while in the instruction part
        self._in_instr = 0

    def read(self, p: Element) -> Para:
        T = self.T
        self.seen += 1
        if self.seen > MAX_PARAGRAPHS:
            raise too_big(f"more than {MAX_PARAGRAPHS} paragraphs", f"段落超过 {MAX_PARAGRAPHS} 个")
        if len(p) == 0:  # <w:p/>: the common empty paragraph, nothing to look at
            return Para("")
        ppr = p[0] if p[0].tag == T.pPr else None
        pstyle = num_id = ilvl = outline = None
        mark_deleted = False
        if ppr is not None:
            ps = ppr.find(T.pStyle)
            pstyle = ps.get(T.val) if ps is not None else None
            num_id, ilvl, outline = list_props(ppr, T)
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
        self.boxes += len(st.boxes)
        text = "\n".join(ln for ln in (x.strip() for x in "".join(st.pieces).split("\n")) if ln)
        number = "" if mark_deleted else self._number(num_id, ilvl, pstyle)
        style = self.styles.hint(pstyle)
        if not style and outline in (0, 1):
            style = "heading1" if outline == 0 else "heading2"
        if not style and st.any_text and st.all_bold:
            style = "bold"
        return Para(text, number, style, st.boxes, mark_deleted)

    def _number(self, num_id: Optional[int], ilvl: Optional[int], pstyle: Optional[str]) -> str:
        """The list number, from the paragraph's own w:numPr or else its style's."""
        if self.numbering is None:
            return ""
        if num_id is None:
            snum, sl = self.styles.numpr(pstyle)
            num_id = snum
            ilvl = sl if ilvl is None else ilvl
        elif ilvl is None:
            ilvl = self.styles.numpr(pstyle)[1]
        return self.numbering.number(num_id, ilvl, pstyle)

    def _inline(self, parent: Element, st: _RunState) -> None:
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
                alt = branch(ch)
                if alt is not None:
                    self._inline(alt, st)
            elif tag in M_MATH:
                if not self._in_instr:
                    st.pieces.append("".join(t.text or "" for t in ch.iter(M_T)))

    def _run(self, r: Element, st: _RunState, rpr: Optional[Element] = None) -> None:
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
                st.boxes.extend(text_boxes(ch, T.txbxContent))
            elif tag == MC_ALT:
                alt = branch(ch)
                if alt is not None:
                    self._run(alt, st, rpr)
            elif tag == T.ruby:
                base = ch.find(T.rubyBase)
                if base is not None:
                    self._inline(base, st)
            # delText, instrText, footnote/comment references, sym, softHyphen: not printed

    def _flags(self, rpr: Optional[Element], st: _RunState) -> tuple[bool, bool]:
        """(bold, hidden) of a run: its own properties first, then its styles and the defaults."""
        T = self.T
        bold = vanish = None
        rstyle = None
        if rpr is not None:
            for ch in rpr:
                tag = ch.tag
                if tag == T.b:
                    bold = is_on(ch, T.val)
                elif tag == T.vanish:
                    vanish = is_on(ch, T.val)
                elif tag == T.rStyle:
                    rstyle = ch.get(T.val)
        if bold is None or vanish is None:
            sb, sv = self.styles.run_props(rstyle, st.pstyle)
            bold = sb if bold is None else bold
            vanish = sv if vanish is None else vanish
        return bold, vanish

    def _field(self, kind: Optional[str]) -> None:
        if kind == "begin":
            if len(self._fields) < MAX_OPEN_FIELDS:
                self._fields.append(True)
                self._in_instr += 1
        elif kind == "separate":
            if self._fields and self._fields[-1]:
                self._fields[-1] = False
                self._in_instr -= 1
        elif kind == "end":
            if self._fields and self._fields.pop():
                self._in_instr -= 1


def text_boxes(el: Element, tag: str) -> list[Element]:
    """The outermost text-box contents inside a drawing (boxes in boxes are reached through their parent).

    The VML fallback copy of a box (under ``mc:Fallback``) is skipped: it holds the same words again.
    """
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
