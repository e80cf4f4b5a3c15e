"""Baselines: findings an office has accepted, recorded once and left out of later runs.

``--write-baseline FILE`` records every finding of a run; ``--baseline FILE``
leaves out exactly those, matched by fingerprint (``report/fingerprints.py``: the rule,
the file, what the finding is about, never its line number), so edits
elsewhere in a report do not bring an accepted finding back. Entries for files
of the run that no longer match anything are counted: the finding was fixed,
or its anchor changed and it is shown again.

File names in a baseline are relative to the baseline's own folder, so a
baseline kept in the repository works from any working directory.
Internal failures (GL900, GL901) are never recorded nor left out: they mean
the results are incomplete.

The file (UTF-8 JSON, documented in docs/baseline.md)::

    {"format": "govlint-baseline", "version": 1, "govlint": "0.1.0",
     "findings": [{"fingerprint": "…32 hex…", "code": "GL212", "file": "reports/a.docx",
                   "where": "表3 第4行 第10列", "message": "…"}]}

Only ``fingerprint`` is matched on; ``file`` scopes the count of stale
entries; the rest is there for the person reviewing the baseline.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional
from urllib.parse import unquote

from .i18n import LocalisedError
from .model import Diagnostic
from .output import OutputError, Sink
from .report.fingerprints import Namer, fingerprinted
from .report.text import position
from .version import __version__

FORMAT, VERSION = "govlint-baseline", 1
MAX_BYTES = 256 * 1024 * 1024  # a baseline is a list of findings; past this it is not one


class BaselineError(LocalisedError):
    """The baseline cannot be read or written (the message is for the user)."""


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    code: str
    file: str
    where: str = ""
    message: str = ""


def _kept(d: Diagnostic) -> bool:
    return not d.code.startswith("GL9") and not d.path.startswith("<")


def _file(namer: Namer, path: str) -> str:
    return unquote(namer(path)[0])


def _namer(baseline_path: str) -> Namer:
    return Namer(Path(os.path.abspath(os.path.dirname(os.path.abspath(baseline_path)))))


@dataclass
class Baseline:
    """A baseline read from a file, and what a run made of it."""

    path: str
    entries: dict[str, Entry]
    matched: set[str] = field(default_factory=set)
    linted: set[str] = field(default_factory=set)
    suppressed: int = 0

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as e:
            raise BaselineError(f"cannot read {path}: {e.strerror or e}", f"无法读取 {path}：{e.strerror or e}") from None
        if len(data) > MAX_BYTES:
            raise BaselineError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB: not a govlint baseline", f"{path} 超过 {MAX_BYTES // (1024 * 1024)} MB，不是 govlint 基线文件")
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as e:
            raise BaselineError(f"{path} is not a govlint baseline (not UTF-8 JSON: {e})", f"{path} 不是 govlint 基线文件（不是 UTF-8 JSON：{e}）") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise BaselineError(
                f"{path} is not a govlint baseline (no \"format\": \"{FORMAT}\"); write one with --write-baseline",
                f"{path} 不是 govlint 基线文件（没有 \"format\": \"{FORMAT}\"）；可用 --write-baseline 生成",
            )
        if doc.get("version") != VERSION:
            raise BaselineError(
                f"{path} is a baseline of version {doc.get('version')!r}; this govlint reads version {VERSION}",
                f"{path} 是第 {doc.get('version')!r} 版的基线文件；本 govlint 只能读取第 {VERSION} 版",
            )
        findings = doc.get("findings")
        if not isinstance(findings, list):
            raise BaselineError(f"{path}: \"findings\" must be a list", f"{path}：\"findings\" 应为列表")
        entries: dict[str, Entry] = {}
        for i, f in enumerate(findings):
            if not (isinstance(f, dict) and isinstance(f.get("fingerprint"), str) and isinstance(f.get("file", ""), str)):
                raise BaselineError(f"{path}: finding {i + 1} has no \"fingerprint\" string", f"{path}：第 {i + 1} 条记录没有 \"fingerprint\" 字符串")
            entries[f["fingerprint"]] = Entry(f["fingerprint"], str(f.get("code", "")), f.get("file", ""))
        return cls(path, entries)

    def filter(self, results: Iterable) -> Iterator:
        """The results with the baseline's findings left out; counts what matched as it goes."""
        namer = _namer(self.path)
        for res in results:
            if not res.path.startswith("<"):
                self.linted.add(_file(namer, res.path))
            if res.diagnostics:
                gone = set()
                for d, fp in fingerprinted(res.diagnostics, namer):
                    if fp in self.entries and _kept(d):
                        self.matched.add(fp)
                        gone.add(id(d))
                if gone:
                    self.suppressed += len(gone)
                    res.diagnostics = [d for d in res.diagnostics if id(d) not in gone]
            yield res

    @property
    def stale(self) -> int:
        """Entries for files of this run that matched no finding."""
        return sum(1 for fp, e in self.entries.items() if fp not in self.matched and e.file in self.linted)


class Recorder:
    """Collects the findings of a run for ``--write-baseline``."""

    def __init__(self, path: str, lang: str) -> None:
        self.path = path
        self.lang = lang
        self.entries: list[Entry] = []
        self.files: set[str] = set()

    def watch(self, results: Iterable) -> Iterator:
        namer = _namer(self.path)
        for res in results:
            for d, fp in fingerprinted(res.diagnostics, namer):
                if _kept(d):
                    file = _file(namer, d.path)
                    self.files.add(file)
                    self.entries.append(Entry(fp, d.code, file, position(d, self.lang), d.text(self.lang)))
            yield res

    def write(self) -> None:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "govlint": __version__,
            "findings": [
                {"fingerprint": e.fingerprint, "code": e.code, "file": e.file, "where": e.where, "message": e.message}
                for e in sorted(self.entries, key=lambda e: (e.file, e.code, e.fingerprint))
            ],
        }
        text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
        try:
            sink = Sink(self.path, None, utf8=True)
            sink.write(text)
            sink.commit()
        except OutputError as e:
            raise BaselineError(str(e), e.zh) from None


def load(path: Optional[str]) -> Optional[Baseline]:
    return Baseline.load(path) if path else None
