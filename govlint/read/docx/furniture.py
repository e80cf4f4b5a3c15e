"""Page furniture: headers, footers, footnotes, endnotes and comments, read only to be listed as dropped.

They print around the body (or not at all) and are no part of the report's
text; the reader leaves them out of the blocks and lists each distinct text
once in ``Document.dropped``, so ``inspect`` can show what was set aside.
"""

from __future__ import annotations

from ..document import Paragraph, Place, Unreadable
from .body import Walker
from .ooxml import Tags
from .package import Package
from .styles import Styles

_KINDS = {"header": "header", "footer": "footer", "footnotes": "footnote", "endnotes": "endnote", "comments": "comment"}
# Notes parts begin with Word's own separator "notes", which print a rule, not words.
_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def furniture(pkg: Package, parts: list[tuple[str, str]], T: Tags, styles: Styles) -> list[tuple[str, str, Place]]:
    """(kind, text, place) of what the main part's furniture parts print, each distinct text once."""
    out: list[tuple[str, str, Place]] = []
    seen: set[tuple[str, str]] = set()
    for rel, name in parts:
        kind = _KINDS.get(rel.rsplit("/", 1)[-1])
        if kind is None or not pkg.has(name):
            continue
        try:
            root = pkg.xml(name)
        except Unreadable:  # a broken header is no reason to refuse the body
            continue
        walker = Walker(T, styles, None)
        if kind in ("header", "footer"):
            containers = [root]
        else:
            containers = [n for n in root if n.get(T.type) not in _SEPARATORS]
        for c in containers:
            walker.emit_blocks(c)
        for b in walker.blocks:
            text = b.printed if isinstance(b, Paragraph) else " ".join(c.text for c in b.cells if c.text)
            if text and (kind, text) not in seen:
                seen.add((kind, text))
                out.append((kind, text, Place()))
    return out
