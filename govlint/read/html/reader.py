"""The reader: the stages in order, from the page's bytes to a ``Document``."""

from __future__ import annotations

import re

from ..document import Document
from ..structured import StructuredReader
from .sniff import looks_like_html

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def read_html(data: bytes) -> Document:
    """Describe an HTML page: the article's paragraphs and tables, title candidates, and what was left out."""
    # The stages load with the first page: a run over text files never imports them (nor lxml).
    from .article import find_article
    from .blocks import blocks
    from .charset import decode_page
    from .chrome import select
    from .cursor import Source
    from .parse import parse
    from .titles import title_hints
    from .units import Line
    from .walk import Walker

    text, encoding, how_decoded = decode_page(data)
    doc = Document("html", encoding=encoding, original=text)
    if not text.strip():
        doc.evidence = "the page is empty"
        return doc
    # libxml2 refuses control characters in names and values it hands back (a damaged page has them):
    # a space each, so every offset and column stays where it was.
    text = _NOT_XML.sub(" ", text)
    root = parse(text)
    if root is None:
        doc.evidence = "the page holds no HTML elements"
        return doc
    w = Walker(Source(text))
    w.walk(root)
    found = find_article(w)
    article, dropped = select(w, found.pre)
    first = next((i for i, u in enumerate(w.units) if article and u is article[0]), len(w.units))
    before = [u for u in w.units[:first] if isinstance(u, Line) and not w.holds(found.pre, u)]
    doc.blocks = blocks(w.src, article)
    doc.title_hints = title_hints(w, before)
    doc.dropped = dropped
    left = f"; {len(dropped)} page blocks left out" if dropped else ""
    doc.evidence = f"{found.how}{left}; encoding {encoding} ({how_decoded})"
    return doc


class HtmlReader(StructuredReader):
    """Saved report pages and Word-exported HTML (.html, .htm, .shtml, or HTML under any name)."""

    name = "html"
    kind = "html"
    priority = 30

    def can_read(self, path: str, head: bytes) -> bool:
        return looks_like_html(head)

    def document(self, path: str, data: bytes) -> Document:
        return read_html(data)
