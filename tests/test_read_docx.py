"""The .docx reader: every quirk of real Word files reads as the sample prints.

The files are built here (``tests/build_docx.py``) from the project's own
sample report; nothing binary is kept in the repository.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import zipfile
from io import BytesIO

import pytest

from govlint.read.document import Document, Grid, Paragraph, Place, Unreadable
from govlint.read.docx import MAX_PART, DocxReader, chinese_number, format_number
from tests import sample
from tests.build_docx import (
    DELETED_CELL,
    DELETED_PROSE,
    add_numbering,
    build_docx,
    docx_bytes,
    make_package,
    new_document,
    number_paragraph,
    p,
    restart_list,
    run_xml,
    tbl,
    tc,
    tr,
)

READER = DocxReader()


def read(data: bytes) -> Document:
    return READER.document("r.docx", data)


def paragraphs(doc: Document) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def grids(doc: Document) -> list[Grid]:
    return [b for b in doc.blocks if isinstance(b, Grid)]


def expected_printed(blocks: list) -> list[str]:
    return sample.printed(blocks)


def assert_like_sample(doc: Document, blocks: list) -> None:
    """Paragraphs (as printed) and every grid position equal the sample's; places numbered as the brief says."""
    paras = paragraphs(doc)
    assert [x.printed for x in paras] == expected_printed(blocks)
    assert [x.place for x in paras] == [Place(paragraph=i) for i in range(1, len(paras) + 1)]
    tables = [b[1] for b in blocks if b[0] == "table"]
    got = grids(doc)
    assert len(got) == len(tables)
    for t, (g, rows) in enumerate(zip(got, tables), start=1):
        full = sample.grid(rows)
        assert (g.rows, g.cols) == (len(full), len(full[0])), f"table {t}"
        assert g.place == Place(table=t)
        cells = {(c.row, c.col): c for c in g.cells}
        want = {(r, c): x for r, line in enumerate(full) for c, x in enumerate(line) if x is not None}
        assert set(cells) == set(want), f"table {t}: cells at {sorted(set(cells) ^ set(want))}"
        for pos, x in want.items():
            c = cells[pos]
            assert (c.text, c.rowspan, c.colspan) == (x.text, x.rowspan, x.colspan), f"table {t} at {pos}"
            assert c.place == Place(table=t, row=pos[0] + 1, column=pos[1] + 1)
    # document order: each table right after the heading of its section
    kinds = ["g" if isinstance(b, Grid) else b.printed[:2] for b in doc.blocks]
    for numeral in "二三四":
        assert kinds[kinds.index(numeral + "、") + 1] == "g"


# ------------------------------------------------------------------ the sample, each quirk

QUIRKS = [
    {},
    {"numbering": True},
    {"bold_headings": True},
    {"heading_styles": True},
    {"tracked_change": True},
    {"two_paragraph_cell": True},
    {"bookmarks": False},
    {"comment": True},
    {"numbering": True, "heading_styles": True, "tracked_change": True, "two_paragraph_cell": True, "comment": True},
]


@pytest.mark.parametrize("quirks", QUIRKS, ids=lambda q: "+".join(q) or "plain")
def test_sample_reads_as_printed(quirks):
    blocks = sample.blocks()
    doc = read(build_docx(blocks, **quirks))
    assert doc.format == "docx"
    assert_like_sample(doc, blocks)


def test_word_numbering_puts_the_number_outside_the_text():
    doc = read(build_docx(sample.blocks(), numbering=True))
    heads = [x for x in paragraphs(doc) if x.number]
    assert [(x.number, x.text) for x in heads if x.number.endswith("、")] == [(n + "、", w) for n, w in sample.SECTIONS]
    assert [x.number for x in heads if x.number.startswith("（")] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert heads[1].text == "主动公开"
    assert "numbered" in doc.evidence


def test_style_hints():
    plain = paragraphs(read(build_docx(sample.blocks())))
    assert plain[0].style == "bold"  # the title is typed in bold
    assert {x.style for x in plain[1:]} == {""}
    bold = paragraphs(read(build_docx(sample.blocks(), bold_headings=True)))
    assert [x.printed for x in bold if x.style == "bold"][1:3] == ["一、总体情况", "（一）主动公开"]
    styled = paragraphs(read(build_docx(sample.blocks(), heading_styles=True)))
    assert styled[0].style == "title"
    assert [x.style for x in styled if x.printed.startswith("三、")] == ["heading1"]
    assert [x.style for x in styled if x.printed.startswith("（二）依申请")] == ["heading2"]
    assert [x.style for x in styled if x.printed.startswith("2022年，我县")] == [""]


def test_tracked_changes_read_as_printed():
    doc = read(build_docx(sample.blocks(), tracked_change=True))
    assert not any(DELETED_PROSE in x.text for x in paragraphs(doc))
    table3 = grids(doc)[1]
    total = next(c for c in table3.cells if c.row == 3 and c.col == 9)
    assert total.text == "105" != DELETED_CELL
    assert "tracked changes" in doc.evidence


def test_two_paragraph_cell_is_joined_without_a_space():
    doc = read(build_docx(sample.blocks(), two_paragraph_cell=True))
    head = next(c for c in grids(doc)[0].cells if c.row == 1 and c.col == 1)
    assert head.text == "本年制发件数"


def test_comment_is_not_body_text_but_is_listed_as_dropped():
    doc = read(build_docx(sample.blocks(), comment=True))
    assert not any("批注" in x.text for x in paragraphs(doc))
    assert [(k, t) for k, t, _ in doc.dropped] == [("comment", "批注：这句话请再核实。")]


def test_a_changed_sample_value_reaches_the_grid():
    doc = read(build_docx(sample.blocks(change={("3", "new", "total"): "106"})))
    assert next(c for c in grids(doc)[1].cells if (c.row, c.col) == (3, 9)).text == "106"


def test_build_docx_writes_real_merges(tmp_path):
    out = tmp_path / "r.docx"
    data = build_docx(sample.blocks(), out)
    assert out.read_bytes() == data
    xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode()
    assert xml.count('w:vMerge w:val="restart"') >= 10 and "<w:vMerge/>" in xml and 'w:gridSpan w:val="7"' in xml


# ------------------------------------------------------------------ LibreOffice round trip

@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_a_docx_saved_again_by_libreoffice_reads_the_same(tmp_path):
    blocks = sample.blocks()
    src = tmp_path / "in" / "report.docx"
    src.parent.mkdir()
    build_docx(blocks, src, numbering=True, tracked_change=True, two_paragraph_cell=True, comment=True)
    out = tmp_path / "out"
    profile = tmp_path / "profile"
    try:
        proc = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
             "--outdir", str(out), str(src)], capture_output=True, text=True, timeout=180,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("LibreOffice did not finish converting within 180 s")
    saved = out / "report.docx"
    assert saved.is_file(), proc.stdout + proc.stderr
    data = saved.read_bytes()
    assert data != src.read_bytes()
    doc = read(data)
    assert_like_sample(doc, blocks)
    assert [x.number for x in paragraphs(doc) if x.number.endswith("、")] == [n + "、" for n, _ in sample.SECTIONS]


# ------------------------------------------------------------------ numbering

def test_chinese_numerals():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 99, 100, 101, 110, 1010)] == [
        "一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百〇一", "一百一十", "一千〇一十"]
    assert format_number(101, "chineseCountingThousand") == "一百零一"
    assert format_number(12, "chineseLegalSimplified") == "壹拾贰"
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(7, "decimalZero") == "07"
    assert format_number(5, "somethingNew") == "5"


def test_levels_restart_and_lists_continue_like_word():
    doc = new_document()
    nid = add_numbering(doc, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    plan = [(0, "甲"), (1, "a"), (2, "x"), (2, "y"), (1, "b"), (2, "z"), (0, "乙"), (1, "c"), (0, "丙")]
    for ilvl, text in plan:
        number_paragraph(doc.add_paragraph(text), nid, ilvl)
    doc.add_paragraph("正文")
    number_paragraph(doc.add_paragraph("续"), nid, 0)  # same list after ordinary prose: continues
    number_paragraph(doc.add_paragraph("重来"), restart_list(doc, nid), 0)  # startOverride: starts again
    got = [(x.number, x.text) for x in paragraphs(read(docx_bytes(doc)))]
    assert got == [("一、", "甲"), ("（一）", "a"), ("1.", "x"), ("2.", "y"), ("（二）", "b"), ("1.", "z"),
                   ("二、", "乙"), ("（一）", "c"), ("三、", "丙"), ("", "正文"), ("四、", "续"), ("一、", "重来")]


def test_multi_level_text_start_values_and_never_restart():
    doc = new_document()
    nid = add_numbering(doc, [("decimal", "第%1章", 3), ("decimal", "%1.%2", 1, 0)])
    for ilvl, text in [(1, "前"), (0, "甲"), (1, "a"), (0, "乙"), (1, "b")]:
        number_paragraph(doc.add_paragraph(text), nid, ilvl)
    got = [x.number for x in paragraphs(read(docx_bytes(doc)))]
    # level 1 referenced before level 0 was used: level 0 shows its start; lvlRestart 0: never restarts
    assert got == ["3.1", "第3章", "3.2", "第4章", "4.3"]


def test_numbering_through_a_paragraph_style_and_bullets():
    numbering = (
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:pStyle w:val="H1"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="一, 二, 三, ..."/></mc:Choice>'
        '<mc:Fallback><w:numFmt w:val="chineseCountingThousand"/></mc:Fallback></mc:AlternateContent>'
        '<w:lvlText w:val="（%1）"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>'
    )
    styles = ('<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="报告一级标题"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    body = (p("总体情况", ppr='<w:pStyle w:val="H1"/>')
            + p("要点", ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>')
            + p("细目", ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>')
            + p("不编号", ppr='<w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr>')
            + p("主动公开", ppr='<w:pStyle w:val="H1"/>'))
    got = [(x.number, x.text) for x in paragraphs(read(make_package(body, styles=styles, numbering=numbering)))]
    assert got == [("一、", "总体情况"), ("", "要点"), ("（一）", "细目"), ("", "不编号"), ("二、", "主动公开")]


def test_numbered_paragraph_inside_a_table_cell_is_printed_with_its_number():
    doc = new_document()
    nid = add_numbering(doc, [("decimal", "%1.")])
    t = doc.add_table(rows=2, cols=2)
    for r in range(2):
        cell = t.cell(r, 0)
        cell.paragraphs[0].add_run(["属于国家秘密", "其他"][r])
        number_paragraph(cell.paragraphs[0], nid, 0)
        t.cell(r, 1).paragraphs[0].add_run(str(r))
    (g,) = grids(read(docx_bytes(doc)))
    assert [c.text for c in g.cells] == ["1.属于国家秘密", "0", "2.其他", "1"]


# ------------------------------------------------------------------ text as printed

def test_fields_tabs_breaks_hidden_text_and_references():
    fld = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x" </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run_xml("门户网站") +
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    body = (
        p("通过", fld, "公开", '<w:r><w:tab/></w:r>', "信息")
        + p("第一行", "<w:r><w:br/></w:r>", "第二行")
        + p("看得见", '<w:r><w:rPr><w:vanish/></w:rPr><w:t>看不见</w:t></w:r>', "的字")
        + p("正文", '<w:r><w:footnoteReference w:id="1"/></w:r>', '<w:commentRangeStart w:id="0"/>', "结束",
            '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>')
        + p('<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>')
    )
    got = paragraphs(read(make_package(body)))
    assert [x.text for x in got] == ["通过门户网站公开 信息", "第一行\n第二行", "看得见的字", "正文结束", "7"]
    assert [x.place.paragraph for x in got] == [1, 2, 3, 4, 5]  # a paragraph with a break is one paragraph


def test_moves_content_controls_and_deleted_paragraph_marks():
    moved = ('<w:moveFrom w:id="1" w:author="a"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>'
             '<w:moveTo w:id="2" w:author="a"><w:r><w:t>新位置</w:t></w:r></w:moveTo>')
    body = (
        p("移到", moved)
        + '<w:sdt><w:sdtPr/><w:sdtContent>' + p("控件里的段落") + "</w:sdtContent></w:sdt>"
        + p("被合并的", ppr='<w:rPr><w:del w:id="3" w:author="a"/></w:rPr>')
        + p("下一段")
        + p('<w:r><w:t xml:space="preserve">  </w:t></w:r>')  # only spaces: prints nothing
        + "<w:p/>"
        + p('<w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt>', "之后")
    )
    got = paragraphs(read(make_package(body)))
    assert [(x.text, x.place.paragraph) for x in got] == [
        ("移到新位置", 1), ("控件里的段落", 2), ("被合并的下一段", 3), ("行内控件之后", 4)]


def test_text_box_read_after_its_anchor_once():
    box = p("文本框里的说明")
    drawing = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f'<wps:wsp><wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{box}</w:txbxContent></v:textbox></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r>'
    )
    body = p("锚定段落", drawing) + p("后面的段落")
    got = paragraphs(read(make_package(body)))
    assert [(x.text, x.place.paragraph) for x in got] == [("锚定段落", 1), ("文本框里的说明", 2), ("后面的段落", 3)]


def test_headers_footers_and_footnotes_are_dropped_furniture():
    page = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    data = make_package(
        p("正文第一段"),
        header=p("云溪县人民政府办公室文件"),
        footer=p("- ", page, " -"),
        footnotes='<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                  f'<w:footnote w:id="1">{p("注：数据截至12月31日。")}</w:footnote>',
    )
    doc = read(data)
    assert [x.text for x in paragraphs(doc)] == ["正文第一段"]
    assert [(k, t) for k, t, _ in doc.dropped] == [
        ("header", "云溪县人民政府办公室文件"), ("footer", "- 1 -"), ("footnote", "注：数据截至12月31日。")]


# ------------------------------------------------------------------ tables

def test_grid_before_after_and_empty_cells():
    body = tbl(
        tr(tc(p("甲"), tcpr='<w:gridSpan w:val="2"/>'), tc(p("乙"))),
        tr(tc(p("丙")), tc(), trpr='<w:gridBefore w:val="1"/>'),
        tr(tc(p("丁")), trpr='<w:gridAfter w:val="2"/>'),
    )
    (g,) = grids(read(make_package(body)))
    assert (g.rows, g.cols) == (3, 3)
    assert [(c.row, c.col, c.colspan, c.text) for c in g.cells] == [
        (0, 0, 2, "甲"), (0, 2, 1, "乙"), (1, 1, 1, "丙"), (1, 2, 1, ""), (2, 0, 1, "丁")]
    assert g.cells[2].place == Place(table=1, row=2, column=2)


def test_vertical_merge_across_rows_and_its_covered_text_never_prints():
    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    body = tbl(
        tr(tc(p("三、本年度办理结果"), tcpr=restart), tc(p("（一）予以公开")), tc(p("47"))),
        tr(tc(p("残留"), tcpr=cont), tc(p("（二）部分公开")), tc(p("8"))),
        tr(tc(tcpr=cont), tc(p("（三）不予公开"), tcpr=restart), tc(p("0"))),
        tr(tc(p("四、结转"), tcpr='<w:gridSpan w:val="2"/><w:vMerge/>'), tc(p("5"))),
    )
    (g,) = grids(read(make_package(body)))
    cells = {(c.row, c.col): (c.text, c.rowspan, c.colspan) for c in g.cells}
    assert cells[(0, 0)] == ("三、本年度办理结果", 3, 1)
    assert cells[(2, 1)] == ("（三）不予公开", 1, 1)
    assert cells[(3, 0)] == ("四、结转", 1, 2)  # a continuation the row above cannot own starts a cell
    assert (1, 0) not in cells and (2, 0) not in cells
    assert "残留" not in {c.text for c in g.cells}


def test_nested_table_is_its_own_grid_after_the_outer_one():
    inner = tbl(tr(tc(p("内1")), tc(p("内2"))))
    body = tbl(tr(tc(p("外")), tc(p("说明"), inner))) + tbl(tr(tc(p("下一表")), tc(p("1"))))
    outer, nested, second = grids(read(make_package(body)))
    assert [c.text for c in outer.cells] == ["外", "说明"]
    assert [c.text for c in nested.cells] == ["内1", "内2"]
    assert nested.place == Place(table=1, row=1, column=2) == nested.cells[0].place
    assert second.place == Place(table=2)


def test_one_column_frame_around_the_body_reads_as_paragraphs():
    prose = "本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据统计期限为2022年1月1日至12月31日。"
    inner = tbl(tr(tc(p("信息内容")), tc(p("本年制发件数"))), tr(tc(p("规章")), tc(p("0"))))
    body = p("云溪县2022年政府信息公开工作年度报告") + tbl(tr(tc(p("一、总体情况"), p(prose), inner, p("二、主动公开"))))
    doc = read(make_package(body))
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Paragraph", "Paragraph", "Grid", "Paragraph"]
    assert [(x.text, x.place.paragraph) for x in paragraphs(doc)][1:] == [("一、总体情况", 2), (prose, 3), ("二、主动公开", 4)]
    (g,) = grids(doc)
    assert g.place == Place(table=1) and g.cells[3].text == "0"
    assert "frame" in doc.evidence


def test_sliver_grid_columns_are_not_columns():
    # LibreOffice's rounding: a 1-twip grid column that one row's border ends before and another's after
    body = (
        "<w:tbl><w:tblPr/><w:tblGrid>" + '<w:gridCol w:w="600"/>' * 2 + '<w:gridCol w:w="1"/>' + '<w:gridCol w:w="600"/>' * 2
        + "</w:tblGrid>"
        + tr(tc(p("行政复议"), tcpr='<w:gridSpan w:val="2"/>'), tc(p("行政诉讼"), tcpr='<w:gridSpan w:val="3"/>'))
        + tr(tc(p("维持")), tc(p("总计"), tcpr='<w:gridSpan w:val="2"/>'), tc(p("维持")), tc(p("总计")))
        + "</w:tbl>"
    )
    (g,) = grids(read(make_package(body)))
    assert g.cols == 4
    assert [(c.row, c.col, c.colspan, c.text) for c in g.cells] == [
        (0, 0, 2, "行政复议"), (0, 2, 2, "行政诉讼"), (1, 0, 1, "维持"), (1, 1, 1, "总计"), (1, 2, 1, "维持"), (1, 3, 1, "总计")]


def test_legacy_horizontal_merge_and_deleted_rows():
    body = tbl(
        tr(tc(p("申请人情况"), tcpr='<w:hMerge w:val="restart"/>'), tc(tcpr="<w:hMerge/>"), tc(p("总计"))),
        tr(tc(p("删掉的行")), tc(p("9")), tc(p("9")), trpr='<w:del w:id="1" w:author="a"/>'),
        tr(tc(p("自然人")), tc(p("法人")), tc(p("2"))),
    )
    (g,) = grids(read(make_package(body)))
    assert [(c.row, c.col, c.colspan, c.text) for c in g.cells] == [
        (0, 0, 2, "申请人情况"), (0, 2, 1, "总计"), (1, 0, 1, "自然人"), (1, 1, 1, "法人"), (1, 2, 1, "2")]


def test_one_column_table_of_short_cells_stays_a_grid():
    body = tbl(tr(tc(p("行政许可"))), tr(tc(p("8936"))))
    (g,) = grids(read(make_package(body)))
    assert [c.text for c in g.cells] == ["行政许可", "8936"]


# ------------------------------------------------------------------ what is not a .docx, and hostile files

def zip_of(files: dict) -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            z.writestr(name, content)
    return buf.getvalue()


def unreadable(data: bytes) -> Unreadable:
    start = time.perf_counter()
    with pytest.raises(Unreadable) as e:
        read(data)
    assert time.perf_counter() - start < 5
    assert e.value.reason_zh and e.value.reason_en
    return e.value


def test_can_read_sniffs_content():
    data = build_docx(sample.blocks())
    assert READER.can_read("report.txt", data[:4096])
    assert not READER.can_read("report.docx", b"%PDF-1.7\n")
    assert not READER.can_read("report.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # legacy .doc
    assert not READER.can_read("report.docx", "一、总体情况".encode())
    assert (READER.name, READER.kind, READER.priority) == ("docx", "docx", 30)


def test_zip_that_is_not_a_word_document():
    e = unreadable(zip_of({"notes.txt": "hello"}))
    assert e.reason_en.startswith("a ZIP archive that is not a Word document (.docx)") and "save" in e.reason_en
    assert "Excel" in unreadable(zip_of({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})).reason_en
    odt = zip_of({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
    assert ".odt" in unreadable(odt).reason_en


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.999])
def test_truncated_docx(cut):
    data = build_docx(sample.blocks())
    e = unreadable(data[: int(len(data) * cut)])
    assert e.reason_en.startswith("the .docx archive is damaged: ") and "save it again" in e.reason_en


def test_corrupt_member_data():
    data = bytearray(build_docx(sample.blocks()))
    info = zipfile.ZipFile(BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 200
    data[start : start + 64] = bytes(64)
    assert "damaged" in unreadable(bytes(data)).reason_en


def test_content_only_in_an_alt_chunk():
    e = unreadable(make_package('<w:altChunk r:id="rId9"/>'))
    assert "altChunk" in e.reason_en and "save it again" in e.reason_en


def test_strict_open_xml_namespace():
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    doc = f'<w:document xmlns:w="{strict}"><w:body><w:p><w:r><w:t>严格格式</w:t></w:r></w:p></w:body></w:document>'
    assert [x.text for x in paragraphs(read(zip_of({"word/document.xml": doc})))] == ["严格格式"]


def test_malformed_xml_and_missing_body():
    assert "well-formed" in unreadable(make_package("<w:p><w:r><w:t>半截")).reason_en
    no_body = zip_of({"word/document.xml": f'<w:document xmlns:w="{W_NS}"/>'})
    assert "no body" in unreadable(no_body).reason_en


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_zip_bomb_is_refused_quickly():
    big = zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": b" " * (MAX_PART + 1024 * 1024)})
    assert len(big) < 1024 * 1024
    assert "too large" in unreadable(big).reason_en


def test_zip_bomb_lying_about_its_size_is_refused():
    data = bytearray(zip_of({"word/document.xml": b"<" * (MAX_PART + 4096)}))
    z = zipfile.ZipFile(BytesIO(bytes(data)))
    info = z.getinfo("word/document.xml")
    # rewrite the stated size in both headers to 1 KB: the inflater must not trust it
    central = bytes(data).rfind(b"PK\x01\x02")
    data[info.header_offset + 22 : info.header_offset + 26] = (1024).to_bytes(4, "little")
    data[central + 24 : central + 28] = (1024).to_bytes(4, "little")
    e = unreadable(bytes(data))
    assert "damaged" in e.reason_en or "too large" in e.reason_en


def test_too_many_entries():
    files = {f"word/media/image{i}.png": b"" for i in range(6000)}
    assert "entries" in unreadable(zip_of(files)).reason_en


def test_entity_expansion_is_not_performed():
    bomb = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">'
            + "".join(f'<!ENTITY {c} "&{p}; &{p}; &{p}; &{p}; &{p}; &{p}; &{p}; &{p}; &{p}; &{p};">'
                      for p, c in zip("abcdefgh", "bcdefghi"))
            + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')
    start = time.perf_counter()
    try:
        doc = read(zip_of({"word/document.xml": bomb}))
        assert sum(len(x.text) for x in paragraphs(doc)) < 1000
    except Unreadable:
        pass
    assert time.perf_counter() - start < 2


def test_hundred_thousand_empty_paragraphs_read_quickly():
    data = make_package("<w:p/>" * 100_000 + p("唯一的字") + "<w:p><w:pPr/></w:p>" * 1000)
    start = time.perf_counter()
    doc = read(data)
    assert time.perf_counter() - start < 2
    assert [(x.text, x.place.paragraph) for x in paragraphs(doc)] == [("唯一的字", 1)]


def test_absurd_spans_are_refused_not_allocated():
    body = tbl(tr(tc(p("x"), tcpr='<w:gridSpan w:val="1000000000"/>')))
    assert "columns" in unreadable(make_package(body)).reason_en
    body = tbl(tr(tc(p("x")), trpr='<w:gridBefore w:val="2000000000"/>'))
    assert "columns" in unreadable(make_package(body)).reason_en


def test_encrypted_zip_entry():
    data = bytearray(make_package(p("x")))
    z = zipfile.ZipFile(BytesIO(bytes(data)))
    for info in z.infolist():  # set the "encrypted" flag in every header
        data[info.header_offset + 6] |= 1
    pos = 0
    while (pos := bytes(data).find(b"PK\x01\x02", pos)) >= 0:
        data[pos + 8] |= 1
        pos += 4
    assert "password" in unreadable(bytes(data)).reason_en


# ------------------------------------------------------------------ speed

def long_report() -> list:
    """About twenty A4 pages (LibreOffice prints 21): the sample's prose eight times over, its tables twice."""
    blocks = sample.blocks()
    prose = [b for b in blocks if b[0] in ("p", "h2")]
    tables = [b for b in blocks if b[0] == "table"]
    return blocks + prose * 7 + tables


def test_a_twenty_page_report_reads_whole():
    # How fast is benchmarks/formats.py's business; this checks that a long report comes out whole.
    doc = read(build_docx(long_report(), numbering=True, tracked_change=True))
    assert len(paragraphs(doc)) > 140 and len(grids(doc)) == 6


def test_format_library_is_not_imported_by_the_module():
    code = "import sys, govlint.read.docx; print('lxml' in sys.modules, 'docx' in sys.modules)"
    out = subprocess.run([__import__("sys").executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# ------------------------------------------------------------------ end to end
# Through the registered readers, as the command line reads a .docx.

@pytest.fixture
def docx_pipeline():
    from govlint.api import lint_bytes

    return lambda data: {d.code for d in lint_bytes(data, "r.docx").diagnostics}


@pytest.mark.parametrize("quirks", [{}, {"numbering": True, "tracked_change": True, "two_paragraph_cell": True,
                                         "comment": True}, {"heading_styles": True}, {"bold_headings": True}],
                         ids=lambda q: "+".join(q) or "plain")
def test_end_to_end_sample_docx_has_no_table_findings(docx_pipeline, quirks):
    codes = docx_pipeline(build_docx(sample.blocks(), **quirks))
    assert not {c for c in codes if c.startswith("GL2") or c == "GL003"}, codes


def test_end_to_end_wrong_total_in_docx_is_gl210(docx_pipeline):
    assert "GL210" in docx_pipeline(build_docx(sample.blocks(change={("3", "new", "total"): "106"})))


def test_end_to_end_unreadable_docx_is_gl001(docx_pipeline):
    assert docx_pipeline(zip_of({"notes.txt": "x"})) == {"GL001"}
