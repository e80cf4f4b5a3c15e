"""Command line: arguments, subcommands and exit codes; nothing else.

    govlint [options] PATH...        lint files and directories
    govlint check [options] PATH...  the same, spelled out
    govlint inspect FILE [--json]    what govlint understood of a report
    govlint parse FILE               the token stream and the parse tree
    govlint rules                    every rule with its code and severity
    govlint rule CODE                one rule's explanation

Exit codes: 0 no findings; 1 findings; 2 a usage or configuration error,
the report could not be written, or the results are incomplete (GL900: a
plugin or rule failed; GL901: govlint failed on a file); 130 interrupted
(Ctrl-C); 141 standard output was closed before the report was complete.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from . import __version__, api, failures, plugins
from . import baseline as baseline_file
from .config import ConfigError
from .cross import run as cross_run
from .cross.merge import with_findings_across
from .cross.pairing import configured_pairs
from .discovery import STDIN, SUPPORTED, Found, walk
from .i18n import choose_lang, t
from .output import OutputClosed, OutputError, Sink
from .read.files import ReadFailure, read_path
from .report.safe import display_path, escape
from .report.text import skipped_line
from .rule import FAMILIES, Context
from .select import parse_codes
from .settings import Settings, fail_rank
from .settings import load as load_settings
from .template import load_template

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a program stopped by Ctrl-C
EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE: the reader left, so the run cannot say it is clean
SUBCOMMANDS = ("check", "inspect", "parse", "rules", "rule", "config", "plugins", "serve")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        say(f"govlint: {message} (see 'govlint --help')")
        raise SystemExit(EXIT_ERROR)


def say(line: str) -> None:
    """One line on standard error; a closed or broken standard error is not a reason to fail."""
    err = sys.stderr
    if err is None:
        return
    try:
        err.write("".join(escape(part) + "\n" for part in line.split("\n")))
        err.flush()
    except (OSError, ValueError, UnicodeError):
        pass


def _out(text: str) -> None:
    """Standard output of the commands that do not lint (rules, inspect, parse …)."""
    if sys.stdout is None:
        raise OutputError("cannot write to standard output: it is closed")
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except UnicodeEncodeError:
        sys.stdout.write(text.encode(sys.stdout.encoding or "utf-8", "backslashreplace").decode(sys.stdout.encoding or "utf-8"))
    except OSError as e:
        raise OutputError(f"cannot write to standard output: {e.strerror or e}") from None


def _lint_parser(prog: str = "govlint") -> argparse.ArgumentParser:
    p = _Parser(
        prog=prog,
        description="Lint 政府信息公开工作年度报告 (government information-disclosure annual reports).",
        epilog="Subcommands: inspect FILE [--json] | parse FILE | rules | rule CODE | config --show.  "
        "Exit codes: 0 clean, 1 findings, 2 usage/configuration/I-O error or a rule that raised.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="report files or directories (searched recursively for .txt); - reads standard input")
    p.add_argument("--stdin-filename", metavar="NAME", help="the name standard input (-) goes by in output and configuration")
    p.add_argument("--previous", metavar="FILE", help="last year's report of the same issuer, to compare the one PATH with (GL601-GL603)")
    p.add_argument("--format", default="text", help="output format: text (default), sarif, json, github")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--lang", choices=("zh", "en"), help="message language (default: config, then locale, then zh)")
    p.add_argument("--select", action="append", metavar="CODES", help="rule codes or prefixes to run, comma-separated (GL1,GL203)")
    p.add_argument("--extend-select", action="append", metavar="CODES", help="codes or prefixes added to the selection")
    p.add_argument("--ignore", action="append", metavar="CODES", help="rule codes or prefixes to skip, comma-separated")
    p.add_argument("--fail-level", choices=("error", "warning", "note"), help="lowest severity that makes the exit code 1")
    p.add_argument("--statistics", action="store_true", help="after the findings, count them per rule (text format)")
    p.add_argument("--quiet", "-q", action="store_true", help="findings only, no summary line (text format)")
    p.add_argument("--config", metavar="FILE", help="use this configuration file instead of discovering one")
    p.add_argument("--isolated", action="store_true", help="ignore all configuration files")
    p.add_argument("--max-size", type=int, metavar="BYTES", help=f"largest file read as a report (default {api.DEFAULT_MAX_BYTES})")
    p.add_argument("--automation-id", metavar="ID", help="SARIF runs[].automationDetails.id, to tell several govlint runs apart")
    p.add_argument("--sarif-root", metavar="DIR", help="folder SARIF artifact URIs are relative to (default: current folder)")
    p.add_argument(
        "--timeout", type=float, metavar="SECONDS",
        help="time limit for reading one file, and for each rule on it (default 10; 0: no limit)",
    )
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="processes to lint with (default: the number of cores)")
    p.add_argument("--cache-dir", metavar="DIR", help="where unchanged files' results are kept (default: the user cache folder)")
    p.add_argument("--no-cache", action="store_true", help="lint every file again, and keep nothing")
    p.add_argument("--include", action="append", metavar="GLOB", help="files to lint inside directories (default: .txt .md .html .htm .shtml .docx .pdf, and .doc/.wps to say how to convert them)")
    p.add_argument("--exclude", action="append", metavar="GLOB", help="files or folders to skip inside directories")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings (errors of govlint itself still exit 2)")
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    p.add_argument("--baseline", metavar="FILE", help="leave out the findings recorded in FILE (docs/baseline.md)")
    p.add_argument("--write-baseline", metavar="FILE", help="record every finding of this run in FILE, print no report, exit 0")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    p.add_argument("--version", action="version", version=f"govlint {__version__}")
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in SUBCOMMANDS:
            cmd, rest = args[0], args[1:]
            if cmd == "check":
                return _lint(rest)
            return {
                "inspect": _inspect, "parse": _parse, "rules": _rules, "rule": _rule, "config": _config_command,
                "plugins": _plugins, "serve": _serve,
            }[cmd](rest)
        return _lint(args)
    except OutputError as e:
        say(f"govlint: {e}")
        return EXIT_ERROR
    except (BrokenPipeError, OutputClosed):  # `govlint … | head`: the reader left early
        _silence_stdout()
        return EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        say("govlint: interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # never a traceback for users; --debug shows it
        if "--debug" in args:
            say(failures.describe(exc).rstrip())
        say(f"govlint: internal error: {type(exc).__name__}: {exc} (run with --debug for details; please report it at "
            f"{failures.REPORT_BUGS})")
        return EXIT_ERROR


def _silence_stdout() -> None:
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.__stdout__.fileno())  # type: ignore[union-attr]
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass


def _start(ns: argparse.Namespace) -> Path:
    """Where configuration discovery begins: the first path named (or --stdin-filename), else here."""
    first = ns.paths[0] if getattr(ns, "paths", None) else None
    if first == STDIN:
        first = getattr(ns, "stdin_filename", None)
    start = Path(first) if first else Path.cwd()
    if not start.exists():
        start = start.parent if start.parent.exists() else Path.cwd()
    return start if start.is_dir() else start.parent


def _settings(ns: argparse.Namespace) -> Settings:
    """Configuration file + command line, and every rule that exists with it (plugins, packs)."""
    cli = {
        "select": parse_codes(ns.select),
        "extend-select": parse_codes(getattr(ns, "extend_select", None)),
        "ignore": parse_codes(ns.ignore),
        "fail-level": getattr(ns, "fail_level", None),
        "lang": ns.lang,
        "max-size": ns.max_size,
        "timeout": getattr(ns, "timeout", None),
        "include": getattr(ns, "include", None),
        "exclude": getattr(ns, "exclude", None),
    }
    return load_settings(_start(ns), Path(ns.config) if ns.config else None, ns.isolated, cli)


class _Tally:
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


def _settings_only(ns: argparse.Namespace) -> Optional[Settings]:
    """Settings for commands that do not lint (no command-line selection); None after an error message."""
    if not hasattr(ns, "paths"):
        ns.paths = []
    for k in ("select", "ignore", "max_size", "extend_select", "fail_level", "include", "exclude", "timeout"):
        setattr(ns, k, None)
    try:
        return _settings(ns)
    except ConfigError as e:
        say(f"govlint: configuration error: {e}")
        return None


def _lint(argv: list[str]) -> int:
    from . import batch

    ns = _lint_parser().parse_args(argv)
    try:
        settings = _settings(ns)
    except ConfigError as e:
        say(f"govlint: configuration error: {e}")
        return EXIT_ERROR
    lang = choose_lang(ns.lang, settings["lang"])
    if not ns.paths:
        say("govlint: no PATH given (see 'govlint --help')")
        return EXIT_ERROR
    formatters = plugins.formatters()
    if ns.format not in formatters:
        say(f"govlint: unknown format '{ns.format}' (available: {', '.join(sorted(formatters))})")
        return EXIT_ERROR
    if ns.jobs is not None and ns.jobs < 1:
        say(f"govlint: --jobs must be 1 or more, not {ns.jobs}")
        return EXIT_ERROR
    if ns.sarif_root is not None and not os.path.isdir(ns.sarif_root):
        why = "does not exist" if not os.path.exists(ns.sarif_root) else "is not a folder"
        say(f"govlint: --sarif-root {display_path(ns.sarif_root)} {why} (it names the folder SARIF file URIs are relative to, "
            "usually the repository's root)")
        return EXIT_ERROR
    if ns.baseline and ns.write_baseline:
        say("govlint: --baseline and --write-baseline cannot be used together (--write-baseline alone rewrites the file)")
        return EXIT_ERROR
    try:
        accepted = baseline_file.load(ns.baseline)
    except baseline_file.BaselineError as e:
        say(f"govlint: baseline: {e}")
        return EXIT_ERROR
    if ns.paths.count(STDIN) > 1:
        say("govlint: standard input (-) can be named only once")
        return EXIT_ERROR
    selection = settings.selection()
    skipped: list[str] = []
    found = list(walk(ns.paths, settings["include"], settings["exclude"], selection.base, skipped))
    if not found:
        say(f"govlint: {t('error.no_files', lang, paths=' '.join(ns.paths))}")
        if skipped:
            say(skipped_line(skipped, lang))
        return EXIT_ERROR
    named: dict[str, str] = {}
    context_only: frozenset = frozenset()
    if ns.previous is None and settings["previous"]:
        named, extra = configured_pairs([f.path for f in found], settings["previous"], settings.config.base)
        found += [Found(p) for p in extra]
        context_only = frozenset(extra)
    if ns.previous is not None:
        if len(found) != 1:
            say(f"govlint: --previous names last year's report of one report, but {len(found)} files were given")
            return EXIT_ERROR
        previous = Found(ns.previous)
        named = {found[0].path if found[0].path != STDIN else (ns.stdin_filename or STDIN): previous.path}
        context_only = frozenset([previous.path])
        found.append(previous)
    across = [r for r in cross_run.across(settings.rules) if selection.enabled(r.code)]
    comparing = bool(across) and len(found) > 1
    options = {
        "lang": lang,
        "rules": [r for r in settings.rules if selection.enabled(r.code)],
        "statistics": ns.statistics,
        "quiet": ns.quiet,
        "automation_id": ns.automation_id,
        "root": ns.sarif_root,
        "skipped": skipped,
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
    tally = _Tally(fail_rank(settings["fail-level"]))
    stdout = sys.stdout
    try:
        sink = Sink(ns.output, stdout, utf8=ns.format not in ("text",))
    except OutputError as e:
        say(f"govlint: {e}")
        return EXIT_ERROR
    to_terminal = not ns.output and stdout is not None and stdout.isatty()
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
    stream = tally.watch(results, show)
    formatter = formatters[ns.format]
    try:
        # While rules run, a plugin's print() goes to standard error, not into the report.
        with contextlib.redirect_stdout(sys.stderr):
            if hasattr(formatter, "stream"):
                formatter.stream(stream, options, sink.write)
            else:
                sink.write(formatter.render(list(stream), options))
        sink.commit()
    except OutputError as e:
        say(f"govlint: {e}")
        return EXIT_ERROR
    except BaseException:
        sink.abandon()
        raise
    finally:
        for it in (stream, results, lint_results):  # end worker processes at once if the output stopped early
            it.close()
    if accepted is not None:
        n, stale = accepted.suppressed, accepted.stale
        line = t("baseline.used", lang, path=display_path(accepted.path), n=n, s=_s(n))
        say(f"govlint: {line}{t('baseline.stale', lang, stale=stale, es='' if stale != 1 else 'es') if stale else ''}")
    return _finish(tally, lang, ns.debug, ns.exit_zero)


def _finish(tally: _Tally, lang: str, debug: bool, exit_zero: bool) -> int:
    """The closing messages and the exit code, once every result went by."""
    if tally.cache_warning:
        say(f"govlint: warning: {t('warning.cache', lang, reason=tally.cache_warning)}")
    if tally.internal:
        if debug:
            for tb in tally.internal:
                say(tb.rstrip())
        if tally.broken_files:
            say(f"govlint: {t('error.gl901', lang, n=tally.broken_files, s='' if tally.broken_files == 1 else 's')}")
        else:
            say(f"govlint: {t('error.internal', lang)}")
        return EXIT_ERROR
    return EXIT_FINDINGS if tally.failing and not exit_zero else EXIT_OK


def _write_baseline(path: str, stream, upstream, tally: _Tally, lang: str, debug: bool) -> int:
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
        say(f"govlint: baseline: {e}")
        return EXIT_ERROR
    say(f"govlint: {t('baseline.written', lang, path=display_path(path), n=len(recorder.entries), s=_s(len(recorder.entries)), files=len(recorder.files), fs=_s(len(recorder.files)))}")
    _finish(tally, lang, debug, True)
    return EXIT_OK


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _chain(first, rest):
    yield from first
    yield from rest


def _config_command(argv: list[str]) -> int:
    p = _Parser(prog="govlint config", description="Show the effective configuration and where each value came from.")
    p.add_argument("--show", action="store_true", help="print the effective configuration (the default action)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="resolve the configuration as for linting these paths")
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--isolated", action="store_true")
    ns = p.parse_args(argv)
    ns.lang = None
    settings = _settings_only(ns)
    if settings is None:
        return EXIT_ERROR
    _out(settings.show())
    return EXIT_OK


def _read_one(path: str) -> tuple[Optional[object], int]:
    try:
        result = api.read(read_path(path, api.DEFAULT_MAX_BYTES), path)
    except (api.ReportReadError, ReadFailure) as e:
        say(f"govlint: cannot read {display_path(path)}: {e.reason_en}")
        return None, EXIT_ERROR
    return result, EXIT_OK


def _one_file(argv: list[str], prog: str, description: str, flag: str, flag_help: str):
    """Arguments of a command that reads one report: (namespace, read result or None, exit code)."""
    p = _Parser(prog=prog, description=description)
    p.add_argument("file")
    p.add_argument(flag, action="store_true", help=flag_help)
    ns = p.parse_args(argv)
    result, code = _read_one(ns.file)
    return ns, result, code


def _inspect(argv: list[str]) -> int:
    if "--pairs" in argv:
        return _inspect_pairs(argv)
    ns, result, code = _one_file(
        argv, "govlint inspect", "Show what govlint understood of a report.", "--json", "machine-readable output"
    )
    if result is None:
        return code
    from .report.inspect import render_json, render_text

    report = api.parse(result)  # type: ignore[arg-type]
    _out(render_json(report) if ns.json else "\n".join(escape(line) for line in render_text(report).split("\n")))
    return EXIT_OK


def _inspect_pairs(argv: list[str]) -> int:
    """``govlint inspect --pairs PATH…``: which report is each one's last year's, and why none is."""
    p = _Parser(prog="govlint inspect --pairs", description="Show how reports pair up with last year's (GL601-GL603).")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--pairs", action="store_true", required=True)
    p.add_argument("--previous", metavar="FILE", help="last year's report of the one PATH")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    ns = p.parse_args(argv)
    from .cross.pairing import pair
    from .cross.summary import summarise

    found = [f for f in walk(ns.paths, SUPPORTED, (), None) if f.failure is None]
    named = {}
    if ns.previous:
        if len(found) != 1:
            say(f"govlint: --previous names last year's report of one report, but {len(found)} files were given")
            return EXIT_ERROR
        named = {found[0].path: ns.previous}
        found.append(Found(ns.previous))
    summaries = []
    for f in found:
        try:
            summaries.append(summarise(api.parse_path(f.path), (), lambda *a: None))
        except api.ReportReadError as e:
            say(f"govlint: cannot read {display_path(f.path)}: {e.reason_en}")
    pairs, why = pair(summaries, named)
    last = {p.this.path: p for p in pairs}
    rows = []
    for s in summaries:
        if ns.previous and s.path == ns.previous:
            continue
        p_ = last.get(s.path)
        rows.append({
            "path": s.path, "issuer": s.issuer, "issuer_key": s.issuer_key, "year": s.year,
            "previous": p_.previous.path if p_ else None, "how": p_.how if p_ else None, "why_none": why.get(s.path),
        })
    if ns.json:
        _out(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for r in rows:
        who = f"{r['issuer'] or '(issuer unknown)'} {r['year'] or '(year unknown)'}"
        then = f"<- {display_path(r['previous'])} ({r['how']})" if r["previous"] else f"no pair: {r['why_none']}"
        _out(f"{display_path(r['path'])}: {escape(who)} {escape(then)}\n")
    return EXIT_OK


def _serve(argv: list[str]) -> int:
    p = _Parser(prog="govlint serve", description="A local web page: drop reports, read the HTML report (docs/serve.md).")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free port)")
    p.add_argument("--max-upload", type=int, metavar="BYTES", default=32 * 1024 * 1024, help="largest upload, all files together (default 32 MB)")
    p.add_argument("--lang", choices=("zh", "en"))
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--isolated", action="store_true")
    ns = p.parse_args(argv)
    try:
        import waitress  # noqa: F401
        import werkzeug  # noqa: F401
    except ImportError:
        say("govlint: govlint serve needs the web extra: pip install 'govlint[web]'")
        return EXIT_ERROR
    if not 0 <= ns.port <= 65535 or ns.max_upload <= 0:
        say("govlint: --port must be 0 to 65535 and --max-upload a positive number of bytes")
        return EXIT_ERROR
    settings = _settings_only(ns)
    if settings is None:
        return EXIT_ERROR
    from .serve.run import serve

    try:
        return serve(ns.host, ns.port, settings, ns.max_upload, choose_lang(ns.lang, settings["lang"]))
    except OSError as e:
        say(f"govlint: cannot listen on {ns.host}:{ns.port}: {e.strerror or e}")
        return EXIT_ERROR


def _parse(argv: list[str]) -> int:
    ns, result, code = _one_file(
        argv, "govlint parse", "Show the token stream and the parse tree of a report.", "--tokens", "only the token stream"
    )
    if result is None:
        return code
    from .parse.grammar import parse_tokens

    src = result.source  # type: ignore[attr-defined]
    _out(f"# format: {src.format}; layout: {src.layout} ({result.layout_evidence}); encoding: {src.encoding}\n")  # type: ignore[attr-defined]
    for tok in result.tokens:  # type: ignore[attr-defined]
        if src.origin is not None:  # a structured file: where the token is in the original
            place = src.origin.at(tok.start)
            at = place.describe("en") if place is not None else "-"
        else:
            line, col = src.position(tok.start)
            at = f"{line}:{col}"
        shown = escape(" ".join(tok.text.split()))
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        _out(f"{at}\t{tok.kind}\t{shown}\n")
    if not ns.tokens:
        tree = parse_tokens(result.tokens)  # type: ignore[attr-defined]
        _out("\n" + _tree(tree))
    return EXIT_OK


def _tree(tree) -> str:
    from lark import Tree

    lines: list[str] = []

    def walk(node, depth: int) -> None:
        if isinstance(node, Tree):
            lines.append("  " * depth + node.data)
            for c in node.children:
                walk(c, depth + 1)
        elif node.type == "TABLE":
            lines.append("  " * depth + f"TABLE ({len(node.value)} tokens)")
            for tok in node.value:
                lines.append("  " * (depth + 1) + _shown(tok))
        else:
            lines.append("  " * depth + _shown(node.value))

    walk(tree, 0)
    return "\n".join(lines) + "\n"


def _shown(tok) -> str:
    shown = escape(" ".join(tok.text.split()))
    cell = tok.info.get("cell")
    if cell is not None and cell[2] >= 0:
        # The cell's grid position (1-based, as places count), and its merge when it has one.
        span = f" {cell[3]}x{cell[4]}" if (cell[3], cell[4]) != (1, 1) else ""
        return f"{tok.kind} {shown[:40]}  [row {cell[1] + 1}, column {cell[2] + 1}{span}]"
    return f"{tok.kind} {shown[:40]}".rstrip()


def _rules(argv: list[str]) -> int:
    p = _Parser(prog="govlint rules", description="List every rule, grouped by family.")
    p.add_argument("--lang", choices=("zh", "en"))
    p.add_argument("--markdown", action="store_true", help="print the rule reference (docs/rules.md)")
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--isolated", action="store_true")
    ns = p.parse_args(argv)
    if ns.markdown:
        from .report.ruledocs import render_markdown

        _out(render_markdown([r for r in plugins.rules() if r.code.startswith("GL")]))
        return EXIT_OK
    settings = _settings_only(ns)
    if settings is None:
        return EXIT_ERROR
    lang = choose_lang(ns.lang, settings["lang"])
    selection = settings.selection()
    family = None
    on, off = ("启用", "停用") if lang == "zh" else ("on", "off")
    _out(f"{'code':<7} {'name':<34} {'severity':<8} {'enabled':<7} {'fix':<4} summary\n")
    for r in sorted(settings.rules, key=lambda r: (not r.code.startswith("GL"), r.family if not r.code.startswith("GL") else "", r.code)):
        fam = r.family if lang == "en" or not r.code.startswith("GL") else FAMILIES.get(r.code[:3], (r.family, r.family))[1]
        if fam != family:
            family = fam
            _out(f"\n[{family}]\n")
        sev = selection.severity(r.code, r.severity)
        enabled = on if selection.enabled(r.code) else off
        _out(f"{r.code:<7} {r.name:<34} {sev:<8} {enabled:<7} {'-':<4} {r.summary.get(lang, '')}\n")
    return EXIT_OK


def _rule(argv: list[str]) -> int:
    p = _Parser(prog="govlint rule", description="Explain one rule.")
    p.add_argument("code")
    p.add_argument("--lang", choices=("zh", "en"))
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--isolated", action="store_true")
    ns = p.parse_args(argv)
    settings = _settings_only(ns)
    if settings is None:
        return EXIT_ERROR
    lang = choose_lang(ns.lang, settings["lang"])
    for r in settings.rules:
        if r.code == ns.code.upper() or r.name == ns.code:
            _out(f"{r.code} {r.name} [{r.severity}]\n\n{r.summary.get(lang, '')}\n\n{r.explanation.get(lang, '')}\n")
            if r.basis:
                _out(f"\n{'依据' if lang == 'zh' else 'Basis'}: {r.basis.get(lang, '')}\n")
            previous = getattr(r, "example_previous", "")
            if previous:
                other = getattr(r, "example_context", "") == "other-issuer"
                which = ("另一机关的报告" if other else "上年报告") if lang == "zh" else ("Another issuer's report" if other else "Last year's report")
                _out(f"\n{which}:\n{previous}\n")
            if r.example_bad:
                _out(f"\n{'错误示例' if lang == 'zh' else 'Bad'}:\n{r.example_bad}\n")
            if r.example_good:
                _out(f"\n{'正确示例' if lang == 'zh' else 'Good'}:\n{r.example_good}\n")
            return EXIT_OK
    say(f"govlint: unknown rule '{ns.code}' (see 'govlint rules')")
    return EXIT_ERROR


def _plugins(argv: list[str]) -> int:
    p = _Parser(prog="govlint plugins", description="List the plugins govlint found, their versions and what they add.")
    p.add_argument("--all", action="store_true", help="include govlint's built-in plugins")
    ns = p.parse_args(argv)
    shown = [i for i in plugins.infos() if ns.all or not i.builtin]
    if not shown:
        _out("no third-party plugins installed (entry-point group 'govlint'); --all shows the built-ins\n")
    for info in shown:
        origin = "built-in" if info.builtin else f"{info.distribution or '?'} {info.version or ''}".strip()
        adds = "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(info.adds.items())) or "nothing"
        status = f"FAILED: {info.error}" if info.error else "ok"
        _out(f"{info.name}  [{origin}]  {info.module}\n    adds {adds}\n    status {status}\n")
    return EXIT_ERROR if any(i.error for i in plugins.infos()) else EXIT_OK
