"""Structure rules (GL1xx): the title and the six required sections."""

from __future__ import annotations

from typing import Iterable, Optional

from ..hookspecs import hookimpl
from ..model import Diagnostic, Heading, Report, Section, Span
from ..normalize import key
from ..rule import Context, Rule
from ..template import SectionSpec

_BASIS = {
    "zh": "《中华人民共和国政府信息公开条例》第五十条；国办公开办函〔2019〕60号、〔2021〕30号年度报告格式",
    "en": "条例 (State Council Decree 711) art. 50; the annual-report template 国办公开办函〔2019〕60号 / 〔2021〕30号",
}


def _expected_place(report: Report, spec: SectionSpec) -> Span:
    """Where a missing section should have been: before the next one present, else after the last."""
    later = [s for s in report.sections if s.heading.ordinal > spec.ordinal or _order(s) > spec.ordinal]
    if later:
        first = min(later, key=lambda s: s.heading.span.start)
        return Span(first.heading.span.start, first.heading.span.end)
    if report.sections:
        last = max(report.sections, key=lambda s: s.body.end)
        end = max(last.body.end, last.heading.span.end)
        line_start = report.source.line_start(max(end - 1, 0))
        return Span(line_start, max(end, line_start + 1))
    if report.title is not None:
        return report.title.span
    return Span(0, 0)


def _order(section: Section) -> int:
    from ..template import numeral_value

    return numeral_value(section.number)


class MissingSection(Rule):
    code = "GL101"
    name = "missing-section"
    severity = "error"
    summary = {"zh": "缺少六个必备部分之一", "en": "One of the six required sections is missing"}
    explanation = {
        "zh": "年度报告必须包含六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；"
        "四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。"
        "缺少某一部分时报告此问题，并指出该部分应在的位置。",
        "en": "The report must contain six sections (一 … 六). When one is absent this rule names it and points "
        "at the place where it was expected.",
    }
    basis = _BASIS
    example_bad = "四、政府信息公开行政复议、行政诉讼情况\n……\n六、其他需要报告的事项\n无。"
    example_good = "四、政府信息公开行政复议、行政诉讼情况\n……\n五、存在的主要问题及改进情况\n……\n六、其他需要报告的事项\n无。"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        present = {s.key for s in report.sections}
        for spec in context.template.sections:
            if spec.key in present:
                continue
            yield self.diagnostic(
                report,
                _expected_place(report, spec),
                f"缺少第{spec.number}部分“{spec.heading}”",
                f"{spec.display('en')} is missing: expected the heading “{spec.heading}”",
                section=spec.key,
            )


class SectionOrder(Rule):
    code = "GL102"
    name = "section-order"
    severity = "error"
    summary = {
        "zh": "必备部分顺序错误，或顶级编号重复使用",
        "en": "Required sections out of order, or a top-level number used twice",
    }
    explanation = {
        "zh": "六个部分应按一至六的顺序出现，顶级编号（一、二、三……）在全文中只能各用一次。"
        "常见错误是在“一、总体情况”内部又用“一、二、三”作小标题，读者无法分辨各部分的边界。"
        "小标题应使用（一）（二）（三）。",
        "en": "The six sections appear in the order 一 to 六, and each top-level numeral is used once in the "
        "whole report. A common fault is numbering sub-headings inside 一、总体情况 as 一、二、三 again, so "
        "that the section boundaries are lost; sub-headings use （一）（二）（三）.",
    }
    basis = _BASIS
    example_bad = "一、总体情况\n一、重点领域信息公开\n二、政策解读\n二、主动公开政府信息情况"
    example_good = "一、总体情况\n（一）重点领域信息公开\n（二）政策解读\n二、主动公开政府信息情况"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        # Sections out of template order.
        seen: list[Section] = []
        for s in sorted(report.sections, key=lambda x: x.heading.span.start):
            spec = context.template.section(s.key)
            assert spec is not None
            earlier_higher = [p for p in seen if context.template.section(p.key).ordinal > spec.ordinal]  # type: ignore[union-attr]
            if earlier_higher:
                p = earlier_higher[0]
                pspec = context.template.section(p.key)
                assert pspec is not None
                line = report.source.line_of(p.heading.span.start)
                yield self.diagnostic(
                    report,
                    s.heading.span,
                    f"第{spec.number}部分“{spec.title}”出现在第{pspec.number}部分（第 {line} 行）之后，顺序应为一至六",
                    f"{spec.display('en')} comes after {pspec.display('en')} (line {line}); "
                    "the sections must appear in the order 1 to 6",
                    section=s.key,
                )
            seen.append(s)
        # A top-level numeral used twice.
        first: dict[int, tuple[int, str]] = {}  # ordinal -> (line, shown) of its first heading
        for h in report.headings:
            if h.ordinal in first:
                line, prev = first[h.ordinal]
                shown = _show(h)
                yield self.diagnostic(
                    report,
                    h.span,
                    f"顶级编号“{h.number}”重复使用：“{shown}”与第 {line} 行的“{prev}”编号相同；"
                    "部分内的小标题应使用（一）（二）……",
                    f"top-level number “{h.number}” is used twice: “{shown}” repeats the number of "
                    f"“{prev}” on line {line}; sub-headings inside a section are numbered “（一）”, “（二）” …",
                    number=h.number,
                )
            else:
                first[h.ordinal] = (report.source.line_of(h.span.start), _show(h))


def _show(h: Heading) -> str:
    return f"{h.number}{h.mark}{h.text}"


class HeadingStyle(Rule):
    code = "GL103"
    name = "heading-style"
    severity = "warning"
    summary = {
        "zh": "标题的编号标点或措辞与模板不一致",
        "en": "A heading's numbering punctuation or wording deviates from the template",
    }
    explanation = {
        "zh": "模板规定的六个部分标题为“一、总体情况”等，编号后使用顿号“、”。写成“四,”“五.”，"
        "或改动标题措辞（如“行政复议和诉讼”代替“行政复议、行政诉讼”），会妨碍检索和比对。消息中给出应有的标题。",
        "en": "The template's headings are 一、总体情况 and so on, with 、 after the numeral. 四, or 五. instead, or "
        "changed wording (行政复议和诉讼 for 行政复议、行政诉讼), get in the way of search and comparison. "
        "The message shows the expected heading.",
    }
    basis = _BASIS
    example_bad = "四,政府信息公开行政复议和诉讼情况"
    example_good = "四、政府信息公开行政复议、行政诉讼情况"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        for h in report.headings:
            spec: Optional[SectionSpec] = context.template.section(h.section_key) if h.section_key else None
            problems_zh: list[str] = []
            problems_en: list[str] = []
            if not h.mark:
                problems_zh.append("编号后缺少顿号“、”")
                problems_en.append("put “、” (the enumeration comma) after the numeral")
            elif h.mark != "、":
                problems_zh.append(f"编号后应使用顿号“、”，而不是“{h.mark}”")
                problems_en.append(f"use “、” (the enumeration comma) after the numeral, not “{h.mark}”")
            if spec is not None:
                is_section = any(s.heading is h for s in report.sections)
                if not is_section:
                    continue  # a repeated section heading: GL102's business
                if h.number != spec.number:
                    problems_zh.append(f"编号应为“{spec.number}”")
                    problems_en.append(f"the number should be “{spec.number}”")
                if key(h.text) != key(spec.title):
                    problems_zh.append(f"措辞应为“{spec.title}”")
                    problems_en.append(f"the wording should be “{spec.title}”")
                expected = spec.heading
            else:
                expected = f"{h.number}、{h.text}"
            if not problems_zh:
                continue
            yield self.diagnostic(
                report,
                h.span,
                f"标题“{_show(h)}”与模板不一致：{'；'.join(problems_zh)}。应为“{expected}”",
                f"heading “{_show(h)}” deviates from the template: {'; '.join(problems_en)}. Expected “{expected}”",
                expected=expected,
            )


class MissingTitle(Rule):
    code = "GL104"
    name = "missing-title"
    severity = "warning"
    summary = {
        "zh": "没有“<机关><年份>年政府信息公开工作年度报告”形式的标题",
        "en": "No title of the form <issuer><year>年政府信息公开工作年度报告",
    }
    explanation = {
        "zh": "标题说明报告由谁发布、报告哪一年，是检索、归档和年份核对的依据。govlint 在正文前的标题行、"
        "页面元数据（标题：……）和开头段落中的《……年度报告》里查找标题。",
        "en": "The title says who publishes the report and for which year; search, filing and the year checks "
        "depend on it. govlint looks for it in a title line before the body, in page metadata (标题: …) and in "
        "a quoted 《…年度报告》 in the opening paragraph.",
    }
    basis = _BASIS
    example_bad = "2021年政府信息公开工作年度报告\n一、总体情况"
    example_good = "某市2021年政府信息公开工作年度报告\n一、总体情况"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        t = report.title
        if t is None:
            first = report.sections[0].heading.span if report.sections else Span(0, 0)
            yield self.diagnostic(
                report,
                Span(first.start, first.end),
                "找不到报告标题：应在正文前写明“<发布机关><年份>年政府信息公开工作年度报告”",
                "no report title found: the body should be preceded by “<issuer><year>年政府信息公开工作年度报告”",
            )
        elif not t.issuer:
            yield self.diagnostic(
                report,
                t.span,
                f"标题“{t.text}”没有写明发布机关",
                f"the title “{t.text}” does not name the issuing body",
            )


class EmptySection(Rule):
    code = "GL105"
    name = "empty-section"
    severity = "error"
    summary = {"zh": "必备部分只有标题没有内容", "en": "A required section has a heading but no content"}
    explanation = {
        "zh": "某部分标题之后紧接着下一部分，说明内容缺失。第二、三、四部分出现这种情况，"
        "多半是从网页或文档导出时统计表丢失了。",
        "en": "The next section follows the heading directly: the content is missing. In sections 二, 三 and 四 "
        "this usually means the statistics tables were lost on export.",
    }
    basis = _BASIS
    example_bad = "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况"
    example_good = "二、主动公开政府信息情况\n第二十条第（一）项\n……"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        for s in report.sections:
            if s.has_content:
                continue
            spec = context.template.section(s.key)
            assert spec is not None
            tables = "（多半是导出时统计表丢失）" if spec.number in "二三四" else ""
            tables_en = " (the statistics tables were probably lost on export)" if spec.number in "二三四" else ""
            yield self.diagnostic(
                report,
                s.heading.span,
                f"第{spec.number}部分“{spec.title}”只有标题，没有内容{tables}",
                f"{spec.display('en')} has a heading but no content{tables_en}",
                section=s.key,
            )


@hookimpl
def govlint_rules() -> list:
    return [MissingSection(), SectionOrder(), HeadingStyle(), MissingTitle(), EmptySection()]
