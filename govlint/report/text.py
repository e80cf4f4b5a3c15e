"""The text formatter: ``PATH:LINE:COL: CODE [severity] message``, then a summary."""

from __future__ import annotations

from collections import Counter

from ..hookspecs import hookimpl
from ..i18n import t


class TextFormatter:
    name = "text"
    description = "one line per finding, sorted by position, then a summary line"

    def render(self, results: list, options: dict) -> str:
        lang = options.get("lang", "zh")
        lines: list[str] = []
        severities: Counter = Counter()
        for res in results:
            for d in sorted(res.diagnostics, key=lambda d: d.sort_key):
                r = d.region
                line, col = (r.start_line, r.start_column) if r else (1, 1)
                lines.append(f"{d.path}:{line}:{col}: {d.code} [{d.severity}] {d.text(lang)}")
                severities[d.severity] += 1
        if options.get("statistics"):
            counts: Counter = Counter()
            names: dict[str, str] = {}
            for res in results:
                for d in res.diagnostics:
                    counts[d.code] += 1
                    names[d.code] = d.name
            for code, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])):
                lines.append(f"{n:>6}  {code}  {names[code]}")
        total = sum(severities.values())
        files = len(results)
        if options.get("quiet"):
            return "\n".join(lines) + ("\n" if lines else "")
        s = "" if files == 1 else "s"
        if total == 0:
            lines.append(t("summary.clean", lang, files=files, s=s))
        else:
            parts = [
                t(f"severity.{sev}", lang, n=severities[sev], s="" if severities[sev] == 1 else "s")
                for sev in ("error", "warning", "note")
                if severities[sev]
            ]
            sep = "，" if lang == "zh" else ", "
            lines.append(
                t("summary.found", lang, total=total, ps="" if total == 1 else "s", detail=sep.join(parts), files=files, s=s)
            )
        return "\n".join(lines) + "\n"


@hookimpl
def govlint_formatters() -> list:
    return [TextFormatter()]
