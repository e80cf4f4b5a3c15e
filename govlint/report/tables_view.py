"""The statistics tables as read, in plain data: what a report redraws without the model.

A batch drops each report's model once its rules have run; the HTML report
still shows the tables, so the worker keeps this snapshot of them (labels in
both languages, every cell's text, whether it was read with certainty, and
its span, which is how findings name the cells they are about).
"""

from __future__ import annotations

from typing import Any

from ..model import Report


def snapshot(report: Report) -> list[dict[str, Any]]:
    out = []
    for t in report.tables:
        rows = []
        for r in t.rows:
            cells = []
            for c in t.columns:
                cell = t.cell(r, c)
                if cell is None:
                    cells.append(None)
                    continue
                span = [cell.span.start, cell.span.end] if cell.span is not None else None
                cells.append({"raw": cell.raw, "kind": cell.kind, "certain": cell.certain and r not in t.missing_rows, "span": span})
            rows.append({"key": r, "zh": t.row_label(r), "en": t.row_label(r, "en"), "cells": cells, "missing": r in t.missing_rows})
        out.append(
            {
                "id": t.id,
                "title": {"zh": t.title.get("zh", t.name), "en": t.title.get("en", t.name)},
                "status": t.status,
                "readable": t.readable,
                "reason": {"zh": t.reason_zh, "en": t.reason},
                "columns": [{"key": c, "zh": t.column_label(c), "en": t.column_label(c, "en")} for c in t.columns],
                "rows": rows,
            }
        )
    return out
