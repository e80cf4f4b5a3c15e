"""govlint's own JSON output: a stable, documented schema for scripts and dashboards.

Schema version 1 (``docs/json-output.md``)::

    {"schema": "govlint/1", "version": "<govlint version>",
     "files": [{"path", "layout", "encoding", "year", "edition",
                "diagnostics": [{"code", "name", "severity", "message": {"zh", "en"},
                                 "location": {"start_line", "start_column", "end_line", "end_column"},
                                 "related": [{"message", "location"}], "data": {...}}]}],
     "summary": {"files", "problems", "by_severity": {...}, "by_code": {...}}}

Lines and columns are 1-based and count characters (code points).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Optional

from ..hookspecs import hookimpl
from ..model import Region
from ..version import __version__
from .jsonstream import ITEMS, later, stream_document
from .safe import display_path
from .text import StreamingFormatter, file_kind

SCHEMA = "govlint/1"


def _loc(r: Optional[Region]) -> Optional[dict[str, int]]:
    if r is None:
        return None
    return {"start_line": r.start_line, "start_column": r.start_column, "end_line": r.end_line, "end_column": r.end_column}


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set)):
        return [_plain(x) for x in v]
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


class JsonFormatter(StreamingFormatter):
    name = "json"
    description = "govlint's own JSON schema (govlint/1), for scripts and dashboards"

    def stream(self, results, options: dict, write) -> None:
        """One file per line inside the document, written as each file is done."""
        by_code: Counter = Counter()
        by_sev: Counter = Counter()
        by_format: Counter = Counter()
        count = 0

        def files():
            nonlocal count
            for res in results:
                count += 1
                by_format[file_kind(res)] += 1
                yield _file(res, by_code, by_sev)

        def summary() -> dict[str, Any]:
            return {
                "summary": {
                    "files": count,
                    "problems": sum(by_code.values()),
                    "by_severity": {k: by_sev[k] for k in ("error", "warning", "note")},
                    "by_code": dict(sorted(by_code.items())),
                    "by_format": dict(sorted(by_format.items())),
                    "skipped": [display_path(p) for p in options.get("skipped") or ()],
                }
            }

        skeleton = {"schema": SCHEMA, "version": __version__, "files": ITEMS, "summary": later("summary")}
        stream_document(skeleton, files(), summary, write)


def _place(p) -> Optional[dict[str, Any]]:
    """Where a finding is in a .docx, PDF, HTML or Markdown file, with the same words text output uses."""
    if p is None:
        return None
    return {**p.as_dict(), "zh": p.describe("zh"), "en": p.describe("en")}


def _related(d) -> list[dict[str, Any]]:
    out = []
    for i, rel in enumerate(d.related):
        reg = d.related_regions[i] if i < len(d.related_regions) else None
        place = d.related_places[i] if i < len(d.related_places) else None
        item: dict[str, Any] = {"message": rel.message, "location": _loc(reg)}
        if rel.path is not None:
            item["path"] = rel.path  # in another report
        if place is not None:
            item["place"] = _place(place)
        out.append(item)
    return out


def _file(res, by_code: Counter, by_sev: Counter) -> dict[str, Any]:
    r = res.report
    diags = []
    for d in sorted(res.diagnostics, key=lambda d: d.sort_key):
        by_code[d.code] += 1
        by_sev[d.severity] += 1
        diags.append(
            {
                "code": d.code,
                "name": d.name,
                "severity": d.severity,
                "message": dict(d.message),
                "location": _loc(d.region),
                "place": _place(d.place),
                "cell": d.logical or None,
                "related": _related(d),
                "data": _plain(d.data),
            }
        )
    return {
        "path": display_path(res.path),
        "format": r.source.format if r else res.format,
        "layout": r.source.layout if r else res.layout,
        "encoding": r.source.encoding if r else res.encoding,
        "year": r.year if r else res.year,
        "edition": r.edition if r else res.edition,
        "diagnostics": diags,
    }


@hookimpl
def govlint_formatters() -> list:
    return [JsonFormatter()]
