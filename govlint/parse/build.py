"""Lark tree -> document model.

The grammar gives the shape (front matter, numbered sections, table runs);
this module decides, against the template, which of the six sections each
heading is and which template table each run of table tokens belongs to,
and hands the tables to the aligner.
"""

from __future__ import annotations

from typing import Optional

from lark import Tree

from ..model import Chrome, Evidence, Heading, Report, Section, Source, Span, SubHeading
from ..read.normalize import key
from ..read.tokens import Token
from ..template import Template, numeral_value
from . import facts
from .grammar import TableRun
from .tables import Aligner

_BOUNDED_LAYOUTS = {"pipe", "tab", "pdf", "pdf-layout"}
MAX_TABLES = 64


def _tokens(node) -> list[Token]:
    """All reader tokens under a tree node, in order (the grammar nests at most two deep)."""
    if not isinstance(node, Tree):
        v = node.value  # a Lark token whose value is our Token, or a run of them (TABLE)
        return list(v) if isinstance(v, TableRun) else [v]
    out: list[Token] = []
    for child in node.children:
        if isinstance(child, Tree):
            out.extend(_tokens(child))
        elif isinstance(child.value, TableRun):
            out.extend(child.value)
        else:
            out.append(child.value)
    return out


class Builder:
    def __init__(self, template: Template) -> None:
        self.template = template
        self.aligner = Aligner(template)
        self._exact: dict[str, str] = {}
        for s in template.sections:
            for t in (s.title,) + s.variants:
                self._exact[key(t)] = s.key

    def build(self, source: Source, tokens: list[Token], tree: Tree) -> Report:
        report = Report(source=source)
        report.chrome = [Chrome(t.info.get("kind", "page-chrome"), t.text, Span(t.start, t.end)) for t in tokens if t.kind == "CHROME"]
        front_node = tree.children[0]
        section_nodes = tree.children[1:]
        front = _tokens(front_node)
        text = source.text

        # Headings and which of the six they are.
        sections: list[Section] = []
        current: Optional[Section] = None
        body_tokens: dict[str, list[Token]] = {}
        for node in section_nodes:
            h_tok = node.children[0].value
            heading = self._heading(h_tok)
            report.headings.append(heading)
            blocks = node.children[1:]
            is_new = heading.section_key is not None and not any(s.key == heading.section_key for s in sections)
            if is_new:
                spec = self.template.section(heading.section_key)
                assert spec is not None
                current = Section(key=spec.key, number=spec.number, heading=heading, body=Span(h_tok.end, h_tok.end))
                sections.append(current)
                body_tokens[current.key] = []
            if current is None:
                # A stray heading before the first real section belongs to the front matter.
                front.extend(_tokens(node)[1:])
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
        front_blocks = front_node.children
        report.preamble = Span(front[0].start, front[-1].end) if front else None
        for b in front_blocks:
            if isinstance(b, Tree) and b.data == "table":
                self._table(report, None, b)
            elif isinstance(b, Tree) and b.data == "paragraph":
                toks = _tokens(b)
                report.paragraphs.append(Span(toks[0].start, toks[-1].end))
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

    def _block(self, report: Report, section: Section, node, sink: list[Token]) -> None:
        toks = _tokens(node)
        sink.extend(toks)
        kind = node.data if isinstance(node, Tree) else toks[0].kind
        if kind == "paragraph":
            span = Span(toks[0].start, toks[-1].end)
            section.paragraphs.append(span)
            report.paragraphs.append(span)
        elif kind == "H2":
            t = toks[0]
            section.subsections.append(SubHeading(t.info.get("number", ""), t.info.get("words", ""), Span(t.start, t.end)))
        elif kind == "table":
            self._table(report, section, node)
        elif kind in ("TITLE", "META"):
            section.paragraphs.append(Span(toks[0].start, toks[-1].end))

    def _table(self, report: Report, section: Optional[Section], node: Tree) -> None:
        toks = _tokens(node)
        groups: list[tuple[str, list[Token]]] = []
        current: Optional[str] = None
        prefer = {"proactive": "2", "requests": "3", "review": "4"}.get(section.key if section else "", "")
        for t in toks:
            ids = [r[1] for r in t.info.get("refs", ())]
            if t.kind == "CAPTION" and ids:
                current = ids[0]
                groups.append((current, [t]))
                continue
            # Header words are shared between tables (总计, 其他): only a table's own marker moves on.
            weak_head = t.kind == "HEAD" and current is not None and not _marker(t)
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
            spec_section = self.template.editions["2021"].table(tid) or self.template.editions["2019"].table(tid)
            sec_number = spec_section.section if spec_section else ""
            table = self.aligner.align(tid, ts, sec_number, bounded)
            report.tables.append(table)
            if section is not None:
                section.tables.append(table)


def _marker(t: Token) -> bool:
    n = t.norm.lstrip("(")
    return n.startswith("本列数据的勾稽关系") or n in ("申请人情况", "行政复议")


def _issuer_from_meta(meta: list[Token]) -> Optional[str]:
    for k in ("发布机构", "发文机关", "信息来源", "来源"):
        for t in meta:
            v = (t.info.get("value") or "").strip(" |")
            if t.info.get("key") == k and v and "|" not in v:
                return v
    return None
