"""EX101: a report must carry a signature or publication date."""

from govlint.config import ConfigOption
from govlint.hookspecs import hookimpl
from govlint.model import Span
from govlint.rule import Rule


class SignatureDate(Rule):
    code = "EX101"  # your own prefix: GL is govlint's
    name = "missing-signature-date"
    severity = "warning"
    summary = {"zh": "报告没有落款日期或发布日期", "en": "The report has no signature or publication date"}
    explanation = {
        "zh": "没有日期就无法判断报告是否按期公布。请在文末落款处写明成文日期。",
        "en": "Without a date nobody can tell whether the report was published on time. Date the signature.",
    }
    example_bad = "某县人民政府办公室"
    example_good = "某县人民政府办公室\n2023年1月16日"

    def check(self, report, context):
        if report.date is None and context.options.get("example-require-date", True):
            end = len(report.source.text)
            yield self.diagnostic(
                report,
                Span(max(0, end - 1), end),
                "报告没有落款日期或发布日期",
                "the report has no signature or publication date",
            )


class CsvFormatter:
    name = "csv"
    description = "one line per finding: path,line,column,code,severity,message"

    def render(self, results, options):
        lang = options.get("lang", "zh")
        lines = ["path,line,column,code,severity,message"]
        for res in results:
            for d in res.diagnostics:
                line, col = (d.region.start_line, d.region.start_column) if d.region else (1, 1)
                text = d.text(lang).replace('"', '""')
                lines.append(f'{d.path},{line},{col},{d.code},{d.severity},"{text}"')
        return "\n".join(lines) + "\n"


@hookimpl
def govlint_rules():
    return [SignatureDate()]


@hookimpl
def govlint_formatters():
    return [CsvFormatter()]


@hookimpl
def govlint_config_options():
    return [ConfigOption("example-require-date", "bool", "EX101 fires when there is no date", True)]
