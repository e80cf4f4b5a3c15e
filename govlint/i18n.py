"""Messages of govlint itself (not of rules), in Chinese and English, and the language choice."""

from __future__ import annotations

import os
from typing import Optional

LANGS = ("zh", "en")

_MESSAGES: dict[str, dict[str, str]] = {
    "summary.clean": {"zh": "未发现问题（检查了 {files} 个文件）", "en": "No problems found ({files} file{s} checked)"},
    "summary.found": {
        "zh": "发现 {total} 个问题（{detail}），检查了 {files} 个文件",
        "en": "Found {total} problem{ps} ({detail}) in {files} file{s}",
    },
    "summary.kinds": {"zh": "（{detail}）", "en": " ({detail})"},
    "summary.skipped": {
        "zh": "跳过了文件夹中的 {n} 个文件：{detail}（不是 govlint 读取的格式；如需检查，请用 --include GLOB）",
        "en": "Skipped {n} file{s} in folders: {detail} (not a format govlint reads; --include GLOB lints them anyway)",
    },
    "severity.error": {"zh": "{n} 个错误", "en": "{n} error{s}"},
    "severity.warning": {"zh": "{n} 个警告", "en": "{n} warning{s}"},
    "severity.note": {"zh": "{n} 个提示", "en": "{n} note{s}"},
    "error.no_files": {"zh": "没有找到要检查的文件：{paths}", "en": "no files to lint in: {paths}"},
    "error.internal": {
        "zh": "有插件或规则运行出错（见 GL900），结果不完整；使用 --debug 查看详细信息",
        "en": "a plugin or rule failed (see GL900), so the results are incomplete; run with --debug for the traceback",
    },
    "error.gl901": {
        "zh": "govlint 在 {n} 个文件上出错（见 GL901），这些文件的结果不完整，其他文件照常检查；使用 --debug 查看详细信息",
        "en": "govlint failed on {n} file{s} (see GL901): their results are incomplete, the other files were linted "
        "as usual; run with --debug for the tracebacks",
    },
    "baseline.used": {
        "zh": "基线 {path}：略去了其中记录的 {n} 个问题",
        "en": "baseline {path}: {n} recorded finding{s} left out",
    },
    "baseline.stale": {
        "zh": "；{stale} 条记录已不再对应任何问题（已改正，或内容有变而重新显示），可用 --write-baseline 重新生成",
        "en": "; {stale} of its entries no longer match{es} any finding (fixed, or changed and shown again): "
        "--write-baseline rewrites it",
    },
    "baseline.written": {
        "zh": "已将 {n} 个问题（{files} 个文件）记入基线 {path}；以后用 --baseline {path} 只显示新出现的问题",
        "en": "wrote {n} finding{s} in {files} file{fs} to the baseline {path}; --baseline {path} now shows only new ones",
    },
    "baseline.not_written": {
        "zh": "结果不完整，未写入基线 {path}",
        "en": "the results are incomplete: the baseline {path} was not written",
    },
    "note.encoding": {
        "zh": "提示：控制台编码（{encoding}）无法显示部分字符，已写成 \\uXXXX；设置 PYTHONIOENCODING=utf-8，或用 --output 文件名 写入 UTF-8 文件",
        "en": "note: the console's encoding ({encoding}) cannot show some characters; they were written as \\uXXXX "
        "(set PYTHONIOENCODING=utf-8, or write to a UTF-8 file with --output FILE)",
    },
    "error.stdout_closed": {"zh": "无法写入标准输出：标准输出已关闭", "en": "cannot write to standard output: it is closed"},
    "error.stdout": {"zh": "无法写入标准输出：{reason}", "en": "cannot write to standard output: {reason}"},
    "error.config": {"zh": "配置错误：{reason}", "en": "configuration error: {reason}"},
    "error.no_path": {"zh": "没有指定路径（见 govlint --help）", "en": "no PATH given (see 'govlint --help')"},
    "error.format": {"zh": "未知的输出格式“{name}”（可用：{names}）", "en": "unknown format '{name}' (available: {names})"},
    "error.jobs": {"zh": "--jobs 应为 1 或更大，而不是 {n}", "en": "--jobs must be 1 or more, not {n}"},
    "error.stdin_twice": {"zh": "标准输入（-）只能指定一次", "en": "standard input (-) can be named only once"},
    "error.sarif_root_missing": {
        "zh": "--sarif-root 指定的文件夹 {path} 不存在（它是 SARIF 中文件路径的起点，通常是仓库根目录）",
        "en": "--sarif-root {path} does not exist (it names the folder SARIF file URIs are relative to, usually the repository's root)",
    },
    "error.sarif_root_not_folder": {
        "zh": "--sarif-root 指定的 {path} 不是文件夹（它是 SARIF 中文件路径的起点，通常是仓库根目录）",
        "en": "--sarif-root {path} is not a folder (it names the folder SARIF file URIs are relative to, usually the repository's root)",
    },
    "error.baseline_both": {
        "zh": "--baseline 与 --write-baseline 不能同时使用（单用 --write-baseline 即可重写基线）",
        "en": "--baseline and --write-baseline cannot be used together (--write-baseline alone rewrites the file)",
    },
    "error.baseline": {"zh": "基线：{reason}", "en": "baseline: {reason}"},
    "error.previous_one": {
        "zh": "--previous 指定的是一份报告的上年报告，但给出了 {n} 个文件",
        "en": "--previous names last year's report of one report, but {n} files were given",
    },
    "error.cannot_read": {"zh": "无法读取 {path}：{reason}", "en": "cannot read {path}: {reason}"},
    "error.unknown_rule": {"zh": "未知的规则“{code}”（见 govlint rules）", "en": "unknown rule '{code}' (see 'govlint rules')"},
    "error.internal_crash": {
        "zh": "内部错误：{error}（使用 --debug 查看详细信息；请报告至 {url}）",
        "en": "internal error: {error} (run with --debug for details; please report it at {url})",
    },
    "error.interrupted": {"zh": "已中断", "en": "interrupted"},
    "show.config": {"zh": "# 配置文件：{path}", "en": "# configuration file: {path}"},
    "show.no_config": {"zh": "（无）", "en": "(none)"},
    "show.unreadable": {"zh": "无法检查：{reason}", "en": "cannot be linted: {reason}"},
    "show.ignores": {"zh": "此文件忽略：{codes}", "en": "ignores here: {codes}"},
    "help.lint": {
        "zh": "检查政府信息公开工作年度报告（.docx、网页、PDF、Markdown、文本）。",
        "en": "Lint 政府信息公开工作年度报告 (government information-disclosure annual reports: .docx, web pages, PDF, Markdown, text).",
    },
    "help.lint_epilog": {
        "zh": "子命令：inspect 文件|文件夹、parse 文件、rules、rule 代码、config --show、export、cache clean、plugins、serve。"
        "退出码：0 无问题；1 发现问题；2 用法、配置或读写错误，或结果不完整。",
        "en": "Subcommands: inspect FILE|DIR, parse FILE, rules, rule CODE, config --show, export, cache clean, plugins, serve. "
        "Exit codes: 0 clean, 1 findings, 2 usage/configuration/I-O error or incomplete results.",
    },
    "help.inspect": {"zh": "显示 govlint 对报告的理解：各部分、统计表及其每个单元格。", "en": "Show what govlint understood of reports: sections, tables, every cell."},
    "help.pairs": {"zh": "显示各报告与上年报告的配对（GL601–GL603）。", "en": "Show how reports pair up with last year's (GL601-GL603)."},
    "help.parse": {"zh": "显示报告的记号流和语法树。", "en": "Show the token stream and the parse tree of a report."},
    "help.config": {"zh": "显示生效的配置及每项的来源。", "en": "Show the effective configuration and where each value came from."},
    "help.rules": {"zh": "按类别列出全部规则。", "en": "List every rule, grouped by family."},
    "help.rule": {"zh": "解释一条规则。", "en": "Explain one rule."},
    "help.plugins": {"zh": "列出找到的插件、版本及其提供的内容。", "en": "List the plugins govlint found, their versions and what they add."},
    "help.serve": {"zh": "本地网页：拖入报告，查看网页版检查结果（docs/serve.md）。", "en": "A local web page: drop reports, read the HTML report (docs/serve.md)."},
    "help.cache": {"zh": "管理结果缓存。", "en": "Manage the result cache."},
    "help.export": {
        "zh": "导出读到的每个统计表单元格（文件、机关、年度、版本、表、行、列、原文、数值、是否确定），供汇总。",
        "en": "Export every table cell read (file, issuer, year, edition, table, row, column, text, value, certain or not), to aggregate reports.",
    },
    "plugins.none": {
        "zh": "没有安装第三方插件（入口点组“govlint”）；--all 可列出自带插件",
        "en": "no third-party plugins installed (entry-point group 'govlint'); --all shows the built-ins",
    },
    "error.serve_extra": {"zh": "govlint serve 需要 web 扩展：pip install 'govlint[web]'", "en": "govlint serve needs the web extra: pip install 'govlint[web]'"},
    "error.serve_args": {
        "zh": "--port 应为 0 至 65535，--max-upload 应为正的字节数",
        "en": "--port must be 0 to 65535 and --max-upload a positive number of bytes",
    },
    "error.listen": {"zh": "无法在 {host}:{port} 上监听：{reason}", "en": "cannot listen on {host}:{port}: {reason}"},
    "cache.none": {"zh": "缓存文件夹 {path} 不存在，无需清理", "en": "the cache folder {path} does not exist: nothing to clean"},
    "cache.failed": {"zh": "无法清理缓存 {path}：{reason}", "en": "cannot clean the cache {path}: {reason}"},
    "cache.cleaned": {"zh": "已从 {path} 删除 {n} 个缓存结果（{mb:.1f} MB）", "en": "removed {n} cached result{s} ({mb:.1f} MB) from {path}"},
    "export.done": {
        "zh": "已导出 {files} 个文件的 {n} 个单元格；{unread} 个文件无法读取",
        "en": "exported {n} cells of {files} file(s); {unread} file(s) could not be read",
    },
    "github.hidden": {
        "zh": "另有 {n} 个问题未显示为注释（GitHub 每个步骤每类最多显示 10 条）：见本步骤的日志，或用 --format sarif / html 查看全部",
        "en": "{n} more finding{s} not shown as annotations (GitHub shows 10 of each kind per step): see this step's log, "
        "or --format sarif / html for all of them",
    },
    "help.lang": {"zh": "提示与帮助的语言（默认：配置文件，其次系统区域设置，最后中文）", "en": "language of messages and help (default: config, then locale, then zh)"},
    "help.usage": {"zh": "用法：", "en": "usage: "},
    "help.positionals": {"zh": "位置参数", "en": "positional arguments"},
    "help.options": {"zh": "选项", "en": "options"},
    "help.help": {"zh": "显示本帮助并退出", "en": "show this help and exit"},
    "help.see": {"zh": "见 govlint --help", "en": "see 'govlint --help'"},
    "warning.cache": {
        "zh": "无法写入缓存（{reason}），本次结果未缓存；可用 --no-cache 关闭缓存或 --cache-dir 指定其他目录",
        "en": "cannot write the cache ({reason}); results of this run are not cached (--no-cache turns the cache off, "
        "--cache-dir names another folder)",
    },
}


class LocalisedError(Exception):
    """An error whose message is for the user: ``str()`` is English, ``text("zh")`` Chinese where written."""

    def __init__(self, message: str, zh: str = "") -> None:
        super().__init__(message)
        self.zh = zh

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" and self.zh else str(self)


def t(key: str, lang: str, **kw: object) -> str:
    msg = _MESSAGES[key].get(lang) or _MESSAGES[key]["en"]
    return msg.format(**kw)


def choose_lang(explicit: Optional[str], configured: Optional[str]) -> str:
    """--lang, then config, then the locale, then Chinese."""
    for v in (explicit, configured):
        if v in LANGS:
            return v  # type: ignore[return-value]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        val = os.environ.get(var, "")
        if val:
            low = val.lower()
            if low.startswith("zh"):
                return "zh"
            if low.startswith("en"):
                return "en"
            break  # the first variable set decides, as for gettext (C/POSIX: no preference)
    return "zh"
