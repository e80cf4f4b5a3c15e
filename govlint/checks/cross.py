"""Rules across reports (GL6xx): last year's report of the same issuer, other issuers' reports in the run.

They read summaries (``govlint.cross.summary``), never whole reports, and run
once every report of the run is read. A report with no partner is not
checked by them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Optional

from ..cross.pairing import Pair
from ..cross.run import Run
from ..cross.summary import SectionPrint, Summary
from ..hookspecs import hookimpl
from ..model import Diagnostic
from ..rule import Context, ReportsRule

DEFAULT_SHARE = 0.5
# A section with less prose than this (normalised characters) is a formula (无。 本年度未发生…):
# it repeats every year by right.
MIN_SECTION_CHARS = 60
# Copying is more than one shared sentence.
MIN_SHARED_SENTENCES = 2
# A sentence in this many reports of different issuers is the template's or a province's formula.
COMMON = 3


def _fmt(v: Optional[float]) -> str:
    if v is None:
        return "?"
    return str(int(v)) if float(v).is_integer() else str(v)


def _labels(context: Context, table: str, row: str, column: str) -> tuple[str, str]:
    """A cell's name in messages (zh, en) from the template (the current edition's wording)."""
    for e in (context.template.current, *context.template.editions.values()):
        spec = e.table(table)
        if spec is not None and spec.row(row) is not None:
            zh = f"“{spec.row_label(row)}”/“{spec.column_label(column)}”"
            en = f"{spec.row_label(row, 'en')} / {spec.column_label(column, 'en')}"
            return zh, en
    return f"{row}/{column}", f"{row} / {column}"


def _table_names(context: Context, table: str) -> tuple[str, str]:
    spec = context.template.table_spec(table)
    return (spec.display("zh"), spec.display("en")) if spec else (table, table)


def _section_names(context: Context, key: str) -> tuple[str, str]:
    spec = context.template.section(key)
    return (spec.display("zh"), spec.display("en")) if spec else (key, key)


class CarryOverMismatch(ReportsRule):
    precision = "very-high"
    code = "GL601"
    name = "carry-over-mismatch"
    severity = "error"
    summary = {
        "zh": "本年“二、上年结转政府信息公开申请数量”与上年报告的“四、结转下年度继续办理”不一致",
        "en": "This year's applications carried over from last year differ from what last year's report carried over",
    }
    explanation = {
        "zh": "表三中，上年报告的“四、结转下年度继续办理”就是本年报告的“二、上年结转政府信息公开申请数量”，"
        "两者应按申请人类别逐列相等。只比较同一发布机关相邻两年的报告（批量检查时按机关名称和年度自动配对，"
        "或用 --previous 指定上年报告），两个单元格都确定读取时才比较。消息给出两个报告、两个单元格和两个数值。",
        "en": "In table 3, what last year's report carried over to next year (4. 结转下年度继续办理) is what this "
        "year's report carries over from last year (2. 上年结转), column by column. Only two reports of the same "
        "issuer for consecutive years are compared (paired by issuer and year in a batch, or named with "
        "--previous), and only cells read with certainty. The message names both reports, both cells and both "
        "values.",
    }
    basis = {"zh": "国办公开办函〔2021〕30号 年度报告格式", "en": "the annual-report template 国办公开办函〔2021〕30号"}
    summary_cells = (("3", "carried", "*"), ("3", "carry_next", "*"))
    example_context = "pair"
    example_previous = "四、结转下年度继续办理 | 4 | 0 | 0 | 0 | 0 | 0 | 4"
    example_bad = "二、上年结转政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3"
    example_good = "二、上年结转政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4"

    def check_reports(self, run: Run, context: Context) -> Iterable[Diagnostic]:
        table_zh, table_en = _table_names(context, "3")
        for p in run.pairs:
            columns = [k.split("/", 2)[2] for k in p.this.cells if k.startswith("3/carried/")]
            for column in columns:
                now = p.this.cell("3", "carried", column)
                before = p.previous.cell("3", "carry_next", column)
                if now is None or before is None or now.value is None or before.value is None or now.value == before.value:
                    continue
                here_zh, here_en = _labels(context, "3", "carried", column)
                there_zh, there_en = _labels(context, "3", "carry_next", column)
                yield self.finding(
                    p.this.path,
                    now,
                    f"{table_zh}{here_zh}为 {_fmt(now.value)}，而上年报告（{p.previous.path}）{there_zh}为 {_fmt(before.value)}："
                    "本年的上年结转应等于上年的结转下年度",
                    f"{table_en}, {here_en} is {_fmt(now.value)}, but last year's report ({p.previous.path}) "
                    f"carried {_fmt(before.value)} over ({there_en}): the two must be equal",
                    related=[(p.previous.path, before, f"上年报告：{table_zh}{there_zh}")],
                    column=column,
                    found=now.value,
                    expected=before.value,
                    previous=p.previous.path,
                )


class StockDiscontinuity(ReportsRule):
    precision = "medium"
    code = "GL602"
    name = "stock-discontinuity"
    severity = "note"
    summary = {
        "zh": "2021 版：上年现行有效件数 + 本年制发件数 − 本年废止件数 ≠ 本年现行有效件数",
        "en": "2021 edition: last year's documents in force + issued − repealed ≠ this year's in force",
    }
    explanation = {
        "zh": "第二部分第（一）项表中，规章和行政规范性文件的“现行有效件数”应承接上年：上年现行有效件数加本年制发、"
        "减本年废止，一般等于本年现行有效件数。文件也会因到期等原因失效，所以这只是提示（note）。"
        "只在相邻两年的报告都用 2021 版且单元格都确定读取时比较。",
        "en": "In section 2's table for Article 20 (1), the documents in force carry on from last year: last year's "
        "in force, plus those issued this year, minus those repealed, is usually this year's in force. Documents "
        "also lapse, so this is a note. Compared only when both years' reports use the 2021 template and the "
        "cells were read with certainty.",
    }
    basis = {"zh": "国办公开办函〔2021〕30号 年度报告格式", "en": "the annual-report template 国办公开办函〔2021〕30号"}
    summary_cells = (
        ("2.1", "rules", "made"), ("2.1", "rules", "repealed"), ("2.1", "rules", "in_force"),
        ("2.1", "normative", "made"), ("2.1", "normative", "repealed"), ("2.1", "normative", "in_force"),
    )
    example_context = "pair"
    # Rows of the table of Article 20 (1): 本年制发件数 | 本年废止件数 | 现行有效件数.
    example_previous = "行政规范性文件 | 0 | 5 | 5"
    example_bad = "行政规范性文件 | 3 | 0 | 9"
    example_good = "行政规范性文件 | 3 | 0 | 8"

    def check_reports(self, run: Run, context: Context) -> Iterable[Diagnostic]:
        table_zh, table_en = _table_names(context, "2.1")
        for p in run.pairs:
            if p.this.editions.get("2.1") != "2021" or p.previous.editions.get("2.1") != "2021":
                continue
            for row in ("rules", "normative"):
                made, repealed, now = (p.this.cell("2.1", row, c) for c in ("made", "repealed", "in_force"))
                before = p.previous.cell("2.1", row, "in_force")
                cells = (made, repealed, now, before)
                if any(c is None or c.value is None for c in cells):
                    continue
                assert made and repealed and now and before
                expected = before.value + made.value - repealed.value  # type: ignore[operator]
                if expected == now.value:
                    continue
                zh, en = _labels(context, "2.1", row, "in_force")
                yield self.finding(
                    p.this.path,
                    now,
                    f"{table_zh}{zh}为 {_fmt(now.value)}，而上年报告（{p.previous.path}）现行有效 {_fmt(before.value)} 件 + "
                    f"本年制发 {_fmt(made.value)} 件 − 本年废止 {_fmt(repealed.value)} 件 = {_fmt(expected)} 件"
                    "（文件也可能因到期失效，请核对）",
                    f"{table_en}, {en} is {_fmt(now.value)}, but last year's report ({p.previous.path}) had "
                    f"{_fmt(before.value)} in force, + {_fmt(made.value)} issued − {_fmt(repealed.value)} repealed "
                    f"= {_fmt(expected)} (documents may also have lapsed: check)",
                    related=[(p.previous.path, before, f"上年报告：{table_zh}{zh}")],
                    row=row,
                    found=now.value,
                    expected=expected,
                    previous=p.previous.path,
                )


def _share(section: SectionPrint, seen) -> tuple[int, int, Optional[str]]:
    """Characters of ``section`` in sentences ``seen(hash)`` accepts, how many such sentences, the first one."""
    chars = count = 0
    first: Optional[str] = None
    for h, size, quote in zip(section.hashes, section.sizes, section.quotes):
        if seen(h):
            chars += size
            count += 1
            first = first or quote
    return chars, count, first


def _repeated(rule, context, this: Summary, key: str, partner: Summary, chars: int, count: int, first, zh, en, **data):
    """A GL603/GL604 finding on section ``key`` of ``this``: the share, the first shared sentence, the other report.

    ``zh`` is (what it shares with, advice, the related location's name), ``en`` (what it shares with, advice).
    """
    section = this.sections[key]
    share = chars / section.chars
    pct = round(share * 100)
    name_zh, name_en = _section_names(context, key)
    return rule.finding(
        this.path,
        section,
        f"{name_zh}的文字有 {pct}%（{chars}/{section.chars} 字，{count} 句）{zh[0]}，如“{first}…”{zh[1]}",
        f"{pct}% of the prose of {name_en} ({chars} of {section.chars} characters, {count} sentences) {en[0]}, "
        f"e.g. “{first}…”{en[1]}",
        related=[(partner.path, partner.sections[key], zh[2])] if key in partner.sections else [],
        section=key,
        share=round(share, 3),
        **data,
    )


def _threshold(context: Context) -> float:
    v = context.options.get("repeat-threshold")
    return float(v) if v is not None else DEFAULT_SHARE


class RepeatedFromLastYear(ReportsRule):
    precision = "medium"
    code = "GL603"
    name = "repeated-from-last-year"
    severity = "warning"
    summary = {
        "zh": "某部分的文字大量重复上年报告（内容雷同）",
        "en": "A section's prose largely repeats last year's report",
    }
    explanation = {
        "zh": "年度报告应反映当年工作。某部分（第一至五部分的文字，不含统计表；第六部分多为固定表述，不比较）中与上年同一机关报告相同的句子"
        "（年份和数字不同也算相同）超过该部分文字的一半（配置 repeat-threshold 可改，0 到 1 之间）即提示。"
        "很短的部分（如“无。”）和很短的句子不计。消息给出重复比例和第一句重复的句子。",
        "en": "An annual report reports its own year. When more than half of a section's prose (sections 1 to 5, "
        "the tables left out; section 6 is mostly formulas and is not compared) is in sentences that last "
        "year's report of the same issuer also has (years and "
        "numbers apart), the section is reported; the share is the repeat-threshold option (0 to 1). Very short "
        "sections and sentences do not count. The message gives the share and the first repeated sentence.",
    }
    basis = {"zh": "国办公开办函〔2021〕30号（内容雷同）", "en": "国办公开办函〔2021〕30号 (content copied)"}
    example_context = "pair"
    example_previous = (
        "五、存在的主要问题及改进情况\n"
        "我县政府信息公开工作仍存在一些不足，政策解读的形式还比较单一。2022年，我县将进一步丰富政策解读的形式，"
        "推行图解和视频解读。同时加强政务公开队伍建设，定期组织业务培训，提高工作人员的业务水平。"
    )
    example_bad = (
        "五、存在的主要问题及改进情况\n"
        "我县政府信息公开工作仍存在一些不足，政策解读的形式还比较单一。2023年，我县将进一步丰富政策解读的形式，"
        "推行图解和视频解读。同时加强政务公开队伍建设，定期组织业务培训，提高工作人员的业务水平。"
    )
    example_good = (
        "五、存在的主要问题及改进情况\n"
        "依申请公开答复文书的说理还不够充分，个别答复的救济途径告知不完整。2023年，我县将制定答复文书范本，"
        "对疑难申请实行合法性审核，每半年组织一次答复文书评查，并把评查结果纳入年度考核。"
    )

    def check_reports(self, run: Run, context: Context) -> Iterable[Diagnostic]:
        threshold = _threshold(context)
        for p in run.pairs:
            last = {h for s in p.previous.sections.values() for h in s.hashes}
            yield from self._pair(p, last, threshold, context)

    def _pair(self, p: Pair, last: set, threshold: float, context: Context) -> Iterable[Diagnostic]:
        for key, section in p.this.sections.items():
            if section.chars < MIN_SECTION_CHARS:
                continue
            chars, count, first = _share(section, last.__contains__)
            share = chars / section.chars
            if count < MIN_SHARED_SENTENCES or share <= threshold:
                continue
            yield _repeated(
                self, context, p.this, key, p.previous, chars, count, first,
                (f"与上年报告（{p.previous.path}）相同", "：应写本年度的情况", "上年报告的同一部分"),
                (f"repeats last year's report ({p.previous.path})", ": report this year's work"),
                previous=p.previous.path,
            )


class CopiedFromOtherIssuer(ReportsRule):
    precision = "medium"
    code = "GL604"
    name = "copied-from-other-issuer"
    severity = "warning"
    summary = {
        "zh": "某部分的文字与本次检查中另一机关的报告大量相同（内容雷同）",
        "en": "A section's prose is largely the same as another issuer's report in the run",
    }
    explanation = {
        "zh": "同一批检查的报告中，某部分文字与另一发布机关报告相同的句子超过该部分的一半（repeat-threshold）即提示，"
        "两份报告各报告一次，并指出对方文件。很多机关都写的句子（出现在三个以上机关的报告中：模板或上级要求的固定表述）"
        "不计；发布机关不明的报告不比较。",
        "en": "When more than half of a section's prose (the repeat-threshold option) is in sentences another "
        "issuer's report in the same run also has, both reports are told, each naming the other file. Sentences "
        "that three or more issuers write (the template's or a province's formulas) do not count; reports whose "
        "issuer is not known are not compared.",
    }
    basis = {"zh": "国办公开办函〔2021〕30号（内容雷同）", "en": "国办公开办函〔2021〕30号 (content copied)"}
    example_context = "other-issuer"
    example_previous = RepeatedFromLastYear.example_previous.replace("2022年", "2023年")
    example_bad = RepeatedFromLastYear.example_bad
    example_good = RepeatedFromLastYear.example_good

    def check_reports(self, run: Run, context: Context) -> Iterable[Diagnostic]:
        threshold = _threshold(context)
        known = [s for s in run.summaries if s.issuer_key]
        # Each sentence's reports by issuer: a fingerprint index, so that the work is in the shared
        # sentences, not in every pair of reports.
        index: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for i, s in enumerate(known):
            for section in s.sections.values():
                for h in section.hashes:
                    index[h][s.issuer_key].add(i)
        for s in known:
            for key, section in s.sections.items():
                if section.chars < MIN_SECTION_CHARS:
                    continue
                shared: dict[int, list[int]] = defaultdict(list)  # other report -> positions of shared sentences
                for pos, h in enumerate(section.hashes):
                    issuers = index[h]
                    if len(issuers) >= COMMON or len(issuers) < 2:
                        continue
                    for issuer, reports in issuers.items():
                        if issuer == s.issuer_key:
                            continue
                        for j in reports:
                            shared[j].append(pos)
                best = self._best(section, shared, known)
                if best is None:
                    continue
                other, chars, count, first = best
                share = chars / section.chars
                if count < MIN_SHARED_SENTENCES or share <= threshold:
                    continue
                yield _repeated(
                    self, context, s, key, other, chars, count, first,
                    (f"与另一机关（{other.issuer}）的报告（{other.path}）相同", "", "另一机关报告的同一部分"),
                    (f"is the same as in another issuer's report ({other.issuer}, {other.path})", ""),
                    other=other.path,
                )

    @staticmethod
    def _best(section: SectionPrint, shared: dict[int, list[int]], known: list[Summary]):
        best = None
        for j, positions in shared.items():
            positions = sorted(set(positions))
            chars = sum(section.sizes[k] for k in positions)
            if best is None or chars > best[1]:
                best = (known[j], chars, len(positions), section.quotes[positions[0]])
        return best


@hookimpl
def govlint_cross_rules() -> list:
    return [CarryOverMismatch(), StockDiscontinuity(), RepeatedFromLastYear(), CopiedFromOtherIssuer()]
