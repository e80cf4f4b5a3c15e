"""The PDF reader: the text layer, ruled tables from their geometry, tables joined across page breaks.

Three kinds of files:

* the real published PDFs in ``shared/corpus/pdf`` (skipped where absent):
  their cells must equal the best text reading of the same report
  (``shared/corpus/*-pdftotext*.txt``, read by hand into the rows below);
* the project's sample report printed by LibreOffice (skipped where soffice
  is absent): every table equal to ``tests.sample.grid()`` cell by cell;
* small PDFs written here byte by byte: blank, scanned, encrypted, damaged,
  hostile.
"""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
import time
import zlib
from typing import Optional

import pytest

from govlint.read.document import Document, Grid, Paragraph, Unreadable
from govlint.read.pdf import MAX_PAGES, PdfReader
from tests import sample
from tests.build_pdf import print_files, print_pdf
from tests.conftest import CORPUS

PDFS = CORPUS / "pdf"
READER = PdfReader()


def read(data: bytes) -> Document:
    return READER.document("report.pdf", data)


def real(name: str) -> bytes:
    path = PDFS / f"{name}.pdf"
    if not path.is_file():
        pytest.skip(f"real PDF {path} not present (the shared/ folder beside the checkout)")
    return path.read_bytes()


def grids(doc: Document) -> list[Grid]:
    return [b for b in doc.blocks if isinstance(b, Grid)]


def paragraphs(doc: Document) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def expand(g: Grid) -> list[list[str]]:
    """The grid with each position holding the text of the cell that covers it."""
    out = [[None] * g.cols for _ in range(g.rows)]
    for c in g.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                assert out[r][k] is None, f"cells overlap at {r},{k}"
                out[r][k] = c.text
    assert all(v is not None for row in out for v in row), "a grid position has no cell"
    return out


def table3_rows(g: Grid) -> list[tuple[tuple[str, ...], str]]:
    """Each data row of table 三: the labels covering its three label columns (merges resolved), and its numbers."""
    out = []
    for row in expand(g)[3:]:
        path: list[str] = []
        for label in row[:3]:
            if not path or label != path[-1]:
                path.append(label)
        out.append((tuple(path), " ".join(row[3:])))
    return out


# ---------------------------------------------------------------- the real PDFs

R = "三、本年度办理结果"
W = "（三）不予公开"
U = "（四）无法提供"
N = "（五）不予处理"
OTHER = "（六）其他处理"


def _rows3(numbers: list[str], *, withheld_2: str, other: list[tuple[str, ...]], other_handling_sep: str = "、") -> list:
    """The template's table 三 row labels (as these reports print them) with their numbers, in order."""
    labels: list[tuple[str, ...]] = [
        ("一、本年新收政府信息公开申请数量",),
        ("二、上年结转政府信息公开申请数量",),
        (R, "（一）予以公开"),
        (R, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        (R, W, "1.属于国家秘密"),
        (R, W, withheld_2),
        (R, W, "3.危及“三安全一稳定”"),
        (R, W, "4.保护第三方合法权益"),
        (R, W, "5.属于三类内部事务信息"),
        (R, W, "6.属于四类过程性信息"),
        (R, W, "7.属于行政执法案卷"),
        (R, W, "8.属于行政查询事项"),
        (R, U, "1.本机关不掌握相关政府信息"),
        (R, U, "2.没有现成信息需要另行制作"),
        (R, U, "3.补正后申请内容仍不明确"),
        (R, N, "1.信访举报投诉类申请"),
        (R, N, "2.重复申请"),
        (R, N, "3.要求提供公开出版物"),
        (R, N, "4.无正当理由大量反复申请"),
        (R, N, "5.要求行政机关确认或重新出具已获取信息"),
        *other,
        ("四、结转下年度继续办理",),
    ]
    assert len(labels) == len(numbers)
    return list(zip(labels, numbers))


Z = "0 0 0 0 0 0 0"

# Read by hand from hongze-2024-district-pdftotext.txt (a 2019-style table 三: （六）其他处理 is one row).
HONGZE_2024 = _rows3(
    ["95 0 0 0 0 0 95", Z, "50 0 0 0 0 0 50", "9 0 0 0 0 0 9",
     Z, Z, "1 0 0 0 0 0 1", Z, Z, "1 0 0 0 0 0 1", "1 0 0 0 0 0 1", Z,
     "31 0 0 0 0 0 31", "1 0 0 0 0 0 1", Z,
     "1 0 0 0 0 0 1", Z, Z, Z, Z,
     Z, "95 0 0 0 0 0 95", Z],
    withheld_2="2.其他法律行政止公开",  # sic: the report's own wording
    # WPS drew a ruling inside these two label cells, leaving an empty cell beside the label.
    other=[(R, OTHER, ""), (R, "（七）总计", "")],
)
# From hongze-2023-district-pdftotext.txt.
HONGZE_2023 = _rows3(
    ["21 0 0 0 0 0 21", Z, Z, "4 0 0 0 0 0 4",
     "1 0 0 0 0 0 1", Z, Z, Z, Z, "1 0 0 0 0 0 1", "1 0 0 0 0 0 1", Z,
     "10 0 0 0 0 0 10", "3 0 0 0 0 0 3", Z,
     "1 0 0 0 0 0 1", Z, Z, Z, Z,
     Z, "21 0 0 0 0 0 21", Z],
    withheld_2="2.其他法律行政止公开",
    other=[(R, OTHER), (R, "（七）总计")],
)
# From huaian-2024-city-pdftotext-layout.txt (the 2021 template: （六） has three items).
HUAIAN_2024 = _rows3(
    ["3001 53 0 0 61 4 3119", "34 0 0 0 0 0 34", "1288 21 0 0 50 3 1362", "447 7 0 0 0 0 454",
     "2 0 0 0 0 0 2", "30 1 0 0 0 0 31", "5 0 0 0 0 0 5", "6 0 0 0 0 0 6", "7 1 0 0 0 0 8",
     "12 0 0 0 0 0 12", "9 0 0 0 0 0 9", "105 0 0 0 0 0 105",
     "746 12 0 0 10 1 769", "11 0 0 0 0 0 11", "1 0 0 0 0 0 1",
     "56 6 0 0 0 0 62", "25 0 0 0 0 0 25", Z, Z, "1 0 0 0 0 0 1",
     "67 3 0 0 1 0 71", "6 0 0 0 0 0 6", "108 2 0 0 0 0 110", "2932 53 0 0 61 4 3050", "103 0 0 0 0 0 103"],
    withheld_2="2.其他法律行政法规禁止公开",
    other=[
        (R, OTHER, "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        (R, OTHER, "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        (R, OTHER, "3、其他"),
        (R, "（七）总计"),
    ],
)

REAL = {
    "hongze-2024-district": dict(
        pages=5, title="淮安市洪泽区人民政府2024年政府信息公开工作年度报告", rows3=HONGZE_2024, break3=(3, 4),
        two=[("规章", "0 0 0"), ("行政规范性文件", "3 0 8"), ("行政许可", "9487"), ("行政处罚", "2776"),
             ("行政强制", "84"), ("行政事业性收费", "7545")],
        four="1 1 0 0 2 1 0 0 0 1 2 0 1 0 3",
    ),
    "hongze-2023-district": dict(
        pages=5, title="洪泽区人民政府2023年政府信息公开工作年度报告", rows3=HONGZE_2023, break3=(3, 4),
        two=[("规章", "0 0 0"), ("行政规范性文件", "0 5 5"), ("行政许可", "550"), ("行政处罚", "4119"),
             ("行政强制", "195"), ("行政事业性收费", "7730.28")],
        # As printed: the report's own totals do not add up (that is for the rules to find).
        four="10 1 0 0 0 0 0 0 0 0 5 0 0 0 0",
    ),
    "huaian-2024-city": dict(
        pages=6, title="淮安市人民政府2024年政府信息公开工作年度报告", rows3=HUAIAN_2024, break3=(4, 5),
        two=[("规章", "1 0 11"), ("行政规范性文件", "8 26 66"), ("行政许可", "447228"), ("行政处罚", "3985758"),
             ("行政强制", "88283"), ("行政事业性收费", "96171.6")],
        four="72 64 178 37 351 13 4 8 1 26 12 1 1 6 20",
    ),
}


@pytest.fixture(scope="module")
def real_docs() -> dict[str, Document]:
    return {}


def real_doc(name: str, cache: dict) -> Document:
    if name not in cache:
        cache[name] = read(real(name))
    return cache[name]


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_table_three_equals_the_text_reading_row_by_row(name, real_docs):
    doc = real_doc(name, real_docs)
    want = REAL[name]
    tables = grids(doc)
    assert len(tables) == 3, doc.evidence  # 二 (one table of four blocks), 三, 四
    three = tables[1]
    assert three.cols == 10 and three.rows == 3 + len(want["rows3"])
    assert expand(three)[0][:4] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] * 3 + ["申请人情况"]
    assert expand(three)[2][3:] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    got = table3_rows(three)
    for i, (row, expected) in enumerate(zip(got, want["rows3"])):
        assert row == expected, f"row {i + 4} of table 三"
    # The table runs across a page break and is ONE grid; each cell says the page it is printed on.
    first, second = want["break3"]
    assert three.continued == 1 and three.place.page == first
    assert {c.place.page for c in three.cells} == {first, second}
    label = next(c for c in three.cells if c.text == R)
    assert label.rowspan == len(want["rows3"]) - 3 and label.place.page == first
    assert (label.place.table, label.place.row, label.place.column) == (2, 6, 1)


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_tables_two_and_four_are_read(name, real_docs):
    doc = real_doc(name, real_docs)
    two, _, four = grids(doc)
    rows = {r[0].text: " ".join(c.text for c in r[1:]) for r in two.by_row()}
    for label, numbers in REAL[name]["two"]:
        assert rows[label] == numbers, label
    assert [r[0] for r in expand(two) if r[0].startswith("第二十条")] == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    # Table 四: two header levels over fifteen numbers.
    assert four.cols == 15 and four.rows == 4 and not four.continued
    grid4 = expand(four)
    assert grid4[0][0] == "行政复议" and grid4[0][-1] == "行政诉讼"
    assert grid4[1][5] == "未经复议直接起诉" and grid4[1][10] == "复议后起诉"
    assert grid4[2][:5] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert grid4[2][10:] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert " ".join(grid4[3]) == REAL[name]["four"]


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_prose_is_read_and_page_numbers_dropped(name, real_docs):
    doc = real_doc(name, real_docs)
    want = REAL[name]
    assert doc.format == "pdf" and doc.pages == want["pages"]
    assert doc.evidence.startswith(f"{want['pages']} pages, 3 ruled tables (2 joined across a page break)")
    numbers = [(text, place.page) for kind, text, place in doc.dropped if kind == "page-number"]
    assert numbers == [(f"- {p} -", p) for p in range(1, want["pages"] + 1)]
    paras = paragraphs(doc)
    assert paras[0].text == want["title"] and paras[0].style == "title" and paras[0].place.page == 1
    texts = [p.text for p in paras]
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        (p,) = [p for p in paras if p.text == heading]
        assert p.style == "bold"  # 黑体
    assert not any(t.startswith("- ") and t.endswith(" -") for t in texts)
    # A paragraph wrapped over many lines (and a page break) is one paragraph, joined without spaces.
    intro = next(t for t in texts if t.startswith("本报告由"))
    assert "《中华人民共和国政府信息公开条例》" in intro and intro.endswith("。") and " " not in intro
    # The headings of the sections sit between the tables in reading order.
    order = [b.text if isinstance(b, Paragraph) else "GRID" for b in doc.blocks]
    assert order[order.index("二、主动公开政府信息情况") + 1] == "GRID"
    assert order[order.index("三、收到和处理政府信息公开申请情况") + 1] == "GRID"
    assert order[order.index("四、政府信息公开行政复议、行政诉讼情况") + 1] == "GRID"


def test_invisible_white_boxes_are_not_a_table():
    # WPS lays a white box under every line of the Hongze 2024 body: a table finder that takes
    # every rectangle sees a one-column "table" of prose on page 1. It is prose.
    import pdfplumber

    data = real("hongze-2024-district")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        (naive,) = pdf.pages[0].find_tables()
        assert len(naive.rows) > 10 and all(len(r.cells) == 1 for r in naive.rows)
    doc = read(data)
    assert not [g for g in grids(doc) if g.place.page == 1]
    assert len([p for p in paragraphs(doc) if p.place.page == 1]) >= 6


def test_a_label_cut_by_the_page_break_is_one_merged_cell():
    # Huai'an: the break falls inside （四）无法提供, "（四）无" above and "法提供" below, with
    # every ruling drawn; the words sit low above and at the very top below.
    doc = read(real("huaian-2024-city"))
    three = grids(doc)[1]
    (label,) = [c for c in three.cells if c.text == U]
    assert label.rowspan == 3 and label.place.page == 4
    assert not [c for c in three.cells if c.text in ("（四）无", "法提供")]


# ---------------------------------------------------------------- the sample, printed by LibreOffice


def sample_tables() -> list[list[list[sample.C]]]:
    return [b[1] for b in sample.blocks() if b[0] == "table"]


def sample_prose() -> list[str]:
    return sample.printed(sample.blocks())


def assert_grid_equals_sample(g: Grid, rows: list[list[sample.C]]) -> None:
    want = sample.grid(rows)
    assert (g.rows, g.cols) == (len(want), len(want[0]))
    got = {(c.row, c.col): c for c in g.cells}
    for r, line in enumerate(want):
        for k, cell in enumerate(line):
            mine = got.get((r, k))
            if cell is None:
                assert mine is None, f"({r},{k}) is covered by a merge, but the PDF reading has a cell {mine.text!r} there"
                continue
            assert mine is not None, f"({r},{k}) {cell.text!r} missing"
            assert (mine.text, mine.rowspan, mine.colspan) == (cell.text, cell.rowspan, cell.colspan), (r, k)
            assert (mine.place.row, mine.place.column) == (r + 1, k + 1)


def _build(**quirks) -> bytes:
    from tests.build_docx import build_docx

    return build_docx(sample.blocks(), **quirks)


QUIRKS = ["numbering", "bold_headings", "heading_styles", "two_paragraph_cell"]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> bytes:
    """The printed sample; every document this module prints is printed with it, in one LibreOffice start."""
    docs = [_build(), *(_build(**{q: True}) for q in QUIRKS), _with_frame_header_and_page_numbers(_build()), _wrong_total()]
    return print_files([(d, ".docx") for d in docs], tmp_path_factory.mktemp("printed"))[0]


def test_printed_sample_tables_equal_the_sample_cell_by_cell(printed):
    import pdfplumber

    # The printed table 三 really runs across page breaks (LibreOffice even cuts rows in two).
    # LibreOffice writes a cell's characters together, however the cell wraps them.
    with pdfplumber.open(io.BytesIO(printed)) as pdf:
        page_of = {}
        for page in pdf.pages:
            chars = "".join(c["text"] for c in page.chars)
            for probe in ("（一）予以公开", "四、结转下年度继续办理"):
                if probe in chars:
                    page_of.setdefault(probe, page.page_number)
    assert page_of["（一）予以公开"] < page_of["四、结转下年度继续办理"]
    doc = read(printed)
    tables = grids(doc)
    assert len(tables) == 3
    for number, (g, rows) in enumerate(zip(tables, sample_tables()), start=1):
        assert g.place.table == number
        assert_grid_equals_sample(g, rows)
    three = tables[1]
    assert three.continued == page_of["四、结转下年度继续办理"] - page_of["（一）予以公开"] >= 1
    assert len({c.place.page for c in three.cells}) == three.continued + 1


def test_printed_sample_prose_is_the_sample_paragraph_by_paragraph(printed):
    doc = read(printed)
    paras = paragraphs(doc)
    assert [p.text for p in paras] == sample_prose()
    assert paras[0].style == "title"
    assert doc.dropped == []  # build_docx prints no page numbers


@pytest.mark.usefixtures("printed")
@pytest.mark.parametrize("quirk", QUIRKS)
def test_printed_variants_read_the_same(quirk, tmp_path):
    doc = read(print_pdf(_build(**{quirk: True}), tmp_path))
    assert [p.text for p in paragraphs(doc)] == sample_prose()
    for g, rows in zip(grids(doc), sample_tables()):
        assert_grid_equals_sample(g, rows)
    if quirk == "bold_headings":
        heads = [p for p in paragraphs(doc) if p.text in {f"{n}、{w}" for n, w in sample.SECTIONS}]
        assert len(heads) == 6 and all(p.style == "bold" for p in heads)


def _with_frame_header_and_page_numbers(docx_bytes: bytes) -> bytes:
    """The sample with a page border around the body, a running header and ``- N -`` page numbers."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn

    d = docx.Document(io.BytesIO(docx_bytes))
    section = d.sections[0]
    sides = "".join(f'<w:{s} w:val="single" w:sz="8" w:space="4" w:color="000000"/>' for s in ("top", "left", "bottom", "right"))
    section._sectPr.append(parse_xml(f'<w:pgBorders {nsdecls("w")} w:offsetFrom="text">{sides}</w:pgBorders>'))
    section.header.paragraphs[0].text = "云溪县人民政府办公室"
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run("- ")
    run = foot.add_run()
    for kind in ("begin", "instr", "separate", "end"):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.text = " PAGE "
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
    foot.add_run(" -")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.usefixtures("printed")
def test_a_frame_around_the_body_running_header_and_page_numbers(tmp_path):
    doc = read(print_pdf(_with_frame_header_and_page_numbers(_build()), tmp_path))
    # The frame touches the tables (LibreOffice draws it on their edge) and encloses header and
    # footer: still the same three tables and the same prose.
    tables = grids(doc)
    assert len(tables) == 3
    for g, rows in zip(tables, sample_tables()):
        assert_grid_equals_sample(g, rows)
    assert [p.text for p in paragraphs(doc)] == sample_prose()
    kinds = [(kind, text, place.page) for kind, text, place in doc.dropped]
    assert [k for k in kinds if k[0] == "page-number"] == [("page-number", f"- {p} -", p) for p in range(1, doc.pages + 1)]
    assert [k for k in kinds if k[0] == "running-header"] == [("running-header", "云溪县人民政府办公室", p) for p in range(1, doc.pages + 1)]
    assert "running header/footer" in doc.evidence


# ---------------------------------------------------------------- small PDFs written here


def pdf_file(objects: list[bytes], trailer: str = "", root: int = 1) -> bytes:
    """A PDF of ``objects`` (object n is objects[n-1]) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra} >>\nstream\n".encode() + data + b"\nendstream"


TEXT = b"BT /F1 14 Tf 72 720 Td (Annual report on government information disclosure) Tj ET"


def one_page(content: Optional[bytes], resources: str = "/Font << /F1 4 0 R >>", extra: Optional[list[bytes]] = None) -> bytes:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << {resources} >>"
         + (" /Contents 5 0 R" if content is not None else "") + " >>").encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if content is not None:
        objs.append(stream(content))
    return pdf_file(objs + (extra or []))


def unreadable(data: bytes, budget: float = 2.0) -> Unreadable:
    start = time.perf_counter()
    with pytest.raises(Unreadable) as info:
        read(data)
    assert time.perf_counter() - start < budget, "refusing the file took too long"
    e = info.value
    assert e.reason_en and e.reason_zh and e.reason_zh != e.reason_en
    return e


def test_can_read_sniffs_the_magic_not_the_name():
    assert READER.can_read("x.txt", b"%PDF-1.7\n...")
    assert READER.can_read("x.pdf", b"\xef\xbb\xbf" + b" " * 500 + b"%PDF-1.4")
    assert not READER.can_read("x.pdf", b"%!PS-Adobe-3.0")
    assert not READER.can_read("x.pdf", b" " * 1100 + b"%PDF-1.4")
    assert (READER.name, READER.kind, READER.priority) == ("pdf", "pdf", 30)


def test_a_small_text_pdf_is_read():
    doc = read(one_page(TEXT))
    assert [p.text for p in paragraphs(doc)] == ["Annual report on government information disclosure"]
    assert doc.pages == 1 and grids(doc) == []


def test_a_blank_page_has_no_text_layer():
    e = unreadable(one_page(None))
    assert "no text layer" in e.reason_en and "OCR" in e.reason_en and "扫描件" in e.reason_zh


def test_a_scan_has_no_text_layer():
    image = stream(b"\x80", "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8")
    e = unreadable(one_page(b"q 500 0 0 700 50 70 cm /Im1 Do Q", resources="/XObject << /Im1 6 0 R >>", extra=[image]))
    assert "it is a scan" in e.reason_en and "OCR" in e.reason_zh


def _rc4(key: bytes, data: bytes) -> bytes:
    from pdfminer.arcfour import Arcfour

    return Arcfour(key).encrypt(data)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(user: bytes, owner: bytes = b"owner") -> bytes:
    """A one-page PDF under the standard security handler (RC4, 40 bits, revision 2)."""
    doc_id = hashlib.md5(b"govlint test").digest()
    perms = -4
    padded = (user + _PAD)[:32]
    o_value = _rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], padded)
    key = hashlib.md5(padded + o_value + struct.pack("<i", perms) + doc_id).digest()[:5]
    u_value = _rc4(key, _PAD)
    content = _rc4(hashlib.md5(key + struct.pack("<i", 5)[:3] + b"\0\0").digest()[:10], TEXT)
    encrypt = f"<< /Filter /Standard /V 1 /R 2 /O <{o_value.hex()}> /U <{u_value.hex()}> /P {perms} >>".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream(content),
        encrypt,
    ]
    return pdf_file(objs, trailer=f"/Encrypt 6 0 R /ID [<{doc_id.hex()}> <{doc_id.hex()}>]")


def test_an_encrypted_pdf_says_remove_the_password():
    e = unreadable(encrypted_pdf(user=b"secret"))
    assert "encrypted" in e.reason_en and "password" in e.reason_en and "密码" in e.reason_zh


def test_a_pdf_encrypted_only_against_editing_is_read():
    # An owner password alone (the usual "protected" PDF) opens without a password: read it.
    doc = read(encrypted_pdf(user=b""))
    assert [p.text for p in paragraphs(doc)] == ["Annual report on government information disclosure"]


def test_truncated_files_are_unreadable_quickly():
    small = one_page(TEXT)
    cases = [small[: len(small) // 2], small[:-60]]
    path = PDFS / "huaian-2024-city.pdf"
    if path.is_file():
        data = path.read_bytes()
        cases += [data[: len(data) // 3], data[: len(data) // 2], data[:-40]]
    for data in cases:
        e = unreadable(data)
        assert "damaged" in e.reason_en and "cut short" in e.reason_en, e.reason_en
        assert "损坏" in e.reason_zh


def test_broken_structure_is_damaged():
    for data in (
        b"%PDF-",
        b"%PDF-1.7\n" + bytes(range(256)) * 200 + b"\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]),
    ):
        e = unreadable(data)
        assert "damaged" in e.reason_en, e.reason_en
        assert "损坏" in e.reason_zh


def test_random_bytes_after_the_magic_are_damaged():
    import random

    rng = random.Random(7)
    for _ in range(5):
        data = b"%PDF-1." + bytes(rng.randrange(256) for _ in range(20_000))
        e = unreadable(data)
        assert "damaged" in e.reason_en and "export it again" in e.reason_en


# A few mutations every run, many more where the slow tests run (CI).
@pytest.mark.parametrize("seed, rounds", [(11, 4), pytest.param(12, 40, marks=pytest.mark.slow)])
def test_mutated_files_read_or_say_why_quietly(seed, rounds, capfd):
    import random

    rng = random.Random(seed)
    path = PDFS / "hongze-2024-district.pdf"
    seeds = [one_page(TEXT)] + ([path.read_bytes()] if path.is_file() else [])
    for data in seeds:
        for _ in range(rounds):
            b = bytearray(data)
            for _ in range(rng.choice([1, 10, 100, 1000])):
                b[rng.randrange(len(b))] = rng.randrange(256)
            start = time.perf_counter()
            try:
                doc = read(bytes(b))
                assert doc.format == "pdf"
            except Unreadable as e:
                assert e.reason_en and e.reason_zh
            assert time.perf_counter() - start < 5
    # pdfminer warns once per broken operator; none of that reaches the terminal.
    assert capfd.readouterr().err == ""


def test_too_many_pages_are_refused_before_reading_them():
    n = MAX_PAGES + 1
    kids = " ".join(f"{3 + i} 0 R" for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    e = unreadable(pdf_file(objs), budget=5.0)
    assert f"more than {MAX_PAGES} pages" in e.reason_en


def test_a_content_stream_bomb_is_refused_before_inflating_it():
    bomb = zlib.compress(b" " * (64 << 20), 9)  # 64 MB of spaces in about 64 KB
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream(bomb, "/Filter /FlateDecode"),
    ]
    e = unreadable(pdf_file(objs))
    assert "too large" in e.reason_en and "inflates" in e.reason_en


def test_a_page_with_too_many_characters_is_refused(monkeypatch):
    from govlint.read import pdf as module

    monkeypatch.setattr(module, "MAX_CHARS_PAGE", 100)
    e = unreadable(one_page(b"BT /F1 8 Tf 20 800 Td (" + b"x" * 300 + b") Tj ET"))
    assert "300 characters" in e.reason_en


def test_too_many_rulings_on_a_page_skip_its_tables_not_its_text():
    hatch = b"".join(b"%d 100 m %d 110 l S " % (20 + i % 500, 20 + i % 500) for i in range(2_100))
    doc = read(one_page(TEXT + b" " + hatch))
    assert [p.text for p in paragraphs(doc)] == ["Annual report on government information disclosure"]
    assert "too many drawn lines to read tables on page 1" in doc.evidence


def test_kangxi_radicals_read_as_the_characters_printed():
    # A font whose Unicode map says KANGXI RADICAL ONE (U+2F00) for the glyph of 一.
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Radicals def "
            b"1 begincodespacerange <00> <FF> endcodespacerange "
            b"3 beginbfchar <41> <2F00> <42> <3001> <43> <2F8B> endbfchar endcmap "
            b"CMapName currentdict /CMap defineresource pop end end")
    content = b"BT /F2 16 Tf 72 760 Td (AB) Tj ET " + TEXT
    extra = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>", stream(cmap)]
    doc = read(one_page(content, resources="/Font << /F1 4 0 R /F2 6 0 R >>", extra=extra))
    assert paragraphs(doc)[0].text == "一、"


@pytest.mark.parametrize("text", ["- 3 -", "— 3 —", "－3－", "第3页", "第 3 页 共 5 页", "3", "3/5", "·3·", "Page 3 of 5", "-1-"])
def test_page_number_forms(text):
    from govlint.read.pdf import _page_number

    assert _page_number(text)


@pytest.mark.parametrize("text", ["2024年", "一、总体情况", "第3条", "3 0 1", "3 0", "- -", "12345"])
def test_not_page_numbers(text):
    from govlint.read.pdf import _page_number

    assert not _page_number(text)


def test_reading_does_not_import_pdfplumber_until_a_pdf_is_read():
    code = "import sys, govlint.read.pdf; assert 'pdfplumber' not in sys.modules and 'pdfminer' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------- speed


# ---------------------------------------------------------------- end to end


def _codes(res) -> list[str]:
    return [d.code for d in res.diagnostics]


def test_the_pdf_reader_is_registered():
    from govlint import plugins

    names = [getattr(r, "name", "") for r in plugins.readers()]
    if "pdf" not in names:
        pytest.skip(f"the PDF reader is not registered yet (readers: {names})")


def test_end_to_end_the_printed_sample_is_clean(printed):
    from govlint import api

    res = api.lint_bytes(printed, "r.pdf")
    assert not [c for c in _codes(res) if c.startswith("GL2") or c == "GL003"], res.diagnostics
    assert [(t.id, t.status) for t in res.report.tables] == [(i, "read") for i in ("2.1", "2.5", "2.6", "2.8", "3", "4")]
    assert res.report.source.format == "pdf" and res.report.year == 2022 and res.report.edition == "2021"


def _wrong_total() -> bytes:
    return _build_changed({("3", "new", "total"): "106"})


@pytest.mark.usefixtures("printed")
def test_end_to_end_a_wrong_total_is_found(tmp_path):
    from govlint import api

    pdf = print_pdf(_wrong_total(), tmp_path)
    assert "GL210" in _codes(api.lint_bytes(pdf, "r.pdf"))


def _build_changed(change: dict) -> bytes:
    from tests.build_docx import build_docx

    return build_docx(sample.blocks(change=change))


@pytest.mark.parametrize("name", ["hongze-2023-district", "hongze-2024-district"])
def test_end_to_end_hongze_keeps_its_2019_table_three(name):
    # A 2019-style table 三 (（六）其他处理 one row) in a 2023/2024 report: GL202, read from the cells.
    from govlint import api

    res = api.lint_bytes(real(name), "r.pdf")
    assert "GL202" in _codes(res) and "GL003" not in _codes(res)
    assert all(t.status == "read" for t in res.report.tables)


def test_end_to_end_huaian_reads_every_table():
    from govlint import api

    res = api.lint_bytes(real("huaian-2024-city"), "r.pdf")
    assert not [c for c in _codes(res) if c.startswith("GL2") or c == "GL003"], res.diagnostics
    assert [(t.id, t.status) for t in res.report.tables] == [(i, "read") for i in ("2.1", "2.5", "2.6", "2.8", "3", "4")]


def test_end_to_end_a_scan_is_gl001_with_the_advice():
    from govlint import api

    res = api.lint_bytes(one_page(None), "scan.pdf")
    assert _codes(res) == ["GL001"]
    assert "OCR" in str(res.diagnostics[0].message)
