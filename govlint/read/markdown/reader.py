"""The Markdown reader: decodes the file, sets front matter and pipe tables apart, lets markdown-it read the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Block, Document, Grid, Place, Unreadable
from ..encoding import DecodeError, decode
from ..structured import StructuredReader
from .sniff import sniff
from .source import source_lines

if TYPE_CHECKING:
    from .collect import Collector
    from .pipe_tables import RawTable


class MarkdownReader(StructuredReader):
    name = "markdown"
    priority = 20
    kind = "markdown"

    def can_read(self, path: str, head: bytes) -> bool:
        return sniff(path, head)

    def document(self, path: str, data: bytes) -> Document:
        # The stages (and markdown-it) load with the first Markdown file: a run over text files never imports them.
        from .collect import Collector
        from .front_matter import front_matter
        from .parser import markdown_it
        from .pipe_grid import pipe_table
        from .pipe_tables import find_tables, join_tables
        from .walk import walk

        try:
            decoded = decode(data)
        except DecodeError as e:
            raise Unreadable(e.reason_en, e.reason_zh) from None
        lines = source_lines(decoded.text)
        md = markdown_it()
        c = Collector(lines)
        title_hints: list[tuple[str, Place]] = []
        # What markdown-it is given: front matter and table lines blanked, so that its line numbers stay the file's.
        given = list(lines)
        fm = front_matter(lines)
        if fm:
            c.dropped.append(("front-matter", fm.text, Place(line=1, col=1)))
            title_hints.extend(fm.titles)
            for k in range(fm.end):
                given[k] = ""
        found = join_tables(find_tables(given), given)
        for t in found:
            for k in range(t.first, t.last + 1):
                given[k] = ""
        try:
            tokens = md.parse("\n".join(given))
            for t in found:
                pipe_table(c, t.rows)
                c.parts += t.parts
                for ln in t.repeated:
                    c.dropped.append(("repeated-header", lines[ln].strip(), Place(line=ln + 1, col=1)))
            walk(c, tokens)
            blocks = c.blocks()
        except Unreadable:
            raise
        except Exception as exc:  # a parser failure on a hostile file is a reading failure, not a crash
            raise Unreadable(
                f"the Markdown could not be read ({type(exc).__name__}: {str(exc)[:200]}); "
                "check the file, or lint the report's original .docx or PDF",
                f"无法读取该 Markdown 文件（{type(exc).__name__}）；请检查文件，或改为检查报告原始的 .docx 或 PDF 文件",
            ) from None
        return Document(
            format="markdown",
            blocks=blocks,
            title_hints=title_hints,
            encoding=decoded.encoding,
            evidence=_evidence(c, found, blocks),
            dropped=c.dropped,
            original=decoded.text,
        )


def _evidence(c: Collector, found: list[RawTable], blocks: list[Block]) -> str:
    """How the reader found the tables and headings, for ``inspect``."""
    grids = [x for x in blocks if isinstance(x, Grid)]
    out = f"markdown: {c.tables} pipe table(s), {c.html_tables} HTML table(s), {len(c.headings)} heading(s)"
    if c.parts > len(found):
        out += f"; {c.parts} pipe tables side by side joined into {len(found)}"
    if grids:
        out += ", tables at line(s) " + ", ".join(str(x.place.line) for x in grids)[:200]
    return out
