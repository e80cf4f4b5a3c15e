"""Each structure rule on small hand-made reports: one case that fires, one that must not."""

from __future__ import annotations

import govlint
from govlint.api import lint_text

from .conftest import SIX, make_report


def findings(text: str, code: str):
    res = lint_text(text, selection=govlint.Selection(select=[code]))
    return [d for d in res.diagnostics if d.code == code]


def test_complete_report_is_clean():
    res = lint_text(make_report(), selection=govlint.Selection(select=["GL0", "GL1"]))
    assert res.diagnostics == []


# GL002 ---------------------------------------------------------------------

def test_gl002_fires_on_a_text_that_is_not_a_report():
    (d,) = findings("会议纪要\n今天召开了全体会议，研究部署下一阶段工作。\n", "GL002")
    assert d.region.start_line == 1
    assert "not an annual report" in d.text("en") or "not a government" in d.text("en")


def test_gl002_silent_when_sections_are_there():
    assert findings(make_report(title=""), "GL002") == []


def test_gl002_suppresses_the_structure_rules():
    res = lint_text("随便写的一段话。\n")
    assert [d.code for d in res.diagnostics] == ["GL002"]


# GL101 ---------------------------------------------------------------------

def test_gl101_names_the_missing_section_and_where_it_belongs():
    text = make_report(headings=[h for h in SIX if not h.startswith("三")])
    (d,) = findings(text, "GL101")
    assert "三、收到和处理政府信息公开申请情况" in d.text("zh")
    # Expected before the next section present (四), which is on line 6.
    assert d.region.start_line == 6


def test_gl101_missing_last_section_points_after_the_last():
    (d,) = findings(make_report(headings=SIX[:5]), "GL101")
    assert "六" in d.text("zh") and d.region.start_line == 11


def test_gl101_silent_with_variant_wording():
    headings = SIX[:4] + ["五、存在的主要问题及改进措施", "六、其他事项"]
    assert findings(make_report(headings=headings), "GL101") == []


# GL102 ---------------------------------------------------------------------

def test_gl102_sections_out_of_order():
    headings = [SIX[0], SIX[1], SIX[3], SIX[2], SIX[4], SIX[5]]
    (d,) = findings(make_report(headings=headings), "GL102")
    assert d.region.start_line == 8  # 三 after 四
    assert "四" in d.text("zh")


def test_gl102_reused_number_inside_section_one():
    headings = [SIX[0], "一、重点领域信息公开", *SIX[1:]]
    (d,) = findings(make_report(headings=headings), "GL102")
    assert d.region.start_line == 4 and "一" in d.text("en")


def test_gl102_silent_with_parenthesised_subheadings():
    text = make_report(bodies={0: "（一）重点领域信息公开。2022年，我县……\n（二）政策解读。我县……"})
    assert findings(text, "GL102") == []


# GL103 ---------------------------------------------------------------------

def test_gl103_comma_after_numeral():
    headings = SIX[:3] + ["四,政府信息公开行政复议、行政诉讼情况"] + SIX[4:]
    (d,) = findings(make_report(headings=headings), "GL103")
    assert d.region.start_line == 8
    assert "四、政府信息公开行政复议、行政诉讼情况" in d.text("zh")


def test_gl103_changed_wording():
    headings = SIX[:3] + ["四、政府信息公开行政复议和诉讼情况"] + SIX[4:]
    (d,) = findings(make_report(headings=headings), "GL103")
    assert "行政复议、行政诉讼" in d.text("en")


def test_gl103_silent_on_full_width_and_half_width_variants_of_the_same_heading():
    headings = SIX[:3] + ["四、政府信息公开行政复议、行政诉讼情况"] + SIX[4:]
    assert findings(make_report(headings=headings), "GL103") == []


# GL104 ---------------------------------------------------------------------

def test_gl104_no_title():
    (d,) = findings(make_report(title=""), "GL104")
    assert d.region.start_line == 1


def test_gl104_silent_with_issuer_on_the_line_before():
    text = make_report(title="某某县人民政府\n2022年政府信息公开工作年度报告")
    assert findings(text, "GL104") == []
    r = lint_text(text).report
    assert r.title.issuer == "某某县人民政府" and r.title.year == 2022


def test_gl104_silent_with_title_quoted_in_the_opening():
    text = make_report(title="根据条例要求，现发布《某县2022年政府信息公开工作年度报告》。")
    assert findings(text, "GL104") == []


# GL105 ---------------------------------------------------------------------

def test_gl105_heading_without_content():
    (d,) = findings(make_report(bodies={1: ""}), "GL105")
    assert d.region.start_line == 4 and "二" in d.text("zh")


def test_gl105_silent_when_section_has_text():
    assert findings(make_report(bodies={5: "无。"}), "GL105") == []


# Flattened layout: headings inline ------------------------------------------

def test_flattened_layout_finds_inline_headings():
    body = " ".join(f"{h} 本部分内容。" for h in SIX)
    text = "某县2022年政府信息公开工作年度报告\n" + "前言" * 400 + "。 " + body + "\n"
    r = lint_text(text).report
    assert [s.number for s in r.sections] == ["一", "二", "三", "四", "五", "六"]
