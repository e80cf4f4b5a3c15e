"""The Markdown reader: the sample report as converters write it, positions, sniffing, hostile input."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from govlint import api, plugins
from govlint.read.document import Document, Grid, Paragraph, Unreadable
from govlint.read.markdown import MAX_CELLS, MAX_COLUMNS, MarkdownReader, separator_cells, split_row
from tests import sample
from tests.build_markdown import build_markdown, flatten, generic_header
from tests.conftest import CORPUS, EXAMPLES, SEEDS, SIX
from tests.sample import blocks

READER = MarkdownReader()
NEW_TOTAL = {("3", "new", "total"): "106"}


def read(text: str, name: str = "r.md") -> Document:
    return READER.document(name, text.encode("utf-8"))


def paragraphs(doc: Document) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def grids(doc: Document) -> list[Grid]:
    return [b for b in doc.blocks if isinstance(b, Grid)]


def texts(grid: Grid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.by_row()]


def expected_paragraphs(bl: list[tuple]) -> list[str]:
    return sample.printed(bl)


def expected_tables(bl: list[tuple], repeat_merged: bool = False) -> list[list[list[str]]]:
    return [flatten(b[1], repeat_merged) for b in bl if b[0] == "table"]


def line_of(text: str, start: str) -> int:
    """1-based number of the first line of ``text`` that starts with ``start``."""
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith(start):
            return n
    raise AssertionError(f"no line starts with {start!r}")


# Rows of the sample written out, so the reading is checked against literal values too.
ROW_NEW = ["一、本年新收政府信息公开申请数量", "", "", "86", "9", "1", "2", "4", "3", "105"]
ROW_OPEN = ["三、本年度办理结果", "（一）予以公开", "", "38", "4", "1", "1", "2", "1", "47"]
ROW_4 = ["2", "1", "0", "1", "4", "1", "0", "1", "0", "2", "1", "0", "0", "1", "2"]


# ----------------------------------------------------------------------------- the sample, every variant


def test_plain_sample_paragraphs_and_tables():
    bl = blocks()
    doc = read(build_markdown(bl))
    assert doc.format == "markdown" and doc.encoding == "utf-8"
    assert [p.printed for p in paragraphs(doc)] == expected_paragraphs(bl)
    got = [texts(g) for g in grids(doc)]
    assert got == expected_tables(bl)
    t2, t3, t4 = got
    assert t2[0] == ["第二十条第（一）项", "", "", ""]  # the header line is a row like any other
    assert t2[2] == ["规章", "0", "0", "0"]
    assert t3[3] == ROW_NEW and t3[5][3:] == ROW_OPEN[3:]
    assert t4[-1] == ROW_4
    assert [g.rows for g in grids(doc)] == [14, 28, 4] and [g.cols for g in grids(doc)] == [4, 10, 15]
    assert all(c.rowspan == c.colspan == 1 for g in grids(doc) for c in g.cells)  # Markdown has no merges


def test_heading_styles_are_hints_from_levels():
    doc = read(build_markdown(blocks()))
    style = {p.text: p.style for p in paragraphs(doc)}
    assert style["云溪县2022年政府信息公开工作年度报告"] == "title"  # the one "#" above "##" sections
    assert all(style[h] == "heading1" for h in SIX)
    assert style["（一）主动公开"] == "heading2"
    assert style[expected_paragraphs(blocks())[1]] == ""


def test_bold_headings_lose_their_markers():
    bl = blocks()
    text = build_markdown(bl, bold_headings=True)
    assert "**一、总体情况**" in text
    doc = read(text)
    assert [p.printed for p in paragraphs(doc)] == expected_paragraphs(bl)
    style = {p.text: p.style for p in paragraphs(doc)}
    assert all(style[h] == "bold" for h in SIX) and style["（二）依申请公开"] == "bold"
    assert style["云溪县2022年政府信息公开工作年度报告"] == "title"
    p = next(p for p in paragraphs(doc) if p.text == "一、总体情况")
    assert (p.place.line, p.place.col) == (line_of(text, "**一、总体情况**"), 3)


def test_change_reaches_the_cell():
    doc = read(build_markdown(blocks(NEW_TOTAL)))
    assert texts(grids(doc)[1])[3][-1] == "106"


def test_per_row_tables_are_joined_back_row_by_row():
    bl = blocks()
    text = build_markdown(bl, per_row_tables=True)
    assert sum(line.startswith("|---|") for line in text.split("\n")) == 2 + 28  # one table per row of 三
    doc = read(text)
    got = [texts(g) for g in grids(doc)]
    assert got == expected_tables(bl)  # side by side, same width, nothing between: one table
    t3 = grids(doc)[1]
    assert t3.place.line == line_of(text, "| 本列数据的勾稽关系")
    new = next(c for c in t3.cells if c.row == 3 and c.col == 3)
    assert new.text == "86" and new.place.line == line_of(text, "| 一、本年新收")
    assert new.place.row == 4 and new.place.table == 2
    assert "30 pipe tables side by side joined into 3" in doc.evidence


def test_per_row_tables_with_wrong_headers():
    bl = blocks()
    text = build_markdown(bl, per_row_tables=True, wrong_header=True)
    doc = read(text)
    t2, t3, t4 = (texts(g) for g in grids(doc))
    generic = generic_header(10)
    assert t3[0] == generic  # the converter's header line, as written
    assert t3[1:] == expected_tables(bl)[1]
    assert t2[0] == generic_header(4) and t2[1][0] == "第二十条第（一）项"
    assert t4[0] == generic_header(15) and t4[-1] == ROW_4
    repeated = [d for d in doc.dropped if d[0] == "repeated-header"]
    assert len(repeated) == 27  # the first part's header stays a row; the other 27 are the converter's
    assert repeated[0][1].startswith("| 类别 | 数据1 |")
    lines = text.split("\n")
    assert all(lines[d[2].line - 1].startswith("| 类别 |") for d in repeated)


def test_wrong_header_rows():
    bl = blocks()
    doc = read(build_markdown(bl, wrong_header=True))
    for g, want in zip(grids(doc), expected_tables(bl)):
        rows = texts(g)
        assert rows[0] == generic_header(len(want[0]))
        assert rows[1:] == want


def test_repeat_merged_keeps_what_is_written():
    bl = blocks()
    doc = read(build_markdown(bl, repeat_merged=True))
    assert [texts(g) for g in grids(doc)] == expected_tables(bl, repeat_merged=True)
    t3 = texts(grids(doc)[1])
    assert t3[5] == ROW_OPEN[:2] + ["（一）予以公开"] + ROW_OPEN[3:]  # the colspan's text in both cells
    assert t3[6][0] == "三、本年度办理结果" and t3[3][:3] == ["一、本年新收政府信息公开申请数量"] * 3


def test_positions_of_rows_cells_and_paragraphs():
    text = build_markdown(blocks())
    doc = read(text)
    lines = text.split("\n")
    t3 = grids(doc)[1]
    row_line = line_of(text, "| 一、本年新收")
    for c in (c for c in t3.cells if c.row == 3):
        assert c.place.line == row_line
        assert (c.place.table, c.place.row, c.place.column) == (2, 4, c.col + 1)
        if c.text:
            assert lines[row_line - 1][c.place.col - 1 :].startswith(c.text)
    total = next(c for c in t3.cells if c.row == 3 and c.col == 9)
    assert lines[row_line - 1][total.place.col - 1 : total.place.col + 2] == "105"
    blank = next(c for c in t3.cells if c.row == 3 and c.col == 1)
    assert blank.text == "" and lines[row_line - 1][blank.place.col - 2] == "|"
    t4 = grids(doc)[2]
    assert {c.place.line for c in t4.cells if c.row == 3} == {line_of(text, "| 2 | 1 | 0 |")}
    h = next(p for p in paragraphs(doc) if p.text == "四、政府信息公开行政复议、行政诉讼情况")
    assert (h.place.line, h.place.col) == (line_of(text, "## 四、"), 4)
    body = expected_paragraphs(blocks())[1]
    p = next(p for p in paragraphs(doc) if p.text == body)
    assert (p.place.line, p.place.col) == (3, 1)


# ----------------------------------------------------------------------------- Markdown details


def test_cells_br_escaped_pipes_short_and_long_rows():
    text = "\n".join([
        "| 信息内容 | 本年新<br>制作数量 | a \\| b |",
        "|---|:---:|---:|",
        "| 规章 | 3 |",
        "| 规范性文件 | 1 | 2 | 9 |",
        "| **（一）予以公开** | `7` | &amp; |",
    ])
    g = grids(read(text))[0]
    assert texts(g) == [
        ["信息内容", "本年新制作数量", "a | b", ""],
        ["规章", "3", "", ""],  # a short row gets empty cells
        ["规范性文件", "1", "2", "9"],  # a long row widens the table
        ["（一）予以公开", "7", "&", ""],
    ]
    assert g.cols == 4 and g.rows == 4
    assert next(c for c in g.cells if c.row == 2 and c.col == 3).place.col == text.split("\n")[3].index("9") + 1


def test_split_row_and_separator():
    assert split_row("| a | b |") == [("a", 2), ("b", 6)]
    assert split_row("a | b") == [("a", 0), ("b", 4)]
    assert split_row("| a || b |") == [("a", 2), ("", 5), ("b", 7)]
    assert split_row("|") == [] and split_row("| x \\| y |") == [("x \\| y", 2)]
    assert separator_cells("|---|:---:|--:|") == 3
    assert separator_cells("--- | ---") == 2
    assert separator_cells("---") is None and separator_cells("| a |") is None and separator_cells("|||") is None
    assert separator_cells("|-- -|") is None


def test_lists_code_quotes_and_a_line_straight_after_a_table():
    text = "\n".join([
        "1. 信访举报投诉类申请",
        "2) 重复申请",
        "- 项目",
        "",
        "| 行政许可 | 8936 |",
        "|---|---|",
        "四、政府信息公开行政复议、行政诉讼情况",  # no blank line: GFM would make it a row
        "",
        "    本年度未发生行政诉讼。",  # indented four spaces: Markdown code, a report's prose
        "",
        "> 引用的文字",
        "> | 甲 | 乙 |",
        "> |---|---|",
        "> | 1 | 2 |",
        "",
        "第一行",
        "第二行<br>同一行的下半",
    ])
    doc = read(text)
    ps = paragraphs(doc)
    assert [(p.number, p.text) for p in ps] == [
        ("1.", "信访举报投诉类申请"), ("2)", "重复申请"), ("", "项目"),
        ("", "四、政府信息公开行政复议、行政诉讼情况"), ("", "本年度未发生行政诉讼。"), ("", "引用的文字"),
        ("", "第一行"), ("", "第二行"), ("", "同一行的下半"),
    ]
    assert ps[0].printed == "1.信访举报投诉类申请" and ps[0].place.col == 4
    assert ps[3].place.line == 7 and ps[4].place.col == 5
    assert [p.place.line for p in ps[-3:]] == [16, 17, 17]
    g1, g2 = grids(doc)
    assert texts(g1) == [["行政许可", "8936"]] and g1.place.line == 5
    assert texts(g2) == [["甲", "乙"], ["1", "2"]] and g2.place.line == 12 and g2.cells[0].place.col == 5
    assert g2.place.table == 2


def test_tables_in_a_row_without_blank_lines_and_different_widths():
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n| c |\n|---|\n| 3 |\n"
    gs = grids(read(text))
    assert [texts(g) for g in gs] == [[["a", "b"], ["1", "2"]], [["c"], ["3"]]]
    same = "| a | b |\n|---|---|\n| c | d |\n|---|---|\n"
    assert [texts(g) for g in grids(read(same))] == [[["a", "b"], ["c", "d"]]]
    apart = "| a | b |\n|---|---|\n\n说明文字\n\n| c | d |\n|---|---|\n"
    assert len(grids(read(apart))) == 2  # words between: two tables


def test_separator_count_differs_from_header():
    text = "| 类别 | 数据1 |\n|---|---|---|\n| （一）予以公开 | 38 | 4 | 47 |\n"
    assert texts(grids(read(text))[0]) == [["类别", "数据1", "", ""], ["（一）予以公开", "38", "4", "47"]]


def test_html_table_merges_front_matter_comments_images():
    text = "\n".join([
        "---",
        'title: "云溪县2022年政府信息公开工作年度报告"',
        "---",
        "<!-- 转换工具生成 -->",
        "<table>",
        '<tr><td rowspan="2">自然人</td><td colspan="2">法人或<br>其他组织</td></tr>',
        "<tr><td>商业企业</td><td></td></tr>",
        "</table>",
        "",
        "![二维码](qr.png)",
        "<p>一、<span>总体</span>情况</p>",
    ])
    doc = read(text)
    assert doc.title_hints[0][0] == "云溪县2022年政府信息公开工作年度报告" and doc.title_hints[0][1].line == 2
    g = grids(doc)[0]
    cells = {(c.row, c.col): c for c in g.cells}
    assert (cells[(0, 0)].text, cells[(0, 0)].rowspan) == ("自然人", 2)
    assert (cells[(0, 1)].text, cells[(0, 1)].colspan) == ("法人或其他组织", 2)
    assert (1, 0) not in cells and cells[(1, 2)].text == ""
    assert cells[(1, 1)].place.line == 7 and g.place.line == 5
    assert [p.text for p in paragraphs(doc)] == ["一、总体情况"]
    kinds = {d[0]: d for d in doc.dropped}
    assert kinds["comment"][1] == "转换工具生成" and kinds["image"][1] == "二维码" and "front-matter" in kinds


def test_crlf_and_gb18030():
    text = "## 一、总体情况\r\n\r\n| 规章 | 0 |\r\n|---|---|\r\n| 文件 | 12 |\r\n"
    doc = READER.document("r.md", text.encode("gb18030"))
    assert doc.encoding == "gb18030"
    assert paragraphs(doc)[0].text == "一、总体情况"
    assert texts(grids(doc)[0]) == [["规章", "0"], ["文件", "12"]]
    assert grids(doc)[0].cells[2].place.line == 5


# ----------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize("variant", [{}, {"per_row_tables": True, "wrong_header": True}, {"bold_headings": True}, {"repeat_merged": True}])
def test_can_read_the_variants_whatever_their_name(variant):
    data = build_markdown(blocks(), **variant).encode("utf-8")
    for name in ("r.md", "r.txt", "r"):
        assert READER.can_read(name, data[:4096]), name


def _text_reports() -> list[Path]:
    files = sorted(EXAMPLES.glob("*.txt"))
    assert files, "examples/*.txt missing"
    return files + sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))


def test_text_layouts_are_left_to_the_text_reader():
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS.parent} not present: only the examples are checked")
    for f in _text_reports():
        head = f.read_bytes()[:4096]
        assert not READER.can_read(str(f), head), f
        assert not READER.can_read(f.with_suffix(".md").name, head), f"{f} renamed .md"


def test_examples_are_not_markdown_even_without_shared():
    for f in sorted(EXAMPLES.glob("*.txt")):
        assert not READER.can_read(f.with_suffix(".md").name, f.read_bytes()[:4096]), f


def test_can_read_decides_from_content():
    table = "说明\n\n| 规章 | 0 |\n|---|---|\n".encode()
    assert READER.can_read("a.txt", table)
    headings = "# 标题\n\n## 一、总体情况\n\n正文。\n".encode()
    assert READER.can_read("a.txt", headings)  # table 二 can start beyond the first 4096 bytes
    one = "## 一、总体情况\n\n正文。\n".encode()
    assert READER.can_read("a.md", one) and not READER.can_read("a.txt", one)  # the name breaks the tie
    pipe_layout = "规章 |\n- |\n0 |\n行政规范性文件 |\n12 |\n".encode()
    assert not READER.can_read("a.txt", pipe_layout) and not READER.can_read("a.md", pipe_layout)
    assert not READER.can_read("a.md", "普通的一段文字。\n".encode())
    assert not READER.can_read("a.md", b"<!DOCTYPE html><html><body><table><tr><td>|---|</td></tr></table>")
    assert not READER.can_read("a.md", b"%PDF-1.7\n| a |\n|---|\n")
    assert not READER.can_read("a.md", b"PK\x03\x04" + os.urandom(200))
    # 4096 bytes cut inside a character: the head is still understood.
    long = ("| 规章 | 0 |\n|---|---|\n" + "正文" * 3000).encode()
    assert READER.can_read("a.txt", long[:4096])
    utf16 = "\ufeff## 一、总体情况\n\n| a | b |\n|---|---|\n".encode("utf-16-le")
    assert READER.can_read("a.txt", utf16[:4096])


# ----------------------------------------------------------------------------- hostile input


def _bounded(data: bytes, seconds: float = 10.0) -> object:
    start = time.perf_counter()
    try:
        got: object = READER.document("h.md", data)
    except Unreadable as e:
        assert e.reason_en and e.reason_zh
        got = e
    assert time.perf_counter() - start < seconds
    return got


def test_a_table_row_of_100000_cells_is_unreadable():
    row = "|" + " 1 |" * 100_000
    got = _bounded(f"{row}\n{'|---' * 100_000}|\n".encode())
    assert isinstance(got, Unreadable) and "100000 cells" in got.reason_en and str(MAX_COLUMNS) in got.reason_zh
    start = time.perf_counter()
    assert not READER.can_read("h.md", f"{row}\n|---|\n".encode()[:4096])  # no separator within the head
    assert time.perf_counter() - start < 0.1


def test_a_wide_line_that_is_no_table_is_prose():
    got = _bounded(("|" + " 1 |" * 100_000 + "\n").encode())
    assert isinstance(got, Document) and len(paragraphs(got)) == 1


def test_100000_lines_of_pipes():
    got = _bounded(b"|\n" * 100_000)
    assert isinstance(got, Document) and len(got.blocks) == 100_000 and not grids(got)
    got = _bounded(b"| a |\n|---|\n" + b"|\n" * 100_000)
    assert isinstance(got, Unreadable) and str(MAX_CELLS) in got.reason_en


def test_deep_nesting_and_junk():
    for data in (
        b">" * 100_000 + b" x\n",
        b"> " * 50_000 + b"| a |\n",
        b"- " * 50_000 + b"x\n",
        b"".join(b"  " * k + b"- x\n" for k in range(2000)),
        b"*a **" * 20_000,
        b"[" * 100_000 + b"](" * 10_000,
        b"`" * 50_000 + b"x" + b"``" * 20_000,
        b"<table>" * 20_000,
        b'<table><tr><td colspan="99999999" rowspan="99999999">x</td></tr>' + b"<tr><td>y</td></tr>" * 5000 + b"</table>",
        b"|" + b"\\|" * 100_000 + b"\n|---|\n",
    ):
        got = _bounded(data)
        assert isinstance(got, (Document, Unreadable))
    junk = _bounded(bytes(range(256)) * 400)
    assert isinstance(junk, Unreadable)


def test_undecodable_is_unreadable_with_reason():
    with pytest.raises(Unreadable) as e:
        READER.document("r.md", b"\xef\xbb\xbf| a |\n\xff\xfe\n")
    assert "UTF-8" in e.value.reason_en and e.value.reason_zh


# ----------------------------------------------------------------------------- end to end


def _lint(data: bytes):
    report = api.parse(READER.read("r.md", data))
    diags, errors = api.check(report)
    assert not errors
    return report, {d.code for d in diags}, diags


@pytest.mark.parametrize("variant", [{}, {"bold_headings": True}, {"per_row_tables": True, "wrong_header": True}])
def test_end_to_end_structure(variant):
    report, codes, _ = _lint(build_markdown(blocks(), **variant).encode())
    assert report.title is not None and report.title.text == "云溪县2022年政府信息公开工作年度报告"
    assert [s.number for s in report.sections] == ["一", "二", "三", "四", "五", "六"]
    assert {s.number: [t.id for t in s.tables] for s in report.sections if s.tables} == {
        "二": ["2.1", "2.5", "2.6", "2.8"], "三": ["3"], "四": ["4"],
    }
    assert not {c for c in codes if c.startswith("GL1")} and "GL201" not in codes  # table 四 is not missing


def test_end_to_end_places_are_markdown_lines():
    text = build_markdown(blocks(NEW_TOTAL))
    report, _, diags = _lint(text.encode())
    assert report.source.format == "markdown" and report.source.layout == "grid"
    placed = [d for d in diags if d.region is not None]
    assert placed and all(1 <= d.region.start_line <= text.count("\n") + 1 for d in placed)


# Markdown writes the positions a Word merge covered as blank cells (``| 行政许可 | 8936 |  |  |``):
# the aligner drops such blanks outside the value columns, so every table is read with certainty.


@pytest.mark.parametrize("variant", [{}, {"per_row_tables": True, "wrong_header": True}, {"bold_headings": True}])
def test_end_to_end_clean_and_a_wrong_total(variant):
    _, codes, _ = _lint(build_markdown(blocks(), **variant).encode())
    assert not {c for c in codes if c.startswith("GL2") or c == "GL003"}
    _, codes, _ = _lint(build_markdown(blocks(NEW_TOTAL), **variant).encode())
    assert "GL210" in codes and "GL003" not in codes


def _registered() -> bool:
    return any(getattr(r, "name", "") == "markdown" for r in plugins.readers())


def test_lint_bytes():
    assert _registered()
    result = api.lint_bytes(build_markdown(blocks()).encode(), "r.md")
    assert not {d.code for d in result.diagnostics if d.code.startswith("GL2") or d.code == "GL003"}
    result = api.lint_bytes(build_markdown(blocks(NEW_TOTAL)).encode(), "r.md")
    assert "GL210" in {d.code for d in result.diagnostics}
    result = api.lint_bytes(build_markdown(blocks(), per_row_tables=True, wrong_header=True).encode(), "r.md")
    codes = {d.code for d in result.diagnostics}
    assert "GL201" not in codes and not any(d.code == "GL003" and "table 3" in d.text("en") for d in result.diagnostics)
