"""Lark tree -> document model.

The grammar gives the shape (front matter, numbered sections, table runs);
this module decides, against the template, which of the six sections each
heading is and which template table each run of table tokens belongs to,
and hands the tables to the aligner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from lark import Transformer, Tree

from ..model import Chrome, Evidence, Heading, Report, Section, Source, Span, SubHeading
from ..normalize import key
from ..read.tokens import Token
from ..template import Template, numeral_value
from . import facts, prose
from .contacts import contacts
from .tables import Aligner

_BOUNDED_LAYOUTS = {"pipe", "tab", "pdf", "pdf-layout", "grid"}
MAX_TABLES = 64


# ------------------------------------------------------------------ tree -> nodes
#
# The Transformer turns the parse tree into these nodes; the builder then
# works on names, never on positions in the tree.


@dataclass
class Para:
    tokens: list[Token]


@dataclass
class Row:
    """A row whose cells the file gives: caption, header, data or empty."""

    kind: str
    tokens: list[Token]  # the cells' tokens, without the ROW/END marks


@dataclass
class Loose:
    """Table tokens from a text layout: rows and columns are the aligner's to find."""

    tokens: list[Token]


@dataclass
class TableNode:
    parts: list[Union[Row, Loose]]

    @property
    def tokens(self) -> list[Token]:
        return [t for p in self.parts for t in p.tokens]

    @property
    def rows(self) -> list[Row]:
        return [p for p in self.parts if isinstance(p, Row)]


Block = Union[Token, Para, TableNode]  # a bare Token is a TITLE, META or H2


@dataclass
class SectionNode:
    heading: Token
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Front:
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Outline:
    front: Front
    sections: list[SectionNode]


def block_tokens(b: Block) -> list[Token]:
    if isinstance(b, Token):
        return [b]
    return b.tokens


class _ToNodes(Transformer):
    """Parse tree -> ``Outline``. Terminals arrive as the reader's tokens."""

    def __default_token__(self, tok):
        return tok.value  # our Token (or a TableRun for TABLE)

    def start(self, children) -> Outline:
        fronts = [c for c in children if isinstance(c, Front)]
        return Outline(fronts[0] if fronts else Front(), [c for c in children if isinstance(c, SectionNode)])

    def front(self, blocks) -> Front:
        return Front(list(blocks))

    def section(self, children) -> SectionNode:
        heading, *blocks = children  # the grammar puts H1 first
        return SectionNode(heading, blocks)

    def paragraph(self, texts) -> Para:
        return Para(list(texts))

    def table(self, parts) -> TableNode:
        return TableNode(list(parts))

    def loose(self, children) -> Loose:
        (run,) = children
        return Loose(list(run))

    def lead(self, cells) -> list[Token]:
        return list(cells)

    def _row(self, kind: str, children) -> Row:
        toks: list[Token] = []
        for c in children:
            if isinstance(c, list):
                toks.extend(c)
            elif c.kind not in ("ROW", "END"):
                toks.append(c)
        return Row(kind, toks)

    def caption_row(self, children) -> Row:
        return self._row("caption", children)

    def header_row(self, children) -> Row:
        return self._row("header", children)

    def data_row(self, children) -> Row:
        return self._row("data", children)

    def empty_row(self, children) -> Row:
        return self._row("empty", children)


def outline(tree: Tree) -> Outline:
    return _ToNodes(visit_tokens=True).transform(tree)


class Builder:
    def __init__(self, template: Template) -> None:
        self.template = template
        self.aligner = Aligner(template)
        self._exact = template.section_by_wording
        # Which template tables a section holds (二: 2.1 … 2.9), to settle words several tables share.
        self._section_table = template.section_table
        # Header words that belong to one table alone (申请人情况: table 三) move a run of table words on to it.
        self._own_markers = template.own_markers

    def build(self, source: Source, tokens: list[Token], tree: Tree) -> Report:
        report = Report(source=source)
        report.chrome = [Chrome(t.info.get("kind", "page-chrome"), t.text, Span(t.start, t.end)) for t in tokens if t.kind == "CHROME"]
        doc = outline(tree)
        front = [t for b in doc.front.blocks for t in block_tokens(b)]
        text = source.text

        # Headings and which of the six they are.
        sections: list[Section] = []
        current: Optional[Section] = None
        body_tokens: dict[str, list[Token]] = {}
        for node in doc.sections:
            h_tok = node.heading
            heading = self._heading(h_tok)
            report.headings.append(heading)
            blocks = node.blocks
            is_new = heading.section_key is not None and not any(s.key == heading.section_key for s in sections)
            if is_new:
                spec = self.template.section(heading.section_key)
                assert spec is not None
                current = Section(key=spec.key, number=spec.number, heading=heading, body=Span(h_tok.end, h_tok.end))
                sections.append(current)
                body_tokens[current.key] = []
            if current is None:
                # A stray heading before the first real section belongs to the front matter.
                front.extend(t for b in blocks for t in block_tokens(b))
                continue
            if not is_new:
                # A heading that is not (or repeats) a section: part of the current section's body.
                current.subsections.append(SubHeading(heading.number, heading.text, heading.span))
            for b in blocks:
                self._block(report, current, b, body_tokens[current.key])
        # Body spans run to the next recognised section.
        for i, s in enumerate(sections):
            end = sections[i + 1].heading.span.start if i + 1 < len(sections) else len(text)
            toks = body_tokens[s.key]
            last = max((t.end for t in toks), default=s.heading.span.end)
            s.body = Span(s.heading.span.end, min(end, max(last, s.heading.span.end)))
        report.sections = sections
        report.preamble = Span(front[0].start, front[-1].end) if front else None
        for b in doc.front.blocks:
            if isinstance(b, TableNode):
                self._table(report, None, b)
            elif isinstance(b, Para):
                report.paragraphs.append(Span(b.tokens[0].start, b.tokens[-1].end))
        report.paragraphs.sort(key=lambda s: s.start)

        # Facts.
        report.title = facts.find_title(front, text)
        meta = [t for t in tokens if t.kind == "META"]
        for t in meta:
            report.metadata.setdefault(t.info["key"], Evidence(f"metadata:{t.info['key']}", t.info.get("value", ""), Span(t.start, t.end), t.text))
        report.issuer = report.title.issuer if report.title and report.title.issuer else _issuer_from_meta(meta)
        texts = [t for t in tokens if t.kind in ("TEXT", "TITLE", "META", "H2")]
        overview = body_tokens.get("overview", [])
        body = [t for k in ("overview", "problems") for t in body_tokens.get(k, []) if t.kind in ("TEXT", "H2")]
        report.year_evidence = facts.year_evidence(report, texts, [t for t in overview if t.kind in ("TEXT", "H2")], body)
        editions = sorted({t.edition for t in report.tables if t.edition and t.readable or t.edition and t.cells})
        for ed in editions:
            ts = [t.id for t in report.tables if t.edition == ed]
            report.edition_evidence.append(Evidence("table-edition", ed, None, "tables " + ", ".join(ts)))
        tail = [t for t in tokens if t.kind in ("TEXT", "META")]
        report.date_evidence = facts.date_evidence(meta, tail)
        report.date = report.date_evidence[0] if report.date_evidence else None
        report.year = facts.resolve_year(report.year_evidence, report.date, editions, self.template.editions)
        if report.year is not None and not any(e.value == report.year for e in report.year_evidence) and report.date:
            report.year_evidence.append(Evidence("publication-date", report.year, report.date.span, str(report.date.value)))
        report.issuer_kind = facts.issuer_kind(report.issuer)
        prose.fill(report)
        report.contacts = contacts(text)
        if len(editions) == 1:
            report.edition = editions[0]
        elif len(editions) > 1:
            report.edition = "mixed"
        elif report.year:
            ed = self.template.edition_for_year(report.year)
            if ed:
                report.edition = ed.name
                report.edition_evidence.append(Evidence("reporting-year", ed.name, None, f"reporting year {report.year}"))
        return report

    # ------------------------------------------------------------ pieces

    def _heading(self, tok: Token) -> Heading:
        info = tok.info
        number = info.get("number", "")
        words = info.get("words", "")
        sec = info.get("section")
        if sec is not None:
            exact = self._exact.get(key(words))
            spec = self.template.section(sec)
            # A heading that is only near a section's wording counts when its number agrees.
            if exact is None and spec is not None and numeral_value(number) != spec.ordinal:
                sec = None
        return Heading(
            number=number,
            ordinal=numeral_value(number),
            mark=info.get("mark", ""),
            text=words,
            span=Span(tok.start, tok.end),
            section_key=sec,
            inline=bool(info.get("inline")),
        )

    def _block(self, report: Report, section: Section, node: Block, sink: list[Token]) -> None:
        toks = block_tokens(node)
        sink.extend(toks)
        if isinstance(node, Para):
            span = Span(toks[0].start, toks[-1].end)
            section.paragraphs.append(span)
            report.paragraphs.append(span)
        elif isinstance(node, TableNode):
            self._table(report, section, node)
        elif node.kind == "H2":
            section.subsections.append(SubHeading(node.info.get("number", ""), node.info.get("words", ""), Span(node.start, node.end)))
        elif node.kind in ("TITLE", "META"):
            section.paragraphs.append(Span(node.start, node.end))

    def _table(self, report: Report, section: Optional[Section], node: TableNode) -> None:
        toks = node.tokens
        groups: list[tuple[str, list[Token]]] = []
        current: Optional[str] = None
        prefer = self._section_table.get(section.key if section else "", "")
        for t in toks:
            ids = [r[1] for r in t.info.get("refs", ())]
            if t.kind == "CAPTION" and ids:
                current = ids[0]
                groups.append((current, [t]))
                continue
            # Header words are shared between tables (总计, 其他): only a table's own marker moves on.
            weak_head = t.kind == "HEAD" and current is not None and not t.norm.lstrip("(").startswith(self._own_markers)
            if ids and current not in ids and not weak_head:
                pick = next((i for i in ids if i.split(".")[0] == prefer), ids[0])
                if pick != current:
                    current = pick
                    groups.append((current, []))
            if current is None:
                continue
            if not groups or groups[-1][0] != current:
                groups.append((current, []))
            groups[-1][1].append(t)
        merged: dict[str, list[Token]] = {}
        order: list[str] = []
        for tid, ts in groups:
            if tid not in merged:
                merged[tid] = []
                order.append(tid)
            merged[tid].extend(ts)
        bounded = report.source.layout in _BOUNDED_LAYOUTS
        for tid in order:
            if len(report.tables) >= MAX_TABLES:
                return  # a real report has seven; hostile input must not cost time per extra table
            ts = merged[tid]
            if not any(t.kind in ("NUM", "BLANK", "CELL", "LABEL", "CAPTION") for t in ts):
                continue
            spec_section = self.template.table_spec(tid)
            sec_number = spec_section.section if spec_section else ""
            table = self.aligner.align(tid, ts, sec_number, bounded)
            report.tables.append(table)
            if section is not None:
                section.tables.append(table)


def _issuer_from_meta(meta: list[Token]) -> Optional[str]:
    for k in ("发布机构", "发文机关", "信息来源", "来源"):
        for t in meta:
            v = (t.info.get("value") or "").strip(" |")
            if t.info.get("key") == k and v and "|" not in v:
                return v
    return None
