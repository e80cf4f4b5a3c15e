"""Contact details in the report's text: phone, fax, hotline, e-mail and postal address.

Found once by the parser over the whole text (contact details sit in
section 六, the opening, a table or a page footer) with the sentence around
each, so that a rule can tell a detail offered for questions from a channel
the narrative names.
"""

from __future__ import annotations

import re

from ..model import Contact, Span

# A landline with its area code (0943-8253879, 0953—3050582, （0943）8253879, 0517 - 87222589),
# a mobile number, or a service hotline (12345, 400/800 numbers).
# The leading look-ahead and look-behind let the engine reject most positions at once (CJK prose, and
# every position inside a run of digits: no form starts after a digit). The separator
# after the area code is white space or one dash amid white space, spelled so that a long run of
# white space has one way to match (\s*[-\s]\s* splits it every way: quadratic from one start).
# Digits may be full-width (０５７１－６３８１２０４７: \d matches them; the leading 0 and 1 are spelled
# both ways), and PDF text breaks a local number in two (0571-6381 2047).
_PHONE = re.compile(
    r"(?=[\d（(])(?<!\d)(?:(?:[（(]\s*[0０]\d{2,3}\s*[)）]\s*|[0０]\d{2,3}(?:\s*[-—－–~]\s*|\s+))(?:\d{7,8}|\d{3,4}[ \u3000]\d{4})(?!\d)"
    r"|(?<!\d)[1１][3-9３-９]\d{9}(?!\d)"
    # A local number labelled as a phone, its area code given apart (电话：63812047（区号：0571）).
    r"|(?:(?<=电话)|(?<=电话[:：])|(?<=电话[:：] )|(?<=电话 ))\d{7,8}(?!\d)"
    r"|(?<!\d)(?:400|800)[-—－–\s]?\d{3}[-—－–\s]?\d{4}(?!\d)"
    r")"
)
# The 12345 hotline: everyone's, so a contact of the issuer only where its sentence offers it (GL401).
_HOTLINE = re.compile(r"(?<![\d.])12345(?:热线|政务服务便民热线)")
_BREAK = re.compile(r"[。；;！!？?\n]")
# Starts only where a run of local-part characters starts: from inside the run the engine would
# rescan the rest of it at every position (quadratic in a long run of letters or digits), and the
# run's start finds whatever a later start would (so each run is scanned once).
# The look-ahead, redundant for the match, lets the engine skip other characters at once.
_EMAIL = re.compile(r"(?=[A-Za-z0-9._%+\-])(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+\s*[@＠]\s*[A-Za-z0-9\-]+(?:\s*[.．]\s*[A-Za-z0-9\-]+)+")
# 通讯地址：…, 联系地址：… all contain 地址：…; a street number needs two characters of
# street name before 路/街/道 (a look-behind: the same matches without a scan per character).
_ADDRESS = re.compile(
    r"地址\s*[:：]\s*[^，,。；;\s）)]{4,}"
    r"|(?<=[\u4e00-\u9fff]{2})(?:路|街|大道|大街|巷|道)\s*\d+\s*号"
)
_FAX_BEFORE = re.compile(r"传真(?:电话|号码)?\s*(?:[:：]\s*)?$")

# How far the sentence around a contact detail is looked for, each way.
_REACH = 80
# A real report gives a handful of each; a file with thousands is not a report's contact block.
MAX_PER_KIND = 50


def _context(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end]: from the last break within reach before to the next after."""
    a = max((m.end() for m in _BREAK.finditer(text, max(0, start - _REACH), start)), default=max(0, start - _REACH))
    m = _BREAK.search(text, end, end + _REACH)
    return text[a : m.start() if m else min(len(text), end + _REACH)]


def contacts(text: str) -> list[Contact]:
    """Every contact detail of ``text`` (at most MAX_PER_KIND of each kind), in text order."""
    found: list[Contact] = []

    def take(kind: str, pattern: re.Pattern) -> None:
        n = 0
        for m in pattern.finditer(text):
            k = kind
            if kind == "phone" and _FAX_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
                k = "fax"  # a fax number alone is no way to ask a question
            found.append(Contact(k, m.group(), Span(m.start(), m.end()), _context(text, m.start(), m.end())))
            n += 1
            if n >= MAX_PER_KIND:
                return

    take("phone", _PHONE)
    take("hotline", _HOTLINE)
    take("email", _EMAIL)
    take("address", _ADDRESS)
    return sorted(found, key=lambda c: c.span.start)
