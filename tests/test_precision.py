"""Precision before recall: findings need positive evidence, and say where it is (issue 13).

Each case is the project's good example with one change a real report was
seen to have; the finding must be the honest one (GL103, GL003, or nothing),
never a stronger claim the text does not support.
"""

from __future__ import annotations

import pytest

from govlint import api
from tests.conftest import EXAMPLES

GOOD = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")


def _lint(text: str) -> list:
    return api.lint_bytes(text.encode("utf-8"), "r.txt").diagnostics


@pytest.mark.parametrize(
    "heading, written",
    [
        ("三、收到和处理政府信息公开申请情况", "三是收到和处理政府信息公开申请情况"),
        ("四、政府信息公开行政复议、行政诉讼情况", "四是政府信息公开行政复议、行政诉讼情况"),
        ("四、政府信息公开行政复议、行政诉讼情况", "四,政府信息公开行政复议、行政诉讼情况"),
        ("二、主动公开政府信息情况", "二主动公开政府信息情况"),
        ("六、其他需要报告的事项", "六 其他需要报告的事项"),
    ],
)
def test_a_misnumbered_heading_is_the_same_section_with_gl103(heading, written):
    diags = _lint(GOOD.replace(heading, written, 1))
    assert [d.code for d in diags] == ["GL103"], [(d.code, d.text("en")) for d in diags]
    assert heading in diags[0].text("zh")  # says what the heading should be


def test_a_heading_without_a_mark_is_told_to_add_one():
    (d,) = _lint(GOOD.replace("二、主动公开政府信息情况", "二主动公开政府信息情况", 1))
    assert "编号后缺少顿号“、”" in d.text("zh") and "“”" not in d.text("zh")
    assert "put “、” (the enumeration comma) after the numeral" in d.text("en")


def test_an_enumeration_in_prose_is_not_a_heading():
    # "六是…，如下" runs on after the wording: prose, so section 六 is missing.
    diags = _lint(GOOD.replace("六、其他需要报告的事项", "六是其他需要报告的事项，如下", 1))
    assert "GL101" in [d.code for d in diags] and "GL103" not in [d.code for d in diags]


def test_gl202_needs_wording_only_the_other_edition_has():
    # Table 三 cut off after its header rows: no row was read, so nothing says which edition it is.
    head, sep, rest = GOOD.partition("一、本年新收政府信息公开申请数量 |")
    cut = head + GOOD[GOOD.index("四、政府信息公开行政复议") :]
    assert sep and "一、本年新收" not in cut
    codes = [d.code for d in _lint(cut)]
    assert "GL202" not in codes


def test_gl202_points_at_the_row_that_gave_the_edition_away():
    # A 2022 report whose table 三 has the 2019 single row （六）其他处理 with values.
    start = GOOD.index("（六）其他处理 |")
    end = GOOD.index("（七）总计 |")
    text = GOOD[:start] + "（六）其他处理 |\n3 |\n1 |\n0 |\n0 |\n0 |\n0 |\n4 |\n" + GOOD[end:]
    (d,) = [d for d in _lint(text) if d.code == "GL202"]
    line = text.splitlines()[d.region.start_line - 1]
    assert line.startswith("（六）其他处理"), line
    assert "“（六）其他处理”" in d.text("zh") and "2019年版模板" in d.text("zh") and "the 2019 template" in d.text("en")


def test_gl003_says_which_checks_were_skipped_only_when_some_were():
    diags = [d for d in _lint(GOOD.replace("86 |\n9 |\n1 |", "86 |\n9 |", 1)) if d.code == "GL003"]
    assert diags
    for d in diags:
        assert "已跳过：无" not in d.text("zh") and "skipped: none" not in d.text("en")
        assert "表三" not in d.text("en")  # English messages name tables in English


@pytest.mark.parametrize(
    "title, issuer",
    [
        ("2022年云溪县政府信息公开工作年度报告", "云溪县"),
        ("2022年度云溪县人民政府信息公开工作年度报告", "云溪县人民政府"),
        ("2022 年 云溪县 政府信息公开工作年度报告", "云溪县"),
        ("云溪县人民政府2022年政府信息公开工作年度报告", "云溪县人民政府"),
        # 关于 joins a publisher to the report it publishes; it is never the issuer
        ("云溪县人民政府关于2022年度政府信息公开工作年度报告", "云溪县人民政府"),
        ("云溪县人民政府办公室关于云溪县2022年政府信息公开工作年度报告", "云溪县"),
        ("云溪县人民政府办公室关于2022年度云溪县人民政府信息公开工作年度报告", "云溪县人民政府"),
    ],
)
def test_a_title_may_put_the_year_first(title, issuer):
    text = GOOD.replace("云溪县2022年政府信息公开工作年度报告", title, 1)
    rep = api.parse_bytes(text.encode("utf-8"), "r.txt")
    assert rep.title is not None and (rep.title.issuer, rep.title.year) == (issuer, 2022)
    assert "GL104" not in [d.code for d in _lint(text)]


def test_a_title_that_names_no_issuer_says_so():
    text = GOOD.replace("云溪县2022年政府信息公开工作年度报告", "关于2022年度政府信息公开工作年度报告", 1)
    rep = api.parse_bytes(text.encode("utf-8"), "r.txt")
    assert rep.title is not None and rep.title.issuer is None and rep.title.year == 2022
    (d,) = [d for d in _lint(text) if d.code == "GL104"]
    assert "does not name the issuing body" in d.text("en")


def test_a_quoted_title_may_put_the_year_first():
    text = GOOD.replace("云溪县2022年政府信息公开工作年度报告\n", "", 1)
    text = text.replace("本报告根据", "《2022年云溪县政府信息公开工作年度报告》根据", 1)
    rep = api.parse_bytes(text.encode("utf-8"), "r.txt")
    assert rep.title is not None and rep.title.quoted and (rep.title.issuer, rep.title.year) == ("云溪县", 2022)


def _without_contacts() -> str:
    a = GOOD.index("如对本报告有疑问")
    return GOOD[:a] + GOOD[GOOD.index("。", a) + 1 :]


@pytest.mark.parametrize(
    "sentence, fires",
    [
        ("", True),
        ("全年畅通12345热线、县长信箱等渠道，及时回应群众关切。", True),  # a channel named in the narrative
        ("如对本报告有疑问，可拨打12345政务服务便民热线咨询。", False),  # offered for questions
        ("联系电话：0571-63812047。", False),
    ],
)
def test_contact_details_are_the_issuers_own(sentence, fires):
    anchor = "本年度未发生因政府信息公开工作引发的责任追究情形。"
    text = _without_contacts().replace(anchor, anchor + sentence, 1)
    assert ("GL401" in [d.code for d in _lint(text)]) is fires


@pytest.mark.parametrize(
    "old, new",
    [
        ("行政许可 |\n8936 |", "行政许可 |\n|\n8936 |"),  # a lone | between the label and its one value
        ("行政处罚 |\n2417 |", "行政处罚 |\n|\n2417 |\n|"),
    ],
)
def test_a_small_pipe_table_with_lone_pipes_is_read_when_only_one_reading_fits(old, new):
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    res = api.lint_bytes(text.encode("utf-8"), "r.txt")
    assert all(t.readable for t in res.report.tables) and not res.diagnostics, res.diagnostics


def test_more_blanks_than_a_row_end_explains_stay_uncertain():
    # One value and three lone | after a one-column label: not a layout's doing. GL003, never a guess.
    text = GOOD.replace("行政许可 |\n8936 |", "行政许可 |\n|\n|\n|\n8936 |", 1)
    res = api.lint_bytes(text.encode("utf-8"), "r.txt")
    assert [t.status for t in res.report.tables if t.id == "2.5"] != ["read"]
    assert "GL003" in [d.code for d in res.diagnostics]


def test_a_number_for_two_results_together_is_not_a_claim_about_one():
    # 予以公开及部分公开 8 件 counts both; the table's 部分公开 is 8 here only by chance of the example: use 55.
    text = GOOD.replace("其中予以公开47件、部分公开8件", "其中予以公开及部分公开55件", 1)
    assert text != GOOD
    assert "GL402" not in [d.code for d in _lint(text)]


def test_table_four_written_one_row_per_line_is_read():
    rows = (
        "行政复议 | 行政诉讼\n"
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
        "2 | 1 | 0 | 1 | 4 | 1 | 0 | 1 | 0 | 2 | 1 | 0 | 0 | 1 | 2\n"
    )
    a = GOOD.index("四、政府信息公开行政复议、行政诉讼情况")
    b = GOOD.index("五、存在的主要问题及改进情况")
    text = GOOD[:a] + "四、政府信息公开行政复议、行政诉讼情况\n" + rows + GOOD[b:]
    rep = api.parse_bytes(text.encode("utf-8"), "r.txt")
    t = rep.table("4")
    assert t is not None and t.readable and t.value("counts", "review_total") == 4
    assert not [d.code for d in _lint(text) if d.code.startswith("GL2")]
    wrong = text.replace("| 4 | 1 | 0 | 1 | 0 | 2 |", "| 5 | 1 | 0 | 1 | 0 | 2 |", 1)
    assert [d.code for d in _lint(wrong) if d.code.startswith("GL2")] == ["GL213"]


def test_table_words_in_prose_with_a_bar_are_not_a_header_row():
    # One table word and a count: prose (or a caption row), not a row of the template's header words.
    text = GOOD.replace("五、存在的主要问题及改进情况", "行政复议 | 1件\n五、存在的主要问题及改进情况", 1)
    assert len(api.parse_bytes(text.encode("utf-8"), "r.txt").tables) == len(api.parse_bytes(GOOD.encode("utf-8"), "r.txt").tables)
