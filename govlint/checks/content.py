"""Content rules (GL4xx) that compare the prose with the tables."""

from __future__ import annotations

import re
from typing import Iterable, Optional

from ..hookspecs import hookimpl
from ..identities import arithmetic_value
from ..model import OPENING, Contact, Diagnostic, Related, Report, Sentence, Span
from ..rule import Context, Rule
from ..template import CountSpec

_YEAR = re.compile(r"(\d{4})\s*年")
# Comparisons with other periods: the number is not this year's table value.
_OTHER_PERIOD = re.compile(r"同比|较上年|比上年|去年|上年同期|累计|历年|以来|月份|季度|上半年|下半年")
# The sections whose prose reports the year's facts (not 五's plans or 六).
_FACTS = (OPENING, "overview", "proactive", "requests", "review")


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
        "跳过提到其他年份或同比、累计等的句子，也跳过无法确定读取的表格单元格。这些说法的写法是模板数据（template.yaml 的 counts）。消息引用原句。",
        "en": "The overview often says 共受理依申请公开15件 or 行政复议1件; those numbers must match the tables of "
        "sections 三 and 四. Only unambiguous statements are compared (received, carried over, answered, "
        "disclosed, partly disclosed, carried to next year, reconsiderations, lawsuits); sentences naming another "
        "year or a comparison (同比, 累计 …) are skipped, and so are table cells that could not be read with "
        "certainty. The wordings are template data (counts in template.yaml). The message quotes the sentence.",
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
        judged: dict[int, bool] = {}  # sentence -> whether its counts are this year's
        # What a sentence is about, asked once per sentence and count: a paragraph of thousands of
        # numbers must not be searched once per number.
        about: dict[tuple[int, int], bool] = {}
        quotes: dict[int, str] = {}  # one quote per sentence, however many findings it has
        counts = context.template.counts
        for n in report.numbers_in(*_FACTS, unit="件"):
            s = report.sentences[n.sentence]
            if s.kind != "paragraph":
                continue
            if n.sentence not in judged:
                judged[n.sentence] = not (_OTHER_PERIOD.search(s.text) or _other_year(s.text, report.year))
            if not judged[n.sentence]:
                continue
            claim = None
            for i, c in enumerate(counts):
                key = (n.sentence, i)
                if key not in about:
                    about[key] = _about(c, s.text, s.section)
                if about[key] and c.says(n.before, n.after):
                    claim = c
                    break
            if claim is None:
                continue
            actual, cells = _sum_of(tables, claim.cells)
            if actual is None or actual == n.value:
                continue
            if n.sentence not in quotes:
                quotes[n.sentence] = _quote(s.text)
            quote = quotes[n.sentence]
            yield self.diagnostic(
                report,
                n.span,
                f"正文称{claim.display('zh')} {n.value} 件（“{quote}”），但统计表中为 {_fmt(actual)} 件",
                f"the text states {n.value} {claim.display('en')} (“{quote}”), but the table says {_fmt(actual)}",
                related=[Related(sp, "统计表单元格") for sp in cells],
                stated=n.value,
                table_value=actual,
            )


def _about(claim: CountSpec, sentence: str, section: Optional[str]) -> bool:
    """Does the sentence say what the count is about? In section 四 disclosure goes without saying."""
    if claim.unless is not None and claim.unless.search(sentence):
        return False
    return bool(claim.about and claim.about.search(sentence)) or (section == "review" and claim.implied_in_review)


def _other_year(sentence: str, year: Optional[int]) -> bool:
    if year is None:
        return False
    return any(int(y) != year for y in _YEAR.findall(sentence))


def _quote(sentence: str, limit: int = 60) -> str:
    s = " ".join(sentence.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _fmt(v) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


# ---------------------------------------------------------------- contact details

# The 12345 hotline is everyone's: it is the issuer's contact only where the sentence offers it for
# questions (如对本报告有疑问，可拨打12345…咨询), not where the narrative names it as a channel
# (畅通12345热线、县长信箱等渠道).
_ASK = re.compile(r"疑问|咨询|联系|拨打|致电|垂询")
_WHAT = {"phone": ("电话", "phone"), "email": ("电子邮箱", "e-mail"), "address": ("地址", "postal address")}


def contact_kinds(found: Iterable[Contact]) -> dict[str, Span]:
    """Which kinds of contact details count as the issuer's (phone, email, address), with the first of each.

    A fax number alone is no way to ask a question; the 12345 hotline counts
    as a phone only where its sentence offers it for questions, and only when
    no phone number of the issuer's own is given.
    """
    out: dict[str, Span] = {}
    hotline: Optional[Span] = None
    for c in found:
        if c.kind in ("phone", "email", "address"):
            out.setdefault(c.kind, c.span)
        elif c.kind == "hotline" and hotline is None and _ASK.search(c.context):
            hotline = c.span
    if "phone" not in out and hotline is not None:
        out["phone"] = hotline
    return out


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
        found = contact_kinds(report.contacts)
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

# A section's own words: its paragraphs and sub-headings, not its heading (五's heading says 问题).
_BODY = ("paragraph", "subheading")


def _says(sentences: Iterable[Sentence], pattern: re.Pattern) -> bool:
    return any(pattern.search(s.text) for s in sentences)


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
        other = report.section("other")
        if other is not None:
            if _says(report.sentences_in("other", kinds=_BODY), _FEE):
                return
            yield self.diagnostic(
                report,
                other.heading.span,
                "第六部分没有说明是否收取信息处理费（2021 版格式要求写明，未收取也应写明）",
                f"{context.template.section('other').display('en')} does not say whether information processing fees were charged "
                "(the 2021 template requires it, including when none were)",
            )
        elif report.sections and not _says(report.sentences, _FEE):
            last = report.sections[-1]
            yield self.diagnostic(
                report,
                last.heading.span,
                "报告没有说明是否收取信息处理费（应在第六部分写明）",
                "the report does not say whether information processing fees were charged; "
                f"{context.template.section('other').display('en')} should say so",
            )


# ---------------------------------------------------------------- improvements

# Words that name a shortcoming. A problem is often stated as a degree (形式较为单一, 占比偏低,
# 数量偏少) rather than with 问题: those count too.
_PROBLEM = re.compile(
    r"问题|不足|差距|短板|薄弱|有待|不够|不到位|欠缺|缺乏|仍需|还需|滞后|不高|不强|不深|不多|不完善|不平衡|不充分|不规范|不及时|"
    r"困难|单一|偏低|偏少|偏弱|较少|较弱|较低"
)
# A measure: a plan word, or an action verb that is not part of a complaint ("有待提升" is a problem).
_MEASURE = re.compile(
    r"将|下一步|今后|措施|着力|拟|计划|继续|持续|"
    r"(?<!有待)(?<!需要)(?<!仍需)(?<!还需)(?<!亟待)(?<!亟需)(?<!不够)(?<!需)(?<!待)"
    r"(?:加强|推进|完善|提升|提高|健全|强化|加大|做好|落实|改进|深化|规范|优化|建立|丰富|推行|推广|制定|开展|实施|探索|整改|组织)"
)


class ThinImprovement(Rule):
    precision = "medium"
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
        body = report.sentences_in("problems", kinds=_BODY)
        lacks = []
        if not _says(body, _PROBLEM):
            lacks.append(("存在的问题", "a problem"))
        if not _says(body, _MEASURE):
            lacks.append(("改进措施", "a measure"))
        if not lacks:
            return
        yield self.diagnostic(
            report,
            section.heading.span,
            f"第五部分没有写出具体的{'和'.join(z for z, _ in lacks)}",
            f"{context.template.section('problems').display('en')} names no concrete "
            f"{' and no concrete '.join(e.split(' ', 1)[1] for _, e in lacks)}",
            lacks=[e for _, e in lacks],
        )


# ---------------------------------------------------------------- claims about the tables as a whole


class ClaimContradictsTable(Rule):
    precision = "medium"
    code = "GL405"
    name = "claim-contradicts-table"
    severity = "warning"
    summary = {
        "zh": "正文的说法与统计表矛盾（称“全部办结”但有结转，称“未发生行政复议”但表四有案件……）",
        "en": "The prose says something the tables contradict (all answered while some are carried over, "
        "no reconsideration while table 4 has cases …)",
    }
    explanation = {
        "zh": "第一至四部分的文字若称申请“全部办结”“均已按期答复”，表三“四、结转下年度继续办理”应为 0；"
        "称“未发生行政复议/行政诉讼”，表四相应总计应为 0；称“未收到政府信息公开申请”，表三“本年新收”应为 0。"
        "只看确定读取的单元格；说的是其他年份、同比，或只是更窄的说法（“未发生被纠错的行政复议”“办结的申请均按期答复”）时不报告。"
        "这些说法的写法是模板数据（template.yaml 的 claims）。消息引用原句并指出单元格。",
        "en": "When sections 1 to 4 say that requests were all answered (全部办结, 均已按期答复), table 3's "
        "4. carried over to next year must be 0; no reconsideration or lawsuit (未发生行政复议/行政诉讼): table 4's "
        "totals must be 0; no applications (未收到政府信息公开申请): table 3's applications received must be 0. "
        "Only cells read with certainty count; a sentence about another year, a comparison, or a narrower claim "
        "(未发生被纠错的行政复议, 办结的申请均按期答复) is not judged. The wordings are template data (claims in "
        "template.yaml). The message quotes the sentence and names the cell.",
    }
    example_bad = (
        "三、收到和处理政府信息公开申请情况\n"
        "全年收到的政府信息公开申请均已按期答复。\n"
        "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2"
    )
    example_good = (
        "三、收到和处理政府信息公开申请情况\n"
        "全年收到的政府信息公开申请均已按期答复。\n"
        "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0"
    )

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        claims = context.template.claims
        tables = {t.id: t for t in report.tables}
        if not claims or not tables:
            return
        for s in report.sentences_in(*_FACTS, kinds=("paragraph",)):
            text = s.text
            if _OTHER_PERIOD.search(text) or _other_year(text, report.year):
                continue
            for claim in claims:
                m = claim.says.search(text)
                if m is None or (claim.about and not claim.about.search(text)) or (claim.unless and claim.unless.search(text)):
                    continue
                total, cells = _sum_of(tables, claim.cells)
                if total is None or total <= 0:
                    continue
                t = tables[claim.cells[0][0]]
                quote = _quote(text)
                names_zh = "、".join(_cell_label(tables[tid], r, c, "zh") for tid, r, c in claim.cells)
                names_en = "; ".join(_cell_label(tables[tid], r, c, "en") for tid, r, c in claim.cells)
                yield self.diagnostic(
                    report,
                    s.at(*m.span()),
                    f"正文称“{quote}”，但{t.short.get('zh', t.name)}{names_zh}为 {_fmt(total)}"
                    f"（{claim.display('zh')}）",
                    f"the text says “{quote}”, but {t.short.get('en', t.name)}, {names_en} is {_fmt(total)} "
                    f"({claim.display('en')})",
                    related=[Related(sp, "统计表单元格") for sp in cells],
                    claim=claim.id,
                    table_value=total,
                )


def _sum_of(tables: dict, cells) -> tuple[Optional[float], list[Span]]:
    """The sum of (table, row, column) cells and their spans; None when one is missing or not certain."""
    total = 0
    spans: list[Span] = []
    for table_id, row, column in cells:
        t = tables.get(table_id)
        v = arithmetic_value(t, row, column) if t is not None else None
        if v is None:
            return None, []
        total += v
        c = t.cell(row, column)
        if c is not None and c.span is not None:
            spans.append(c.span)
    return total, spans


def _cell_label(t, row: str, column: str, lang: str) -> str:
    r = t.row_label(row, lang)
    c = t.column_label(column, lang)
    if lang == "zh":
        return f"“{r}”/“{c}”" if r else f"“{c}”"
    return f"{r} / {c}" if r else c


@hookimpl
def govlint_rules() -> list:
    return [MissingContact(), NarrativeMismatch(), ClaimContradictsTable(), FeeNotReported(), ThinImprovement()]
