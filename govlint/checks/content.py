"""Content rules (GL4xx) that compare the prose with the tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..hookspecs import hookimpl
from ..model import Diagnostic, Related, Report, Span
from ..rule import Context, Rule
from .tables import arithmetic_value

_N = r"(\d[\d,]*)\s*件"
_GAP = r"[^。；;，,：:\d]{0,16}?"


@dataclass(frozen=True)
class _Claim:
    """A kind of count the prose states, where the tables hold it, and how it is worded."""

    name_zh: str
    name_en: str
    cells: tuple[tuple[str, str, str], ...]  # (table, row, column) summed
    pattern: re.Pattern
    # The sentence must say what the count is about (a hotline's 办结 is not a disclosure request).
    context: re.Pattern = re.compile(r"申请")


_DISCLOSURE = re.compile(r"信息公开|依申请")


def _p(*alternatives: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


# Each pattern has exactly one numeric group per alternative; the first group that matched is the number.
CLAIMS = (
    _Claim(
        "本年新收申请",
        "applications received this year",
        (("3", "new", "total"),),
        _p(
            rf"(?:受理|收到|新收|接收){_GAP}(?:申请|依申请公开|信息公开){_GAP}{_N}",
            rf"(?:受理|收到|新收|接收)\s*{_N}\s*(?:政府信息公开|依申请公开)?\s*申请",
        ),
    ),
    _Claim(
        "上年结转申请",
        "applications carried over from last year",
        (("3", "carried", "total"),),
        _p(rf"上一?年度?\s*结转\s*(?:的)?\s*(?:申请)?\s*{_N}"),
    ),
    _Claim(
        "结转下年度继续办理",
        "applications carried over to next year",
        (("3", "carry_next", "total"),),
        _p(rf"{_N}\s*(?:申请)?\s*(?:结转|顺延)(?:到|至)?\s*下一?年度", rf"结转下一?年度\s*(?:继续)?\s*(?:办理)?\s*{_N}"),
    ),
    _Claim(
        "办理结果总计",
        "requests answered this year",
        (("3", "results_total", "total"),),
        _p(rf"(?:办结|答复)\s*{_N}"),
    ),
    _Claim("予以公开", "disclosed in full", (("3", "open", "total"),), _p(rf"予以公开\s*{_N}")),
    _Claim("部分公开", "disclosed in part", (("3", "partial", "total"),), _p(rf"部分公开\s*{_N}")),
    _Claim(
        "行政复议",
        "administrative reconsiderations",
        (("4", "counts", "review_total"),),
        _p(rf"行政复议\s*{_N}"),
        _DISCLOSURE,
    ),
    _Claim(
        "直接提起的行政诉讼",
        "lawsuits filed directly",
        (("4", "counts", "direct_total"),),
        _p(rf"(?:直接|未经复议)\s*(?:提起|起诉)?\s*(?:行政)?诉讼\s*{_N}"),
        _DISCLOSURE,
    ),
    _Claim(
        "复议后提起的行政诉讼",
        "lawsuits filed after reconsideration",
        (("4", "counts", "after_total"),),
        _p(rf"复议后\s*(?:提起|起诉)?\s*(?:行政)?诉讼\s*{_N}"),
        _DISCLOSURE,
    ),
    _Claim(
        "行政诉讼",
        "administrative lawsuits",
        (("4", "counts", "direct_total"), ("4", "counts", "after_total")),
        _p(rf"(?<!提起)(?<!直接)(?<!复议后)行政诉讼\s*{_N}"),
        _DISCLOSURE,
    ),
)

_SENTENCE = re.compile(r"[^。；;！!？?]+")
_YEAR = re.compile(r"(\d{4})\s*年")
# Comparisons with other periods: the number is not this year's table value.
_OTHER_PERIOD = re.compile(r"同比|较上年|比上年|去年|上年同期|累计|历年|以来|月份|季度|上半年|下半年")


class NarrativeMismatch(Rule):
    code = "GL402"
    name = "narrative-mismatch"
    severity = "warning"
    summary = {
        "zh": "正文中陈述的数字与统计表不一致",
        "en": "A count stated in the prose disagrees with the corresponding table cell",
    }
    explanation = {
        "zh": "总体情况等部分常写“共受理依申请公开15件”“行政复议1件”，这些数字应与第三、四部分统计表一致。"
        "只比较含义明确的说法（本年新收、上年结转、办结/答复、予以公开、部分公开、结转下年度、行政复议、行政诉讼），"
        "跳过提到其他年份或同比、累计等的句子，也跳过无法确定读取的表格单元格。消息引用原句。",
        "en": "The overview often says 共受理依申请公开15件 or 行政复议1件; those numbers must match the tables of "
        "sections 三 and 四. Only unambiguous statements are compared (received, carried over, answered, "
        "disclosed, partly disclosed, carried to next year, reconsiderations, lawsuits); sentences naming another "
        "year or a comparison (同比, 累计 …) are skipped, and so are table cells that could not be read with "
        "certainty. The message quotes the sentence.",
    }
    example_bad = "全年共受理政府信息公开申请16件。\n（表三“一、本年新收”总计为 15）"
    example_good = "全年共受理政府信息公开申请15件。\n（表三“一、本年新收”总计为 15）"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        tables = {t.id: t for t in report.tables}
        if not tables:
            return
        text = report.source.text
        review = report.section("review")
        for span in _prose_spans(report):
            para = text[span.start : span.end]
            in_review = review is not None and review.body.start <= span.start < review.body.end
            for sm in _SENTENCE.finditer(para):
                sentence = sm.group()
                if _OTHER_PERIOD.search(sentence) or _other_year(sentence, report.year):
                    continue
                taken: list[tuple[int, int]] = []
                for claim in CLAIMS:
                    if not claim.context.search(sentence) and not (in_review and claim.context is _DISCLOSURE):
                        continue
                    for m in claim.pattern.finditer(sentence):
                        g = next(i for i in range(1, (m.re.groups or 0) + 1) if m.group(i) is not None)
                        a, b = m.span(g)
                        if any(a < y and x < b for x, y in taken):
                            continue  # already read as a more specific claim
                        stated = int(m.group(g).replace(",", ""))
                        actual, cells = _table_value(tables, claim)
                        taken.append((a, b))
                        if actual is None or actual == stated:
                            continue
                        where = Span(span.start + sm.start() + a, span.start + sm.start() + b)
                        quote = _quote(sentence)
                        yield self.diagnostic(
                            report,
                            where,
                            f"正文称{claim.name_zh} {stated} 件（“{quote}”），但统计表中为 {_fmt(actual)} 件",
                            f"the text states {stated} {claim.name_en} (“{quote}”), but the table says {_fmt(actual)}",
                            related=[Related(s, "统计表单元格") for s in cells],
                            stated=stated,
                            table_value=actual,
                        )


def _prose_spans(report: Report) -> list[Span]:
    """The opening and the sections that report facts (not 五's plans or 六)."""
    spans: list[Span] = []
    first = min((s.heading.span.start for s in report.sections), default=len(report.source.text))
    for p in report.paragraphs:
        if p.end <= first:
            spans.append(p)
    for s in report.sections:
        if s.number in ("一", "二", "三", "四"):
            spans.extend(s.paragraphs)
    return sorted(set(spans), key=lambda x: x.start)


def _other_year(sentence: str, year: Optional[int]) -> bool:
    if year is None:
        return False
    return any(int(y) != year for y in _YEAR.findall(sentence))


def _table_value(tables: dict, claim: _Claim) -> tuple[Optional[float], list[Span]]:
    total = 0
    spans: list[Span] = []
    for table_id, row, column in claim.cells:
        t = tables.get(table_id)
        if t is None:
            return None, []
        v = arithmetic_value(t, row, column)
        if v is None:
            return None, []
        total += v
        c = t.cell(row, column)
        if c is not None and c.span is not None:
            spans.append(c.span)
    return total, spans


def _quote(sentence: str, limit: int = 60) -> str:
    s = " ".join(sentence.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _fmt(v) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


@hookimpl
def govlint_rules() -> list:
    return [NarrativeMismatch()]
