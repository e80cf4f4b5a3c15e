"""What a rule is: metadata plus a check over the document model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, Optional

from .model import Diagnostic, Region, Related, Report, Span

if TYPE_CHECKING:  # pragma: no cover
    from .template import Template

SEVERITIES = ("error", "warning", "note")
FAMILIES = {
    "GL0": ("input", "输入"),
    "GL1": ("structure", "结构"),
    "GL2": ("tables", "表格"),
    "GL3": ("years and dates", "年份与日期"),
    "GL4": ("content", "内容"),
    "GL5": ("text hygiene", "文字规范"),
    "GL6": ("across reports", "跨报告"),
    "GL9": ("govlint itself", "govlint 自身"),
}


@dataclass
class Context:
    """What a rule may consult besides the report."""

    template: Template
    options: dict[str, Any] = field(default_factory=dict)  # per-rule options from config


class Rule:
    """Base class of every rule, built-in or third-party.

    Subclasses set the class attributes and implement ``check``. ``scope`` is
    "report" for rules that look at one report; rules that compare several
    reports (last year's, a parent and its children) will use other scopes.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str] = "error"
    summary: ClassVar[dict[str, str]] = {}
    explanation: ClassVar[dict[str, str]] = {}
    basis: ClassVar[dict[str, str]] = {}
    example_bad: ClassVar[str] = ""
    example_good: ClassVar[str] = ""
    scope: ClassVar[str] = "report"
    # How sure a finding of this rule is (SARIF's precision): "very-high" for arithmetic and structure
    # read from the template, "high" for what rests on recognising wording, "medium" for heuristics.
    precision: ClassVar[str] = "high"
    # Rules that only make sense on something recognisable as a report are not
    # run when GL002 (not-a-report) fires.
    needs_report: ClassVar[bool] = True

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:  # pragma: no cover
        raise NotImplementedError

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[:3], ("plugin", "插件"))[0]

    def diagnostic(
        self,
        report: Report,
        span: Optional[Span],
        zh: str,
        en: str,
        related: Iterable[Related] = (),
        **data: Any,
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code,
            name=self.name,
            severity=self.severity,
            message={"zh": zh, "en": en},
            path=report.path,
            span=span,
            related=list(related) if related else [],
            data=data,
        )

    @classmethod
    def whole_file(cls, path: str, zh: str, en: str, **data: Any) -> Diagnostic:
        """A finding about the whole file, at its start (line 1, column 1): a file that cannot be read, or a
        failure of govlint's, has no better place."""
        return Diagnostic(
            code=cls.code, name=cls.name, severity=cls.severity, message={"zh": zh, "en": en}, path=path,
            span=Span(0, 0), region=Region(1, 1, 1, 1), data=data,
        )


class ReportsRule(Rule):
    """Base class of rules that compare reports (``scope = "reports"``; the GL6xx family).

    Such a rule never sees a report, only each report's ``Summary``
    (``govlint.cross.summary``): issuer, year, edition, the cells it names in
    ``summary_cells`` ((table, row, column) triples; ``*`` in a column matches
    every column of the row) and the fingerprints of each section's prose.
    ``check_reports(run, context)`` is called once, when every report of the
    run is read; ``run.pairs`` are this year's and last year's report of one
    issuer, ``run.summaries`` every report. Findings are made with ``finding``
    and belong to the report whose path they carry.
    """

    scope: ClassVar[str] = "reports"
    summary_cells: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    # Reports whose issuer is not known are not compared (and their results are not held back);
    # a rule that wants them too says False.
    needs_issuer: ClassVar[bool] = True

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        return ()  # nothing to see in one report

    def check_reports(self, run: Any, context: Context) -> Iterable[Diagnostic]:  # pragma: no cover
        raise NotImplementedError

    def finding(
        self,
        path: str,
        where: Any,
        zh: str,
        en: str,
        related: Iterable[tuple[str, Any, str]] = (),
        **data: Any,
    ) -> Diagnostic:
        """A finding on the report at ``path``, at ``where`` (anything with ``region``, ``place`` and
        ``line``: a cell or a section of a summary); ``related`` are (path, where, message) triples,
        in that report or another."""
        d = Diagnostic(
            code=self.code,
            name=self.name,
            severity=self.severity,
            message={"zh": zh, "en": en},
            path=path,
            region=getattr(where, "region", None),
            place=getattr(where, "place", None),
            data=data,
        )
        for other, at, message in related:
            d.related.append(Related(None, message, other if other != path else None))
            d.related_regions.append(getattr(at, "region", None))
            d.related_places.append(getattr(at, "place", None))
        return d


def rules_in(diags: Iterable[Diagnostic]) -> Iterator[str]:
    for d in diags:
        yield d.code
