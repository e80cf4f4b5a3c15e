"""Text as printed: how the white space of HTML source becomes the spaces a browser shows."""

from __future__ import annotations

import re

_WS_RUN = re.compile(r"[\s\u200b-\u200d\ufeff]+")
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
_EXPLICIT_SPACE = frozenset("\xa0\u3000\u2002\u2003\u2009\u202f")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def clean_text(s: str) -> str:
    """One line of text as printed: whitespace runs collapsed, ``&nbsp;`` a space, source line breaks beside Chinese gone."""

    def sub(m: re.Match[str]) -> str:
        run = m.group()
        if not run.strip(ZERO_WIDTH):
            return ""
        if ("\n" in run or "\r" in run) and not (_EXPLICIT_SPACE & set(run)):
            a, b = m.start(), m.end()
            # Chinese is wrapped without spaces; a line break of the HTML source beside it is not a printed space.
            if (a > 0 and _CJK.match(s[a - 1])) or (b < len(s) and _CJK.match(s[b])):
                return ""
        return " "

    return _WS_RUN.sub(sub, s).strip()
