"""Unwrapping: the paragraphs, tables, rows and cells a container holds, through the wrappers around them.

Content controls (``w:sdt``), ``w:customXml`` and ``mc:AlternateContent``
wrap real content without printing anything themselves, so every stage that
walks blocks, rows or cells looks through them here. An ``w:altChunk`` is
content only Word renders (an embedded HTML or RTF file); it is counted, so
that a document made only of them can be refused with advice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .ooxml import MC_ALT, Tags, branch

if TYPE_CHECKING:
    from .ooxml import Element


class Unwrapper:
    """Children of a container by tag, looking through wrappers; counts the altChunks met."""

    def __init__(self, T: Tags) -> None:
        self.T = T
        self.alt_chunks = 0

    def children(self, el: Element, wanted: set) -> Iterator[Element]:
        """Children of ``el`` with tag in ``wanted``, through content controls and custom XML."""
        T = self.T
        for ch in el:
            tag = ch.tag
            if tag in wanted:
                yield ch
            elif tag == T.sdt:
                content = ch.find(T.sdtContent)
                if content is not None:
                    yield from self.children(content, wanted)
            elif tag == T.customXml:
                yield from self.children(ch, wanted)
            elif tag == MC_ALT:
                alt = branch(ch)
                if alt is not None:
                    yield from self.children(alt, wanted)
            elif tag == T.altChunk:
                self.alt_chunks += 1
