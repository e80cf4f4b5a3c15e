"""GitHub Actions workflow commands: annotations on the pull request's files.

For repositories where code scanning (SARIF) is not available:
``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=GL212 balance-mismatch::message``.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from .safe import display_path, escape
from .text import StreamingFormatter

_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(StreamingFormatter):
    name = "github"
    description = "GitHub Actions annotations (::error file=…,line=…::message)"

    def stream(self, results, options: dict, write) -> None:
        lang = options.get("lang", "zh")
        for res in results:
            for d in sorted(res.diagnostics, key=lambda d: d.sort_key):
                r = d.region
                props = [f"file={_prop(display_path(d.path))}"]
                if r is not None:
                    props += [f"line={r.start_line}", f"col={r.start_column}", f"endLine={r.end_line}", f"endColumn={r.end_column}"]
                props.append(f"title={_prop(f'{d.code} {d.name}')}")
                text = d.text(lang)
                if r is None and d.place is not None:
                    text = f"[{d.place.describe(lang)}] {text}"  # a .docx or PDF has no line to annotate
                write(f"::{_LEVEL.get(d.severity, 'warning')} {','.join(props)}::{_data(escape(text))}\n")


@hookimpl
def govlint_formatters() -> list:
    return [GithubFormatter()]
