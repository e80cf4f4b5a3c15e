"""Table rules (GL2xx): presence, edition, cells and every identity of the statistics tables.

Every judgement here reads cells the aligner marked certain. A cell that is
not certain (an ambiguous table, GL003) is never added up: a false totals
error is the worst thing govlint can print.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from ..hookspecs import hookimpl
from ..identities import Outcome, arithmetic_value, evaluate
from ..model import Cell, Diagnostic, Related, Report, Span, Table
from ..rule import Context, Rule
from ..template import Edition, Template

_BASIS = {
    "zh": "国办公开办函〔2019〕60号、国办公开办函〔2021〕30号 年度报告格式",
    "en": "the annual-report templates 国办公开办函〔2019〕60号 and 〔2021〕30号",
}


def expected_edition(report: Report, template: Template) -> tuple[Optional[Edition], str, str]:
    """The edition the report should use, and why (zh, en)."""
    if report.year:
        ed = template.edition_for_year(report.year)
        if ed is not None:
            return ed, f"{report.year} 年度报告", f"a report for {report.year}"
        return None, "", ""
    eds = Counter(t.edition for t in report.tables if t.edition)
    if eds:
        name, _ = eds.most_common(1)[0]
        return template.editions[name], "报告中多数表格", "most of the report's tables"
    return template.current, "现行模板", "the current template"


def table_title(t: Table) -> tuple[str, str]:
    """How a table is named in messages (zh, en): the template's names."""
    return t.title.get("zh", t.name), t.title.get("en", t.name)


def _where(report: Report, t: Table, row: str, column: str) -> Span:
    c = t.cell(row, column)
    if c is not None and c.span is not None:
        return c.span
    return t.row_spans.get(row, t.span)


def _cell_name(t: Table, row: str, column: str) -> str:
    label = t.row_label(row) or "数据行"
    return f"“{label}”/“{t.column_label(column)}”"


def _cell_name_en(t: Table, row: str, column: str) -> str:
    label = t.row_label(row, "en") or "the data row"
    return f"{label} / {t.column_label(column, 'en')}"


class MissingTable(Rule):
    code = "GL201"
    name = "missing-table"
    severity = "error"
    summary = {"zh": "第二、三或四部分缺少统计表", "en": "Section 二, 三 or 四 has no statistics table"}
    explanation = {
        "zh": "第二部分应有第二十条第（一）（五）（六）（八）项四个表（2019 版另有第（九）项），第三部分应有"
        "“收到和处理政府信息公开申请情况”表，第四部分应有“行政复议、行政诉讼情况”表。"
        "缺少时逐一列出缺少的表。从网页或文档导出时丢失表格是最常见的原因。",
        "en": "Section 二 has the tables of 第二十条 items （一）（五）（六）（八） (and （九） in the 2019 edition), "
        "section 三 the requests table, section 四 the reconsideration and litigation table. Each missing table "
        "is named. Tables lost on export are the usual cause.",
    }
    basis = _BASIS
    example_bad = "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况"
    example_good = (
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n"
        "规章 | 0 | 0 | 0\n"
        "行政规范性文件 | 12 | 5 | 68\n"
        "第二十条第（五）项\n"
        "信息内容 | 本年处理决定数量\n"
        "行政许可 | 8936\n"
        "第二十条第（六）项\n"
        "信息内容 | 本年处理决定数量\n"
        "行政处罚 | 2417\n"
        "行政强制 | 163\n"
        "第二十条第（八）项\n"
        "信息内容 | 本年收费金额（单位：万元）\n"
        "行政事业性收费 | 1265.38"
    )

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        edition, _, _ = expected_edition(report, context.template)
        if edition is None:
            return
        present = {t.id for t in report.tables}
        for number in ("二", "三", "四"):
            section = next((s for s in report.sections if s.number == number), None)
            if section is None:
                continue  # GL101 already says the whole section is missing
            missing = [t for t in edition.tables if t.section == number and t.id not in present]
            if not missing:
                continue
            names = "、".join(t.caption or t.name for t in missing)
            names_en = "; ".join(t.name_en or t.display("en") for t in missing)
            spec = context.template.section(number)
            yield self.diagnostic(
                report,
                section.heading.span,
                f"{spec.display('zh')}缺少统计表：{names}",
                f"{spec.display('en')} is missing its statistics table(s): {names_en}",
                tables=[t.id for t in missing],
            )


class WrongEdition(Rule):
    code = "GL202"
    name = "wrong-format-edition"
    severity = "error"
    summary = {
        "zh": "统计表使用了与报告年度不符的模板版本（2019 版 / 2021 版）",
        "en": "A table follows the wrong template edition for the reporting year (2019 / 2021)",
    }
    explanation = {
        "zh": "2019、2020 年度报告使用国办公开办函〔2019〕60号格式；2021 年度起使用国办公开办函〔2021〕30号格式。"
        "两版的区别：第二部分的列（本年新制作数量 / 本年制发件数 等）和第（九）项；第三部分表的“（六）其他处理”"
        "在 2021 版分为三个子项。消息指出哪个表不符以及据以判断的行或列。",
        "en": "Reports for 2019 and 2020 use the 2019 template; reports for 2021 onward the 2021 template. They differ "
        "in section 二's columns (本年新制作数量 vs 本年制发件数 …) and item （九）, and in table 三, where "
        "（六）其他处理 is one row in 2019 and three sub-items in 2021. The message names the table that is off "
        "and the rows or columns that gave it away.",
    }
    basis = _BASIS
    example_bad = (
        "某县2022年政府信息公开工作年度报告\n"
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项\n"
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量\n"
        "规章 | 0 | 0 | 0"
    )
    example_good = (
        "某县2022年政府信息公开工作年度报告\n"
        "二、主动公开政府信息情况\n"
        "第二十条第（一）项\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数\n"
        "规章 | 0 | 0 | 0"
    )

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        edition, why_zh, why_en = expected_edition(report, context.template)
        if edition is None:
            return
        for t in report.tables:
            if t.edition is None or t.edition == edition.name:
                continue
            # Only positive evidence: wording only the other edition has, or its row count, read in this table.
            if not t.edition_evidence and not t.edition_note:
                continue
            zh, en = table_title(t)
            ev = "、".join(f"“{e}”" for e in t.edition_evidence[:4]) or t.edition_note.get("zh", "")
            ev_en = ", ".join(f"“{e}”" for e in t.edition_evidence[:4]) or t.edition_note.get("en", "")
            used = context.template.editions[t.edition]
            yield self.diagnostic(
                report,
                t.edition_at or t.span,
                f"{zh}使用的是{used.display('zh')}（依据：{ev}），而{why_zh}应使用{edition.display('zh')}（{edition.issued_by}）",
                f"{en} follows {used.display('en')} (found: {ev_en}), but {why_en} must use "
                f"{edition.display('en')} ({edition.issued_by})",
                table=t.id,
                found=t.edition,
                expected=edition.name,
            )


class MissingCells(Rule):
    precision = "very-high"
    code = "GL203"
    name = "missing-cells"
    severity = "error"
    summary = {"zh": "统计表缺少模板规定的行", "en": "Template rows are absent from a table"}
    explanation = {
        "zh": "模板的行和列不得擅自删减：即使数值为 0 也应保留。消息列出缺少的行，指向表格位置。",
        "en": "The template's rows and columns may not be dropped, even when their values are 0. The message lists "
        "the rows that are absent.",
    }
    basis = _BASIS
    example_bad = "二、主动公开政府信息情况\n第二十条第（六）项\n信息内容 | 本年处理决定数量\n行政处罚 | 12"
    example_good = "二、主动公开政府信息情况\n第二十条第（六）项\n信息内容 | 本年处理决定数量\n行政处罚 | 12\n行政强制 | 0"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        for t in report.tables:
            present = [r for r in t.rows if r not in t.missing_rows]
            if not t.missing_rows or not present:
                continue
            zh, en = table_title(t)
            labels = [t.row_label(r) for r in t.missing_rows]
            labels_en = [t.row_label(r, "en") for r in t.missing_rows]
            yield self.diagnostic(
                report,
                t.span,
                f"{zh}缺少 {len(labels)} 行：{'、'.join(labels)}",
                f"{en} is missing {len(labels)} row(s): {'; '.join(labels_en)}",
                table=t.id,
                rows=list(t.missing_rows),
            )


MAX_RELATED = 25
_KIND_ZH = {"blank": "空白", "dash": "横线或斜线", "text": "文字", "negative": "负数", "fraction": "小数"}
_KIND_EN = {"blank": "blank", "dash": "dash or slash", "text": "text", "negative": "negative", "fraction": "fractional"}


class NonNumericCell(Rule):
    code = "GL204"
    name = "non-numeric-cell"
    severity = "warning"
    summary = {
        "zh": "统计表中应填数字的单元格为空白、“-”、“/”、文字、负数或小数",
        "en": "A count cell is blank, '-', '/', text, negative or fractional",
    }
    explanation = {
        "zh": "件数、数量一律填写非负整数，没有发生的填 0，不应留空或填“-”“/”“无”。"
        "收费金额（万元）和 2019 版采购总金额是金额，可以有小数；2019 版“本年增/减”可以为负数。"
        "每个表只报告一次，列出有问题的单元格。",
        "en": "Counts are non-negative whole numbers; zero is written 0, not left blank or written -, / or 无. "
        "Fee amounts (万元) and the 2019 procurement amount are money and may have decimals; the 2019 column "
        "本年增/减 may be negative. One finding per table lists the cells.",
    }
    basis = _BASIS
    example_bad = "行政规范性文件 |\n|\n- |\n10 |"
    example_good = "行政规范性文件 |\n0 |\n0 |\n10 |"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        for t in report.tables:
            bad = [c for c in _cells_in_order(t) if c.certain and c.kind in _KIND_ZH]
            if not bad:
                continue
            kinds = Counter(c.kind for c in bad)
            zh, en = table_title(t)
            detail_zh = "、".join(f"{_KIND_ZH[k]} {n} 个" for k, n in kinds.most_common())
            detail_en = ", ".join(f"{n} {_KIND_EN[k]}" for k, n in kinds.most_common())
            sample = bad[:3]
            eg_zh = "；".join(f"{_cell_name(t, c.row, c.column)}为{_show(c)}" for c in sample)
            eg_en = "; ".join(f"{_cell_name_en(t, c.row, c.column)} is {_show_en(c)}" for c in sample)
            more = "等" if len(bad) > len(sample) else ""
            first = bad[0]
            yield self.diagnostic(
                report,
                first.span or t.row_spans.get(first.row, t.span),
                f"{zh}有 {len(bad)} 个单元格不是有效数字（{detail_zh}），如{eg_zh}{more}；没有发生的应填 0",
                f"{en} has {len(bad)} cell(s) that are not valid counts ({detail_en}), e.g. {eg_en}; "
                "write 0 where nothing happened",
                # Related locations are for viewers: the first cells; data["cells"] lists them all.
                related=[Related(c.span, _cell_name(t, c.row, c.column)) for c in bad[1:MAX_RELATED] if c.span is not None],
                table=t.id,
                cells=[(c.row, c.column, c.raw) for c in bad],
            )


def _show(c: Cell) -> str:
    return "空白" if c.kind == "blank" else f"“{c.raw}”"


def _show_en(c: Cell) -> str:
    return "blank" if c.kind == "blank" else f"“{c.raw}”"


def _cells_in_order(t: Table) -> list[Cell]:
    return [t.cells[(r, c)] for r in t.rows for c in t.columns if (r, c) in t.cells]


def _fmt(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


class _IdentityRule(Rule):
    """One identity family of the template; the identities themselves are template data."""

    precision = "very-high"
    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        for t in report.tables:
            if t.edition is None:
                spec = next((e.table(t.id) for e in context.template.editions.values() if e.table(t.id)), None)
            else:
                spec = context.template.editions[t.edition].table(t.id)
            if spec is None or not any(i.rule == self.code for i in spec.identities):
                continue
            # Every template row: a row the table lacks (cut off, lost) has no value, so an identity that
            # needs it is not judged. A sum over the rows that happen to be there proves nothing.
            for o in evaluate(spec, lambda r, c, t=t: arithmetic_value(t, r, c), t.rows, t.columns, rule=self.code):
                if not o.judged or o.holds:
                    continue
                yield self._finding(report, t, o)

    def _finding(self, report: Report, t: Table, o: Outcome) -> Diagnostic:
        ident = o.identity
        at = next(((r, c) for r, c in o.lhs + o.rhs if ident.at in (r, c)), o.lhs[0])
        zh_t, en_t = table_title(t)

        def names(cells, lang: str) -> str:
            # A row identity adds up columns, a column identity rows; 部分公开's long label is cut at its note.
            if ident.per == "row":
                return " + ".join(t.column_label(c, lang) for _, c in cells)
            blank = "数据行" if lang == "zh" else "the data row"
            return " + ".join((t.row_label(r, lang) or blank).split("（区分")[0] for r, _ in cells)

        def side(cells, value, lang: str) -> str:
            # One cell is its value (总计 106); a sum shows its terms and their total (86 + 9 + … = 105).
            if len(cells) == 1:
                return f"{names(cells, lang)} {_fmt(value)}"
            terms = " + ".join(_fmt(arithmetic_value(t, r, c)) for r, c in cells)
            return f"{names(cells, lang)} = {terms} = {_fmt(value)}"

        if ident.per == "row" and not t.row_label(o.line):
            where_zh, where_en = "", ""  # the one unlabeled row of table 四: the table says it
        elif ident.per == "row":
            where_zh = f"“{t.row_label(o.line)}”行"
            where_en = f", row “{t.row_label(o.line, 'en')}”"
        else:
            where_zh = f"“{t.column_label(o.line)}”列"
            where_en = f", column “{t.column_label(o.line, 'en')}”"
        off = _fmt(abs(o.lhs_value - o.rhs_value))
        return self.diagnostic(
            report,
            _where(report, t, *at),
            f"{zh_t}{where_zh}不符合{ident.display('zh')}：{side(o.lhs, o.lhs_value, 'zh')}，"
            f"而{side(o.rhs, o.rhs_value, 'zh')}，两者应相等（差 {off}）",
            f"{en_t}{where_en}: {ident.display('en')} does not hold: {side(o.lhs, o.lhs_value, 'en')}, "
            f"but {side(o.rhs, o.rhs_value, 'en')}; the two must be equal (off by {off})",
            related=[
                Related(s, _cell_name(t, r, c))
                for r, c in o.lhs + o.rhs
                if (r, c) != at and (s := _cell_span(t, r, c)) is not None
            ],
            table=t.id,
            line=o.line,
            expected=o.rhs_value,
            found=o.lhs_value,
        )


def _cell_span(t: Table, row: str, column: str) -> Optional[Span]:
    c = t.cell(row, column)
    return c.span if c is not None else None


class RowTotalMismatch(_IdentityRule):
    code = "GL210"
    name = "row-total-mismatch"
    severity = "error"
    summary = {
        "zh": "表三某行的“总计”不等于六类申请人之和",
        "en": "Table 三: a row's 总计 is not the sum of the six applicant columns",
    }
    explanation = {
        "zh": "表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。"
        "空白按 0 计。消息给出参与相加的数值、应有值和实际值，并指向“总计”单元格。",
        "en": "In every row of table 三: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 "
        "(blanks count as 0). The message shows the values added, the expected and the found value, and points "
        "at the 总计 cell.",
    }
    basis = _BASIS
    example_bad = "一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 5"
    example_good = "一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6"


class ColumnTotalMismatch(_IdentityRule):
    code = "GL211"
    name = "column-total-mismatch"
    severity = "error"
    summary = {
        "zh": "表三某列的“（七）总计”不等于各项办理结果之和",
        "en": "Table 三: in a column, （七）总计 is not the sum of the result rows",
    }
    explanation = {
        "zh": "表三每一列：（七）总计 = （一）予以公开 + （二）部分公开 + （三）不予公开各子项 + （四）无法提供各子项 + "
        "（五）不予处理各子项 + （六）其他处理（2021 版为三个子项）。",
        "en": "In every column of table 三: （七）总计 = （一） + （二） + the sub-items of （三）, （四）, （五） + "
        "（六） (three sub-items in the 2021 edition).",
    }
    basis = _BASIS
    example_bad = (
        "三、收到和处理政府信息公开申请情况\n"
        "三、本年度办理结果 | （一）予以公开 | 10 | 0 | 0 | 0 | 0 | 0 | 10\n"
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 0 | 0 | 0 | 0 | 2\n"
        "（三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "（四）无法提供 | 1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "（五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "（七）总计 | 11 | 0 | 0 | 0 | 0 | 0 | 11"
    )
    example_good = (
        "三、收到和处理政府信息公开申请情况\n"
        "三、本年度办理结果 | （一）予以公开 | 10 | 0 | 0 | 0 | 0 | 0 | 10\n"
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 0 | 0 | 0 | 0 | 2\n"
        "（三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "（四）无法提供 | 1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "（五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
        "（七）总计 | 12 | 0 | 0 | 0 | 0 | 0 | 12"
    )


class BalanceMismatch(_IdentityRule):
    code = "GL212"
    name = "balance-mismatch"
    severity = "error"
    summary = {
        "zh": "表三某列不符合勾稽关系：第一项加第二项之和不等于第三项加第四项之和",
        "en": "Table 三: in a column, 一 + 二 is not （七）总计 + 四 (the printed 勾稽关系)",
    }
    explanation = {
        "zh": "表头印有勾稽关系：本年新收 + 上年结转 = 本年度办理结果总计 + 结转下年度继续办理。消息指向"
        "“四、结转下年度继续办理”单元格，并列出四个数值。",
        "en": "The table header prints the identity: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理. The "
        "message points at the 结转下年度 cell and shows all four values.",
    }
    basis = _BASIS
    example_bad = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 15 | 0 | 0 | 0 | 0 | 0 | 15\n"
        "二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2\n"
        "（七）总计 | 15 | 0 | 0 | 0 | 0 | 0 | 15\n"
        "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0"
    )
    example_good = (
        "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 15 | 0 | 0 | 0 | 0 | 0 | 15\n"
        "二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2\n"
        "（七）总计 | 15 | 0 | 0 | 0 | 0 | 0 | 15\n"
        "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2"
    )


class ReviewLitigationTotalMismatch(_IdentityRule):
    code = "GL213"
    name = "review-litigation-total-mismatch"
    severity = "error"
    summary = {
        "zh": "表四某组的“总计”不等于结果维持、结果纠正、其他结果、尚未审结之和",
        "en": "Table 四: in a group, 总计 is not 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    }
    explanation = {
        "zh": "表四分行政复议、未经复议直接起诉、复议后起诉三组，每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。",
        "en": "Table 四 has three groups (行政复议, 未经复议直接起诉, 复议后起诉); in each, 总计 = 结果维持 + 结果纠正 + "
        "其他结果 + 尚未审结.",
    }
    basis = _BASIS
    example_bad = (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议 | 行政诉讼\n"
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
        "0 | 1 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0"
    )
    example_good = (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议 | 行政诉讼\n"
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
        "0 | 1 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0"
    )


@hookimpl
def govlint_rules() -> list:
    return [
        MissingTable(),
        WrongEdition(),
        MissingCells(),
        NonNumericCell(),
        RowTotalMismatch(),
        ColumnTotalMismatch(),
        BalanceMismatch(),
        ReviewLitigationTotalMismatch(),
    ]
