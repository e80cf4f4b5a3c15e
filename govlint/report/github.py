"""GitHub Actions workflow commands: annotations on the pull request's files.

For repositories where code scanning (SARIF) is not available:
``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=GL212 balance-mismatch::message``.

GitHub shows at most 10 annotations of each kind (error, warning, notice)
per step and drops the rest without a word. So the first 10 errors and 10
warnings and 9 notices are annotations; later findings are written as plain
lines of the log (``PATH:PLACE: CODE [severity] message``), and one closing
notice says how many there are and where to read them.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..i18n import t
from .safe import display_path, escape
from .text import StreamingFormatter, position

_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}
PER_KIND = {"error": 10, "warning": 10, "notice": 9}  # GitHub's 10 per kind and step; one notice is kept for the count


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(StreamingFormatter):
    name = "github"
    description = "GitHub Actions annotations (::error file=…,line=…::message)"

    def stream(self, results, options: dict, write) -> None:
        lang = options.get("lang", "zh")
        shown = dict.fromkeys(PER_KIND, 0)
        hidden = 0
        for res in results:
            for d in sorted(res.diagnostics, key=lambda d: d.sort_key):
                kind = _LEVEL.get(d.severity, "warning")
                if shown[kind] >= PER_KIND[kind]:
                    hidden += 1
                    write(f"{display_path(d.path)}:{position(d, lang)}: {d.code} [{d.severity}] {escape(d.text(lang))}\n")
                    continue
                shown[kind] += 1
                r = d.region
                props = [f"file={_prop(display_path(d.path))}"]
                if r is not None:
                    props += [f"line={r.start_line}", f"col={r.start_column}", f"endLine={r.end_line}", f"endColumn={r.end_column}"]
                props.append(f"title={_prop(f'{d.code} {d.name}')}")
                text = d.text(lang)
                if r is None and d.place is not None:
                    text = f"[{d.place.describe(lang)}] {text}"  # a .docx or PDF has no line to annotate
                write(f"::{kind} {','.join(props)}::{_data(escape(text))}\n")
        if hidden:
            text = t("github.hidden", lang, n=hidden, s="" if hidden == 1 else "s")
            write(f"::notice title=govlint::{_data(text)}\n")


@hookimpl
def govlint_formatters() -> list:
    return [GithubFormatter()]
