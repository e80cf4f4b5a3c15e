"""The layer every structured reader shares: Document -> tokens -> grammar rows -> model -> places in the output.

A reader stands in for .docx here (``SampleReader`` hands over the sample
report as the ideal .docx reader would describe it), so these tests pin the
renderer, the grammar's table rows and the places in every output format
whatever the real readers do.
"""

from __future__ import annotations

import json

import pytest

from govlint import api, plugins
from govlint.cache import dump, load
from govlint.cli import main
from govlint.parse.build import outline
from govlint.parse.grammar import parse_tokens
from govlint.read.document import Document, Grid, GridCell, Paragraph, Place
from govlint.read.render import render
from govlint.read.structured import StructuredReader
from govlint.read.text import TextReader
from tests import sample

WRONG_TOTAL = {("3", "new", "total"): "106"}


class SampleReader(StructuredReader):
    """Reads b"SAMPLE" (the good report) and b"SAMPLE-WRONG" (本年新收's 总计 changed)."""

    name = "sample"
    kind = "docx"
    priority = 99

    def can_read(self, path: str, head: bytes) -> bool:
        return head.startswith(b"SAMPLE")

    def document(self, path: str, data: bytes) -> Document:
        return sample.document(WRONG_TOTAL if data == b"SAMPLE-WRONG" else None)


@pytest.fixture
def sample_reader(monkeypatch):
    monkeypatch.setattr(plugins, "readers", lambda: [SampleReader(), TextReader()])


def _codes(res) -> list[str]:
    return [d.code for d in res.diagnostics]


def test_the_grammar_gives_caption_header_and_data_rows():
    rr = render("s.docx", b"", sample.document())
    doc = outline(parse_tokens(rr.tokens))
    tables = {s.heading.info["section"]: [b for b in s.blocks if hasattr(b, "parts")] for s in doc.sections}
    (two,) = tables["proactive"]
    kinds = [r.kind for r in two.rows]
    # Section 二 is one Word table: four blocks, each a caption row, a header row and its data rows.
    assert kinds == ["caption", "header", "data", "data"] + ["caption", "header", "data"] + ["caption", "header", "data", "data"] + ["caption", "header", "data"]
    (three,) = tables["requests"]
    assert [r.kind for r in three.rows][:4] == ["header", "header", "header", "data"]
    assert len(three.rows) == 3 + 25 and all(r.kind == "data" for r in three.rows[3:])
    # Every token of a row carries its cell's grid position; ROW/END marks are not cells.
    first = three.rows[3]
    assert [t.info["cell"][1:3] for t in first.tokens] == [(3, 0)] + [(3, c) for c in range(3, 10)]
    assert not any(r.kind == "loose" for r in three.parts if hasattr(r, "kind"))


def test_every_table_of_a_structured_file_is_read_with_certainty(sample_reader):
    res = api.lint_bytes(b"SAMPLE", "r.docx")
    rep = res.report
    assert [(t.id, t.status) for t in rep.tables] == [(i, "read") for i in ("2.1", "2.5", "2.6", "2.8", "3", "4")]
    assert all(c.certain for t in rep.tables for c in t.cells.values())
    assert rep.source.format == "docx" and rep.source.layout == "grid" and rep.year == 2022 and rep.edition == "2021"
    assert not [c for c in _codes(res) if c.startswith("GL2") or c == "GL003"], res.diagnostics


def test_a_wrong_total_is_found_at_its_cell(sample_reader):
    res = api.lint_bytes(b"SAMPLE-WRONG", "r.docx")
    (d,) = [d for d in res.diagnostics if d.code == "GL210"]
    # Table 三 is the document's second Word table; 本年新收 is its 4th row, 总计 its 10th grid column.
    assert d.place == Place(table=2, row=4, column=10)
    assert d.region is None  # a .docx has no lines to point at
    assert d.place.describe("zh") == "表2 第4行 第10列"
    assert d.place.describe("en") == "table 2, row 4, column 10"


def test_text_json_and_sarif_show_the_place(sample_reader, tmp_path, capsys):
    f = tmp_path / "r.docx"
    f.write_bytes(b"SAMPLE-WRONG")
    assert main(["--isolated", "--no-cache", "--select", "GL210", str(f)]) == 1
    out = capsys.readouterr().out
    assert f"{f}:表2 第4行 第10列: GL210 [error]" in out
    assert main(["--isolated", "--no-cache", "--select", "GL210", "--format", "json", str(f)]) == 1
    (d,) = json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]
    assert d["location"] is None
    assert d["place"] == {"table": 2, "row": 4, "column": 10, "zh": "表2 第4行 第10列", "en": "table 2, row 4, column 10"}
    assert d["cell"] == "表三/一、本年新收政府信息公开申请数量/总计"
    assert main(["--isolated", "--no-cache", "--select", "GL210", "--format", "sarif", str(f)]) == 1
    (result,) = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    loc = result["locations"][0]
    # No line in a .docx: the region is the start of the file (GitHub requires one), the place is in the message.
    assert loc["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    assert loc["message"]["text"] == "表2 第4行 第10列"
    assert loc["properties"]["place"] == {"table": 2, "row": 4, "column": 10}
    assert loc["logicalLocations"] == [{"fullyQualifiedName": "表三/一、本年新收政府信息公开申请数量/总计", "kind": "element"}]
    assert main(["--isolated", "--no-cache", "--select", "GL210", "--format", "github", str(f)]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("::error file=") and "line=" not in line and "[表2 第4行 第10列]" in line


def test_a_prose_finding_points_at_its_paragraph(sample_reader):
    res = api.lint_bytes(b"SAMPLE-WRONG", "r.docx")
    # The opening of 一、总体情况 says 105 were received; table 三 now says 106: GL402 at that paragraph.
    prose = [d for d in res.diagnostics if d.code == "GL402"]
    assert prose and all(d.place is not None and d.place.paragraph is not None for d in prose)


def test_places_survive_the_cache(sample_reader):
    res = api.lint_bytes(b"SAMPLE-WRONG", "r.docx").detach()
    back = load(dump(res), "r.docx")
    assert back is not None
    assert [(d.code, d.place) for d in back.diagnostics] == [(d.code, d.place) for d in res.diagnostics]
    assert [d.related_places for d in back.diagnostics] == [d.related_places for d in res.diagnostics]


def test_html_places_are_lines_and_columns_of_the_page_source():
    page = "<html>\n<body>\n<p>云溪县2022年政府信息公开工作年度报告</p>\n<p>一、总体情况</p>\n</body></html>\n"
    doc = Document(
        format="html",
        blocks=[
            Paragraph("云溪县2022年政府信息公开工作年度报告", Place(line=3, col=4)),
            Paragraph("一、总体情况", Place(line=4, col=4)),
        ],
        original=page,
    )
    rr = render("p.html", page.encode(), doc)
    rep = api.parse(rr)
    diags, _ = api.check(rep)
    missing = [d for d in diags if d.code == "GL101"]
    assert missing  # sections 二 to 六 are missing: whole-report findings still get a line
    heading = rep.headings[0]
    assert rep.source.region(heading.span).start_line == 4
    assert rep.source.region(heading.span).start_column == 4
    res = api.FileResult("p.html", diags, rep)
    assert res.line(4) == "<p>一、总体情况</p>\n"  # the page's own line, for column conversions


def test_a_cell_is_never_prose_or_a_heading():
    doc = Document(
        format="docx",
        blocks=[
            Grid(
                [
                    GridCell("一、总体情况", 0, 0, Place(table=1, row=1, column=1)),
                    GridCell("本表数据根据各单位报送情况汇总，如有出入以统计部门公布为准。", 0, 1, Place(table=1, row=1, column=2)),
                    GridCell("", 0, 2, Place(table=1, row=1, column=3)),
                ],
                Place(table=1),
            )
        ],
    )
    rr = render("t.docx", b"", doc)
    kinds = [t.kind for t in rr.tokens]
    assert kinds[0] == "ROW" and kinds[-1] == "END"
    assert "H1" not in kinds and "TEXT" not in kinds and "BLANK" in kinds


def _random_values(seed: int) -> dict:
    """Every value cell of the sample set to a random count, blank or dash."""
    import random

    rnd = random.Random(seed)
    change = {}
    for tid, rows in sample.VALUES.items():
        for row in rows:
            for col in sample.COLUMNS[tid]:
                change[(tid, row, col)] = rnd.choice(["0", "1", "7", "12", "305", "", "-", "0"])
    return change


@pytest.mark.parametrize("seed", range(12))
def test_a_grid_the_file_gives_is_read_with_certainty_whatever_its_values(seed):
    # Blanks, dashes and totals that do not add up change what the rules say, never whether the table is read.
    rr = render("s.docx", b"", sample.document(_random_values(seed)))
    rep = api.parse(rr)
    assert [(t.id, t.status) for t in rep.tables] == [(i, "read") for i in ("2.1", "2.5", "2.6", "2.8", "3", "4")]
    assert all(c.certain for t in rep.tables for c in t.cells.values())
    got = {(t.id, r, c): cell.raw for t in rep.tables for (r, c), cell in t.cells.items()}
    assert got == {k: v for k, v in _random_values(seed).items()}
