"""Every statistics table cell govlint read, as rows for a spreadsheet (``govlint export``).

One record per cell of every table found: the file, the issuer, the year and
edition, the table, row and column (template key and wording), the text as
written, the value as read, and whether govlint is certain of it. A cell of a
table that could not be read with certainty is exported with ``certain``
false: offices aggregating reports should check those by hand.

CSV is UTF-8 with a byte-order mark and CRLF line ends, which Excel and WPS
open with the Chinese intact; JSON is an array of the same records.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Iterator, Optional

from ..model import Report, Span

FIELDS = (
    "file", "issuer", "year", "edition", "table", "table_name", "table_status", "row", "row_label",
    "column", "column_label", "raw", "value", "unit", "kind", "certain", "place",
)


def _place(report: Report, span: Optional[Span], lang: str) -> str:
    if span is None:
        return ""
    src = report.source
    if src.origin is not None:
        place = src.origin.at(span.start)
        return place.describe(lang) if place is not None else ""
    line, col = src.position(span.start)
    return f"{line}:{col}"


def cells(report: Report, path: str, lang: str = "zh") -> Iterator[dict[str, Any]]:
    """The records of one report's table cells, in table, row and column order."""
    for t in report.tables:
        title = t.title.get(lang) or t.title.get("zh") or t.name
        for r in t.rows:
            for c in t.columns:
                cell = t.cell(r, c)
                if cell is None:
                    continue
                yield {
                    "file": path,
                    "issuer": report.issuer or "",
                    "year": report.year,
                    "edition": t.edition or report.edition or "",
                    "table": t.id,
                    "table_name": title,
                    "table_status": t.status,
                    "row": r,
                    "row_label": t.row_label(r, lang),
                    "column": c,
                    "column_label": t.column_label(c, lang),
                    "raw": cell.raw,
                    "value": cell.value,
                    "unit": cell.unit,
                    "kind": cell.kind,
                    "certain": bool(cell.certain and t.readable and r not in t.missing_rows),
                    "place": _place(report, cell.span, lang),
                }


def csv_header() -> str:
    return "\ufeff" + _csv_line(FIELDS)


def csv_rows(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    for rec in records:
        yield _csv_line(["" if rec[k] is None else ("true" if rec[k] is True else "false" if rec[k] is False else rec[k]) for k in FIELDS])


def _csv_line(values) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow([_cell_text(v) for v in values])
    return buf.getvalue()


def _cell_text(v: Any) -> str:
    s = str(v)
    # A spreadsheet runs a cell that starts with = + - @ as a formula: report text must stay text.
    if s[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(s):
        return "'" + s
    return s


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def json_record(rec: dict[str, Any]) -> str:
    return json.dumps(rec, ensure_ascii=False)
