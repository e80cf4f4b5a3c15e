"""Content rules (GL4xx) that compare the prose with the tables."""

from __future__ import annotations

import bisect
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
# White space around an optional word is written \s*(?:word\s*)?, never \s*(?:word)?\s*: the same
# text, but the second form splits a long run of white space every way between the two \s*
# (quadratic, or worse with three), and a sentence can hold such a run.
CLAIMS = (
    _Claim(
        "本年新收申请",
        "applications received this year",
        (("3", "new", "total"),),
        _p(
            rf"(?:受理|收到|新收|接收){_GAP}(?:申请|依申请公开|信息公开){_GAP}{_N}",
            rf"(?:受理|收到|新收|接收)\s*{_N}\s*(?:(?:政府信息公开|依申请公开)\s*)?申请",
        ),
    ),
    _Claim(
        "上年结转申请",
        "applications carried over from last year",
        (("3", "carried", "total"),),
        _p(rf"上一?年度?\s*结转\s*(?:的\s*)?(?:申请\s*)?{_N}"),
    ),
    _Claim(
        "结转下年度继续办理",
        "applications carried over to next year",
        (("3", "carry_next", "total"),),
        # Only from the start of a run of digits and commas: a start inside the run would rescan the
        # rest of it (quadratic in a long run), and any match it finds the run's first digit finds too.
        # The look-ahead, redundant for the match, lets the engine skip other characters at once.
        _p(
            rf"(?=[\d,])(?<![\d,]),*{_N}\s*(?:申请\s*)?(?:结转|顺延)(?:到|至)?\s*下一?年度",
            rf"结转下一?年度\s*(?:继续\s*)?(?:办理\s*)?{_N}",
        ),
    ),
    _Claim(
        "办理结果总计",
        "requests answered this year",
        (("3", "results_total", "total"),),
        _p(rf"(?:办结|答复)\s*{_N}"),
    ),
    _Claim("予以公开", "disclosed in full", (("3", "open", "total"),), _p(rf"予以公开\s*{_N}")),
    # Not "予以公开及部分公开42件": that number is the two together.
    _Claim("部分公开", "disclosed in part", (("3", "partial", "total"),), _p(rf"(?<![及和与、])部分公开\s*{_N}")),
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
        _p(rf"(?:直接|未经复议)\s*(?:(?:提起|起诉)\s*)?(?:行政)?诉讼\s*{_N}"),
        _DISCLOSURE,
    ),
    _Claim(
        "复议后提起的行政诉讼",
        "lawsuits filed after reconsideration",
        (("4", "counts", "after_total"),),
        _p(rf"复议后\s*(?:(?:提起|起诉)\s*)?(?:行政)?诉讼\s*{_N}"),
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
_DIGIT = re.compile(r"\d")
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
    example_bad = (
        "三、收到和处理政府信息公开申请情况\n"
        "全年共受理政府信息公开申请16件。\n"
        "一、本年新收政府信息公开申请数量 | 15 | 0 | 0 | 0 | 0 | 0 | 15"
    )
    example_good = (
        "三、收到和处理政府信息公开申请情况\n"
        "全年共受理政府信息公开申请15件。\n"
        "一、本年新收政府信息公开申请数量 | 15 | 0 | 0 | 0 | 0 | 0 | 15"
    )

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
                if not _DIGIT.search(sentence):
                    continue  # every claim states its count in digits
                if _OTHER_PERIOD.search(sentence) or _other_year(sentence, report.year):
                    continue
                # The numbers read so far, one list of (start, end) per claim: each list is in text
                # order and its spans are disjoint, so an overlap test is a bisection per claim, not a
                # scan of every number taken (a long sentence of claims would be quadratic).
                taken: list[tuple[list[int], list[int]]] = []
                quote: Optional[str] = None  # one quote per sentence, however many findings it has
                for claim in CLAIMS:
                    if not claim.context.search(sentence) and not (in_review and claim.context is _DISCLOSURE):
                        continue
                    starts: list[int] = []
                    ends: list[int] = []
                    taken.append((starts, ends))
                    for m in claim.pattern.finditer(sentence):
                        g = next(i for i in range(1, (m.re.groups or 0) + 1) if m.group(i) is not None)
                        a, b = m.span(g)
                        if any(_overlaps(xs, ys, a, b) for xs, ys in taken):
                            continue  # already read as a more specific claim
                        digits = m.group(g).replace(",", "")
                        if len(digits) > 15:
                            continue  # not a count anyone states (and int() refuses a few thousand digits)
                        stated = int(digits)
                        actual, cells = _table_value(tables, claim)
                        starts.append(a)
                        ends.append(b)
                        if actual is None or actual == stated:
                            continue
                        where = Span(span.start + sm.start() + a, span.start + sm.start() + b)
                        if quote is None:
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


def _overlaps(starts: list[int], ends: list[int], a: int, b: int) -> bool:
    """Does [a, b) overlap one of the disjoint spans, given in text order?"""
    i = bisect.bisect_left(starts, b) - 1  # the last span that starts before b
    return i >= 0 and ends[i] > a


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


# ---------------------------------------------------------------- contact details

# A landline with its area code (0943-8253879, 0953—3050582, （0943）8253879, 0517 - 87222589),
# a mobile number, or a service hotline (12345, 400/800 numbers).
# The leading look-ahead lets the engine reject most positions at once (CJK prose). The separator
# after the area code is white space or one dash amid white space, spelled so that a long run of
# white space has one way to match (\s*[-\s]\s* splits it every way: quadratic from one start).
_PHONE = re.compile(
    r"(?=[\d（(])(?:(?<!\d)(?:[（(]\s*0\d{2,3}\s*[)）]\s*|0\d{2,3}(?:\s*[-—－–~]\s*|\s+))\d{7,8}(?!\d)"
    r"|(?<!\d)1[3-9]\d{9}(?!\d)"
    r"|(?<!\d)(?:400|800)[-—－–\s]?\d{3}[-—－–\s]?\d{4}(?!\d)"
    r")"
)
# The 12345 hotline is everyone's: it is the issuer's contact only where the sentence offers it for
# questions (如对本报告有疑问，可拨打12345…咨询), not where the narrative names it as a channel
# (畅通12345热线、县长信箱等渠道).
_HOTLINE = re.compile(r"(?<![\d.])12345(?:热线|政务服务便民热线)")
_ASK = re.compile(r"疑问|咨询|联系|拨打|致电|垂询")
_SENTENCE_START = re.compile(r"[。；;！!？?\n]")
# Starts only where a run of local-part characters starts: from inside the run the engine would
# rescan the rest of it at every position (quadratic in a long run of letters or digits), and the
# run's start finds whatever a later start would (only ``search`` is used: the first match).
# The look-ahead, redundant for the match, lets the engine skip other characters at once.
_EMAIL = re.compile(r"(?=[A-Za-z0-9._%+\-])(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+\s*[@＠]\s*[A-Za-z0-9\-]+(?:\s*[.．]\s*[A-Za-z0-9\-]+)+")
# 通讯地址：…, 联系地址：… all contain 地址：…; a street number needs two characters of
# street name before 路/街/道 (a look-behind: the same matches without a scan per character).
_ADDRESS = re.compile(
    r"地址\s*[:：]\s*[^，,。；;\s）)]{4,}"
    r"|(?<=[\u4e00-\u9fff]{2})(?:路|街|大道|大街|巷|道)\s*\d+\s*号"
)
_FAX_BEFORE = re.compile(r"传真\s*(?:[:：]\s*)?$")
_WHAT = {"phone": ("电话", "phone"), "email": ("电子邮箱", "e-mail"), "address": ("地址", "postal address")}


def contact_kinds(text: str) -> dict[str, Span]:
    """Which kinds of contact details a text holds, with the first place of each."""
    found: dict[str, Span] = {}
    for m in _PHONE.finditer(text):
        if _FAX_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
            continue  # a fax number alone is no way to ask a question
        found.setdefault("phone", Span(m.start(), m.end()))
        break
    if "phone" not in found:
        for m in _HOTLINE.finditer(text):
            start = max((s.end() for s in _SENTENCE_START.finditer(text, max(0, m.start() - 80), m.start())), default=max(0, m.start() - 80))
            end = _SENTENCE_START.search(text, m.end(), m.end() + 80)
            sentence = text[start : end.start() if end else m.end() + 80]
            if _ASK.search(sentence):
                found["phone"] = Span(m.start(), m.end())
                break
    m = _EMAIL.search(text)
    if m:
        found["email"] = Span(m.start(), m.end())
    m = _ADDRESS.search(text)
    if m:
        found["address"] = Span(m.start(), m.end())
    return found


class MissingContact(Rule):
    code = "GL401"
    name = "missing-contact"
    severity = "warning"
    summary = {
        "zh": "报告没有任何联系方式（电话、地址或电子邮箱）",
        "en": "No way to contact the issuer: no phone, address or e-mail",
    }
    explanation = {
        "zh": "公众对报告有疑问时应能联系发布机关。电话（带区号的固定电话、手机或热线）、通讯地址、电子邮箱至少应有一项；"
        "只有邮编、传真或网址不算。配置 contact-required 可要求更多（例如 [\"phone\", \"address\"] 表示两者都要有）。",
        "en": "Readers with questions must be able to reach the issuer: at least one of a phone number (landline "
        "with area code, mobile or hotline), a postal address or an e-mail address. A postcode, fax number or "
        "web address alone does not count. The contact-required option can demand more (e.g. [\"phone\", "
        "\"address\"]: both).",
    }
    example_bad = "本报告电子版可在区政府门户网站(http://www.example.gov.cn)下载。"
    example_good = "如有疑问，请与区政府办公室联系（地址：某区某路1号，电话：0943-8253879）。"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        text = report.source.text
        found = contact_kinds(text)
        required = context.options.get("contact-required")
        if required:
            missing = [k for k in required if k not in found]
            if not missing:
                return
            names_zh = "、".join(_WHAT[k][0] for k in missing)
            names_en = ", ".join(_WHAT[k][1] for k in missing)
            yield self.diagnostic(
                report,
                _contact_place(report),
                f"报告缺少配置要求的联系方式：{names_zh}",
                f"the report lacks contact details the configuration requires: {names_en}",
                missing=missing,
            )
        elif not found:
            yield self.diagnostic(
                report,
                _contact_place(report),
                "报告没有联系方式：电话、通讯地址、电子邮箱都没有（邮编、传真、网址不算）",
                "the report gives no way to contact the issuer: no phone, postal address or e-mail "
                "(a postcode, fax or web address alone does not count)",
            )


def _contact_place(report: Report) -> Span:
    """Contact details usually close the report (section 六) or its opening."""
    other = report.section("other")
    if other is not None:
        return other.heading.span
    if report.title is not None:
        return report.title.span
    return Span(0, 0)


# ---------------------------------------------------------------- fees

_FEE = re.compile(r"信息处理费|处理费|收取(?:任何)?费用|收费")


class FeeNotReported(Rule):
    code = "GL403"
    name = "fee-not-reported"
    severity = "note"
    summary = {
        "zh": "2021 版报告第六部分没有说明是否收取信息处理费",
        "en": "2021-edition report whose section 六 does not say whether an information processing fee was charged",
    }
    explanation = {
        "zh": "2021 版格式要求在“六、其他需要报告的事项”中报告依据《政府信息公开信息处理费管理办法》"
        "（国办函〔2020〕109号）收取信息处理费的情况，没有收取也应写明。只写“无。”不够。"
        "若第六部分缺失而报告其他位置写明了收费情况，不再重复报告。",
        "en": "The 2021 template asks section 六 to report the information processing fees charged under "
        "国办函〔2020〕109号, including that none were charged; 无。 alone is not enough. When section 六 is "
        "missing but the fee is stated elsewhere, this rule stays silent.",
    }
    basis = {"zh": "国办公开办函〔2021〕30号；国办函〔2020〕109号", "en": "国办公开办函〔2021〕30号; 国办函〔2020〕109号"}
    example_bad = "六、其他需要报告的事项\n无。"
    example_good = "六、其他需要报告的事项\n本年度未收取信息处理费。"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        from .tables import expected_edition

        edition, _, _ = expected_edition(report, context.template)
        if edition is None or "fee_statement" not in edition.requires:
            return
        text = report.source.text
        other = report.section("other")
        if other is not None:
            body = text[other.body.start : other.body.end]
            if _FEE.search(body):
                return
            yield self.diagnostic(
                report,
                other.heading.span,
                "第六部分没有说明是否收取信息处理费（2021 版格式要求写明，未收取也应写明）",
                "section 六 does not say whether information processing fees were charged "
                "(the 2021 template requires it, including when none were)",
            )
        elif report.sections and not _FEE.search(text):
            last = report.sections[-1]
            yield self.diagnostic(
                report,
                last.heading.span,
                "报告没有说明是否收取信息处理费（应在第六部分写明）",
                "the report does not say whether information processing fees were charged (section 六 should)",
            )


# ---------------------------------------------------------------- improvements

_PROBLEM = re.compile(r"问题|不足|差距|短板|薄弱|有待|不够|不到位|欠缺|仍需|还需|滞后|不高|不强|不完善|不平衡|不充分|不规范|不及时|困难")
# A measure: a plan word, or an action verb that is not part of a complaint ("有待提升" is a problem).
_MEASURE = re.compile(
    r"将|下一步|今后|措施|着力|拟|"
    r"(?<!有待)(?<!需要)(?<!仍需)(?<!还需)(?<!亟待)(?<!亟需)(?<!不够)(?<!需)(?<!待)"
    r"(?:加强|推进|完善|提升|提高|健全|强化|加大|做好|落实|改进|深化|规范|优化|建立|丰富)"
)


class ThinImprovement(Rule):
    code = "GL404"
    name = "thin-improvement"
    severity = "warning"
    summary = {
        "zh": "第五部分没有写出具体问题或具体改进措施",
        "en": "Section 五 names no concrete problem or no concrete measure",
    }
    explanation = {
        "zh": "“五、存在的主要问题及改进情况”应写明存在的问题（不足、差距、有待加强之处）和改进措施（将如何加强、完善）。"
        "只写“无”或只写成绩、只写空泛的问题而没有措施，都不符合要求。",
        "en": "Section 五 must name the problems (shortcomings, gaps, what needs strengthening) and the measures "
        "(what will be strengthened or improved). 无, praise only, or problems without measures do not meet it.",
    }
    basis = {"zh": "《中华人民共和国政府信息公开条例》第五十条第（四）项", "en": "条例 art. 50 (4)"}
    example_bad = "五、存在的主要问题及改进情况\n无。"
    example_good = "五、存在的主要问题及改进情况\n政策解读形式较为单一。下一步将丰富解读形式，加强图解和视频解读。"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        section = report.section("problems")
        if section is None:
            return
        body = report.source.text[section.body.start : section.body.end]
        lacks = []
        if not _PROBLEM.search(body):
            lacks.append(("存在的问题", "a problem"))
        if not _MEASURE.search(body):
            lacks.append(("改进措施", "a measure"))
        if not lacks:
            return
        yield self.diagnostic(
            report,
            section.heading.span,
            f"第五部分没有写出具体的{'和'.join(z for z, _ in lacks)}",
            f"section 五 names no concrete {' and no concrete '.join(e.split(' ', 1)[1] for _, e in lacks)}",
            lacks=[e for _, e in lacks],
        )


@hookimpl
def govlint_rules() -> list:
    return [MissingContact(), NarrativeMismatch(), FeeNotReported(), ThinImprovement()]
