"""Bounds on the work a hostile page can cause, and the advice given when a page passes one."""

from __future__ import annotations

from ..document import Unreadable

# Beyond these the page is not a report page.
MAX_ELEMENTS = 100_000
MAX_CELLS = 50_000
MAX_SPAN = 1000  # the HTML standard clamps colspan at 1000
MAX_GRID_AREA = 1_000_000  # sum of rowspan x colspan over all cells
MAX_DROPPED = 200


def not_a_report(what_en: str, what_zh: str) -> Unreadable:
    """``Unreadable`` for a page too big to be a report: what it has too much of, and what to lint instead."""
    return Unreadable(
        f"{what_en}; lint the report's .docx, PDF or text instead",
        f"{what_zh}；请改为检查报告的 .docx、PDF 或文本文件",
    )


def too_many_elements() -> Unreadable:
    return not_a_report(
        f"the page has more than {MAX_ELEMENTS:,} HTML elements: it is not a report page",
        f"此网页的 HTML 元素超过 {MAX_ELEMENTS:,} 个，不是年度报告页面",
    )


def too_many_cells() -> Unreadable:
    return not_a_report(
        f"the page has more than {MAX_CELLS:,} table cells: it is not a report page",
        f"此网页的表格单元格超过 {MAX_CELLS:,} 个，不是年度报告页面",
    )


def too_much_area() -> Unreadable:
    return not_a_report(
        f"the page's tables span more than {MAX_GRID_AREA:,} grid positions (rowspan/colspan): "
        "they are not report tables",
        f"此网页的表格合并范围超过 {MAX_GRID_AREA:,} 个位置（rowspan/colspan），不是年度报告表格",
    )


def too_deep() -> Unreadable:
    return not_a_report(
        "the page nests its elements deeper than the HTML parser follows (thousands of levels), so the rest of it "
        "cannot be read: it is not a report page",
        "此网页的元素嵌套层数过深（数千层），HTML 解析器无法读完，不是年度报告页面",
    )
