"""The HTML reader: the article found by its content, span soup as clean text, grids with merges, places in the source.

Pages are built from the project's sample report (tests/build_html.py) with
the quirks of real saved pages; the one real page in shared/corpus/html is
read too when it is there.
"""

from __future__ import annotations

import re
import time
from typing import Optional

import pytest

from govlint.read.document import Document, Grid, GridCell, Paragraph, Unreadable
from govlint.read.html import HtmlReader, clean_text, decode_page, looks_like_html, read_html, title_part
from tests import sample
from tests.build_html import TITLE_SITE, build_html
from tests.conftest import CORPUS

READER = HtmlReader()
BLOCKS = sample.blocks()
TABLES = [b[1] for b in BLOCKS if b[0] == "table"]
TITLE = BLOCKS[0][1]
PINGTAN = CORPUS / "html" / "pingtan-2023-zone.html"

QUIRKS = {
    "plain": {},
    "soup": {"soup": True},
    "chrome": {"chrome": True},
    "gbk": {"encoding": "gbk"},
    "gbk-undeclared": {"encoding": "gbk", "declare_charset": False},
    "soup-gbk": {"soup": True, "encoding": "gbk"},
    "layout-table": {"layout_table": True},
    "crawler-text": {"crawler_header": True},
    "crawler-html": {"crawler_header": "html"},
    "soup-chrome-layout": {"soup": True, "chrome": True, "layout_table": True},
    "everything": {"soup": True, "chrome": True, "encoding": "gbk", "declare_charset": False, "layout_table": True,
                   "crawler_header": True},
}


def doc_of(**kw: object) -> tuple[bytes, Document]:
    data = build_html(BLOCKS, **kw)  # type: ignore[arg-type]
    return data, READER.document("r.html", data)


def expected_paragraphs(with_title: bool) -> list[str]:
    return sample.printed(BLOCKS, with_title)


def paragraphs(doc: Document) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def grids(doc: Document) -> list[Grid]:
    return [b for b in doc.blocks if isinstance(b, Grid)]


def unlisted(text: str) -> str:
    """Word's list numbering leaves a gap after the number (``三、 收到…``), as a browser shows it."""
    return re.sub(r"^([一二三四五六七八九十]+、)\s+", r"\1", text)


def assert_grid_is(g: Grid, rows: list[list[sample.C]]) -> None:
    full = sample.grid(rows)
    cells = {(c.row, c.col): c for c in g.cells}
    assert g.rows == len(full) and g.cols == len(full[0])
    assert len(cells) == sum(1 for line in full for c in line if c is not None)
    for r, line in enumerate(full):
        for c, want in enumerate(line):
            if want is None:
                assert (r, c) not in cells, f"row {r} col {c} is covered by a merge"
            else:
                got = cells[(r, c)]
                assert (got.text, got.rowspan, got.colspan) == (want.text, want.rowspan, want.colspan), (r, c)


# --- the sample with each quirk --------------------------------------------------------------


@pytest.mark.parametrize("quirk", list(QUIRKS))
def test_sample_paragraphs_and_tables(quirk: str) -> None:
    kw = QUIRKS[quirk]
    _, doc = doc_of(**kw)
    got = [unlisted(p.text) for p in paragraphs(doc)]
    assert got == expected_paragraphs(with_title=not kw.get("chrome"))
    assert len(grids(doc)) == 3
    for g, rows in zip(grids(doc), TABLES):
        assert_grid_is(g, rows)
    # Tables sit where the sample has them: right after their section's heading.
    kinds = ["table" if isinstance(b, Grid) else unlisted(b.text)[:2] for b in doc.blocks]
    assert kinds[kinds.index("二、") + 1] == "table"
    assert kinds[kinds.index("三、") + 1] == "table"
    assert kinds[kinds.index("四、") + 1] == "table"


@pytest.mark.parametrize("quirk", list(QUIRKS))
def test_places_point_into_the_source(quirk: str) -> None:
    kw = QUIRKS[quirk]
    data, doc = doc_of(**kw)
    assert doc.original == data.decode("gbk" if kw.get("encoding") == "gbk" else "utf-8")
    assert_places(doc, exact=not kw.get("soup"))


def test_places_beyond_line_65535() -> None:
    # libxml2 stops counting lines at 65535; the cursor does not.
    data = build_html(BLOCKS).replace(b"<body>", b"<body>" + b"<div>\n</div>\n" * 40_000)
    doc = READER.document("r.html", data)
    assert paragraphs(doc)[0].place.line == 80_008  # the <h1> is on line 8 of the page
    assert_places(doc, exact=True)


def assert_places(doc: Document, exact: bool) -> None:
    """Every paragraph and cell starts where its place says; grids at their <table> tag."""
    assert doc.original is not None
    lines = doc.original.splitlines()
    checked = 0
    for block in doc.blocks:
        if isinstance(block, Grid):
            p = block.place
            assert lines[p.line - 1][p.col - 1 :].lower().startswith("<table"), p
            for cell in block.cells:
                assert (cell.place.table, cell.place.row, cell.place.column) == (block.place.table, cell.row + 1, cell.col + 1)
                if cell.text:
                    assert lines[cell.place.line - 1][cell.place.col - 1] == cell.text[0], cell
                    checked += 1
            continue
        p = block.place
        src = lines[p.line - 1][p.col - 1 :]
        assert src[:1] == block.text[0], (block.text[:20], p)
        if exact:
            assert src.startswith(block.text[:20])  # one text node in the tidy page: the words themselves
        checked += 1
    assert checked > 300
    assert [g.place.table for g in grids(doc)] == [1, 2, 3]


def test_soup_cell_places_are_on_the_cells_own_lines() -> None:
    data, doc = doc_of(soup=True)
    lines = doc.original.splitlines()
    t3 = grids(doc)[1]
    new_total = next(c for c in t3.cells if c.row == 3 and c.col == 9)
    assert new_total.text == "105"
    assert lines[new_total.place.line - 1][new_total.place.col - 1 : new_total.place.col + 2] == "105"
    label = next(c for c in t3.cells if c.row == 3 and c.col == 0)
    assert label.text == "一、本年新收政府信息公开申请数量"  # two <p> in the cell, joined as printed
    assert label.place.line < new_total.place.line


def test_styles_the_markup_gives() -> None:
    _, doc = doc_of()
    style = {p.text: p.style for p in paragraphs(doc)}
    assert style[TITLE] == "title"  # <h1> as the article's first line
    assert style["一、总体情况"] == "heading1"  # <h2>
    assert style["（一）主动公开"] == "heading2"  # <h3>
    assert style["云溪县人民政府办公室"] == ""
    _, soup = doc_of(soup=True)
    style = {unlisted(p.text): p.style for p in paragraphs(soup)}
    assert style[TITLE] == "title"  # centred and bold
    assert style["一、总体情况"] == "bold"  # <b> spans only
    assert style["三、收到和处理政府信息公开申请情况"] == "bold"
    assert style["（一）主动公开"] == ""
    assert all(p.style == "" for p in paragraphs(soup) if len(p.text) > 40)


def test_site_chrome_is_left_out_and_listed() -> None:
    _, doc = doc_of(chrome=True)
    text = "\n".join(p.text for p in paragraphs(doc)) + "".join(c.text for g in grids(doc) for c in g.cells)
    for chrome in ("当前位置", "分享到", "打印", "关闭", "主办单位", "ICP", "相关链接", "浏览次数", "搜索", "999", "访问统计脚本", "办事服务"):
        assert chrome not in text, chrome
    kinds = {k for k, _, _ in doc.dropped}
    assert {"breadcrumb", "share", "print", "footer", "related", "metadata"} <= kinds
    dropped = {t: (k, p) for k, t, p in doc.dropped}
    assert dropped["当前位置：首页 > 政务公开 > 政府信息公开年报"][0] == "breadcrumb"
    kind, place = dropped["打印 关闭"]
    assert kind == "print"
    assert "打印" in doc.original.splitlines()[place.line - 1]
    assert "6 section headings and 3 statistics tables" in doc.evidence
    assert "class=content" in doc.evidence


def test_title_hints() -> None:
    data, doc = doc_of(chrome=True)
    assert TITLE not in [p.text for p in paragraphs(doc)]  # on this site the title is above the article
    assert doc.title_hints and doc.title_hints[0][0] == TITLE
    line = doc.original.splitlines()[doc.title_hints[0][1].line - 1]
    assert "<h1" in line and TITLE in line
    _, plain = doc_of()
    assert [t for t, _ in plain.title_hints] == [TITLE]
    assert title_part(TITLE + TITLE_SITE) == TITLE


@pytest.mark.parametrize(
    "page_title, want",
    [
        ("平潭综合实验区2023年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会",
         "平潭综合实验区2023年度政府信息公开工作年度报告"),
        ("某某县人民政府-某某县2022年政府信息公开工作年度报告", "某某县2022年政府信息公开工作年度报告"),
        ("某某县2022年政府信息公开工作年度报告 | 某某县人民政府", "某某县2022年政府信息公开工作年度报告"),
        ("某某市2022-2023年政府信息公开工作年度报告——某某市人民政府", "某某市2022-2023年政府信息公开工作年度报告"),
        ("通知公告_某某县人民政府", "通知公告"),
    ],
)
def test_title_part(page_title: str, want: str) -> None:
    assert title_part(page_title) == want


# --- encodings -------------------------------------------------------------------------------------


def test_encodings() -> None:
    assert doc_of(encoding="gbk")[1].encoding == "gb18030"
    assert doc_of(encoding="gbk", declare_charset=False)[1].encoding == "gb18030"
    assert doc_of(soup=True, encoding="gbk")[1].encoding == "gb18030"  # Word writes charset=gb2312
    assert doc_of()[1].encoding == "utf-8"
    # A crawler re-saved the page as UTF-8 and kept its GBK declaration: the bytes decide.
    data = build_html(BLOCKS, encoding="utf-8").replace(b'<meta charset="utf-8">', b'<meta charset="gbk">')
    text, enc, how = decode_page(data)
    assert enc == "utf-8" and "declared gb18030" in how and TITLE in text
    bom = b"\xef\xbb\xbf" + build_html(BLOCKS)
    doc = READER.document("r.html", bom)
    assert doc.encoding == "utf-8-sig" and paragraphs(doc)[0].text == TITLE
    # Places count characters of the decoded text, so GBK and UTF-8 pages agree.
    assert [b.place for b in doc_of(encoding="gbk")[1].blocks] == [b.place for b in doc_of()[1].blocks]


def test_undecodable_page_is_unreadable_with_advice() -> None:
    data = b"<html><body><p>" + bytes([0x81, 0x20]) * 2000 + b"</p></body></html>"
    with pytest.raises(Unreadable) as e:
        READER.document("r.html", data)
    assert "save it again as UTF-8" in e.value.reason_en and "UTF-8" in e.value.reason_zh


# --- crawler headers and layout tables ---------------------------------------------------------------


@pytest.mark.parametrize("variant", [True, "html"])
def test_crawler_header_is_dropped(variant: object) -> None:
    data, doc = doc_of(crawler_header=variant)
    assert looks_like_html(data[:4096])
    assert not any("原文链接" in p.text or "抓取时间" in p.text for p in paragraphs(doc))
    assert paragraphs(doc)[0].text == TITLE
    dropped = [(k, t, p) for k, t, p in doc.dropped if "抓取时间" in t]
    assert dropped
    line = doc.original.splitlines()[dropped[0][2].line - 1]
    assert "抓取时间" in line


def test_layout_table_is_descended_into() -> None:
    _, doc = doc_of(layout_table=True, chrome=True)
    assert len(grids(doc)) == 3  # the statistics tables nested in the layout cell, each its own grid
    assert not any(p.text in ("政务公开", "政府信息公开年报") for p in paragraphs(doc))
    assert any(k == "table" and "政务公开" in t for k, t, _ in doc.dropped)  # the navigation column's little table


def test_prose_in_a_one_column_frame_table() -> None:
    # Some offices frame the whole body: one cell holding every paragraph is a frame, not a table.
    paras = expected_paragraphs(True)[:8]
    page = "<html><body><table border=1><tr><td>" + "".join(f"<p>{p}</p>" for p in paras) + "</td></tr></table></body></html>"
    doc = read_html(page.encode())
    assert [p.text for p in paragraphs(doc)] == paras
    assert grids(doc) == []


def test_a_long_note_row_does_not_make_a_layout_table() -> None:
    note = "注：" + "本表数据由各乡镇和县级部门报送，经县政府办公室汇总核对，" * 8
    rows = TABLES[1] + [[sample.C(note, colspan=10)]]
    blocks = [b if b[0] != "table" or b[1] is not TABLES[1] else ("table", rows) for b in BLOCKS]
    doc = read_html(build_html(blocks))
    t3 = grids(doc)[1]
    assert t3.rows == 29 and _cell(t3, 28, 0).text == note and _cell(t3, 28, 0).colspan == 10


def test_headings_linked_from_a_sidebar_do_not_widen_the_article() -> None:
    side = "".join(f'<li><a href="#s{i}">{n}、{w}</a></li>' for i, (n, w) in enumerate(sample.SECTIONS))
    page = build_html(BLOCKS).replace(b"<body>", f'<body><div class="side"><ul>{side}</ul></div><div class="main">'.encode())
    page = page.replace(b"</body>", b"</div></body>")
    doc = read_html(page)
    assert "class=main" in doc.evidence
    assert [p.text for p in paragraphs(doc)] == expected_paragraphs(True)
    assert sum(1 for k, t, _ in doc.dropped if t == "一、总体情况") == 1


# --- span soup and cells --------------------------------------------------------------------------------


def test_clean_text() -> None:
    assert clean_text("\xa0\xa0\u3000一、\n 总体情况\u3000 ") == "一、总体情况"
    assert clean_text("本年\n2022年") == "本年2022年"  # a source line break beside Chinese is not a space
    assert clean_text("Total\n  2022") == "Total 2022"
    assert clean_text("本年\xa0新收") == "本年 新收"  # &nbsp; is a printed space
    assert clean_text("a\u200bb") == "ab"


def test_word_soup_cell_and_paragraph() -> None:
    page = (
        "<html><body><p class=MsoNormal><span style='font-family:宋体'>本年</span><span\nlang=EN-US>"
        "<font face='Times New Roman'>2022</font></span><span style='x'>年<o:p></o:p></span><b><span>新收</span></b>"
        "<span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
        "<table><tr><td><p class=MsoNormal><span>本年新</span></p><p><span>制作数量</span><o:p></o:p></p>"
        "<p><o:p>&nbsp;</o:p></p></td><td><p>&nbsp;</p></td><td>Total<br>2022</td></tr>"
        "<tr><td>规章</td><td>0</td><td>&#12288;</td></tr></table></body></html>"
    )
    doc = read_html(page.encode())
    assert paragraphs(doc)[0].text == "本年2022年新收"
    g = grids(doc)[0]
    assert [c.text for c in g.by_row()[0]] == ["本年新制作数量", "", "Total 2022"]
    assert [c.text for c in g.by_row()[1]] == ["规章", "0", ""]  # blank cells are cells with ""
    lines = doc.original.splitlines()
    first = g.by_row()[0][0]
    assert lines[first.place.line - 1][first.place.col - 1 :].startswith("本年新")
    blank = g.by_row()[0][1]
    assert lines[blank.place.line - 1][blank.place.col - 1 :].startswith("<td>")  # no text: the cell's tag


def _grid_of(rows_html: str) -> Grid:
    doc = read_html(f"<html><body><table border=1>{rows_html}</table></body></html>".encode())
    (g,) = grids(doc)
    return g


def _cells(g: Grid) -> list[tuple[str, int, int, int, int]]:
    return [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in sorted(g.cells, key=lambda c: (c.row, c.col))]


def test_merges_are_placed_the_html_way() -> None:
    g = _grid_of(
        "<tr><th rowspan=2>A</th><th colspan=2>B</th><td rowspan=3>X</td></tr>"
        "<tr><td>C</td><td>D</td></tr>"
        "<tr><td>E</td><td>F</td><td>G</td></tr>"
    )
    assert _cells(g) == [
        ("A", 0, 0, 2, 1), ("B", 0, 1, 1, 2), ("X", 0, 3, 3, 1),
        ("C", 1, 1, 1, 1), ("D", 1, 2, 1, 1),
        ("E", 2, 0, 1, 1), ("F", 2, 1, 1, 1), ("G", 2, 2, 1, 1),
    ]
    assert (g.rows, g.cols) == (3, 4)


def test_absurd_spans_are_clamped() -> None:
    g = _grid_of(
        '<tr><td rowspan="0">A</td><td colspan="99999999">B</td></tr>'
        '<tr><td rowspan="7000">C</td></tr><tr><td colspan="2x">D</td></tr>'
    )
    assert _cells(g) == [("A", 0, 0, 3, 1), ("B", 0, 1, 1, 1000), ("C", 1, 1, 2, 1), ("D", 2, 2, 1, 2)]


def test_word_zero_height_row_is_not_a_row() -> None:
    _, doc = doc_of(soup=True)
    assert [g.rows for g in grids(doc)] == [14, 28, 4]
    assert all(c.text or c.row < g.rows - 1 for g in grids(doc) for c in g.cells)


# --- sniffing -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("quirk", list(QUIRKS))
def test_can_read_the_built_pages(quirk: str) -> None:
    data = build_html(BLOCKS, **QUIRKS[quirk])  # type: ignore[arg-type]
    assert READER.can_read("report.txt", data[:4096])  # a .txt holding HTML is HTML
    assert READER.can_read("r.html", data[:4096])


@pytest.mark.parametrize(
    "head",
    [
        b"\xef\xbb\xbf<!DOCTYPE html><html>",
        b"<!-- saved from url=(0045)https://x.gov.cn/ -->\n<html><head>",
        b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
        "<html><body><p>一、总体情况</p>".encode("utf-16"),  # with its byte-order mark
        b"  \n<meta charset=gbk><title>x</title>",
        "<div class=WordSection1><p class=MsoNormal><span>一、总体情况</span></p><p><span>内容</span></p>"
        "<table><tr><td>1</td></tr></table></div>".encode(),
    ],
)
def test_can_read_html(head: bytes) -> None:
    assert looks_like_html(head)


@pytest.mark.parametrize(
    "head",
    [
        sample.plain_text().encode()[:4096],
        "云溪县2022年政府信息公开工作年度报告\n一、总体情况\n正文提到 <b> 标签一次。\n".encode(),
        "# 报告\n\n| 信息内容 | 本年制发件数 |<br>\n|---|---|\n| 规章 | 0 |\n<div align=center><span>x</span></div>"
        "<p>a</p><p>b</p><span>c</span><span>d</span>".encode(),
        b"%PDF-1.7\n<html>",
        b"",
    ],
)
def test_does_not_claim_other_files(head: bytes) -> None:
    assert not looks_like_html(head)


# --- the real page ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pingtan() -> Document:
    if not PINGTAN.is_file():
        pytest.skip(f"real page {PINGTAN.name} not found in {PINGTAN.parent} (shared/ not present)")
    return READER.document(str(PINGTAN), PINGTAN.read_bytes())


def _cell(g: Grid, row: int, col: int) -> GridCell:
    return next(c for c in g.cells if c.row == row and c.col == col)


def test_real_page_article_and_title(pingtan: Document) -> None:
    assert pingtan.evidence.startswith("article: <div class=TRS_Editor> at line 349 with 6 section headings and 3 statistics tables")
    assert pingtan.title_hints[0][0] == "平潭综合实验区2023年度政府信息公开工作年度报告"
    assert pingtan.title_hints[0][1].line == 295
    paras = [p.text for p in paragraphs(pingtan)]
    assert paras[0].startswith("本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号")
    assert paras[-1] == "2023年，无收取信息处理费情况。"
    heads = [p.text for p in paragraphs(pingtan) if p.style == "bold"]
    assert heads == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    everything = " ".join(paras)
    for chrome in ("当前位置", "微信", "QQ空间", "扫一扫", "附件下载", "网站标识码", "文件下载", "关闭"):
        assert chrome not in everything
    assert {"breadcrumb", "share", "footer"} <= {k for k, _, _ in pingtan.dropped}


def test_real_page_tables(pingtan: Document) -> None:
    t2, t3, t4 = grids(pingtan)
    assert (t2.rows, t2.cols, t3.rows, t3.cols, t4.rows, t4.cols) == (14, 4, 28, 10, 4, 15)
    assert [c.text for c in t2.by_row()[3]] == ["行政规范性文件", "77", "132", "470"]
    fees = _cell(t2, 13, 1)
    assert (fees.text, fees.colspan) == ("5949.088667", 3)
    assert _cell(t2, 6, 1).text == "2629"
    # Table 三: 80 natural persons and 1 business, 81 in all; the result block's merges.
    assert [c.text for c in t3.by_row()[3]] == ["一、本年新收政府信息公开申请数量", "80", "1", "0", "0", "0", "0", "81"]
    assert _cell(t3, 3, 0).colspan == 3
    result = _cell(t3, 5, 0)
    assert (result.text, result.rowspan) == ("三、本年度办理结果", 22)
    withheld = _cell(t3, 7, 1)
    assert (withheld.text, withheld.rowspan) == ("（三）不予公开", 8)
    assert (_cell(t3, 15, 2).text, _cell(t3, 15, 3).text) == ("1.本机关不掌握相关政府信息", "31")
    assert [_cell(t3, 26, c).text for c in (1, 3, 9)] == ["（七）总计", "80", "81"]
    assert (_cell(t3, 1, 3).text, _cell(t3, 1, 3).rowspan) == ("自然人", 2)
    # Table 四: 2 reviews, 5 + 2 lawsuits (the prose says 行政复议案件2件、行政诉讼案件7件).
    assert [_cell(t4, 3, c).text for c in (4, 9, 14)] == ["2", "5", "2"]
    direct = _cell(t4, 1, 5)
    assert (direct.text, direct.colspan) == ("未经复议直接起诉", 5)
    lines = pingtan.original.splitlines()
    for g in (t2, t3, t4):
        for c in g.cells:
            assert c.place.line == 349
            assert lines[348][c.place.col - 1] == c.text[0], c  # cells can be several <p>: the first character
    assert lines[348][_cell(t3, 15, 2).place.col - 1 :].startswith("1.本机关不掌握相关政府信息</p>")


# --- hostile input ------------------------------------------------------------------------------------

HOSTILE = {
    "nested-100k": (b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000, "unreadable"),
    "nested-spans": (b"<html><body>" + b"<span><b>" * 60_000 + b"x", "unreadable"),
    "nested-300": (b"<html><body>" + b"<div>" * 300 + "一、总体情况".encode() + b"</div>" * 300, "document"),
    "huge-spans": (b"<html><body><table><tr><td colspan=999999999 rowspan=999999999>a</td><td>b</td></tr></table>", "document"),
    "span-area": (b"<html><body><table><tr>" + b"<td colspan=1000 rowspan=1000>x</td>" * 3000 + b"</tr>"
                  + b"<tr><td>1</td></tr>" * 1000 + b"</table>", "unreadable"),
    "many-cells": (b"<html><body><table>" + (b"<tr>" + b"<td>1</td>" * 100 + b"</tr>") * 1000 + b"</table>", "unreadable"),
    "binary-after-html": (b"<html><body><p>hi</p>" + bytes(range(256)) * 200, "unreadable"),
    "high-bytes-after-html": (b"<html><body><p>hi</p>" + bytes(range(128, 256)) * 300, "any"),
    "empty": (b"", "document"),
    "empty-html": (b"<html></html>", "document"),
    "no-article": ("<html><head><title>页面不存在</title></head><body><div><a href='/'>首页</a></div>"
                   "<p>对不起，您访问的页面不存在！</p></body></html>".encode(), "document"),
    "unclosed-comment": (b"<html><body><!-- " + b"<p>x</p>" * 20_000, "document"),
    "unclosed-script": (b"<html><body><script>" + b"<p>x</p>" * 20_000, "document"),
    "comment-openers": (b"<html><body>" + b"<!--" * 100_000, "document"),
    "tag-openers": (b"<html><body>" + b"<a " * 100_000, "document"),
    "unterminated-quotes": (b'<html><body><p title="' + b"x" * 100_000 + b'>y</p>' + b'<p a="b>' * 10_000, "document"),
    "long-end-tag": (b"<html><body><p>x</p>y</" + b"a" * 1_000_000 + b" " + b"b" * 1_000_000, "document"),
    "long-attribute-runs": (b"<html><body><p " + b"a" * 500_000 + b">x</p><table><tr><td colspan='" + b" " * 500_000 + b"'>y", "document"),
    "one-huge-paragraph": (b"<html><body><p>" + "中".encode() * 3_000_000 + b"</p>", "document"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_input(case: str) -> None:
    data, want = HOSTILE[case]
    start = time.perf_counter()
    try:
        doc: Optional[Document] = READER.document("x.html", data)
    except Unreadable as e:
        doc = None
        assert e.reason_en and e.reason_zh
        assert "lint" in e.reason_en or "save" in e.reason_en  # says what to do
    assert time.perf_counter() - start < 5.0
    if want == "unreadable":
        assert doc is None
    elif want == "document":
        assert doc is not None
    if case == "huge-spans":
        assert doc is not None and _cells(grids(doc)[0]) == [("a", 0, 0, 1, 1000), ("b", 0, 1000, 1, 1)]
    if case == "no-article":
        assert doc is not None and doc.evidence.startswith("no article found")
        assert [p.text for p in paragraphs(doc)] == ["对不起，您访问的页面不存在！"]
    if case == "nested-300":
        assert doc is not None and [p.text for p in paragraphs(doc)] == ["一、总体情况"]
    if case == "empty":
        assert doc is not None and doc.blocks == []


def test_reader_read_turns_unreadable_into_a_decode_error() -> None:
    from govlint.read.encoding import DecodeError

    with pytest.raises(DecodeError):
        READER.read("x.html", b"<html><body>" + b"<div>" * 100_000)


# --- end to end -----------------------------------------------------------------------------------------


def _findings(data: bytes) -> list[str]:
    """Rule codes for a page read by this reader (render, the parser and the rules, as lint_bytes runs them)."""
    from govlint import api

    report = api.parse(READER.read("r.html", data))
    diags, errors = api.check(report)
    assert errors == []
    return [d.code for d in diags]


@pytest.mark.parametrize("quirk", ["plain", "soup", "chrome", "everything"])
def test_end_to_end_clean_sample(quirk: str) -> None:
    codes = _findings(build_html(BLOCKS, **QUIRKS[quirk]))  # type: ignore[arg-type]
    assert not [c for c in codes if c.startswith("GL2") or c == "GL003"], codes


@pytest.mark.parametrize("quirk", ["plain", "soup", "everything"])
def test_end_to_end_wrong_total(quirk: str) -> None:
    data = build_html(sample.blocks(change={("3", "new", "total"): "106"}), **QUIRKS[quirk])  # type: ignore[arg-type]
    assert "GL210" in _findings(data)


def test_end_to_end_real_page(pingtan: Document) -> None:
    from govlint import api

    report = api.parse(READER.read(str(PINGTAN), PINGTAN.read_bytes()))
    assert report.title is not None and report.title.text == "平潭综合实验区2023年度政府信息公开工作年度报告"
    diags, _ = api.check(report)
    codes = [d.code for d in diags]
    assert not [c for c in codes if c.startswith("GL2") or c in ("GL003", "GL101", "GL104", "GL502")], codes


def _registered() -> bool:
    from govlint import plugins

    return any(isinstance(r, HtmlReader) for r in plugins.readers())


def test_lint_bytes_end_to_end() -> None:
    from govlint import api

    assert _registered()
    good = api.lint_bytes(build_html(BLOCKS), "r.html")
    codes = [d.code for d in good.diagnostics]
    assert not [c for c in codes if c.startswith("GL2") or c == "GL003"], codes
    bad = api.lint_bytes(build_html(sample.blocks(change={("3", "new", "total"): "106"})), "r.html")
    wrong = [d for d in bad.diagnostics if d.code == "GL210"]
    assert wrong
    place = wrong[0].place
    assert place is not None and place.line is not None  # a line of the page's source


def test_control_characters_in_markup_are_read_not_a_failure() -> None:
    # Found by tools/fuzz_formats.py: libxml2 keeps a control character in an attribute name, and lxml
    # then refuses to hand the name back (ValueError, GL901). Each such character is read as a space.
    page = build_html(BLOCKS).replace(b"<head>", b"<head>\n<meta na\x01me=\"keywords\" content=\"x\">", 1)
    doc = HtmlReader().document("r.html", page)
    assert [p.printed for p in doc.blocks if isinstance(p, Paragraph)][:1] == ["云溪县2022年政府信息公开工作年度报告"]
