"""The source as lines an editor counts, and where a piece of text stands in its line."""

from __future__ import annotations

import re

# What precedes a line's text: indentation, block quote markers, a list marker ...
_QUOTE = r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?"
QUOTE_PREFIX = re.compile(_QUOTE)
# ... and, on a heading's line, the ATX heading's #s.
PREFIX = re.compile(_QUOTE + r"(?:#{1,6}(?:[ \t]+|$))?")


def source_lines(text: str) -> list[str]:
    """Lines as an editor counts them (``\\r\\n``, ``\\r`` and ``\\n`` end a line; nothing else does)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def column(raw: str, text: str, start: int) -> int:
    """1-based column where ``text`` starts in the source line ``raw``, searching from ``start``."""
    if text:
        at = raw.find(text[0], start)
        if at < 0:
            at = raw.find(text[0])
        if at >= 0:
            return at + 1
    return start + 1
