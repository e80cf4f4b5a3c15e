"""The pipeline: bytes -> reader -> grammar -> model -> rules -> diagnostics.

``lint_text``, ``lint_bytes``, ``lint_path`` and ``lint_paths`` are the
stable Python API; the CLI is a thin layer over them. None of them raises
for anything a file contains: each file ends in a result, and a failure of
govlint itself on one file is that file's GL901 finding.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Iterator, Optional, Sequence

from . import failures, plugins, ruleset
from .checks import internal
from .checks.input import unreadable
from .compare import with_findings_across
from .config import ConfigError
from .cross import run as cross_run
from .cross.fingerprint import normalise
from .cross.pairing import configured_pairs
from .cross.summary import summarise
from .discovery import SUPPORTED, Found, discover, walk
from .guard import TimeLimitExceeded, Watchdog
from .identities import arithmetic_value
from .model import Diagnostic, Region, Related, Report, Source, Span, anchor_of_data
from .read.base import ReadResult
from .read.encoding import DecodeError
from .read.files import ReadFailure, read_path, too_large
from .result import FileResult
from .rule import SEVERITIES, Context, Rule
from .select import Selection
from .settings import Settings
from .settings import load as load_settings
from .template import load_template

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
DEFAULT_TIMEOUT = 10.0  # seconds: reading and parsing one file, and each rule on it, per MiB beyond the first
_MIB = 1024 * 1024


def step_limit(timeout: Optional[float], size: int) -> Optional[float]:
    """The limit of one step on a file of ``size`` bytes: ``timeout``, and as much again per MiB
    beyond the first, since every step is linear in the file (real reports are well under one MiB)."""
    if not timeout or timeout <= 0:
        return None
    return timeout * max(1.0, size / _MIB)


class ReportReadError(Exception):
    """The file could not be read as a report (carries the GL001 reason)."""

    def __init__(self, reason_en: str, reason_zh: str) -> None:
        super().__init__(reason_en)
        self.reason_en = reason_en
        self.reason_zh = reason_zh


def read(data: bytes, path: str = "<text>", max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Run the first reader that accepts the bytes. Raises ReportReadError."""
    if len(data) > max_bytes:
        e = too_large(len(data), max_bytes)
        raise ReportReadError(e.reason_en, e.reason_zh)
    head = data[:4096]
    for reader in plugins.readers():
        if reader.can_read(path, head):
            try:
                return reader.read(path, data)
            except DecodeError as e:
                raise ReportReadError(e.reason_en, e.reason_zh) from None
    raise ReportReadError("no reader accepts this file", "没有可读取此文件的读取器")


def parse(result: ReadResult) -> Report:
    """Tokens -> grammar -> document model."""
    # Imported here: a run whose every file is answered from the cache never loads the parser (Lark).
    from .parse.build import Builder
    from .parse.grammar import parse_tokens

    tree = parse_tokens(result.tokens)
    return Builder(load_template()).build(result.source, result.tokens, tree)


def parse_bytes(data: bytes, path: str = "<text>", max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    return parse(read(data, path, max_bytes))


def parse_path(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """The document model of a report file. Raises ReportReadError (also for a file that cannot be read)."""
    try:
        data = read_path(path, max_bytes)
    except ReadFailure as e:
        raise ReportReadError(e.reason_en, e.reason_zh) from None
    return parse_bytes(data, str(path), max_bytes)


def is_report(report: Report) -> bool:
    """Something govlint can recognise as an annual report (else GL002)."""
    return report.title is not None or bool(report.sections)


def check(
    report: Report,
    selection: Optional[Selection] = None,
    rules: Optional[Sequence[Rule]] = None,
    options: Optional[dict] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    watchdog: Optional[Watchdog] = None,
) -> tuple[list[Diagnostic], list[str]]:
    """Run the selected rules over one report; returns diagnostics and internal errors.

    Each rule runs under its own time limit (``timeout`` seconds, per MiB of
    the report beyond the first; None: no limit). A rule that raises, runs out of time or returns
    something that is not a finding becomes GL900; the other rules still run.
    """
    selection, options, rules = _checked(selection, options, rules)
    context = Context(template=load_template(), options=options)
    if context.options.get("year"):
        report = _with_year(report, int(context.options["year"]))
    recognised = is_report(report)
    diags: list[Diagnostic] = []
    errors: list[str] = []
    limit = step_limit(timeout, report.source.byte_size or len(report.source.text))
    with watchdog or Watchdog() as dog:
        for rule in rules:
            if rule.scope != "report" or not selection.enabled(rule.code, report.path):
                continue
            if rule.needs_report and not recognised:
                continue
            found, error = failures.guarded(dog, limit, rule, report.path, lambda rule=rule: rule.check(report, context))
            if error:
                errors.append(error)
            for d in found:
                problem = _malformed(d)
                if problem:
                    errors.append(f"rule {rule.code} returned a malformed finding: {problem}\n")
                    d = internal.rule_returned_junk(report.path, rule.code, rule.name, problem)
                diags.append(d)
    src = report.source
    cells = cell_names(report) if diags else {}
    memo: dict[str, str] = {}  # line window -> its normal form (thousands of findings on one line)
    for d in diags:
        d.severity = selection.severity(d.code, d.severity)
        locate(src, d)
        if d.span is not None and not d.logical:
            d.logical = cells.get((d.span.start, d.span.end), "")
        if not d.anchor:
            d.anchor = anchor_of(report, d, memo)
    diags.sort(key=lambda d: d.sort_key)
    return diags, errors


def _checked(
    selection: Optional[Selection], options: Optional[dict], rules: Optional[Sequence[Rule]]
) -> tuple[Selection, dict, Sequence[Rule]]:
    """The API's arguments checked against the rule set as the CLI checks its own (ConfigError, a ValueError).

    ``rules`` None is the rule set without a configuration: built-ins,
    plugins and the packs plugins ship (:func:`govlint.load_settings` adds a
    configuration's packs).
    """
    rs = ruleset.default() if rules is None else ruleset.given(rules)
    selection = selection if selection is not None else Selection()
    if not isinstance(selection, Selection):
        raise ConfigError(f"selection must be a govlint.Selection, not {type(selection).__name__}")
    rs.check_selection(selection)
    if options is not None and not isinstance(options, dict):
        raise ConfigError(f"options must be a dict of rule options, not {type(options).__name__}")
    return selection, rs.check_options(options), rs.rules


def _given(
    settings: Optional[Settings],
    selection: Optional[Selection],
    options: Optional[dict],
    rules: Optional[Sequence[Rule]],
) -> tuple[Optional[Selection], Optional[dict], Optional[Sequence[Rule]]]:
    """What ``settings`` supplies where the caller passed nothing."""
    if settings is None:
        return selection, options, rules
    merged = {**settings.rule_options(), **(options or {})}
    return (
        selection if selection is not None else settings.selection(),
        merged or None,
        rules if rules is not None else settings.rules,
    )


def _limits(settings: Optional[Settings], max_bytes: int, timeout: Optional[float]) -> tuple[int, Optional[float]]:
    """``settings``' max-size and timeout, where the caller left the defaults."""
    if settings is None:
        return max_bytes, timeout
    if max_bytes == DEFAULT_MAX_BYTES:
        max_bytes = settings["max-size"]
    if timeout == DEFAULT_TIMEOUT:
        timeout = settings["timeout"]
    return max_bytes, timeout


def anchor_of(report: Report, d: Diagnostic, memo: Optional[dict[str, str]] = None) -> str:
    """What ``d`` is about, stable when lines move: the cell's name; else the section and the text of
    the finding's line, numbers and white space left out; else its data."""
    if d.logical:
        return d.logical
    if d.span is not None:
        # The finding's line, at most 60 characters each side of it: a line of a flattened page may be
        # the whole report, and a finding each on it must not cost the line each.
        src = report.source
        start = max(src.line_start(d.span.start), d.span.start - 60)
        end = src.text.find("\n", d.span.start, d.span.end + 60)
        line = src.text[start : end if end >= 0 else min(len(src.text), d.span.end + 60)]
        section = next((s.key for s in report.sections if s.heading.span.start <= d.span.start < max(s.body.end, s.heading.span.end)), "")
        memo = {} if memo is None else memo
        text = memo.get(line)
        if text is None:
            text = memo[line] = normalise(line)[:80]
        return f"{section}|{text}"
    return anchor_of_data(d)


def cell_names(report: Report) -> dict[tuple[int, int], str]:
    """Each table cell's span -> its name as a path: 表三/（一）予以公开/自然人 (a logical location)."""
    out: dict[tuple[int, int], str] = {}
    for t in report.tables:
        table = t.short.get("zh") or t.name
        for (row, column), c in t.cells.items():
            if c.span is not None:  # a blank cell of a grid is a real cell, with an empty span
                parts = [table, t.row_labels.get(row, ""), t.column_labels.get(column, "")]
                out.setdefault((c.span.start, c.span.end), "/".join(p for p in parts if p))
    return out


def locate(src: Source, d: Diagnostic) -> None:
    """Where a finding is in the original file: a region of a text file (line and column), or a place.

    A .docx or PDF has no lines a person can go to, so its findings carry
    the place only (page, paragraph, table/row/column); HTML and Markdown
    places are lines and columns of the page's source, so they get both.
    """
    if src.origin is None:
        if d.span is not None and d.region is None:
            d.region = src.region(d.span)
        if d.related and not d.related_regions:
            d.related_regions = [src.region(r.span) for r in d.related]
        return
    if d.span is not None and d.place is None:
        d.place = src.place(d.span)
        if d.region is None and d.place is not None and d.place.textual:
            d.region = src.region(d.span)
        elif d.region is None and d.place is None:
            d.region = Region(1, 1, 1, 1)  # a reading with nothing in it: the start of the file
    if d.related and not d.related_places:
        d.related_places = [src.place(r.span) for r in d.related]
        if all(p is not None and p.textual for p in d.related_places):
            d.related_regions = [src.region(r.span) for r in d.related]


def _malformed(d: object) -> Optional[str]:
    """What is wrong with a rule's finding, or None: formatters rely on these types."""
    if not isinstance(d, Diagnostic):
        return f"{type(d).__name__} instead of a Diagnostic"
    for attr in ("code", "name", "path"):
        if not isinstance(getattr(d, attr), str):
            return f"{attr} is {type(getattr(d, attr)).__name__}, not text"
    if d.severity not in SEVERITIES:
        return f"severity {d.severity!r} is not one of {', '.join(SEVERITIES)}"
    if not isinstance(d.message, dict) or not d.message or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in d.message.items()
    ):
        return "message is not a mapping of language to text"
    for span in [d.span, *(r.span if isinstance(r, Related) else r for r in d.related)]:
        if span is not None and not (isinstance(span, Span) and type(span.start) is int and type(span.end) is int):
            return f"{span!r} is not a Span of character offsets"
    if not isinstance(d.data, dict):
        return "data is not a mapping"
    return None


def _with_year(report: Report, year: int) -> Report:
    """The report as the rules see it when the user knows the reporting year better (config ``year``):
    a copy, so that checking never changes the caller's report."""
    import dataclasses

    from .model import Evidence

    evidence = list(report.year_evidence)
    if not any(e.source == "config" for e in evidence):
        evidence.insert(0, Evidence("config", year, None, "configuration"))
    return dataclasses.replace(report, year=year, year_evidence=evidence)


def lint_bytes(
    data: bytes,
    path: str = "<text>",
    selection: Optional[Selection] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: Optional[dict] = None,
    rules: Optional[Sequence[Rule]] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    watchdog: Optional[Watchdog] = None,
    *,
    settings: Optional[Settings] = None,
) -> FileResult:
    """Lint the bytes of one report (``rules``: default, every installed rule).

    Never raises for anything in the bytes: a file that cannot be read is
    GL001, and a failure of govlint itself on this file is GL901 (its
    traceback in ``internal_errors``). Reading and parsing run under
    ``timeout`` seconds (per MiB of the file beyond the first), and so does
    each rule. ``settings`` (from :func:`load_settings`) supplies what the
    other arguments leave out, as the command line would use it. A selection,
    an option or a rule code that names nothing raises ConfigError (a
    ValueError) before anything is read.
    """
    selection, options, rules = _given(settings, selection, options, rules)
    max_bytes, timeout = _limits(settings, max_bytes, timeout)
    selection, options, rules = _checked(selection, options, rules)
    limit = step_limit(timeout, len(data))
    with watchdog or Watchdog() as dog:
        step = None
        try:
            with dog.limit(limit, "read") as step:
                report = parse(read(data, path, max_bytes))
        except ReportReadError as e:
            diags = []
            if selection.enabled("GL001", path):
                diags.append(_severity(unreadable(path, e.reason_zh, e.reason_en), selection))
            return FileResult(path, diags)
        except TimeLimitExceeded as exc:
            if not dog.owns(exc, step):
                raise
            return _failed(
                path,
                internal.internal_error(
                    path,
                    what_en=f"reading and parsing this file took longer than {limit:g} s, govlint's time limit for it",
                    what_zh=f"读取和解析此文件超过了 {limit:g} 秒的时限",
                ),
                f"reading {path} was stopped after {limit:g} s\n",
            )
        except Exception as exc:  # govlint's own bug: this file's finding, not the run's end
            return _failed(path, internal.internal_error(path, exc), failures.describe(exc))
        try:
            if options.get("year"):  # the year the user gave is the report's from here on (summaries, output)
                report = _with_year(report, int(options["year"]))
            diags, errors = check(report, selection, rules, options, timeout, dog)
        except Exception as exc:
            return _failed(path, internal.internal_error(path, exc), failures.describe(exc))
    return FileResult(path, diags, report, errors)


def lint_path(
    path: str,
    selection: Optional[Selection] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: Optional[dict] = None,
    rules: Optional[Sequence[Rule]] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    watchdog: Optional[Watchdog] = None,
    *,
    settings: Optional[Settings] = None,
) -> FileResult:
    """Lint one file; a file that cannot be read (missing, not a regular file, too large) is GL001.

    ``settings`` and wrong arguments: as for :func:`lint_bytes`.
    """
    selection, options, rules = _given(settings, selection, options, rules)
    max_bytes, timeout = _limits(settings, max_bytes, timeout)
    selection, options, rules = _checked(selection, options, rules)
    try:
        data = read_path(path, max_bytes)
    except ReadFailure as e:
        return cannot_read(path, e)
    return lint_bytes(data, path, selection, max_bytes, options, rules, timeout, watchdog)


def cannot_read(path: str, failure: ReadFailure) -> FileResult:
    """The result for a path the operating system would not give (always reported: nothing is lost silently)."""
    return FileResult(path, [unreadable(path, failure.reason_zh, failure.reason_en)])


def _severity(d: Diagnostic, selection: Selection) -> Diagnostic:
    d.severity = selection.severity(d.code, d.severity)
    return d


def _failed(path: str, finding: Diagnostic, detail: str) -> FileResult:
    return FileResult(path, [finding], internal_errors=[detail])


def lint_text(
    text: str,
    path: str = "<text>",
    selection: Optional[Selection] = None,
    options: Optional[dict] = None,
    rules: Optional[Sequence[Rule]] = None,
    *,
    settings: Optional[Settings] = None,
) -> FileResult:
    """Lint a report given as a string (as if it were a UTF-8 file); ``settings``: as for :func:`lint_bytes`."""
    data = text.encode("utf-8", "surrogatepass")
    return lint_bytes(data, path, selection, options=options, rules=rules, settings=settings)


def plugin_failures_result() -> Optional[FileResult]:
    """GL900 findings for plugins that failed to load, as a result of their own (path ``<plugins>``)."""
    failed = plugins.failures()
    if not failed:
        return None
    diags = []
    for info in failed:
        who = f"{info.name} ({info.distribution} {info.version})" if info.distribution else info.name
        diags.append(
            internal.gl900(
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


def lint_paths(
    paths: Iterable[str | os.PathLike],
    selection: Optional[Selection] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: Optional[dict] = None,
    exclude: Sequence[str] = (),
    rules: Optional[Sequence[Rule]] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    *,
    settings: Optional[Settings] = None,
    previous: Optional[str | os.PathLike] = None,
    compare: Optional[bool] = None,
) -> Iterator[FileResult]:
    """Lint files and folders; yields one result per file, in a stable order.

    Every path named or found has a result: one that cannot be read (it does
    not exist, a folder that cannot be listed, not a regular file) is GL001
    with the operating system's reason. ``settings`` (from
    :func:`load_settings`) also supplies the files a folder's walk takes
    (``include``, ``exclude``). Wrong arguments raise ConfigError at the
    call, before any file is read (the results are a generator, but the
    check is not deferred to the first result).

    Rules that compare reports (GL6xx) run as on the command line: when one
    is selected and more than one report is given (``compare`` None), or
    when ``compare`` is True. They need every report read first, so the
    results then come once the last file is read (each keeps its report:
    ``detach()`` them, or pass ``compare=False``, to hold thousands).
    ``previous`` is last year's report of the one report in ``paths``: it is
    read to compare with, and has no result of its own.
    """
    selection, options, rules = _given(settings, selection, options, rules)
    max_bytes, timeout = _limits(settings, max_bytes, timeout)
    selection, options, rules = _checked(selection, options, rules)
    include = settings["include"] if settings is not None else SUPPORTED
    if settings is not None and not exclude:
        exclude = settings["exclude"]
    found = walk(paths, include, exclude, selection.base)
    across = [r for r in cross_run.across(rules) if selection.enabled(r.code)]
    if previous is None and (compare is False or not across):
        return _lint_found(found, selection, max_bytes, options, rules, timeout)
    files = list(found)
    named: dict[str, str] = {}
    extra: list[str] = []  # read to compare with, not reported on
    if previous is None and settings is not None and settings["previous"]:
        named, extra = configured_pairs([f.path for f in files], settings["previous"], settings.config.base)
    if previous is not None:
        if len(files) != 1:
            raise ConfigError(f"previous names last year's report of one report, but {len(files)} files were given")
        named, extra = {files[0].path: str(previous)}, [str(previous)]
    files += [Found(p) for p in extra]
    if compare is None and len(files) < 2 or compare is False:
        return _lint_found(iter(files[: len(files) - len(extra)]), selection, max_bytes, options, rules, timeout)
    linted = _lint_found(iter(files), selection, max_bytes, options, rules, timeout)
    context = Context(template=load_template(), options=options)
    only = frozenset(extra)
    return with_findings_across(_summarised(linted, across), across, context, selection, named, only, timeout)


def _summarised(results: Iterable[FileResult], across: Sequence[Rule]) -> Iterator[FileResult]:
    """Each result with its report's summary, for the rules ``across`` (as a batch's worker makes it)."""
    cells = cross_run.cells_needed(across, load_template())
    for res in results:
        res.summarised = True
        if res.report is not None and is_report(res.report):
            res.summary = summarise(res.report, cells, arithmetic_value)
        yield res


def lint_many(
    items: Sequence[tuple[str, bytes]],
    selection: Optional[Selection] = None,
    options: Optional[dict] = None,
    rules: Optional[Sequence[Rule]] = None,
    *,
    settings: Optional[Settings] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    compare: Optional[bool] = None,
) -> list[FileResult]:
    """Lint reports held in memory (``(name, bytes)``, an upload): a result each, in order, compared
    across reports as :func:`lint_paths` compares files (``compare`` None: when a rule across reports
    is selected and there is more than one)."""
    selection, options, rules = _given(settings, selection, options, rules)
    max_bytes, timeout = _limits(settings, max_bytes, timeout)
    selection, options, rules = _checked(selection, options, rules)
    across = [r for r in cross_run.across(rules) if selection.enabled(r.code)]
    comparing = compare if compare is not None else bool(across) and len(items) > 1
    results = [lint_bytes(data, name, selection, max_bytes, options, rules, timeout) for name, data in items]
    if not comparing:
        return results
    context = Context(template=load_template(), options=options)
    return list(with_findings_across(_summarised(results, across), across, context, selection, timeout=timeout))


def _lint_found(found_files, selection, max_bytes, options, rules, timeout) -> Iterator[FileResult]:
    for found in found_files:
        if found.failure is not None:
            yield cannot_read(found.path, found.failure)
        else:
            yield lint_path(found.path, selection, max_bytes, options, rules, timeout)


__all__ = [
    "FileResult",
    "Related",
    "ReportReadError",
    "check",
    "discover",
    "lint_bytes",
    "lint_many",
    "lint_path",
    "lint_paths",
    "lint_text",
    "load_settings",
    "parse_bytes",
    "parse_path",
    "read",
]


def render(
    results: Iterable[FileResult],
    format: str = "text",
    *,
    lang: str = "zh",
    settings: Optional[Settings] = None,
    rules: Optional[Sequence[Rule]] = None,
    root: Optional[str] = None,
    **options: Any,
) -> str:
    """The report the command line would write for ``results``, as a string.

    ``format`` is any output format (text, json, sarif, github, html, and
    those plugins add). ``rules`` (default: those of ``settings``, else the
    unconfigured rule set) are the rules SARIF describes and the HTML report
    explains; ``root`` is the folder SARIF file URIs are relative to (default:
    the current folder). Further ``options`` are the formatters' own
    (``statistics``, ``quiet``, ``color``, ``automation_id``). Raises
    ``ConfigError`` for an unknown format.
    """
    formatters = plugins.formatters()
    if format not in formatters:
        raise ConfigError(f"unknown format '{format}' (available: {', '.join(sorted(formatters))})")
    if rules is None:
        rules = settings.rules if settings is not None else plugins.rules()
        if settings is not None:
            selection = settings.selection()
            rules = [r for r in rules if selection.enabled(r.code)]
    opts = {"lang": lang, "rules": list(rules), "root": root, **options}
    formatter = formatters[format]
    if hasattr(formatter, "stream"):
        out: list[str] = []
        formatter.stream(iter(results), opts, out.append)
        return "".join(out)
    return formatter.render(list(results), opts)
