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
    "warning.cache": {
        "zh": "无法写入缓存（{reason}），本次结果未缓存；可用 --no-cache 关闭缓存或 --cache-dir 指定其他目录",
        "en": "cannot write the cache ({reason}); results of this run are not cached (--no-cache turns the cache off, "
        "--cache-dir names another folder)",
    },
}


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
