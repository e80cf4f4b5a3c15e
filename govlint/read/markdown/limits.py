"""The bounds on the work one Markdown file may cost, and the reasons given when a file passes them."""

from __future__ import annotations

from ..document import Unreadable

MAX_COLUMNS = 1000  # a report's widest table (四) has 15 columns
MAX_CELLS = 100_000  # a whole report holds about 500
MAX_SPAN = 1000  # rowspan/colspan of an HTML cell, clamped
FRONT_MATTER_LINES = 200


def too_many_cells() -> Unreadable:
    return Unreadable(
        f"the tables hold more than {MAX_CELLS} cells; a report's tables hold about 500, "
        "so this is not a report (check that the file is a report and that its conversion worked)",
        f"表格共有超过 {MAX_CELLS} 个单元格，年度报告的表格约有 500 个单元格，这不是年度报告"
        "（请检查文件是否为年度报告、转换是否成功）",
    )


def row_too_wide(line: int, cells: int) -> Unreadable:
    """A pipe-table row at the 1-based ``line`` with more than ``MAX_COLUMNS`` cells."""
    return Unreadable(
        f"the table row at line {line} has {cells} cells, more than the {MAX_COLUMNS} govlint "
        "reads; a report's tables have at most about 20 columns, so this is not a report table "
        "(check that the file is a report and that its conversion to Markdown worked)",
        f"第{line}行的表格行有 {cells} 个单元格，超过 govlint 读取的上限 {MAX_COLUMNS}；"
        "年度报告的表格最多约 20 列，这不是报告的表格（请检查文件是否为年度报告、转换为 Markdown 是否成功）",
    )


def html_table_too_wide(line: int) -> Unreadable:
    """An HTML table starting at the 1-based ``line`` wider than ``MAX_COLUMNS``."""
    return Unreadable(
        f"the HTML table at line {line} is more than {MAX_COLUMNS} columns wide; a report's tables "
        "have at most about 20 columns, so this is not a report table",
        f"第{line}行的 HTML 表格超过 {MAX_COLUMNS} 列，年度报告的表格最多约 20 列，这不是报告的表格",
    )
