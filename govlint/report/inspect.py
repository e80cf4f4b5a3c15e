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


# The words of the text view in Chinese (the English is the key).
_ZH = {
    "file": "文件", "format": "格式", "layout": "版式", "encoding": "编码", "title": "标题", "issuer": "发布机关",
    "year": "年度", "edition": "模板版本", "date": "成文日期", "sections:": "各部分：", "(none found)": "（未找到）",
    "(unknown)": "（未知）", "quoted in a sentence, ": "在句中引用，", " (the cells as the file gives them)": "（按文件给出的单元格）",
    "positions are places in the {fmt} file": "位置为 {fmt} 文件中的位置", "{n} lines": "{n} 行", "line {n}": "第 {n} 行",
    "lines {a}–{b}": "第 {a}–{b} 行", "lines ": "第 ", "tables ": "统计表 ", "EMPTY": "空", "MISSING": "缺失",
    "other top-level headings:": "其他一级标题：", "table": "表", "same in both editions": "两版相同",
    "{e} edition": "{e} 版", "how": "读法", "why": "原因", "skipped checks": "未检查的规则", "(row missing)": "（缺行）",
    "(· blank cell, ∅ blank dropped from the text, ? not certain)": "（· 空单元格，∅ 文本中缺失的空格，? 不确定）",
    "read": "已读取", "resolved": "已确定", "ambiguous": "有歧义", "unreadable": "无法读取",
}


def _l(text: str, lang: str, **kw: object) -> str:
    return (_ZH.get(text, text) if lang == "zh" else text).format(**kw)


def _lines(report: Report, span: Optional[Span], lang: str = "en") -> str:
    if span is None:
        return "-"
    if report.source.origin is not None:
        return _place(report, span, lang)
    a = report.source.line_of(span.start)
    b = report.source.line_of(max(span.start, span.end - 1))
    return f"{a}" if a == b else f"{a}–{b}"


def _at(report: Report, span: Optional[Span], lang: str = "en") -> str:
    """``line 12`` in a text file, the place in a structured one."""
    if span is not None and report.source.origin is not None:
        return _place(report, span, lang)
    return _l("line {n}", lang, n=_lines(report, span, lang))


def _place(report: Report, span: Span, lang: str = "en") -> str:
    """Where a span is in a structured file (``page 3``, ``table 2, row 4, column 10``, ``line 57, column 9``)."""
    p = report.source.place(span)
    return p.describe(lang) if p is not None else "-"


def _where(report: Report, a: Optional[Span], b: Optional[Span], lang: str = "en") -> str:
    """Where a row's cells came from: its label's line, or the cells' places in a structured file."""
    if a is None:
        return ""
    src = report.source
    if src.origin is None:
        return _l("line {n}", lang, n=src.line_of(a.start))
    pa = src.place(a)
    pb = src.place(b) if b is not None else None
    if pa is None:
        return ""
    if pb is None or pb == pa:
        return pa.describe(lang)
    if pa.table is not None and (pa.table, pa.row, pa.page) == (pb.table, pb.row, pb.page) and pb.column is not None:
        return f"{pa.describe(lang)}–{pb.column}"
    return f"{pa.describe(lang)} … {pb.describe(lang)}"


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


def render_text(report: Report, lang: str = "en") -> str:
    """What govlint understood, for people: in English, or in Chinese (``lang="zh"``)."""
    src = report.source
    out: list[str] = []
    tpl = load_template()
    zh = lang == "zh"

    def L(text: str, **kw: object) -> str:  # noqa: N802 - reads as the label it is
        return _l(text, lang, **kw)

    def field(name: str, value: str) -> None:
        out.append(f"{_pad(L(name) + ('：' if zh else ':'), 10)}{value}")

    field("file", src.path)
    field("format", src.format)
    field("layout", src.layout + (L(" (the cells as the file gives them)") if src.layout == "grid" else ""))
    if src.origin is not None:
        field("encoding", f"{src.encoding}; " + L("positions are places in the {fmt} file", fmt=src.format))
    else:
        field("encoding", src.encoding + (" (BOM)" if src.bom else "") + ", " + L("{n} lines", n=src.line_count))
    if report.title:
        where = L("quoted in a sentence, ") if report.title.quoted else ""
        field("title", f"{report.title.text}  ({where}{_at(report, report.title.span, lang)})")
    else:
        field("title", L("(none found)"))
    field("issuer", report.issuer or L("(unknown)"))
    if report.year_evidence:
        ev = "; ".join(f"{e.source} {e.value} ({_at(report, e.span, lang)})" for e in report.year_evidence)
        field("year", f"{report.year}  <- {ev}")
    else:
        field("year", L("(unknown)"))
    if report.edition_evidence:
        field("edition", f"{report.edition}  <- " + "; ".join(f"{e.value}: {e.text}" for e in report.edition_evidence))
    else:
        field("edition", report.edition or L("(unknown)"))
    if report.date:
        field("date", f"{report.date.value}  <- {report.date.source} ({_at(report, report.date.span, lang)})")
    out.append("")
    out.append(L("sections:"))
    present = {s.key for s in report.sections}
    for s in report.sections:
        h = s.heading
        last = src.line_of(max(h.span.end - 1, s.body.end - 1))
        first = src.line_of(h.span.start)
        rng = L("line {n}", n=first) if first == last else L("lines {a}–{b}", a=first, b=last)
        if src.origin is not None:
            rng = _place(report, h.span, lang)
        extra = []
        if s.tables:
            extra.append(L("tables ") + ", ".join(t.id for t in s.tables))
        if not s.has_content:
            extra.append(L("EMPTY"))
        out.append(f"  {_pad(h.number + h.mark + h.text, 44)} {_pad(rng, 14)} {'  '.join(extra)}")
    for spec in tpl.sections:
        if spec.key not in present:
            out.append(f"  {_pad(spec.heading, 44)} {L('MISSING')}")
    stray = [h for h in report.headings if not any(s.heading is h for s in report.sections)]
    if stray:
        out.append(L("other top-level headings:"))
        for h in stray:
            out.append(f"  {_lines(report, h.span, lang)}: {h.number}{h.mark}{h.text}")
    for t in report.tables:
        out.append("")
        out.extend(_table_text(report, t, lang))
    return "\n".join(out) + "\n"


def _short(label: str) -> str:
    return label.split("·")[-1].replace("（单位：万元）", "(万元)")


def _table_text(report: Report, t: Table, lang: str = "en") -> list[str]:
    zh = lang == "zh"
    colon = "：" if zh else ": "
    edition = _l("{e} edition", lang, e=t.edition) if t.edition else _l("same in both editions", lang)
    at = _lines(report, t.span, lang)
    lines_word = "" if report.source.origin is not None else _l("lines ", lang)
    at = f"{lines_word}{at}" + (" 行" if zh and lines_word else "")
    out = [f"{_l('table', lang)} {t.id}  {t.name}  [{edition}{'，' if zh else ', '}{_l(t.status, lang)}]  {at}"]
    if t.how:
        out.append(f"  {_l('how', lang)}{colon}{t.how}")
    reason = (t.reason_zh or t.reason) if zh else t.reason
    if reason:
        out.append(f"  {_l('why', lang)}{colon}{reason}")
    if t.skipped_checks:
        out.append(f"  {_l('skipped checks', lang)}{colon}{', '.join(t.skipped_checks)}")
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
                out.append("  " + _pad(_clip(label, lw), lw) + "  " + _l("(row missing)", lang))
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
        source = _where(report, spans[0] if spans else t.row_spans.get(r), spans[-1] if spans else None, lang)
        out.append("  " + _pad(_clip(label, lw), lw) + "  " + "  ".join(vals) + (f"   <- {source}" if source else ""))
    out.append("  " + _l("(· blank cell, ∅ blank dropped from the text, ? not certain)", lang))
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
