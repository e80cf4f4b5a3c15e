"""Sniffing: is a file an HTML page, judged from its first bytes (the file name plays no part)."""

from __future__ import annotations

import codecs
import re

_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|meta|body|title)[\s>/]", re.I)
_LEAD = re.compile(r"(?:\s+|<!--.*?-->|<\?xml[^>]*>)*", re.S)
# A crawler writes a few lines of its own above the page it saved.
_DOC_LINE = re.compile(r"^[ \t]*<(?:!doctype\s+html|html)[\s>]", re.I | re.M)
_SOUP_TAG = re.compile(r"<(p|div|table|td|tr|span)[\s>]", re.I)
_MD_RULE = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-{3,}:?[ \t]*\|", re.M)

_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf")


def _head_text(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("latin-1")
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return head.decode("utf-16", "ignore")
    # Tags are ASCII, and neither GBK nor UTF-8 uses ASCII bytes inside a character.
    return head.decode("latin-1")


def looks_like_html(head: bytes) -> bool:
    """HTML from the first bytes: a document start (after comments), or markup dense enough to be a page."""
    if head.startswith(_BINARY_MAGIC):
        return False
    text = _head_text(head)
    m = _LEAD.match(text)
    if _HTML_START.match(text, m.end() if m else 0):
        return True
    m = _DOC_LINE.search(text)
    if m and text.count("\n", 0, m.start()) <= 20:
        return True
    if _MD_RULE.search(text):
        return False  # Markdown with some inline HTML is the Markdown reader's
    names = [n.lower() for n in _SOUP_TAG.findall(text)]
    return len(names) >= 6 and len(set(names)) >= 2
