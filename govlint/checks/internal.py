"""GL9xx: govlint itself, never a defect of the report."""

from __future__ import annotations

from typing import Iterable

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
        "zh": "插件无法导入、实现了 govlint 不认识的钩子、规则代码不合规，或某条规则运行时抛出异常时报告此问题，"
        "说明是哪个插件或规则、出了什么错。其他规则照常运行，但退出码为 2，提示检查结果不完整。"
        "使用 --debug 查看完整的错误堆栈。",
        "en": "Fires when a plugin cannot be imported, implements a hook govlint does not know, declares a rule "
        "badly, or a rule raises while checking. The message names the plugin or rule and the error. The other "
        "rules still run, but the exit code is 2 because the results are incomplete. --debug shows the traceback.",
    }
    example_bad = "govlint_myrules: ModuleNotFoundError: No module named 'requests'"
    example_good = "（插件的依赖已安装，加载成功）"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        # Emitted by the plugin manager and the pipeline, not by reading a report.
        return ()


@hookimpl
def govlint_rules() -> list:
    return [PluginError()]
