"""The reader: a .docx's bytes to a ``Document``, stage by stage (package, styles, numbering, body, furniture)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Document, Unreadable
from ..structured import StructuredReader
from .sniff import ZIP_MAGIC

if TYPE_CHECKING:
    from .body import Walker
    from .numbering import Numbering


class DocxReader(StructuredReader):
    name = "docx"
    kind = "docx"
    priority = 30

    def can_read(self, path: str, head: bytes) -> bool:
        # Every ZIP: none of govlint's other readers takes archives, and "this ZIP is an Excel workbook,
        # save the report as .docx" (from ``document``) is better advice than the text reader's "binary".
        return head.startswith(ZIP_MAGIC)

    def document(self, path: str, data: bytes) -> Document:
        # The stages (and lxml) load with the first .docx: a run over text files never imports them.
        from .body import Walker
        from .furniture import furniture
        from .numbering import Numbering
        from .ooxml import W_NS, W_STRICT_NS, Tags, namespace
        from .package import Package, main_part, not_word_kind
        from .reasons import damaged, not_word
        from .styles import Styles

        pkg = Package(data)
        main = main_part(pkg)
        root = pkg.xml(main)
        ns = namespace(root)
        if ns not in (W_NS, W_STRICT_NS):
            raise not_word(*not_word_kind(pkg))
        T = Tags(ns)
        body = root.find(T.body)
        if body is None:
            raise damaged(f"{main} has no body", f"{main} 没有正文（w:body）")
        parts = pkg.rels(main)
        styles_name = pkg.related(parts, "styles", "word/styles.xml")
        numbering_name = pkg.related(parts, "numbering", "word/numbering.xml")
        styles = Styles(pkg.xml(styles_name) if styles_name else None, T)
        numbering = Numbering(pkg.xml(numbering_name) if numbering_name else None, T, styles)
        walker = Walker(T, styles, numbering)
        walker.emit_blocks(body)
        if not walker.blocks and walker.alt_chunks:
            raise Unreadable(
                "the .docx holds its content as an embedded file (altChunk) that only Word renders: "
                "open it in Word/WPS and save it again as .docx",
                "该 .docx 的正文是嵌入的外部内容（altChunk），只有 Word 能显示：请用 Word/WPS 打开后重新另存为 .docx",
            )
        doc = Document(format="docx", blocks=walker.blocks)
        doc.dropped = furniture(pkg, parts, T, styles)
        doc.evidence = evidence(main, walker, numbering)
        return doc


def evidence(main: str, w: Walker, numbering: Numbering) -> str:
    """How the reader found the text, for ``inspect``."""
    parts = [f"{main}: {w.paragraphs} paragraphs, {w.tables} tables"]
    if w.frames:
        parts.append(f"{w.frames} one-column frame table(s) read as body text")
    if numbering.used:
        parts.append(f"{numbering.used} Word-numbered paragraph(s)")
    if w.removed:
        parts.append(f"tracked changes applied ({w.removed} deletion(s)/move(s) left out)")
    if w.boxes:
        parts.append(f"{w.boxes} text box(es) read after their anchor paragraph")
    return "; ".join(parts)
