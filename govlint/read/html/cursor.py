"""Source positions: a cursor that walks the decoded page in step with the tree, so every piece has a line and column.

lxml gives each element's line only; a page printed on one line (as
content systems do) needs the column too. The walk visits start tags, text
and end tags in document order, and the cursor finds each in the source
after the last one. Where the tree and the source disagree (a parser
repair), the cursor answers None and the caller falls back to the
element's line.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Optional

from ..document import Place

LINE_CAP = 65535  # libxml2 reports every later line as this one

EOL = re.compile(r"\r\n|\r|\n")
# Where a text node's visible part begins.
TEXT_WS = re.compile(r"[\s\u200b-\u200d\ufeff]*")
_MARKUP = re.compile(r"<(?:(!--)|[!?/]|([A-Za-z][^\s/>]*))")
_END_TAG = re.compile(r"</([A-Za-z][^\s/>]*)(?:[\s/][^>]*)?>")
_SKIP_WS = re.compile(
    r"(?:\s|\u200b|\ufeff|&(?:nbsp|ensp|emsp|thinsp|#160|#x0*a0|#8194|#8195|#8201|#12288|#x3000|#8203|#x200b)"
    r"(?:;|(?![A-Za-z0-9])))*",
    re.I,
)


class Source:
    """The decoded page and a cursor that advances through it as the tree is walked."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.n = len(text)
        self.starts = [0] + [m.end() for m in EOL.finditer(text)]
        self.pos = 0
        self._found: dict[str, tuple[int, int]] = {}
        self._raw: dict[str, re.Pattern[str]] = {}

    def line(self, off: int) -> int:
        return bisect.bisect_right(self.starts, off)

    def line_col(self, off: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, off) - 1
        return i + 1, off - self.starts[i] + 1

    def place(self, off: Optional[int], line_hint: Optional[int] = None) -> Place:
        """The place of an offset; where the offset is unknown, the element's line (when the parser gave one)."""
        if off is None:
            return Place(line=line_hint or None)
        line, col = self.line_col(off)
        return Place(line=line, col=col)

    def _cached(self, key: str, pos: int, search: Callable[[int], int]) -> int:
        # The cursor only moves forward, so the last answer usually still holds: linear in total.
        got = self._found.get(key)
        if got is not None and got[0] <= pos and (got[1] < 0 or got[1] >= pos):
            return got[1]
        r = search(pos)
        self._found[key] = (pos, r)
        return r

    def _find(self, sub: str, pos: int) -> int:
        return self._cached(sub, pos, lambda p: self.s.find(sub, p))

    def _after(self, sub: str, pos: int) -> int:
        r = self._find(sub, pos)
        return self.n if r < 0 else r + len(sub)

    def _next(self, pos: int) -> Optional[tuple[int, str, str, int]]:
        """The next markup from ``pos``: (start, kind, tag name, end); kind is start, end or comment."""
        m = _MARKUP.search(self.s, pos)
        if m is None:
            return None
        a = m.start()
        if m.group(1):
            return a, "comment", "", self._after("-->", a + 4)
        if m.group(2):
            return a, "start", m.group(2).lower(), self._tag_end(m.end())
        kind = "end" if self.s[a + 1] == "/" else "comment"
        return a, kind, "", self._after(">", a + 2)

    def _tag_end(self, p: int) -> int:
        """Just past the ``>`` that ends a start tag, skipping quoted attribute values (which may hold ``>``)."""
        s = self.s
        limit = min(self.n, p + 65536)
        i = p
        while True:
            gt = s.find(">", i, limit)
            if gt < 0:
                return self._after(">", p)
            quotes = [q for q in (s.find('"', i, gt), s.find("'", i, gt)) if q >= 0]
            if not quotes:
                return gt + 1
            q = min(quotes)
            close = s.find(s[q], q + 1, limit)
            if close < 0:
                return self._after(">", p)  # an unterminated quote: the first ">" then, as parsers recover
            i = close + 1

    def enter(self, name: str, sourceline: Optional[int]) -> Optional[int]:
        """Move past the element's start tag; its offset, or None where the parser implied the element."""
        if not sourceline:
            return None
        capped = sourceline >= LINE_CAP  # libxml2 stops counting there: any later line will do
        p = self.pos
        for _ in range(8):  # a few tags the parser dropped (a second <body>, stray tags) are skipped
            t = self._next(p)
            if t is None:
                return None
            a, kind, tname, end = t
            if kind == "start":
                la = self.line(a)
                if la > sourceline and not capped:
                    return None
                if tname == name and (capped or self.line(end - 1) + 1 >= sourceline):
                    self.pos = end
                    return a
            p = end
        return None

    def leave(self, name: str) -> None:
        m = _END_TAG.match(self.s, self.pos)
        if m and m.group(1).lower() == name:
            self.pos = m.end()

    def comment(self) -> None:
        t = self._next(self.pos)
        if t is not None and t[1] == "comment":
            self.pos = t[3]

    def raw(self, name: str) -> tuple[int, int]:
        """Skip a raw-text element's content and end tag; (content start, content end)."""
        pat = self._raw.get(name)
        if pat is None:
            pat = self._raw[name] = re.compile(r"</" + re.escape(name) + r"[\s/>]", re.I)

        def end_tag(p: int) -> int:
            m = pat.search(self.s, p)
            return m.start() if m else -1

        a = self.pos
        b = self._cached("\0raw:" + name, a, end_tag)
        if b < 0:
            self.pos = self.n
            return a, self.n
        self.pos = self._after(">", b)
        return a, b

    def text(self, t: str, tail: bool, sourceline: Optional[int]) -> Optional[int]:
        """Move past a text node; the offset of its first visible character, when the source agrees."""
        p = self.pos
        if tail:
            while True:  # the element's end tag (and end tags the parser dropped)
                m = _END_TAG.match(self.s, p)
                if not m:
                    break
                p = m.end()
        m = _MARKUP.search(self.s, p)
        end = m.start() if m else self.n
        self.pos = end
        visible = t[TEXT_WS.match(t).end():]
        if not visible:
            return None
        off = _SKIP_WS.match(self.s, p, end).end()
        if off < end and (self.s[off] == visible[0] or self.s[off] == "&"):
            if not sourceline or self.line(off) >= sourceline:
                return off
        # The tree and the source disagree here (a parser repair): look for the words themselves.
        probe = visible[:4]
        if "&" in probe or "<" in probe or not probe.strip():
            return None
        r = self.s.find(probe, p, min(self.n, p + 5000))
        if r >= 0 and (not sourceline or self.line(r) >= sourceline):
            return r
        return None

    def first_visible(self, a: int, b: int) -> Optional[int]:
        off = _SKIP_WS.match(self.s, a, b).end()
        return off if off < b else None
