"""The text formatter: ``PATH:LINE:COL: CODE [severity] message``, then a summary.

Report text inside messages and file names are escaped (``safe.py``): a
report cannot send a terminal escape sequence through govlint.
"""

from __future__ import annotations

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


class TextFormatter(StreamingFormatter):
    name = "text"
    description = "one line per finding, sorted by position, then a summary line"

    def stream(self, results, options: dict, write) -> None:
        """Write each file's findings as soon as it is done (memory stays flat)."""
        lang = options.get("lang", "zh")
        severities: Counter = Counter()
        counts: Counter = Counter()
        names: dict[str, str] = {}
        files = 0
        for res in results:
            if res.path != "<plugins>":
                files += 1
            lines = []
            shown: dict[str, str] = {}
            for d in sorted(res.diagnostics, key=lambda d: d.sort_key):
                r = d.region
                line, col = (r.start_line, r.start_column) if r else (1, 1)
                where = shown.get(d.path) or shown.setdefault(d.path, display_path(d.path))
                lines.append(f"{where}:{line}:{col}: {d.code} [{d.severity}] {escape(d.text(lang))}\n")
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
        if total == 0:
            write(t("summary.clean", lang, files=files, s=s) + "\n")
            return
        parts = [
            t(f"severity.{sev}", lang, n=severities[sev], s="" if severities[sev] == 1 else "s")
            for sev in ("error", "warning", "note")
            if severities[sev]
        ]
        sep = "，" if lang == "zh" else ", "
        write(t("summary.found", lang, total=total, ps="" if total == 1 else "s", detail=sep.join(parts), files=files, s=s) + "\n")


@hookimpl
def govlint_formatters() -> list:
    return [TextFormatter()]
