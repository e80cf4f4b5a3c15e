"""Telling Markdown from the first bytes of a file: a pipe table, headings, bold lines."""

from __future__ import annotations

import re
from typing import Optional

from ..encoding import DecodeError, decode
from .pipe_lines import table_start
from .source import source_lines

SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")

_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+\S|[ \t]*$)")
_BOLD_LINE = re.compile(r"^ {0,3}(\*\*|__)\S.*\1\s*$")
_HTML_START = ("<!doctype", "<html", "<?xml")


def _head_text(head: bytes) -> Optional[str]:
    """The first bytes as text, cut at the last whole line (4096 bytes can end inside a character)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        body = head[2:]
        return body[: len(body) // 2 * 2].decode(enc, errors="replace")
    if len(head) >= 4096 and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]
    try:
        return decode(head).text
    except DecodeError:
        return None


def sniff(path: str, head: bytes) -> bool:
    """Markdown from its content; a Markdown file name only decides between weak signs."""
    text = _head_text(head)
    if text is None:
        return False
    start = text.lstrip()[:16].lower()
    if start.startswith(_HTML_START):
        return False
    lines = source_lines(text)
    headings = bold = pipe_ends = 0
    for i, line in enumerate(lines):
        if "|" in line:
            if table_start(lines, i, strict=True) is not None:
                return True
            if line.rstrip().endswith("|"):
                pipe_ends += 1
        elif "#" in line[:4]:
            headings += bool(_ATX.match(line))
        elif "**" in line or "__" in line:
            bold += bool(_BOLD_LINE.match(line))
    if pipe_ends >= 3:
        return False  # govlint's pipe layout: cells ending in `|` and no separator line
    named = path.lower().endswith(SUFFIXES)
    # Table 二 often starts beyond the first 4096 bytes: headings alone decide then.
    return headings >= 2 or (named and (headings + bold) >= 1)
