"""The outcome of linting one file: its findings, and what output and later steps need of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .model import Diagnostic, Report


@dataclass
class FileResult:
    """The outcome of linting one file."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    report: Optional[Report] = None  # the document model; None when unreadable or detached
    # Tracebacks (shown with --debug) of what went wrong in govlint or a plugin on
    # this file (GL900, GL901): the results are incomplete, the exit code is 2.
    internal_errors: list[str] = field(default_factory=list)
    # Facts kept when the model is dropped (batch runs keep memory flat):
    layout: Optional[str] = None
    issuer: Optional[str] = None
    format: Optional[str] = None  # text, docx, html, pdf, markdown
    encoding: Optional[str] = None
    year: Optional[int] = None
    edition: Optional[str] = None
    lines: dict[int, str] = field(default_factory=dict)  # source lines the findings point at
    cached: bool = False
    cache_warning: Optional[str] = None  # why the result could not be cached (said once per run)
    # What rules that compare reports need of it (govlint.cross.summary.Summary), when they run.
    summary: Optional[object] = None
    tables: Optional[list] = None  # the statistics tables as read (report.tables_view), for the HTML report
    summarised: bool = False  # a summary was asked for (``summary`` is None for a file that is no report)

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    def line(self, n: int) -> str:
        """Text of line ``n`` of the source (for column conversions), if known."""
        if self.report is not None:
            src = self.report.source
            if src.original is not None:  # HTML, Markdown: regions are lines of the page's source
                return src.original_line(n)
            starts = src.line_starts
            if 0 < n <= len(starts):
                end = starts[n] if n < len(starts) else len(src.text)
                return src.text[starts[n - 1] : end]
            return ""
        return self.lines.get(n, "")

    def detach(self) -> FileResult:
        """Keep the facts and the lines findings point at; drop the model."""
        r = self.report
        if r is not None:
            self.layout, self.encoding, self.year, self.edition = r.source.layout, r.source.encoding, r.year, r.edition
            self.issuer = r.issuer
            self.format = r.source.format
            wanted = set()
            for d in self.diagnostics:
                for reg in [d.region, *d.related_regions]:
                    if reg is not None:
                        wanted.update((reg.start_line, reg.end_line))
            self.lines = {n: self.line(n) for n in sorted(wanted)}
            self.report = None
        return self
