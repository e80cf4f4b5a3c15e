"""``govlint [check] PATH...``: lint files and folders, write the report, choose the exit code."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import Optional

from .. import api, batch, plugins
from .. import baseline as baseline_file
from ..compare import with_findings_across
from ..console import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Console, Parser, say
from ..cross import run as cross_run
from ..cross.pairing import configured_pairs
from ..discovery import STDIN, Found, walk
from ..i18n import choose_lang, t
from ..output import OutputError, Sink
from ..report.safe import display_path
from ..report.text import skipped_line
from ..rule import Context
from ..settings import fail_rank
from ..template import load_template
from ..version import __version__
from .common import add_selection_arguments, settings_or_say


def parser(lang: str, prog: str = "govlint") -> Parser:
    p = Parser(
        prog=prog,
        lang=lang,
        description=t("help.lint", lang),
        epilog=t("help.lint_epilog", lang),
    )
    x = p.text
    p.add_argument("paths", nargs="*", metavar=x("PATH", "路径"), help=x(
        "report files or folders (searched recursively); - reads standard input",
        "报告文件或文件夹（递归查找）；- 表示从标准输入读取"))
    p.add_argument("--stdin-filename", metavar=x("NAME", "名称"), help=x(
        "the name standard input (-) goes by in output, configuration and pairing",
        "标准输入（-）在输出、配置匹配和上年报告配对中使用的文件名"))
    p.add_argument("--previous", metavar=x("FILE", "文件"), help=x(
        "last year's report of the same issuer, to compare the one PATH with (GL601-GL603)",
        "同一机关的上年报告，用来与本报告比较（GL601–GL603）"))
    p.add_argument("--format", default="text", help=x(
        "output format: text (default), json, sarif, github, html", "输出格式：text（默认）、json、sarif、github、html"))
    p.add_argument("--output", "-o", metavar=x("FILE", "文件"), help=x(
        "write the report to FILE instead of standard output", "把结果写入文件，而不是标准输出"))
    add_selection_arguments(p)
    p.add_argument("--statistics", action="store_true", help=x(
        "after the findings, count them per rule (text format)", "在问题列表之后按规则统计（text 格式）"))
    p.add_argument("--quiet", "-q", action="store_true", help=x(
        "findings only, no summary line (text format)", "只列问题，不输出汇总行（text 格式）"))
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=x(
        "colour the text output: auto (on a terminal, unless NO_COLOR is set), always, never",
        "文本输出是否着色：auto（终端中着色，设置了 NO_COLOR 时不着色）、always、never"))
    p.add_argument("--show-files", action="store_true", help=x(
        "list the files that would be linted, with the configuration that applies, and exit",
        "只列出将要检查的文件及适用的配置，然后退出"))
    p.add_argument("--baseline", metavar=x("FILE", "文件"), help=x(
        "leave out the findings recorded in FILE (docs/baseline.md)", "略去基线文件中记录的问题（见 docs/baseline.md）"))
    p.add_argument("--write-baseline", metavar=x("FILE", "文件"), help=x(
        "record every finding of this run in FILE, print no report, exit 0", "把本次的全部问题记入基线文件，不输出结果，退出码 0"))
    p.add_argument("--exit-zero", action="store_true", help=x(
        "exit 0 even when there are findings (errors of govlint itself still exit 2)",
        "即使发现问题也以 0 退出（govlint 自身出错仍为 2）"))
    p.add_argument("--automation-id", metavar="ID", help=x(
        "SARIF runs[].automationDetails.id, to tell several govlint runs apart", "SARIF 的 runs[].automationDetails.id，用于区分多次运行"))
    p.add_argument("--sarif-root", metavar=x("DIR", "文件夹"), help=x(
        "folder SARIF file URIs are relative to (default: the current folder)", "SARIF 中文件路径的相对起点（默认当前文件夹）"))
    p.add_argument("--jobs", "-j", type=int, metavar="N", help=x(
        "processes to lint with (default: the number of cores)", "并行进程数（默认等于 CPU 核数）"))
    p.add_argument("--cache-dir", metavar=x("DIR", "文件夹"), help=x(
        "where unchanged files' results are kept (default: the user cache folder)", "缓存未改动文件结果的位置（默认用户缓存目录）"))
    p.add_argument("--no-cache", action="store_true", help=x("lint every file again, and keep nothing", "不使用也不写入缓存"))
    p.add_argument("--no-progress", action="store_true", help=x("never show the progress bar", "不显示进度"))
    p.add_argument("--debug", action="store_true", help=x("show tracebacks of internal errors", "显示内部错误的调用栈"))
    p.add_argument("--version", action="version", version=f"govlint {__version__}", help=x("show the version and exit", "显示版本并退出"))
    return p


class Tally:
    """Watches results go by: what the exit code and the closing messages need."""

    def __init__(self, floor: int) -> None:
        self.floor = floor
        self.files = 0
        self.failing = False
        self.internal: list[str] = []  # tracebacks of GL900 / GL901
        self.broken_files = 0  # files with GL901
        self.cache_warning: Optional[str] = None

    def watch(self, results, progress=None):
        for res in results:
            if res.path not in ("<plugins>", "<reports>"):
                self.files += 1
            if res.internal_errors:
                self.internal.extend(res.internal_errors)
                if any(d.code == "GL901" for d in res.diagnostics):
                    self.broken_files += 1
            if res.cache_warning and self.cache_warning is None:
                self.cache_warning = res.cache_warning
            if not self.failing and any(fail_rank(d.severity) >= self.floor for d in res.diagnostics):
                self.failing = True
            if progress is not None:
                progress(self.files)
            yield res


def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    width = len(str(total))

    def show(done: int) -> None:
        sys.stderr.write(f"\r[{done:>{width}}/{total}] {done * 100 // total:>3}%")
        if done == total:
            sys.stderr.write("\r" + " " * (width * 2 + 10) + "\r")
        sys.stderr.flush()

    return show


def colour(choice: str, to_terminal: bool) -> bool:
    """--color: always and never as said; auto on a terminal, unless NO_COLOR is set (FORCE_COLOR forces it)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or to_terminal


def _usage_problem(ns: argparse.Namespace, lang: str, formatters: dict) -> Optional[str]:
    """What is wrong with the arguments before anything is read, or None."""
    if not ns.paths:
        return t("error.no_path", lang)
    if ns.format not in formatters:
        return t("error.format", lang, name=ns.format, names=", ".join(sorted(formatters)))
    if ns.jobs is not None and ns.jobs < 1:
        return t("error.jobs", lang, n=ns.jobs)
    if ns.paths.count(STDIN) > 1:
        return t("error.stdin_twice", lang)
    if ns.sarif_root is not None and not os.path.isdir(ns.sarif_root):
        why = "missing" if not os.path.exists(ns.sarif_root) else "not_folder"
        return t(f"error.sarif_root_{why}", lang, path=display_path(ns.sarif_root))
    if ns.baseline and ns.write_baseline:
        return t("error.baseline_both", lang)
    return None


def run(argv: list[str], lang: str, console: Console) -> int:
    ns = parser(lang).parse_args(argv)
    settings = settings_or_say(ns, lang)
    if settings is None:
        return EXIT_ERROR
    lang = choose_lang(ns.lang, settings["lang"])
    formatters = plugins.formatters()
    problem = _usage_problem(ns, lang, formatters)
    if problem:
        say(f"govlint: {problem}")
        return EXIT_ERROR
    try:
        accepted = baseline_file.load(ns.baseline)
    except baseline_file.BaselineError as e:
        say(f"govlint: {t('error.baseline', lang, reason=e.text(lang))}")
        return EXIT_ERROR
    selection = settings.selection()
    skipped: list[str] = []
    found = list(walk(ns.paths, settings["include"], settings["exclude"], selection.base, skipped))
    if ns.show_files:
        return _show_files(found, skipped, settings, selection, lang, console)
    if not found:
        say(f"govlint: {t('error.no_files', lang, paths=' '.join(ns.paths))}")
        if skipped:
            say(skipped_line(skipped, lang))
        return EXIT_ERROR
    named: dict[str, str] = {}
    context_only: frozenset = frozenset()
    if ns.previous is None and settings["previous"]:
        named, extra = configured_pairs([_named(f.path, ns) for f in found], settings["previous"], settings.config.base)
        found += [Found(p) for p in extra]
        context_only = frozenset(extra)
    if ns.previous is not None:
        if len(found) != 1:
            say(f"govlint: {t('error.previous_one', lang, n=len(found))}")
            return EXIT_ERROR
        previous = Found(ns.previous)
        named = {_named(found[0].path, ns): previous.path}
        context_only = frozenset([previous.path])
        found.append(previous)
    across = [r for r in cross_run.across(settings.rules) if selection.enabled(r.code)]
    comparing = bool(across) and len(found) > 1
    stdout = sys.stdout
    to_terminal = not ns.output and stdout is not None and stdout.isatty()
    options = {
        "lang": lang,
        "rules": [r for r in settings.rules if selection.enabled(r.code)],
        "statistics": ns.statistics,
        "quiet": ns.quiet,
        "automation_id": ns.automation_id,
        "root": ns.sarif_root,
        "skipped": skipped,
        "color": colour(ns.color, to_terminal),
    }
    cache_dir = None if ns.no_cache else str(ns.cache_dir or batch.default_cache_dir())
    rule_options = settings.rule_options()
    job = batch.Job(
        selection,
        settings["max-size"],
        rule_options,
        tuple(settings.rules),
        cache_dir,
        batch.fingerprint(selection, settings["max-size"], rule_options, settings.rules) if cache_dir else "",
        related=ns.format not in ("text", "github"),
        timeout=settings["timeout"] or None,
        stdin_name=ns.stdin_filename or STDIN,
        summary_cells=cross_run.cells_needed(across, load_template()) if comparing else None,
        tables=ns.format == "html",
    )
    jobs = ns.jobs or os.cpu_count() or 1
    tally = Tally(fail_rank(settings["fail-level"]))
    sink = None
    if not ns.write_baseline:
        try:
            sink = Sink(ns.output, stdout, utf8=ns.format not in ("text",))
        except OutputError as e:
            say(f"govlint: {e.text(lang)}")
            return EXIT_ERROR
    show = _progress(
        len(found),
        not ns.no_progress and sys.stderr is not None and sys.stderr.isatty() and not os.environ.get("CI") and len(found) > 5 and not to_terminal,
    )
    batch.quiet_gc()
    # Third-party rules run in a worker process even with one job: if one hangs where no
    # signal reaches it, the pool can end that worker and still report the file.
    third_party = any(not type(r).__module__.startswith("govlint.") for r in options["rules"])
    results = lint_results = batch.run(found, job, min(jobs, len(found)), isolate=third_party)
    if comparing:
        # Rules that compare reports run once every report is read: the output waits for them.
        context = Context(template=load_template(), options=rule_options)
        results = with_findings_across(results, across, context, selection, named, context_only, settings["timeout"] or None)
    failed_plugins = api.plugin_failures_result()
    if failed_plugins is not None and selection.enabled("GL900"):
        results = _chain([failed_plugins], results)
    if accepted is not None:
        results = accepted.filter(results)
    if ns.write_baseline:
        return _write_baseline(ns.write_baseline, tally.watch(results, show), (results, lint_results), tally, lang, ns.debug)
    assert sink is not None
    stream = tally.watch(results, show)
    formatter = formatters[ns.format]
    try:
        # While rules run, a plugin's print() goes to standard error, not into the report.
        with sink.writing(), contextlib.redirect_stdout(sys.stderr):
            if hasattr(formatter, "stream"):
                formatter.stream(stream, options, sink.write)
            else:
                sink.write(formatter.render(list(stream), options))
    except OutputError as e:
        say(f"govlint: {e.text(lang)}")
        return EXIT_ERROR
    finally:
        for it in (stream, results, lint_results):  # end worker processes at once if the output stopped early
            it.close()
    if sink.replaced_in:
        console.replaced(sink.replaced_in)
    if accepted is not None:
        n, stale = accepted.suppressed, accepted.stale
        line = t("baseline.used", lang, path=display_path(accepted.path), n=n, s=_s(n))
        say(f"govlint: {line}{t('baseline.stale', lang, stale=stale, es='' if stale != 1 else 'es') if stale else ''}")
    return _finish(tally, lang, ns.debug, ns.exit_zero)


def _named(path: str, ns: argparse.Namespace) -> str:
    """The name a path goes by: standard input's is --stdin-filename."""
    return (ns.stdin_filename or STDIN) if path == STDIN else path


def _show_files(found, skipped, settings, selection, lang: str, console: Console) -> int:
    """--show-files: each file that would be linted, what of the configuration applies to it, and no linting."""
    config = display_path(str(settings.config.path)) if settings.config.path else t("show.no_config", lang)
    console.out(t("show.config", lang, path=config) + "\n")
    for f in found:
        line = display_path(f.path)
        if f.failure is not None:
            line += "  # " + t("show.unreadable", lang, reason=f.failure.reason_zh if lang == "zh" else f.failure.reason_en)
        else:
            ignored = sorted(selection.ignored_in(f.path)) if f.path != STDIN else []
            if ignored:
                line += "  # " + t("show.ignores", lang, codes=", ".join(ignored))
        console.out(line + "\n")
    if skipped:
        say(skipped_line(skipped, lang))
    return EXIT_OK


def _finish(tally: Tally, lang: str, debug: bool, exit_zero: bool) -> int:
    """The closing messages and the exit code, once every result went by."""
    if tally.cache_warning:
        say(f"govlint: warning: {t('warning.cache', lang, reason=tally.cache_warning)}")
    if tally.internal:
        if debug:
            for tb in tally.internal:
                say(tb.rstrip())
        if tally.broken_files:
            say(f"govlint: {t('error.gl901', lang, n=tally.broken_files, s=_s(tally.broken_files))}")
        else:
            say(f"govlint: {t('error.internal', lang)}")
        return EXIT_ERROR
    return EXIT_FINDINGS if tally.failing and not exit_zero else EXIT_OK


def _write_baseline(path: str, stream, upstream, tally: Tally, lang: str, debug: bool) -> int:
    recorder = baseline_file.Recorder(path, lang)
    try:
        for _ in recorder.watch(stream):
            pass
    finally:
        for it in (stream, *upstream):
            it.close()
    if tally.internal:  # a baseline of incomplete results would hide findings it never saw
        _finish(tally, lang, debug, False)
        say(f"govlint: {t('baseline.not_written', lang, path=display_path(path))}")
        return EXIT_ERROR
    try:
        recorder.write()
    except baseline_file.BaselineError as e:
        say(f"govlint: {t('error.baseline', lang, reason=e.text(lang))}")
        return EXIT_ERROR
    n, files = len(recorder.entries), len(recorder.files)
    say(f"govlint: {t('baseline.written', lang, path=display_path(path), n=n, s=_s(n), files=files, fs=_s(files))}")
    _finish(tally, lang, debug, True)
    return EXIT_OK


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _chain(first, rest):
    yield from first
    yield from rest
