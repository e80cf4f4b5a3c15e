"""The pipeline: bytes -> reader -> grammar -> model -> rules -> diagnostics.

``lint_text``, ``lint_bytes`` and ``lint_paths`` are the stable Python API;
the CLI is a thin layer over them.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from . import plugins
from .model import Diagnostic, Related, Report, Source, Span
from .parse.build import Builder
from .parse.grammar import parse_tokens
from .read.base import ReadResult
from .read.encoding import DecodeError
from .rule import Context, Rule
from .select import Selection
from .template import load_template

DEFAULT_MAX_BYTES = 16 * 1024 * 1024


@dataclass
class FileResult:
    """The outcome of linting one file."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: Optional[Report] = None  # the document model; None when unreadable or detached
    internal_errors: list[str] = field(default_factory=list)  # rules that raised (GL900)
    # Facts kept when the model is dropped (batch runs keep memory flat):
    layout: Optional[str] = None
    encoding: Optional[str] = None
    year: Optional[int] = None
    edition: Optional[str] = None
    lines: dict[int, str] = field(default_factory=dict)  # source lines the findings point at
    cached: bool = False
    error: Optional[str] = None  # the file could not be read from disk (exit code 2)

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    def line(self, n: int) -> str:
        """Text of line ``n`` of the source (for column conversions), if known."""
        if self.report is not None:
            src = self.report.source
            starts = src.line_starts
            if 0 < n <= len(starts):
                end = starts[n] if n < len(starts) else len(src.text)
                return src.text[starts[n - 1] : end]
            return ""
        return self.lines.get(n, "")

    def detach(self) -> FileResult:
        """Keep the facts and the lines findings point at; drop the model."""
        r = self.report
        if r is not None:
            self.layout, self.encoding, self.year, self.edition = r.source.layout, r.source.encoding, r.year, r.edition
            wanted = set()
            for d in self.diagnostics:
                for reg in [d.region, *d.related_regions]:
                    if reg is not None:
                        wanted.update((reg.start_line, reg.end_line))
            self.lines = {n: self.line(n) for n in sorted(wanted)}
            self.report = None
        return self


class ReportReadError(Exception):
    """The file could not be read as a report (carries the GL001 reason)."""

    def __init__(self, reason_en: str, reason_zh: str) -> None:
        super().__init__(reason_en)
        self.reason_en = reason_en
        self.reason_zh = reason_zh


def read(data: bytes, path: str = "<text>", max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Run the first reader that accepts the bytes. Raises ReportReadError."""
    if len(data) > max_bytes:
        size, limit = _size(len(data)), _size(max_bytes)
        raise ReportReadError(
            f"the file is {size}, larger than the limit of {limit} for one report (--max-size)",
            f"文件大小为 {size}，超过单份报告 {limit} 的上限（可用 --max-size 调整）",
        )
    head = data[:4096]
    for reader in plugins.readers():
        if reader.can_read(path, head):
            try:
                return reader.read(path, data)
            except DecodeError as e:
                raise ReportReadError(e.reason_en, e.reason_zh) from None
    raise ReportReadError("no reader accepts this file", "没有可读取此文件的读取器")


def _size(n: int) -> str:
    """``5000 bytes``, ``12,345,678 bytes (11.8 MiB)``: exact, and readable when large."""
    if n < 1024 * 1024:
        return f"{n:,} bytes"
    return f"{n:,} bytes ({n / (1024 * 1024):.1f} MiB)"


def parse(result: ReadResult) -> Report:
    """Tokens -> grammar -> document model."""
    tree = parse_tokens(result.tokens)
    return Builder(load_template()).build(result.source, result.tokens, tree)


def parse_bytes(data: bytes, path: str = "<text>", max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    return parse(read(data, path, max_bytes))


def parse_path(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    p = Path(path)
    return parse_bytes(p.read_bytes(), str(path), max_bytes)


def is_report(report: Report) -> bool:
    """Something govlint can recognise as an annual report (else GL002)."""
    return report.title is not None or bool(report.sections)


def check(
    report: Report,
    selection: Optional[Selection] = None,
    rules: Optional[Sequence[Rule]] = None,
    options: Optional[dict] = None,
) -> tuple[list[Diagnostic], list[str]]:
    """Run the selected rules over one report; returns diagnostics and internal errors."""
    selection = selection or Selection()
    context = Context(template=load_template(), options=options or {})
    if context.options.get("year"):
        _set_year(report, int(context.options["year"]))
    recognised = is_report(report)
    diags: list[Diagnostic] = []
    errors: list[str] = []
    for rule in rules if rules is not None else plugins.rules():
        if rule.scope != "report" or not selection.enabled(rule.code, report.path):
            continue
        if rule.needs_report and not recognised:
            continue
        try:
            found = list(rule.check(report, context))
        except Exception as exc:  # a broken rule must not stop the others
            tb = traceback.format_exc()
            errors.append(tb)
            found = [_internal(report.path, rule, exc)]
        diags.extend(found)
    for d in diags:
        d.severity = selection.severity(d.code, d.severity)
        if d.span is not None and d.region is None:
            d.region = report.source.region(d.span)
        if d.related and not d.related_regions:
            d.related_regions = [report.source.region(r.span) for r in d.related]
    diags.sort(key=lambda d: d.sort_key)
    return diags, errors


def _set_year(report: Report, year: int) -> None:
    """The user knows the reporting year better (config ``year``)."""
    from .model import Evidence

    report.year = year
    if not any(e.source == "config" for e in report.year_evidence):
        report.year_evidence.insert(0, Evidence("config", year, None, "configuration"))


def _gl900(path: str, zh: str, en: str, **data) -> Diagnostic:
    """A GL900 finding: govlint itself (a plugin or a rule) went wrong, not the report."""
    return Diagnostic(
        code="GL900",
        name="plugin-error",
        severity="error",
        message={"zh": f"{zh}；其他规则照常运行", "en": f"{en}; the other rules still ran"},
        path=path,
        data=data,
    )


def _internal(path: str, rule: Rule, exc: Exception) -> Diagnostic:
    return _gl900(
        path,
        f"规则 {rule.code}（{rule.name}）运行出错：{type(exc).__name__}: {exc}",
        f"rule {rule.code} ({rule.name}) raised {type(exc).__name__}: {exc}",
    )


def lint_bytes(
    data: bytes,
    path: str = "<text>",
    selection: Optional[Selection] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: Optional[dict] = None,
    rules: Optional[Sequence[Rule]] = None,
) -> FileResult:
    """Lint the bytes of one report (``rules``: default, every installed rule)."""
    selection = selection or Selection()
    try:
        report = parse(read(data, path, max_bytes))
    except ReportReadError as e:
        diags = []
        if selection.enabled("GL001", path):
            diags.append(unreadable(path, e.reason_zh, e.reason_en, selection))
        return FileResult(path, diags)
    diags, errors = check(report, selection, rules, options=options)
    return FileResult(path, diags, report, errors)


def unreadable(path: str, zh: str, en: str, selection: Optional[Selection] = None) -> Diagnostic:
    from .checks.input import UnreadableInput

    rule = UnreadableInput()
    d = Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message={"zh": f"无法读取此文件：{zh}", "en": f"cannot read this file: {en}"},
        path=path,
        span=Span(0, 0),
    )
    d.region = Source(path, "", "").region(Span(0, 0))
    if selection is not None:
        d.severity = selection.severity(d.code, d.severity)
    return d


def lint_text(
    text: str,
    path: str = "<text>",
    selection: Optional[Selection] = None,
    options: Optional[dict] = None,
    rules: Optional[Sequence[Rule]] = None,
) -> FileResult:
    """Lint a report given as a string (as if it were a UTF-8 file)."""
    return lint_bytes(text.encode("utf-8"), path, selection, options=options, rules=rules)


def plugin_failures_result() -> Optional[FileResult]:
    """GL900 findings for plugins that failed to load, as a result of their own (path ``<plugins>``)."""
    failed = plugins.failures()
    if not failed:
        return None
    diags = []
    for info in failed:
        who = f"{info.name} ({info.distribution} {info.version})" if info.distribution else info.name
        diags.append(
            _gl900(
                "<plugins>",
                f"插件 {who} {_zh_failure(info.error or '')}",
                f"plugin {who} {info.error}",
                plugin=info.name,
                error=info.error,
            )
        )
    res = FileResult("<plugins>", diags)
    res.internal_errors = [i.traceback or i.error or "" for i in failed]
    return res


def _zh_failure(error: str) -> str:
    return (
        error.replace("failed to import", "导入失败")
        .replace("is not a valid govlint plugin", "不是有效的 govlint 插件")
        .replace("raised in", "运行出错于")
    )


def discover(
    paths: Iterable[str | os.PathLike],
    include: Sequence[str] = ("*.txt",),
    exclude: Sequence[str] = (),
    base: Optional[Path] = None,
) -> Iterator[str]:
    """Files to lint: files as given, directories recursively.

    In directories: files matching an ``include`` glob (by name or relative
    path), sorted, hidden files and folders skipped, and anything matching
    an ``exclude`` glob (relative to ``base`` or the directory given) left
    out. A file named explicitly is always linted.
    """
    import fnmatch

    include = tuple(include) or ("*.txt",)
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for full, rel in _walk(str(path), ""):
                name = rel.rpartition("/")[2]
                if not any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(rel, g) for g in include):
                    continue
                if exclude and _excluded(Path(full), Path(rel), exclude, base):
                    continue
                yield full
        else:
            yield str(p)


def _walk(folder: str, rel: str) -> Iterator[tuple[str, str]]:
    """(path, relative posix path) of the files under ``folder``, sorted by name at every
    level, hidden entries skipped (never entered), symbolic links to folders not followed."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        sub = f"{rel}/{e.name}" if rel else e.name
        try:
            if e.is_dir(follow_symlinks=False):
                yield from _walk(e.path, sub)
            elif e.is_file():
                yield e.path, sub
        except OSError:
            continue


def _excluded(path: Path, rel: Path, globs: Sequence[str], base: Optional[Path]) -> bool:
    import fnmatch

    names = [rel.as_posix()]
    if base is not None:
        try:
            names.append(path.resolve().relative_to(base.resolve()).as_posix())
        except ValueError:
            pass
    for glob in globs:
        g = glob.rstrip("/")
        for name in names:
            if fnmatch.fnmatch(name, g) or fnmatch.fnmatch(name, g + "/*") or any(
                fnmatch.fnmatch(part, g) for part in Path(name).parts
            ):
                return True
    return False


def lint_paths(
    paths: Iterable[str | os.PathLike],
    selection: Optional[Selection] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: Optional[dict] = None,
    exclude: Sequence[str] = (),
    rules: Optional[Sequence[Rule]] = None,
) -> Iterator[FileResult]:
    """Lint files and directories; yields one result per file, in a stable order.

    Raises OSError for a path that does not exist or cannot be read.
    """
    for f in discover(paths, ("*.txt",), exclude, selection.base if selection else None):
        data = Path(f).read_bytes()
        yield lint_bytes(data, f, selection, max_bytes, options, rules)


__all__ = [
    "FileResult",
    "Related",
    "ReportReadError",
    "check",
    "discover",
    "lint_bytes",
    "lint_paths",
    "lint_text",
    "parse_bytes",
    "parse_path",
    "read",
]
