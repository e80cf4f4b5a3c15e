"""``govlint inspect``: what govlint understood of a report, for people and scripts."""

from __future__ import annotations

import json
import unicodedata
from typing import Any, Optional

from ..model import Report, Span, Table
from ..template import load_template


def _w(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    gap = max(0, width - _w(s))
    return (" " * gap + s) if right else (s + " " * gap)


def _lines(report: Report, span: Optional[Span]) -> str:
    if span is None:
        return "-"
    if report.source.origin is not None:
        return _place(report, span)
    a = report.source.line_of(span.start)
    b = report.source.line_of(max(span.start, span.end - 1))
    return f"{a}" if a == b else f"{a}–{b}"


def _at(report: Report, span: Optional[Span]) -> str:
    """``line 12`` in a text file, the place in a structured one."""
    if span is not None and report.source.origin is not None:
        return _place(report, span)
    return f"line {_lines(report, span)}"


def _place(report: Report, span: Span) -> str:
    """Where a span is in a structured file (``page 3``, ``table 2, row 4, column 10``, ``line 57, column 9``)."""
    p = report.source.place(span)
    return p.describe("en") if p is not None else "-"


def _where(report: Report, a: Optional[Span], b: Optional[Span]) -> str:
    """Where a row's cells came from: its label's line, or the cells' places in a structured file."""
    if a is None:
        return ""
    src = report.source
    if src.origin is None:
        return f"line {src.line_of(a.start)}"
    pa = src.place(a)
    pb = src.place(b) if b is not None else None
    if pa is None:
        return ""
    if pb is None or pb == pa:
        return pa.describe("en")
    if pa.table is not None and (pa.table, pa.row, pa.page) == (pb.table, pb.row, pb.page) and pb.column is not None:
        return f"{pa.describe('en')}–{pb.column}"
    return f"{pa.describe('en')} … {pb.describe('en')}"


def to_dict(report: Report) -> dict[str, Any]:
    src = report.source

    def loc(span: Optional[Span]) -> Optional[dict[str, Any]]:
        if span is None:
            return None
        if src.origin is not None:
            # A structured file: the place in the original (page, table/row/column, paragraph, or its source line).
            p = src.place(span)
            return None if p is None else {**p.as_dict(), "where": p.describe("en")}
        r = src.region(span)
        return {"start_line": r.start_line, "start_column": r.start_column, "end_line": r.end_line, "end_column": r.end_column}

    def ev(e) -> dict[str, Any]:
        return {"source": e.source, "value": e.value, "text": e.text, "location": loc(e.span)}

    return {
        "file": src.path,
        "format": src.format,
        "layout": src.layout,
        "encoding": src.encoding,
        "bom": src.bom,
        "lines": src.line_count,
        "title": None
        if report.title is None
        else {"text": report.title.text, "issuer": report.title.issuer, "year": report.title.year, "quoted": report.title.quoted, "location": loc(report.title.span)},
        "issuer": report.issuer,
        "year": report.year,
        "year_evidence": [ev(e) for e in report.year_evidence],
        "edition": report.edition,
        "edition_evidence": [ev(e) for e in report.edition_evidence],
        "date": None if report.date is None else ev(report.date),
        "sections": [
            {
                "number": s.number,
                "key": s.key,
                "heading": f"{s.heading.number}{s.heading.mark}{s.heading.text}",
                "heading_location": loc(s.heading.span),
                "first_line": src.line_of(s.heading.span.start),
                "last_line": src.line_of(max(s.heading.span.end - 1, s.body.end - 1)),
                "subsections": [{"number": h.number, "text": h.text, "location": loc(h.span)} for h in s.subsections],
                "tables": [t.id for t in s.tables],
            }
            for s in report.sections
        ],
        "headings": [
            {"number": h.number, "mark": h.mark, "text": h.text, "section": h.section_key, "location": loc(h.span)}
            for h in report.headings
        ],
        "tables": [_table_dict(t, loc) for t in report.tables],
        "chrome": [{"kind": c.kind, "text": c.text[:40], "location": loc(c.span)} for c in report.chrome if c.kind != "pipe-run"],
    }


def _table_dict(t: Table, loc) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "edition": t.edition,
        "status": t.status,
        "reason": t.reason,
        "how": t.how,
        "location": loc(t.span),
        "edition_evidence": t.edition_evidence,
        "skipped_checks": t.skipped_checks,
        "missing_rows": t.missing_rows,
        "columns": [{"key": c, "label": t.column_labels[c]} for c in t.columns],
        "rows": [
            {
                "key": r,
                "label": t.row_labels[r],
                "cells": [
                    None
                    if (cell := t.cells.get((r, c))) is None
                    else {"column": c, "raw": cell.raw, "value": cell.value, "kind": cell.kind, "certain": cell.certain, "location": loc(cell.span)}
                    for c in t.columns
                ],
            }
            for r in t.rows
            if any((r, c) in t.cells for c in t.columns)
        ],
    }


def render_json(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def render_text(report: Report) -> str:
    src = report.source
    out: list[str] = []
    tpl = load_template()

    def field(name: str, value: str) -> None:
        out.append(f"{_pad(name + ':', 10)}{value}")

    field("file", src.path)
    field("format", src.format)
    field("layout", src.layout + (" (the cells as the file gives them)" if src.layout == "grid" else ""))
    if src.origin is not None:
        field("encoding", f"{src.encoding}; positions are places in the {src.format} file")
    else:
        field("encoding", src.encoding + (" (BOM)" if src.bom else "") + f", {src.line_count} lines")
    if report.title:
        where = "quoted in a sentence, " if report.title.quoted else ""
        field("title", f"{report.title.text}  ({where}{_at(report, report.title.span)})")
    else:
        field("title", "(none found)")
    field("issuer", report.issuer or "(unknown)")
    if report.year_evidence:
        ev = "; ".join(f"{e.source} {e.value} ({_at(report, e.span)})" for e in report.year_evidence)
        field("year", f"{report.year}  <- {ev}")
    else:
        field("year", "(unknown)")
    if report.edition_evidence:
        field("edition", f"{report.edition}  <- " + "; ".join(f"{e.value}: {e.text}" for e in report.edition_evidence))
    else:
        field("edition", report.edition or "(unknown)")
    if report.date:
        field("date", f"{report.date.value}  <- {report.date.source} ({_at(report, report.date.span)})")
    out.append("")
    out.append("sections:")
    present = {s.key for s in report.sections}
    for s in report.sections:
        h = s.heading
        last = src.line_of(max(h.span.end - 1, s.body.end - 1))
        first = src.line_of(h.span.start)
        rng = f"line {first}" if first == last else f"lines {first}–{last}"
        if src.origin is not None:
            rng = _place(report, h.span)
        extra = []
        if s.tables:
            extra.append("tables " + ", ".join(t.id for t in s.tables))
        if not s.has_content:
            extra.append("EMPTY")
        out.append(f"  {_pad(h.number + h.mark + h.text, 44)} {_pad(rng, 14)} {'  '.join(extra)}")
    for spec in tpl.sections:
        if spec.key not in present:
            out.append(f"  {_pad(spec.heading, 44)} MISSING")
    stray = [h for h in report.headings if not any(s.heading is h for s in report.sections)]
    if stray:
        out.append("other top-level headings:")
        for h in stray:
            out.append(f"  {_lines(report, h.span)}: {h.number}{h.mark}{h.text}")
    for t in report.tables:
        out.append("")
        out.extend(_table_text(report, t))
    return "\n".join(out) + "\n"


def _short(label: str) -> str:
    return label.split("·")[-1].replace("（单位：万元）", "(万元)")


def _table_text(report: Report, t: Table) -> list[str]:
    edition = f"{t.edition} edition" if t.edition else "same in both editions"
    at = _lines(report, t.span)
    out = [f"table {t.id}  {t.name}  [{edition}, {t.status}]  {'' if report.source.origin is not None else 'lines '}{at}"]
    if t.how:
        out.append(f"  how: {t.how}")
    if t.reason:
        out.append(f"  why: {t.reason}")
    if t.skipped_checks:
        out.append(f"  skipped checks: {', '.join(t.skipped_checks)}")
    if not t.cells:
        return out
    labels = [t.row_labels[r] or "(数据)" for r in t.rows]
    lw = min(max(_w(x) for x in labels), 34)
    cols = [_short(t.column_labels[c]) for c in t.columns]
    cw = [max(_w(c), 6) for c in cols]
    out.append("  " + _pad("", lw) + "  " + "  ".join(_pad(c, w, right=True) for c, w in zip(cols, cw)))
    for r, label in zip(t.rows, labels):
        if not any((r, c) in t.cells for c in t.columns):
            if r in t.missing_rows:
                out.append("  " + _pad(_clip(label, lw), lw) + "  (row missing)")
            continue
        vals = []
        for c, w in zip(t.columns, cw):
            cell = t.cells.get((r, c))
            if cell is None:
                s = "∅"
            elif cell.kind == "blank":
                s = "·" if cell.span is not None else "∅"
            else:
                s = cell.raw
            if cell is not None and not cell.certain:
                s += "?"
            vals.append(_pad(s, w, right=True))
        spans = [c.span for c in (t.cells.get((r, k)) for k in t.columns) if c is not None and c.span is not None]
        source = _where(report, spans[0] if spans else t.row_spans.get(r), spans[-1] if spans else None)
        out.append("  " + _pad(_clip(label, lw), lw) + "  " + "  ".join(vals) + (f"   <- {source}" if source else ""))
    out.append("  (· blank cell, ∅ blank dropped from the text, ? not certain)")
    return out


def _clip(s: str, width: int) -> str:
    if _w(s) <= width:
        return s
    out = ""
    for ch in s:
        if _w(out + ch + "…") > width:
            break
        out += ch
    return out + "…"
