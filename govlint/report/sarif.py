"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning and others).

Decisions:
- Columns are declared ``utf16CodeUnits`` (what GitHub expects) and converted
  from the code points govlint counts internally; a character outside the
  Basic Multilingual Plane (𠮷) counts two.
- ``partialFingerprints["govlint/v1"]`` (and ``primaryLocationLineHash``,
  which GitHub matches alerts on, derived from it): a hash of the rule code, the
  artifact URI and what the finding is about in words that survive edits
  elsewhere (the cell's name 表三/row/column; else the section and the
  normalised text of the finding's line; for a finding across reports its
  data), plus its rank among equal ones. Lines moving do not change it.
- A .docx or PDF finding has no line: its region is the start of the file
  (GitHub requires one) and the page/table/cell is in the location's message.
- At most 25,000 results per run (GitHub's limit): past it the rest are left
  out, a warning notification says how many, and the run's properties hold
  the counts (``govlint.results``, ``govlint.written``).
- Related locations are linked from the message (``[表三/…](1)``), as
  GitHub shows only linked ones.
- Artifact URIs are relative to the repository root (``--sarif-root``, by
  default the current directory) with ``uriBaseId`` ``%SRCROOT%``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from ..hookspecs import hookimpl
from ..model import Region
from ..version import __version__
from .fingerprints import Namer, fingerprinted
from .jsonstream import ITEMS, later, stream_document
from .text import StreamingFormatter

INFORMATION_URI = "https://github.com/govlint/govlint"
MAX_RESULTS = 25_000  # GitHub code scanning's limit per run
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def utf16_column(line_text: str, column: int) -> int:
    """1-based code-point column -> 1-based UTF-16 code-unit column on that line."""
    before = line_text[: max(0, column - 1)]
    if before.isascii():
        return column
    # A character beyond the BMP is two UTF-16 units; encoding counts them at C speed.
    return column + len(before.encode("utf-16-le", "surrogatepass")) // 2 - len(before)


def sarif_region(region: Optional[Region], line: Callable[[int], str]) -> dict[str, int]:
    """A SARIF region; ``line(n)`` gives the text of source line n."""
    if region is None:  # the file as a whole, or a .docx/PDF place: the start of the file
        return {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    start = utf16_column(line(region.start_line), region.start_column)
    end_line_text = line(region.end_line)
    # SARIF's endColumn is one past the last character; ours is the last character.
    end = utf16_column(end_line_text, region.end_column + 1)
    if region.end_line == region.start_line and end <= start:
        end = start + 1
    return {"startLine": region.start_line, "startColumn": start, "endLine": region.end_line, "endColumn": end}


def rule_descriptor(rule, lang: str) -> dict[str, Any]:
    summary = rule.summary.get(lang) or rule.summary.get("en", "")
    explanation = rule.explanation.get(lang) or rule.explanation.get("en", "")
    bad_title, good_title = ("错误示例", "正确示例") if lang == "zh" else ("Bad", "Good")
    md = [f"**{rule.code} {rule.name}**", "", explanation]
    if rule.basis:
        md += ["", f"{'依据' if lang == 'zh' else 'Basis'}: {rule.basis.get(lang) or rule.basis.get('en', '')}"]
    if rule.example_bad:
        md += ["", f"{bad_title}:", "", "```", rule.example_bad, "```"]
    if rule.example_good:
        md += ["", f"{good_title}:", "", "```", rule.example_good, "```"]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": explanation},
        "help": {"text": explanation, "markdown": "\n".join(md)},
        "helpUri": f"{INFORMATION_URI}/blob/main/docs/rules.md#{rule.code.lower()}",
        "defaultConfiguration": {"level": rule.severity},
        "properties": {
            "tags": ["govlint", rule.family, f"govlint/{rule.code[:3]}xx"],
            "precision": getattr(rule, "precision", "high"),
            "problem.severity": {"error": "error", "warning": "warning", "note": "recommendation"}.get(rule.severity, "warning"),
        },
    }


class SarifFormatter(StreamingFormatter):
    name = "sarif"
    description = "SARIF 2.1.0 (GitHub code scanning and other code-review tools)"

    def stream(self, results, options: dict, write) -> None:
        """One result per line inside the log, written as each file is done."""
        lang = options.get("lang", "zh")
        root = Path(os.path.abspath(options.get("root") or os.getcwd()))
        namer = Namer(root)
        rules = list(options.get("rules") or [])
        index = {r.code: i for i, r in enumerate(rules)}
        notifications: list[dict[str, Any]] = []
        failed = False

        counts = {"results": 0, "written": 0}

        def items():
            nonlocal failed
            for res in results:
                failed = failed or bool(res.internal_errors)
                if res.path.startswith("<"):
                    # Not about a file (a plugin that failed to load): a tool notification.
                    notifications.extend(
                        {"level": "error", "message": {"text": d.text(lang)}, "descriptor": {"id": d.code}} for d in res.diagnostics
                    )
                    continue
                for item in _results(res, lang, namer, index):
                    counts["results"] += 1
                    if counts["written"] < MAX_RESULTS:
                        counts["written"] += 1
                        yield item

        def finish() -> dict[str, Any]:
            inv: dict[str, Any] = {"executionSuccessful": not failed}
            if notifications:
                inv["toolConfigurationNotifications"] = notifications
            left = counts["results"] - counts["written"]
            if left:
                text = (
                    f"{left} of {counts['results']} results were left out: GitHub accepts at most {MAX_RESULTS} per run; "
                    "lint fewer files per upload, or see all of them with --format json"
                )
                inv["toolExecutionNotifications"] = [{"level": "warning", "message": {"text": text}}]
                sys.stderr.write(f"govlint: warning: SARIF: {text}\n")
            return {"invocations": [inv], "properties": {"govlint": dict(counts)}}

        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "govlint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": [rule_descriptor(r, lang) for r in rules],
                }
            },
            "columnKind": "utf16CodeUnits",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
            "results": ITEMS,
            "invocations": later("invocations"),
            "properties": later("properties"),
        }
        if options.get("automation_id"):
            run["automationDetails"] = {"id": options["automation_id"]}
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        stream_document(log, items(), finish, write)


def _results(res, lang: str, namer: Namer, index: dict[str, int]) -> Iterator[dict[str, Any]]:
    """The SARIF results of one file."""
    line = res.line
    artifacts: dict[str, dict[str, str]] = {}  # one path resolution per file, not per finding
    for d, fp in fingerprinted(res.diagnostics, namer):
        if d.path not in artifacts:
            uri, base = namer(d.path)
            artifacts[d.path] = {"uri": uri, "uriBaseId": base} if base else {"uri": uri}
        artifact = artifacts[d.path]
        item: dict[str, Any] = {
            "ruleId": d.code,
            "level": d.severity,
            "message": {"text": _linked(d, lang)},
            "locations": [_location(artifact, d.region, d.place, line, lang)],
            # GitHub matches alerts on primaryLocationLineHash, and its upload action fills it in from
            # the line's text only when it is absent: given here, it survives lines moving as ours does.
            "partialFingerprints": {"govlint/v1": fp, "primaryLocationLineHash": f"{fp[:16]}:1"},
        }
        if d.code in index:
            item["ruleIndex"] = index[d.code]
        if d.logical:
            # The cell by name, for viewers that group findings by where they are in the report.
            item["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": d.logical, "kind": "element"}]
        related = []
        for i, rel in enumerate(d.related, start=1):
            region = d.related_regions[i - 1] if i <= len(d.related_regions) else None
            place = d.related_places[i - 1] if i <= len(d.related_places) else None
            if rel.path is not None:  # in another report (last year's, another issuer's)
                if rel.path not in artifacts:
                    uri, base = namer(rel.path)
                    artifacts[rel.path] = {"uri": uri, "uriBaseId": base} if base else {"uri": uri}
                entry: dict[str, Any] = {"id": i, **_location(artifacts[rel.path], region, place, _no_lines, lang)}
            else:
                entry = {"id": i, **_location(artifact, region, place, line, lang)}
            if rel.message:
                entry["message"] = {"text": rel.message}
            related.append(entry)
        if related:
            item["relatedLocations"] = related
        yield item


def _escape_markup(text: str) -> str:
    # In a SARIF message, [text](n) is a link: brackets of the report's own text are escaped.
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _linked(d, lang: str) -> str:
    """The message with its related locations linked ([表三/…](1)), which GitHub shows only when linked."""
    text = _escape_markup(d.text(lang))
    if not d.related:
        return text
    links = [f"[{_escape_markup(rel.message or str(i))}]({i})" for i, rel in enumerate(d.related[:10], start=1)]
    more = f" …+{len(d.related) - 10}" if len(d.related) > 10 else ""
    return f"{text} ({'相关位置' if lang == 'zh' else 'see'}: {', '.join(links)}{more})"


def _no_lines(n: int) -> str:
    """Another file's lines are not at hand: its columns are taken as they are."""
    return ""


def _location(artifact: dict, region: Optional[Region], place, line: Callable[[int], str], lang: str) -> dict[str, Any]:
    """A SARIF location: a text region where the file has lines, else the place (page, table cell, paragraph).

    A .docx or PDF has no lines a viewer could open at: GitHub still requires
    a region, so it is the start of the file (an empty region at line 1), and
    the place is in the location's message and properties.
    """
    physical: dict[str, Any] = {"artifactLocation": dict(artifact), "region": sarif_region(region, line)}
    loc: dict[str, Any] = {"physicalLocation": physical}
    if place is not None:
        loc["message"] = {"text": place.describe(lang)}
        loc["properties"] = {"place": place.as_dict()}
    return loc


@hookimpl
def govlint_formatters() -> list:
    return [SarifFormatter()]
