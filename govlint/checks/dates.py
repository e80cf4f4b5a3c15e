"""Year and date rules (GL3xx): plan year, agreeing years, the publication deadline."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Iterable, Optional

from ..hookspecs import hookimpl
from ..model import Diagnostic, Evidence, Report, Span
from ..rule import Context, Rule

_LAW = {
    "zh": "《中华人民共和国政府信息公开条例》第四十九条、第五十条",
    "en": "条例 (State Council Decree 711) arts. 49 and 50",
}

# A plan for a year: "2021年，我市将…", "2021年全市将…", "2021年工作打算", "力争2021年底前…".
# White space around the optional comma is spelled \s*(?:[，,]\s*)? and not \s*[，,]?\s*, which
# splits a long run of white space every way (quadratic from one start); both match the same text.
# 将 plans only before what a plan does (将进一步…, 将重点…): 已将, and 将 taking an object
# (将问题清单整改到位: 把), report what was done. 要求, 拟定 are not 要 and 拟. A year's key tasks
# looked back on (对照2022年重点工作任务) are not a plan for that year.
_WILL = (
    r"(?<!已)(?<!曾)将(?=进一步|继续|持续|重点|着力|全面|切实|不断|大力|深入|认真|积极|加强|加大|推进|推动|完善|提升|"
    r"提高|强化|做好|抓好|坚持|围绕|聚焦|严格|紧紧|始终|努力|以|按照|把|在|从|结合|进行|开展|建立|健全|探索|实现|落实|"
    r"优化|规范|丰富|拓展|扩大|组织|定期|逐步|及时|进行|对|会|于|通过|全力|着重|统筹|进一步)"
)
_PLAN = re.compile(
    rf"(?P<y1>\d{{4}})\s*年(?:度)?\s*(?:[，,]\s*)?(?:[我全本][^。；;，,]{{0,10}}?)?(?:{_WILL}|要(?![求点素])|计划|拟(?![定稿制])|力争|着力)"
    r"|(?<!对照)(?<!按照)(?<!根据)(?<!围绕)(?<!落实)(?<!结合)(?<!完成)"
    r"(?P<y2>\d{4})\s*年(?:度)?\s*(?:工作)?(?:打算|计划|安排|工作思路|工作重点|重点工作)"
    r"|(?:力争|计划|拟|预计|争取)(?:于|在|到)?\s*(?P<y3>\d{4})\s*年"
)


class PlanYear(Rule):
    code = "GL301"
    name = "plan-year"
    severity = "error"
    summary = {
        "zh": "改进计划写成了报告年度或更早的年份，应为下一年度",
        "en": "The improvement plan is dated the reporting year or earlier instead of the following year",
    }
    explanation = {
        "zh": "第五部分的改进措施是下一年度的工作安排。2022 年度报告应写“2023年，我区将……”。"
        "写成“2022年，我区将……”通常是照抄上一年报告未改年份。只检查带有“将、要、计划、力争、工作打算”"
        "等表示计划的句子；回顾当年成效的句子（“2022年，我区……取得了一定成效”）不是计划。消息指向句中的年份。",
        "en": "Section 五's improvements are next year's plan: a 2022 report says 2023年，我区将…. A plan dated "
        "2022 usually means last year's text was copied without changing the year. Only sentences that plan "
        "(将, 要, 计划, 力争, 工作打算 …) are checked; a sentence about the past year's results is not a plan. "
        "The message points at the year in the sentence.",
    }
    basis = _LAW
    example_bad = "某市2022年政府信息公开工作年度报告\n五、存在的主要问题及改进情况\n政策解读还不够深入。2022年，我市将严格按照上级部署……"
    example_good = "某市2022年政府信息公开工作年度报告\n五、存在的主要问题及改进情况\n政策解读还不够深入。2023年，我市将严格按照上级部署……"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        section = report.section("problems")
        if section is None or report.year is None:
            return
        for s in report.sentences_in("problems"):
            sentence = s.text
            plans = [(int(m.group(g)), m.start(g)) for m in _PLAN.finditer(sentence) for g in ("y1", "y2", "y3") if m.group(g)]
            # A plan for a later year may mention this year for comparison: that sentence is fine.
            if not plans or any(y > report.year for y, _ in plans):
                continue
            year, at = plans[0]
            quote = " ".join(sentence.split())[:50]
            yield self.diagnostic(
                report,
                s.at(at, at + 4),
                f"改进计划写的是 {year} 年（“{quote}”），而本报告是 {report.year} 年度报告，计划应为 {report.year + 1} 年",
                f"the improvement plan is dated {year} (“{quote}”), but this is the report for {report.year}: "
                f"the plan should be for {report.year + 1}",
                plan_year=year,
                reporting_year=report.year,
            )


class YearMismatch(Rule):
    code = "GL302"
    name = "year-mismatch"
    severity = "error"
    summary = {
        "zh": "标题、统计期限和正文所报告的年份不一致",
        "en": "Title year, statistics-period year and the year the body reports on disagree",
    }
    explanation = {
        "zh": "报告年度可以从标题、统计期限（“统计期限为2022年1月1日至12月31日”）和总体情况开头（“2022年，我区……”）"
        "三处看出，三者应一致。govlint 以多数为准（配置 year 可直接指定），指出与之不符的那一处。",
        "en": "The reporting year shows in the title, the statistics period (统计期限为2022年1月1日至12月31日) and "
        "the opening of 总体情况 (2022年，我区…); they must agree. govlint takes the majority (or the configured "
        "year) and points at the source that disagrees.",
    }
    basis = _LAW
    example_bad = "某区2022年政府信息公开工作年度报告\n本报告中所列数据统计期限为2021年1月1日至12月31日。"
    example_good = "某区2022年政府信息公开工作年度报告\n本报告中所列数据统计期限为2022年1月1日至12月31日。"

    _NAMES = {
        "title": ("标题", "the title"),
        "statistics-period": ("统计期限", "the statistics period"),
        "overview-opening": ("总体情况开头", "the opening of 总体情况"),
    }

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        year = report.year
        if year is None:
            return
        for e in report.year_evidence:
            if e.source not in self._NAMES or e.value == year:
                continue
            zh, en = self._NAMES[e.source]
            agree = [self._NAMES.get(x.source, (x.source, x.source)) for x in report.year_evidence if x.value == year]
            by_zh = "、".join(a[0] for a in agree if a[0] in ("标题", "统计期限", "总体情况开头") or a[0] == "config") or "其他来源"
            by_en = ", ".join(a[1] for a in agree) or "other sources"
            yield self.diagnostic(
                report,
                _year_span(report, e),
                f"{zh}写的是 {e.value} 年，而{by_zh}表明本报告是 {year} 年度报告",
                f"{en} says {e.value}, but {by_en} give the reporting year as {year}",
                source=e.source,
                found=e.value,
                expected=year,
            )


def _year_span(report: Report, e: Evidence) -> Optional[Span]:
    """The year as written in the evidence, else the whole evidence."""
    return e.at or e.span


class LatePublication(Rule):
    code = "GL303"
    name = "late-publication"
    severity = "warning"
    summary = {
        "zh": "发布或落款日期晚于法定期限（部门 1 月 31 日，人民政府 3 月 31 日）",
        "en": "Published or signed after the statutory deadline (31 January for departments, 31 March for governments)",
    }
    explanation = {
        "zh": "条例第四十九条：县级以上人民政府部门应在每年 1 月 31 日前公布本部门上一年度报告；"
        "县级以上人民政府的报告由其政府信息公开工作主管部门在 3 月 31 日前公布。"
        "发布机关类型由名称推断：以“人民政府”“政府”或地名（某市、某区、某县）结尾的为人民政府；"
        "以“局、委、办、中心”等结尾的为部门；乡镇人民政府、街道办事处和开发区管委会按部门对待（1 月 31 日），"
        "因为它们向县级政府报送报告。推断不准时可在配置中设置 issuer-kind。"
        "日期取页面元数据的发布时间，没有则取文末落款日期；没有日期不报告。",
        "en": "Article 49: government departments publish their report for the previous year by 31 January; a "
        "people's government's report is published by its disclosure office by 31 March. The issuer kind comes "
        "from the name: ending in 人民政府, 政府 or a place name (某市, 某区, 某县) is a government; ending in "
        "局, 委, 办, 中心 … is a department; township governments, sub-district offices and development-zone "
        "committees count as departments (31 January) since they report to the county. Set issuer-kind in the "
        "configuration when the guess is wrong. The date is the page's publication date, else the signature "
        "date; with no date there is no finding.",
    }
    basis = _LAW
    example_bad = "某县交通运输局2022年政府信息公开工作年度报告\n……\n2023年2月15日"
    example_good = "某县交通运输局2022年政府信息公开工作年度报告\n……\n2023年1月16日"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        if report.date is None or report.year is None:
            return
        kind = context.options.get("issuer-kind") or report.issuer_kind
        if kind is None:
            return
        try:
            date = _dt.date.fromisoformat(str(report.date.value))
        except ValueError:
            return
        deadline = _dt.date(report.year + 1, 1, 31) if kind == "department" else _dt.date(report.year + 1, 3, 31)
        if date <= deadline:
            return
        who_zh = "部门" if kind == "department" else "人民政府"
        who_en = "a department" if kind == "department" else "a people's government"
        source = "发布时间" if report.date.source.startswith("metadata") else "落款日期"
        source_en = "published" if report.date.source.startswith("metadata") else "signed"
        issuer_en = f"“{report.issuer}”; " if report.issuer else ""
        yield self.diagnostic(
            report,
            report.date.span,
            f"{source}为 {date.isoformat()}，晚于{who_zh}（{report.issuer or '发布机关'}）{report.year} 年度报告的法定期限 "
            f"{deadline.isoformat()}（条例第四十九条）",
            f"{source_en} {date.isoformat()}, after the {deadline.isoformat()} deadline for {who_en}'s report for "
            f"{report.year} ({issuer_en}Regulations on the Disclosure of Government Information, art. 49)",
            issuer_kind=kind,
            deadline=deadline.isoformat(),
        )


@hookimpl
def govlint_rules() -> list:
    return [PlanYear(), YearMismatch(), LatePublication()]
