"""What a rule is: metadata plus a check over the document model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, Optional

from .model import Diagnostic, Related, Report, Span

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


def rules_in(diags: Iterable[Diagnostic]) -> Iterator[str]:
    for d in diags:
        yield d.code
