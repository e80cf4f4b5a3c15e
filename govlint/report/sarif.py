"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning and others).

Decisions:
- Columns are declared ``utf16CodeUnits`` (what GitHub expects) and converted
  from the code points govlint counts internally; a character outside the
  Basic Multilingual Plane (𠮷) counts two.
- ``partialFingerprints`` are left out: GitHub's upload-sarif action computes
  ``primaryLocationLineHash`` itself from the checked-out file. A value
  computed here with a different algorithm would break alert tracking, and
  the action only fills in what is missing.
- Artifact URIs are relative to the repository root (``--sarif-root``, by
  default the current directory) with ``uriBaseId`` ``%SRCROOT%``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterator, Optional
from urllib.parse import quote

from .. import __version__
from ..hookspecs import hookimpl
from ..model import Region
from .jsonstream import ITEMS, later, stream_document
from .safe import name_bytes
from .text import StreamingFormatter

INFORMATION_URI = "https://github.com/govlint/govlint"
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
    if region is None:
        return {"startLine": 1, "startColumn": 1}
    start = utf16_column(line(region.start_line), region.start_column)
    end_line_text = line(region.end_line)
    # SARIF's endColumn is one past the last character; ours is the last character.
    end = utf16_column(end_line_text, region.end_column + 1)
    if region.end_line == region.start_line and end <= start:
        end = start + 1
    return {"startLine": region.start_line, "startColumn": start, "endLine": region.end_line, "endColumn": end}


def artifact_uri(path: str, root: Path) -> tuple[str, Optional[str]]:
    """A URI relative to ``root`` (with the %SRCROOT% base) or an absolute file URI.

    Percent-encoded per RFC 3986 from the file name's bytes: a space, ``#``,
    CJK and bytes that are not UTF-8 all survive.
    """
    p = Path(path)
    absolute = p if p.is_absolute() else (Path.cwd() / p)
    try:
        resolved = absolute.resolve()
    except (OSError, RuntimeError):  # a loop of links: the name as given
        resolved = absolute
    try:
        rel = Path(os.path.relpath(resolved, root.resolve()))
    except ValueError:  # another drive on Windows
        return resolved.as_uri(), None
    if rel.parts and rel.parts[0] == "..":
        return resolved.as_uri(), None
    return quote(name_bytes(rel.as_posix()), safe="/"), "%SRCROOT%"


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
        "properties": {"tags": ["govlint", rule.family], "precision": "high"},
    }


class SarifFormatter(StreamingFormatter):
    name = "sarif"
    description = "SARIF 2.1.0 (GitHub code scanning and other code-review tools)"

    def stream(self, results, options: dict, write) -> None:
        """One result per line inside the log, written as each file is done."""
        lang = options.get("lang", "zh")
        root = Path(options.get("root") or Path.cwd()).resolve()
        rules = list(options.get("rules") or [])
        index = {r.code: i for i, r in enumerate(rules)}
        notifications: list[dict[str, Any]] = []
        failed = False

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
                yield from _results(res, lang, root, index)

        def invocations() -> dict[str, Any]:
            inv: dict[str, Any] = {"executionSuccessful": not failed}
            if notifications:
                inv["toolConfigurationNotifications"] = notifications
            return {"invocations": [inv]}

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
        }
        if options.get("automation_id"):
            run["automationDetails"] = {"id": options["automation_id"]}
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        stream_document(log, items(), invocations, write)


def _results(res, lang: str, root: Path, index: dict[str, int]) -> Iterator[dict[str, Any]]:
    """The SARIF results of one file."""
    line = res.line
    artifacts: dict[str, dict[str, str]] = {}  # one path resolution per file, not per finding
    for d in sorted(res.diagnostics, key=lambda d: d.sort_key):
        if d.path not in artifacts:
            uri, base = artifact_uri(d.path, root)
            artifacts[d.path] = {"uri": uri, "uriBaseId": base} if base else {"uri": uri}
        artifact = artifacts[d.path]
        item: dict[str, Any] = {
            "ruleId": d.code,
            "level": d.severity,
            "message": {"text": d.text(lang)},
            "locations": [_location(artifact, d.region, d.place, line, lang)],
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
                    uri, base = artifact_uri(rel.path, root)
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


def _no_lines(n: int) -> str:
    """Another file's lines are not at hand: its columns are taken as they are."""
    return ""


def _location(artifact: dict, region: Optional[Region], place, line: Callable[[int], str], lang: str) -> dict[str, Any]:
    """A SARIF location: a text region where the file has lines, else the place (page, table cell, paragraph).

    A .docx or PDF has no lines a viewer could open at, so its locations
    name the artifact and carry the place in the location's message and
    properties rather than a made-up region.
    """
    physical: dict[str, Any] = {"artifactLocation": dict(artifact)}
    if region is not None or place is None:
        physical["region"] = sarif_region(region, line)
    loc: dict[str, Any] = {"physicalLocation": physical}
    if place is not None:
        loc["message"] = {"text": place.describe(lang)}
        loc["properties"] = {"place": place.as_dict()}
    return loc


@hookimpl
def govlint_formatters() -> list:
    return [SarifFormatter()]
