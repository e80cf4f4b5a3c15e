"""Input rules (GL0xx): the file itself."""

from __future__ import annotations

from typing import Iterable

from ..hookspecs import hookimpl
from ..model import Diagnostic, Report, Span
from ..rule import Context, Rule


class UnreadableInput(Rule):
    precision = "very-high"
    code = "GL001"
    name = "unreadable-input"
    severity = "error"
    needs_report = False
    summary = {
        "zh": "文件无法读取：不存在、无权限、不是普通文件、格式或编码无法识别",
        "en": "The file cannot be read: missing, not permitted, not a regular file, or a format or encoding govlint does not read",
    }
    explanation = {
        "zh": "govlint 读取 .docx、带文字层的 PDF、网页、Markdown 和文本文件。文件不存在、没有读取权限、"
        "不是普通文件（文件夹、管道、设备），是 govlint 无法读取的格式（旧版 .doc/.wps、RTF、图片、没有文字层的扫描版 PDF），"
        "文本编码无法识别（依次尝试 UTF-8（含或不含 BOM）、UTF-16（带 BOM）和 GB18030），或超过单份报告的大小上限时，"
        "报告此问题，说明原因和处理办法（例如用 Word 或 WPS 另存为 .docx）。",
        "en": "govlint reads .docx, PDF with a text layer, web pages, Markdown and text files. When the file does not exist, "
        "cannot be read for lack of permission, is not a regular file (a folder, a pipe, a device), is in a format govlint "
        "does not read (legacy .doc/.wps, RTF, images, a scanned PDF without a text layer), is text in an encoding it "
        "cannot identify (it tries UTF-8 with or without a BOM, UTF-16 with a BOM, then GB18030), or is larger than the "
        "size limit for one report, this rule fires and says why and what to do (for example: save it as .docx in Word or WPS).",
    }
    example_bad = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>"
    example_good = "某县2022年政府信息公开工作年度报告\n一、总体情况\n……"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        # Emitted by the pipeline when no reader can decode the file.
        return ()


class NotAReport(Rule):
    code = "GL002"
    name = "not-a-report"
    severity = "error"
    needs_report = False
    summary = {
        "zh": "找不到标题和六个部分的任何标题：文件可能不是政府信息公开工作年度报告",
        "en": "No title and none of the six section headings: probably not an annual report",
    }
    explanation = {
        "zh": "年度报告应有“<机关><年份>年政府信息公开工作年度报告”形式的标题，以及“一、总体情况”至"
        "“六、其他需要报告的事项”六个部分。两者都找不到时，其余规则不再运行，以免对非报告文件给出大量误报。",
        "en": "An annual report has a title of the form <issuer><year>年政府信息公开工作年度报告 and the six "
        "sections 一、总体情况 … 六、其他需要报告的事项. When neither is found the other rules are not run, "
        "so that a file that is not a report does not drown in findings.",
    }
    example_bad = "会议纪要\n今天召开了会议……"
    example_good = "某县2022年政府信息公开工作年度报告\n一、总体情况\n……"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        if report.title is not None or report.sections:
            return
        if report.source.blank:
            zh = "文件为空，不是年度报告"
            en = "the file is empty: not an annual report"
        else:
            zh = "找不到报告标题，也找不到“一、总体情况”等六个部分的任何标题：文件可能不是政府信息公开工作年度报告"
            en = (
                "found no report title and none of the six section headings (“一、总体情况” …): "
                "the file is probably not a government information-disclosure annual report"
            )
        yield self.diagnostic(report, Span(0, 0), zh, en)


class UnreadableTable(Rule):
    code = "GL003"
    name = "unreadable-table"
    severity = "warning"
    summary = {
        "zh": "统计表无法确定地对齐到模板（单元格缺失、合并或数字连写），相关算术核对被跳过",
        "en": "A statistics table cannot be aligned to the template with certainty; its arithmetic checks are skipped",
    }
    explanation = {
        "zh": "导出网页、Word 或 PDF 时，表格常会丢失空单元格、把数字连在一起（如“713000074”），"
        "或把行标签与数字分开。govlint 只在文本能确定单元格位置，或只有一种放置方式符合表内勾稽关系时才读取表格；"
        "否则报告此问题，说明原因，并列出因此跳过的核对。错误的合计报警比漏报更糟糕。",
        "en": "Exports from web pages, Word and PDF drop empty cells, run numbers together (713000074) or "
        "separate row labels from their numbers. govlint reads a table only when the text makes each cell's "
        "place certain, or when exactly one placement satisfies the table's own identities. Otherwise this "
        "rule says why and which checks were skipped: a false totals error is worse than a missed one.",
    }
    example_bad = "一、本年新收政府信息公开申请数量 |\n13 |\n13 |\n（七列中只剩两个数字，无法确定各自所在的列）"
    example_good = "一、本年新收政府信息公开申请数量 |\n13 |\n|\n|\n|\n|\n|\n13 |"

    def check(self, report: Report, context: Context) -> Iterable[Diagnostic]:
        for t in report.tables:
            if t.readable:
                continue
            label = t.short.get("zh", t.name)
            certain = sum(1 for c in t.cells.values() if c.certain)
            if t.skipped_checks:
                skipped_zh = f"。涉及不确定单元格的核对（{'、'.join(t.skipped_checks)}）已跳过"
                skipped_en = f". Checks involving the uncertain cells ({', '.join(t.skipped_checks)}) were skipped"
            else:
                skipped_zh = skipped_en = ""
            extra_zh = f"；其余 {certain} 个可确定的单元格照常核对" if certain else ""
            extra_en = f"; the {certain} cells that are certain are still checked" if certain else ""
            title_en = t.title.get("en", f"table {t.id}")
            yield self.diagnostic(
                report,
                t.failed_at or t.span,
                f"{label}（{t.name}）无法确定地读取：{t.reason_zh}{skipped_zh}{extra_zh}",
                f"{title_en} cannot be read with certainty: {t.reason}{skipped_en}{extra_en}",
                table=t.id,
                skipped=list(t.skipped_checks),
            )


def unreadable(path: str, zh: str, en: str) -> Diagnostic:
    """GL001: the file cannot be read as a report (``zh`` / ``en``: the reason). Made by the pipeline,
    which is where a file fails to be read."""
    return UnreadableInput.whole_file(path, f"无法读取此文件：{zh}", f"cannot read this file: {en}")


@hookimpl
def govlint_rules() -> list:
    return [UnreadableInput(), NotAReport(), UnreadableTable()]
