"""The WordprocessingML vocabulary: namespaces, tag names, and the few attribute forms every stage reads.

A file is either transitional or strict OOXML; the two differ only in the
namespace, so each document gets one ``Tags`` for its namespace and every
stage compares Clark names from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"

MC_ALT = f"{{{MC_NS}}}AlternateContent"
MC_CHOICE = f"{{{MC_NS}}}Choice"
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
M_MATH = frozenset({f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"})
M_T = f"{{{M_NS}}}t"

_W_NAMES = tuple(
    "p pPr pStyle numPr numId ilvl outlineLvl rPr r t tab ptab br cr noBreakHyphen softHyphen "
    "delText instrText delInstrText fldChar fldCharType fldSimple hyperlink smartTag customXml dir bdo "
    "ins del moveFrom moveTo sdt sdtContent drawing pict object txbxContent ruby rubyBase "
    "b vanish rStyle tbl tr trPr tc tcPr gridSpan vMerge hMerge gridBefore gridAfter cellDel "
    "body hdr ftr footnote endnote comment type altChunk val styleId basedOn name style default docDefaults "
    "rPrDefault abstractNum abstractNumId num lvl lvlOverride startOverride start numFmt lvlText "
    "lvlRestart isLgl format numStyleLink styleLink tblGrid gridCol w".split()
)


class Tags:
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


def namespace(root: Element) -> str:
    """The namespace of a part's root element ("" when it has none)."""
    return root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""


_OFF = frozenset({"0", "false", "off", "none"})


def is_on(el: Element, val: str) -> bool:
    """A WordprocessingML toggle (``<w:b/>``, ``<w:b w:val="0"/>``)."""
    v = el.get(val)
    return v is None or v.lower() not in _OFF


def toggle(props: Optional[Element], tag: str, val: str) -> Optional[bool]:
    """The toggle ``tag`` of a property element: None when it does not say (the style or default decides)."""
    el = props.find(tag) if props is not None else None
    return None if el is None else is_on(el, val)


def int_attr(el: Optional[Element], attr: str, default: Optional[int] = None) -> Optional[int]:
    if el is None:
        return default
    v = el.get(attr)
    if v is None:
        return default
    try:
        return int(v.strip())
    except ValueError:
        return default


def list_props(ppr: Optional[Element], T: Tags) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """(numId, ilvl, outline level) a paragraph's or a style's ``w:pPr`` states."""
    if ppr is None:
        return None, None, None
    num_id = ilvl = None
    numpr = ppr.find(T.numPr)
    if numpr is not None:
        num_id = int_attr(numpr.find(T.numId), T.val)
        ilvl = int_attr(numpr.find(T.ilvl), T.val)
    return num_id, ilvl, int_attr(ppr.find(T.outlineLvl), T.val)


def branch(alt: Element) -> Optional[Element]:
    """The mc:AlternateContent branch to read: the first Choice (the same content as the fallback)."""
    choice = alt.find(MC_CHOICE)
    return choice if choice is not None else alt.find(MC_FALLBACK)
