"""Inline text as printed: bold read from ``**``/``__``, ``<br>`` and line breaks ending a line, escapes resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..document import Place, join_lines
from .parser import markdown_it

_STRONG = re.compile(r"(\*\*|__)")
_BR = re.compile(r"<br\s*/?>", re.I)
_INLINE_SPECIAL = re.compile(r"[\\*_`<>&\[\]!~]")


@dataclass
class Visual:
    """One printed line of a paragraph: the source line it is on, its text, whether it is all bold."""

    offset: int  # source lines after the paragraph's first
    parts: list[str] = field(default_factory=list)
    bold: bool = True
    any_text: bool = False

    @property
    def text(self) -> str:
        return "".join(self.parts)


def visual_lines(children: list[Any], dropped: list, line0: int) -> list[Visual]:
    """Inline tokens to printed lines: emphasis markers gone, ``<br>`` and line breaks end a line."""
    out = [Visual(0)]
    strong = 0
    offset = 0
    for t in children:
        kind = t.type
        if kind == "text" and ("**" in t.content or "__" in t.content):
            # markdown-it's emphasis rule is off (see ``parser``): ``**`` and ``__`` open and
            # close bold here, in one linear pass over the text.
            for piece in _STRONG.split(t.content):
                if piece in ("**", "__"):
                    strong = 0 if strong else 1
                elif piece:
                    cur = out[-1]
                    cur.parts.append(piece)
                    if piece.strip():
                        cur.any_text = True
                        cur.bold = cur.bold and strong > 0
        elif kind in ("text", "text_special", "code_inline"):
            cur = out[-1]
            cur.parts.append(t.content)
            if t.content.strip():
                cur.any_text = True
                cur.bold = cur.bold and strong > 0
        elif kind in ("softbreak", "hardbreak"):
            offset += 1
            out.append(Visual(offset))
        elif kind == "html_inline":
            if _BR.fullmatch(t.content.strip()):
                out.append(Visual(offset))
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "image":
            dropped.append(("image", t.content, Place(line=line0 + offset + 1)))
        elif t.content:  # an extension's token that prints text
            out[-1].parts.append(t.content)
    return out


def joined(pieces: list[Visual]) -> str:
    """The printed lines of a heading or a table cell as one text (see ``join_lines``)."""
    return join_lines([p.text for p in pieces])


def cell_text(raw: str) -> str:
    """A pipe-table cell's raw text as printed."""
    if not _INLINE_SPECIAL.search(raw):
        return raw  # digits and words: nothing Markdown would change
    toks = markdown_it().parseInline(raw)
    pieces = visual_lines(toks[0].children or [], [], 0) if toks else []
    return joined(pieces)
