"""GL9xx: govlint itself, never a defect of the report.

The rules find nothing in a report; the pipeline, the worker pool, the
plugin loader and the comparison of reports make these findings, with the
constructors below, so that every path into them says the same thing the
same way, in both languages.
"""

from __future__ import annotations

import os
import traceback
from typing import Any, Iterable, Optional

from ..hookspecs import hookimpl
from ..model import Diagnostic, Report
from ..rule import Context, Rule


class PluginError(Rule):
    code = "GL900"
    name = "plugin-error"
    severity = "error"
    needs_report = False
    summary = {
        "zh": "插件加载失败或规则运行出错（不是报告本身的问题）",
        "en": "A plugin failed to load or a rule raised (not a defect of the report)",
    }
    explanation = {
        "zh": "插件无法导入、实现了 govlint 不认识的钩子、规则代码不合规，或某条规则运行时抛出异常、"
        "在一个文件上超过了时限（默认 10 秒，可用 --timeout 或配置项 timeout 调整）、给出了格式不对的结果时报告此问题，"
        "说明是哪个插件或规则、出了什么错。其他规则照常运行，但退出码为 2，提示检查结果不完整。"
        "使用 --debug 查看完整的错误堆栈。",
        "en": "Fires when a plugin cannot be imported, implements a hook govlint does not know, declares a rule "
        "badly, or a rule raises while checking, runs past its time limit on one file (10 s by default; --timeout or "
        "the configuration key timeout) or returns something that is not a well-formed finding. The message names "
        "the plugin or rule and the error. The other rules still run, but the exit code is 2 because the results "
        "are incomplete. --debug shows the traceback.",
    }
    example_bad = "govlint_myrules: ModuleNotFoundError: No module named 'requests'"
    example_good = "（插件的依赖已安装，加载成功）"
    # Not report text: the examples describe a plugin that cannot be imported and one that can
    # (tests/test_rule_docs.py provokes both).
    example_context = "plugin-failure"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        # Emitted by the plugin manager and the pipeline, not by reading a report.
        return ()


class InternalError(Rule):
    code = "GL901"
    name = "internal-error"
    severity = "error"
    needs_report = False
    summary = {
        "zh": "govlint 自身在处理此文件时出错（govlint 的缺陷，不是报告的问题）",
        "en": "govlint itself failed on this file (a bug in govlint, not a defect of the report)",
    }
    explanation = {
        "zh": "读取、解析或检查某个文件时，govlint 自身的代码出错、超过了时限，或处理此文件的工作进程意外退出，"
        "就报告此问题：说明异常类型和出错位置，以及如何报告这个缺陷。此文件的检查结果不完整；"
        "其他文件照常检查，所有输出（文本、JSON、SARIF）仍然完整有效，退出码为 2。"
        "使用 --debug 查看错误堆栈，并把它和出错的文件一起提交给 govlint 的开发者。此问题不能通过 --ignore 关闭。",
        "en": "Fires when govlint's own code raises, runs past its time limit, or the worker process linting the "
        "file ends unexpectedly, while reading, parsing or checking one file. The message gives the exception and "
        "where it happened, and how to report the bug. That file's results are incomplete; the other files are "
        "linted as usual, every output (text, JSON, SARIF) stays complete and valid, and the exit code is 2. "
        "--debug shows the traceback; please send it with the file to govlint's developers. It cannot be turned "
        "off with --ignore.",
    }
    example_bad = "（govlint 的缺陷：解析表格时抛出 TypeError）"
    example_good = "（govlint 正常读完并检查了文件）"
    # Not report text: the examples describe govlint failing on a file and not failing
    # (tests/test_rule_docs.py provokes both).
    example_context = "internal-error"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        # Emitted by the pipeline when govlint fails on a file, not by reading a report.
        return ()


REPORT_BUGS = "https://github.com/govlint/govlint/issues"
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def gl900(path: str, zh: str, en: str, **data: Any) -> Diagnostic:
    """GL900: a plugin or a rule went wrong, not the report."""
    return PluginError.whole_file(path, f"{zh}；其他规则照常运行", f"{en}; the other rules still ran", **data)


def _rule_failed(path: str, code: str, name: str, zh: str, en: str, error: str) -> Diagnostic:
    """GL900 about one rule: ``zh``/``en`` say what went wrong after the rule's code and name."""
    return gl900(path, f"规则 {code}（{name}）{zh}", f"rule {code} ({name}) {en}", rule=code, error=error)


def rule_raised(path: str, code: str, name: str, exc: BaseException) -> Diagnostic:
    what = f"{type(exc).__name__}: {exc}"
    return _rule_failed(path, code, name, f"运行出错：{what}", f"raised {what}", type(exc).__name__)


def rule_timed_out(path: str, code: str, name: str, seconds: float) -> Diagnostic:
    return _rule_failed(
        path, code, name,
        f"在此文件上运行超过 {seconds:g} 秒的时限，已被停止（时限可用 --timeout 或配置项 timeout 调整）",
        f"was stopped after {seconds:g} s on this file, its time limit (--timeout or the configuration key timeout)",
        "TimeLimitExceeded",
    )


def rule_returned_junk(path: str, code: str, name: str, problem: str) -> Diagnostic:
    return _rule_failed(
        path, code, name,
        f"给出了格式不对的结果，已忽略：{problem}",
        f"returned a malformed finding, which was dropped: {problem}",
        "MalformedDiagnostic",
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
    return InternalError.whole_file(
        path,
        f"govlint 自身在处理此文件时出错（这是 govlint 的缺陷，不是报告的问题）：{detail_zh}。"
        f"此文件的检查结果不完整；其他文件照常检查。请用 --debug 重新运行，并把输出和此文件提交到 {REPORT_BUGS}",
        f"govlint itself failed on this file (a bug in govlint, not a defect of the report): {detail_en}. "
        f"This file's results are incomplete; the other files were linted as usual. Please run again with --debug "
        f"and report the output with this file at {REPORT_BUGS}",
        error=type(exc).__name__ if exc is not None else what_en,
        where=where(exc) if exc is not None else "",
    )


@hookimpl
def govlint_rules() -> list:
    return [PluginError(), InternalError()]
