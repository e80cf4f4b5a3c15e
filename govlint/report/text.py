"""The text formatter: ``PATH:LINE:COL: CODE [severity] message``, then a summary.

Report text inside messages and file names are escaped (``safe.py``): a
report cannot send a terminal escape sequence through govlint.
"""

from __future__ import annotations

import os
from collections import Counter

from ..hookspecs import hookimpl
from ..i18n import t
from .safe import display_path, escape


class StreamingFormatter:
    """A formatter that writes each file's findings as they come; ``render`` collects them."""

    def render(self, results: list, options: dict) -> str:
        out: list[str] = []
        self.stream(results, options, out.append)  # type: ignore[attr-defined]
        return "".join(out)


# What the summary counts a file as: its reader's format, or text for the text layouts.
_KIND_NAMES = {
    "docx": ("docx", ".docx"), "pdf": ("PDF", "PDF"), "html": ("网页", "web page"),
    "markdown": ("Markdown", "Markdown"), "text": ("文本", "text"), "unread": ("未能读取", "unreadable"),
}


def file_kind(res) -> str:
    fmt = res.report.source.format if res.report is not None else res.format
    return fmt if fmt in _KIND_NAMES else "unread"


def kinds_detail(kinds: Counter, lang: str) -> str:
    """``2 text, 1 .docx`` when a run held more than text files; "" otherwise."""
    if set(kinds) <= {"text", "unread"}:
        return ""
    zh = lang != "en"
    order = list(_KIND_NAMES)
    ranked = sorted(kinds.items(), key=lambda kn: (-kn[1], order.index(kn[0])))
    parts = [f"{_KIND_NAMES[k][0]} {n} 个" if zh else f"{n} {_KIND_NAMES[k][1]}" for k, n in ranked]
    return ("，" if zh else ", ").join(parts)


def skipped_line(paths: list[str], lang: str) -> str:
    exts = Counter((os.path.splitext(p)[1].lower() or ("（无扩展名）" if lang != "en" else "(no extension)")) for p in paths)
    zh = lang != "en"
    detail = ("，" if zh else ", ").join(f"{e} {n} 个" if zh else f"{n} {e}" for e, n in exts.most_common(8))
    if len(exts) > 8:
        detail += "…"
    return t("summary.skipped", lang, n=len(paths), s="" if len(paths) == 1 else "s", detail=detail)


def position(d, lang: str) -> str:
    """``12:5`` for a line and column; ``表3 第6行 第4列`` or ``第3页`` for a .docx or PDF place."""
    r = d.region
    if r is None and d.place is not None:
        return escape(d.place.describe(lang))
    return f"{r.start_line}:{r.start_column}" if r else "1:1"


# --color: the path bold, the code and severity in the severity's colour (ANSI SGR).
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
_COLOUR = {"error": "\x1b[31m", "warning": "\x1b[33m", "note": "\x1b[36m"}


def _finding(where: str, at: str, d, lang: str, colour: bool) -> str:
    text = escape(d.text(lang))
    if not colour:
        return f"{where}:{at}: {d.code} [{d.severity}] {text}\n"
    c = _COLOUR.get(d.severity, "")
    return f"{_BOLD}{where}{_RESET}:{at}: {c}{_BOLD}{d.code}{_RESET} {c}[{d.severity}]{_RESET} {text}\n"


class TextFormatter(StreamingFormatter):
    name = "text"
    description = "one line per finding, sorted by position, then a summary line"

    def stream(self, results, options: dict, write) -> None:
        """Write each file's findings as soon as it is done (memory stays flat)."""
        lang = options.get("lang", "zh")
        colour = bool(options.get("color"))
        severities: Counter = Counter()
        counts: Counter = Counter()
        names: dict[str, str] = {}
        files = 0
        kinds: Counter = Counter()
        for res in results:
            if res.path != "<plugins>":
                files += 1
                kinds[file_kind(res)] += 1
            lines = []
            shown: dict[str, str] = {}
            for d in sorted(res.diagnostics, key=lambda d: d.sort_key):
                where = shown.get(d.path) or shown.setdefault(d.path, display_path(d.path))
                lines.append(_finding(where, position(d, lang), d, lang, colour))
                severities[d.severity] += 1
                counts[d.code] += 1
                names[d.code] = d.name
            if lines:
                write("".join(lines))  # one write per file: output stays whole per file, and fast
        if options.get("statistics"):
            for code, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])):
                write(f"{n:>6}  {code}  {names[code]}\n")
        if options.get("quiet"):
            return
        total = sum(severities.values())
        s = "" if files == 1 else "s"
        detail = kinds_detail(kinds, lang)
        by_kind = t("summary.kinds", lang, detail=detail) if detail else ""
        if options.get("skipped"):
            write(skipped_line(options["skipped"], lang) + "\n")
        if total == 0:
            write(t("summary.clean", lang, files=files, s=s) + by_kind + "\n")
            return
        parts = [
            t(f"severity.{sev}", lang, n=severities[sev], s="" if severities[sev] == 1 else "s")
            for sev in ("error", "warning", "note")
            if severities[sev]
        ]
        sep = "，" if lang == "zh" else ", "
        summary = t("summary.found", lang, total=total, ps="" if total == 1 else "s", detail=sep.join(parts), files=files, s=s) + by_kind
        write(f"{_BOLD}{summary}{_RESET}\n" if colour else summary + "\n")


@hookimpl
def govlint_formatters() -> list:
    return [TextFormatter()]
