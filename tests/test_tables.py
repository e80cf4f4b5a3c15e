"""Table alignment on real reports and on small hand-made tables."""

from __future__ import annotations

import govlint
from govlint.api import lint_text

from .conftest import corpus, needs_shared, seed


def row(table, key):
    return [table.value(key, c) for c in table.columns]


@needs_shared
def test_seed_003_table_three_and_four():
    r = govlint.parse_path(seed("003"))
    t3 = r.table("3")
    assert t3.status == "read" and t3.edition == "2019"
    assert row(t3, "new") == [4, 0, 0, 0, 0, 0, 4]
    assert row(t3, "unavailable_1") == [1, 0, 0, 0, 0, 0, 1]
    assert row(t3, "open") == [3, 0, 0, 0, 0, 0, 3]
    assert row(t3, "results_total") == [4, 0, 0, 0, 0, 0, 4]
    t4 = r.table("4")
    assert t4.status == "read"
    assert row(t4, "counts") == [0, 1, 0, 0, 1, 5, 0, 2, 1, 8, 0, 0, 0, 0, 0]
    # Cells point at the original text.
    cell = t3.cell("unavailable_1", "natural")
    assert r.source.text[cell.span.start : cell.span.end] == "1"
    assert r.source.line_of(cell.span.start) == 238


@needs_shared
def test_seed_003_section_two_tables_2019_edition():
    r = govlint.parse_path(seed("003"))
    assert row(r.table("2.1"), "normative") == [21, 18, 20]
    assert row(r.table("2.5"), "licensing") == [232, 64, 19754]
    assert r.table("2.5").cell("licensing", "change").raw == "+64"
    assert r.table("2.9").cell("procurement", "amount").value == 29550.7315
    assert r.table("2.9").cell("procurement", "amount").unit == "万元"


@needs_shared
def test_seed_001_table_three_kept_blanks_and_2019_row():
    r = govlint.parse_path(seed("001"))
    t3 = r.table("3")
    assert t3.status == "read"
    assert t3.edition == "2019"  # the single （六）其他处理 row
    assert row(t3, "new") == [15, 0, 0, 0, 0, 0, 15]
    assert row(t3, "carried") == [None, None, None, None, None, None, 0]
    assert t3.cell("carried", "natural").kind == "blank"
    assert row(t3, "results_total") == [15, None, None, None, None, None, 15]
    assert row(t3, "other_handling") == [None] * 6 + [0]
    assert r.table("2.1").edition == "2021"
    assert r.edition == "mixed"


@needs_shared
def test_seed_004_dropped_blanks_are_ambiguous_not_guessed():
    r = govlint.parse_path(seed("004"))
    t3, t4 = r.table("3"), r.table("4")
    assert t3.status == "ambiguous" and t4.status == "ambiguous"
    # The total column is certain in every reading; the applicant columns are not.
    assert t3.cell("new", "total").certain and t3.cell("new", "total").value == 13
    assert not t3.cell("new", "natural").certain
    res = govlint.lint_paths([seed("004")])
    gl003 = [d for d in next(res).diagnostics if d.code == "GL003"]
    assert len(gl003) == 2
    assert "GL212" in gl003[0].text("en") and "cannot be read with certainty" in gl003[0].text("en")


@needs_shared
def test_pdf_text_with_displaced_labels_is_read_in_template_order():
    r = govlint.parse_path(corpus("huaian-2024-city-pdftotext.txt"))
    t3 = r.table("3")
    assert t3.status == "resolved"
    assert row(t3, "new") == [3001, 53, 0, 0, 61, 4, 3119]
    assert row(t3, "open") == [1288, 21, 0, 0, 50, 3, 1362]
    assert row(t3, "other_handling_3") == [108, 2, 0, 0, 0, 0, 110]
    assert row(t3, "carry_next") == [103, 0, 0, 0, 0, 0, 103]
    # Table 四's numbers are interleaved with its headers in default pdftotext: not guessed.
    assert r.table("4").status == "ambiguous"


@needs_shared
def test_pdf_layout_mode_reads_both_tables():
    r = govlint.parse_path(corpus("huaian-2024-city-pdftotext-layout.txt"))
    assert r.table("3").status == "read"
    assert row(r.table("3"), "results_total") == [2932, 53, 0, 0, 61, 4, 3050]
    assert row(r.table("4"), "counts") == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]


@needs_shared
def test_run_together_cells_are_split_only_when_identities_decide():
    r = govlint.parse_path(corpus("pingtan-2021-zone-flattened.txt"))
    t3 = r.table("3")
    assert t3.status == "resolved"
    assert row(t3, "new") == [64, 0, 0, 2, 0, 4, 70]  # 640020470
    assert row(t3, "unavailable_1") == [22, 0, 0, 0, 0, 3, 25]  # 2200003252
    # 行政规范性文件693665 has no identity to decide 69/36/65 from 6/93/665: ambiguous.
    assert r.table("2.1").status == "ambiguous"
    assert row(r.table("2.1"), "rules") == [0, 0, 0]


# ---------------------------------------------------------------- hand-made

_T3_HEAD = """三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |
申请人情况 |
自然人 |
法人或其他组织 |
总计 |
商业企业 |
科研机构 |
社会公益组织 |
法律服务机构 |
其他 |
"""


def _pipe_rows(rows: list[tuple[str, list[str]]]) -> str:
    out = []
    for label, cells in rows:
        out.append(f"{label} |")
        out.extend(f"{c} |" if c else "|" for c in cells)
        out.append("||")
    return "\n".join(out) + "\n"


def test_pipe_row_with_fewer_cells_is_ambiguous():
    text = "某县2022年政府信息公开工作年度报告\n" + _T3_HEAD + _pipe_rows(
        [("一、本年新收政府信息公开申请数量", ["5", "5"])]
    )
    res = lint_text(text, selection=govlint.Selection(select=["GL003"]))
    t3 = res.report.table("3")
    assert t3.status == "ambiguous"
    assert [d.code for d in res.diagnostics] == ["GL003"]


def test_pipe_row_with_all_cells_is_read_even_when_it_does_not_add_up():
    text = "某县2022年政府信息公开工作年度报告\n" + _T3_HEAD + _pipe_rows(
        [("一、本年新收政府信息公开申请数量", ["5", "1", "0", "0", "0", "0", "9"])]
    )
    res = lint_text(text, selection=govlint.Selection(select=["GL003"]))
    t3 = res.report.table("3")
    assert t3.status == "read"
    assert row(t3, "new") == [5, 1, 0, 0, 0, 0, 9]
    assert res.diagnostics == []
