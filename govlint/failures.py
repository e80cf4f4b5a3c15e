"""Findings about the run rather than the report: a file that cannot be read (GL001),
a plugin or rule that failed (GL900), govlint itself failing on a file (GL901).

One constructor each, so that every path into these findings says the same
thing the same way, in both languages.
"""

from __future__ import annotations

import os
import traceback
from typing import Any, Optional

from .model import Diagnostic, Region, Span

REPORT_BUGS = "https://github.com/govlint/govlint/issues"
_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_START = Region(1, 1, 1, 1)


def _at_start(code: str, name: str, path: str, zh: str, en: str, data: dict[str, Any]) -> Diagnostic:
    """A finding about the whole file, at 1:1 (there is no better place for it)."""
    return Diagnostic(code, name, "error", {"zh": zh, "en": en}, path, span=Span(0, 0), region=_START, data=data)


def unreadable(path: str, zh: str, en: str) -> Diagnostic:
    """GL001: the file cannot be read as a report (``zh`` / ``en``: the reason)."""
    return _at_start("GL001", "unreadable-input", path, f"无法读取此文件：{zh}", f"cannot read this file: {en}", {})


def gl900(path: str, zh: str, en: str, **data: Any) -> Diagnostic:
    """GL900: a plugin or a rule went wrong, not the report."""
    return _at_start("GL900", "plugin-error", path, f"{zh}；其他规则照常运行", f"{en}; the other rules still ran", data)


def rule_raised(path: str, code: str, name: str, exc: BaseException) -> Diagnostic:
    return gl900(
        path,
        f"规则 {code}（{name}）运行出错：{type(exc).__name__}: {exc}",
        f"rule {code} ({name}) raised {type(exc).__name__}: {exc}",
        rule=code,
        error=type(exc).__name__,
    )


def rule_timed_out(path: str, code: str, name: str, seconds: float) -> Diagnostic:
    return gl900(
        path,
        f"规则 {code}（{name}）在此文件上运行超过 {seconds:g} 秒的时限，已被停止（时限可用 --timeout 或配置项 timeout 调整）",
        f"rule {code} ({name}) was stopped after {seconds:g} s on this file, its time limit "
        "(--timeout or the configuration key timeout)",
        rule=code,
        error="TimeLimitExceeded",
    )


def rule_returned_junk(path: str, code: str, name: str, problem: str) -> Diagnostic:
    return gl900(
        path,
        f"规则 {code}（{name}）给出了格式不对的结果，已忽略：{problem}",
        f"rule {code} ({name}) returned a malformed finding, which was dropped: {problem}",
        rule=code,
        error="MalformedDiagnostic",
    )


def where(exc: BaseException) -> str:
    """The innermost place in govlint's own code where ``exc`` was raised (for the bug report)."""
    frames = traceback.extract_tb(exc.__traceback__)
    for fr in reversed(frames):
        if os.path.abspath(fr.filename).startswith(_PACKAGE + os.sep):
            rel = os.path.relpath(fr.filename, os.path.dirname(_PACKAGE)).replace(os.sep, "/")
            return f"{rel}:{fr.lineno} ({fr.name})"
    if frames:
        fr = frames[-1]
        return f"{os.path.basename(fr.filename)}:{fr.lineno} ({fr.name})"
    return ""


def internal_error(path: str, exc: Optional[BaseException] = None, *, what_en: str = "", what_zh: str = "") -> Diagnostic:
    """GL901: govlint itself failed on this file (a bug in govlint, not a defect of the report).

    ``exc`` is the exception; ``what_en`` / ``what_zh`` describe a failure that
    is not one (a worker process that died, a step that ran out of time).
    """
    if exc is not None:
        at = where(exc)
        detail_en = f"{type(exc).__name__}" + (f" at {at}" if at else "") + (f": {exc}" if str(exc) else "")
        detail_zh = f"{type(exc).__name__}" + (f"（位于 {at}）" if at else "") + (f"：{exc}" if str(exc) else "")
    else:
        detail_en, detail_zh = what_en, what_zh
    return _at_start(
        "GL901",
        "internal-error",
        path,
        f"govlint 自身在处理此文件时出错（这是 govlint 的缺陷，不是报告的问题）：{detail_zh}。"
        f"此文件的检查结果不完整；其他文件照常检查。请用 --debug 重新运行，并把输出和此文件提交到 {REPORT_BUGS}",
        f"govlint itself failed on this file (a bug in govlint, not a defect of the report): {detail_en}. "
        f"This file's results are incomplete; the other files were linted as usual. Please run again with --debug "
        f"and report the output with this file at {REPORT_BUGS}",
        {"error": type(exc).__name__ if exc is not None else what_en, "where": where(exc) if exc is not None else ""},
    )


def describe(exc: BaseException) -> str:
    """The traceback of ``exc`` as text (shown with --debug)."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def guarded(dog: Any, limit: Optional[float], rule: Any, path: str, call) -> tuple[list, Optional[str]]:
    """Run ``call()`` (one rule's check) under ``dog``'s time limit: (its findings, None), or, when it
    raised or ran out of time, ([its GL900], what to show with --debug). Another step's time running
    out is not this rule's: it goes on up."""
    from .guard import TimeLimitExceeded

    step = None
    try:
        with dog.limit(limit, rule.code) as step:
            return list(call()), None
    except TimeLimitExceeded as exc:
        if not dog.owns(exc, step):
            raise
        return [rule_timed_out(path, rule.code, rule.name, limit or 0)], f"rule {rule.code} was stopped after {limit:g} s on {path}\n"
    except Exception as exc:  # a broken rule must not stop the others
        return [rule_raised(path, rule.code, rule.name, exc)], describe(exc)
