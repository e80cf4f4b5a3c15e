"""Years and dates (GL3xx), content (GL401, GL403, GL404) and hygiene (GL5xx): cases that fire and that must not."""

from __future__ import annotations

import pytest

import govlint
from govlint.api import lint_text
from govlint.checks.content import contact_kinds
from govlint.parse.contacts import contacts
from govlint.parse.facts import issuer_kind

from .conftest import EXAMPLES, SIX, make_report, needs_shared, seed


def found(text: str, code: str, **options):
    res = lint_text(text, selection=govlint.Selection(select=[code]), options=options or None)
    return [d for d in res.diagnostics if d.code == code]


def report(five: str = "", six: str = "", title: str = "某县2022年政府信息公开工作年度报告", sign: str = "") -> str:
    bodies = {}
    if five:
        bodies[4] = five
    if six:
        bodies[5] = six
    return make_report(title=title, bodies=bodies) + (sign + "\n" if sign else "")


# GL301 ------------------------------------------------------------------

def test_gl301_plan_dated_the_reporting_year():
    (d,) = found(report(five="存在问题是解读不够。2022年，我县将加强政策解读。"), "GL301")
    assert "2022" in d.text("zh") and "2023" in d.text("zh")
    line = report(five="存在问题是解读不够。2022年，我县将加强政策解读。").split("\n")[d.region.start_line - 1]
    assert line[d.region.start_column - 1 : d.region.start_column + 3] == "2022"


@pytest.mark.parametrize(
    "five",
    [
        "2022年，我县政府信息公开工作取得了一定成效，但仍有不足。2023年，我县将加强政策解读。",
        "2023年，我县将在2022年工作基础上进一步加强政策解读。",  # the past year only for comparison
        "对照2022年工作计划，2023年我县将进一步加强政策解读。",
        "下一步，我县将加强政策解读，提升公开质量。",  # no year at all
    ],
)
def test_gl301_silent(five):
    assert found(report(five=five), "GL301") == []


def test_gl301_work_plan_heading_and_aim():
    assert found(report(five="问题：公开不够。2022年工作打算：加强培训。"), "GL301")
    assert found(report(five="问题：公开不够。力争2022年底前完成平台改版。"), "GL301")


@needs_shared
def test_gl301_seeds():
    assert [d.region.start_line for d in found(seed("003").read_text(encoding="utf-8"), "GL301")] == [402]
    assert [d.region.start_line for d in found(seed("004").read_text(encoding="utf-8"), "GL301")] == [160]


# GL302 ------------------------------------------------------------------

def test_gl302_points_at_the_odd_one_out():
    text = report(title="某县2021年政府信息公开工作年度报告").replace(
        "一、总体情况\n", "本报告中所列数据统计期限为2022年1月1日至12月31日。\n一、总体情况\n", 1
    )
    (d,) = found(text, "GL302")
    assert d.region.start_line == 1 and d.data["source"] == "title" and d.data["expected"] == 2022


def test_gl302_silent_when_sources_agree():
    text = report().replace("一、总体情况\n", "本报告中所列数据统计期限为2022年1月1日至12月31日。\n一、总体情况\n", 1)
    assert found(text, "GL302") == []


def test_gl302_config_year_wins():
    got = found(report(), "GL302", year=2023)
    assert got and all(d.data["found"] == 2022 and d.data["expected"] == 2023 for d in got)
    assert {d.data["source"] for d in got} == {"title", "overview-opening"}


# GL303 ------------------------------------------------------------------

DEPT = "某县交通运输局2022年政府信息公开工作年度报告"


def test_gl303_department_after_31_january():
    (d,) = found(report(title=DEPT, sign="2023年2月15日"), "GL303")
    assert "2023-01-31" in d.text("en")


def test_gl303_government_by_31_march_is_on_time():
    assert found(report(sign="2023年3月10日"), "GL303") == []
    assert found(report(sign="2023年4月2日"), "GL303")


def test_gl303_no_date_no_finding_and_config_kind():
    assert found(report(title=DEPT), "GL303") == []
    assert found(report(sign="2023年2月15日"), "GL303", **{"issuer-kind": "department"})


@pytest.mark.parametrize(
    "name,kind",
    [
        ("白银市", "government"),
        ("永州市冷水滩区人民政府", "government"),
        ("平潭综合实验区", "government"),
        ("云溪县交通运输局", "department"),
        ("某市卫生健康委员会", "department"),
        ("某区人民政府办公室", "department"),
        ("某县某某镇人民政府", "department"),
        ("某区某某街道办事处", "department"),
        ("某市经济技术开发区管理委员会", "department"),
        ("某某", None),
    ],
)
def test_issuer_kind(name, kind):
    assert issuer_kind(name) == kind


# GL401 ------------------------------------------------------------------

@pytest.mark.parametrize(
    "contact,kinds",
    [
        ("电话：0953—3050582", {"phone"}),
        ("电话：（0943）8253879", {"phone"}),
        ("联系电话 0517 - 87222589", {"phone"}),
        ("手机13912345678", {"phone"}),
        ("电子邮箱：byszwgk＠163.com", {"email"}),
        ("地址：白银市白银区广场北路1号", {"address"}),
        ("传真：0943-8225144", set()),
        ("邮编：730900", set()),
        ("网址：http://www.example.gov.cn", set()),
    ],
)
def test_contact_formats(contact, kinds):
    assert set(contact_kinds(contacts(contact))) == kinds


def test_gl401_fires_with_only_a_website_and_fax():
    six = "本年度未收取信息处理费。报告可在 http://www.example.gov.cn 查阅，传真：0943-8225144，邮编730900。"
    (d,) = found(report(six=six), "GL401")
    assert d.region.start_line == 12  # the 六 heading


def test_gl401_silent_and_configurable():
    six = "本年度未收取信息处理费。如有疑问请来电：0943-8253879。"
    assert found(report(six=six), "GL401") == []
    (d,) = found(report(six=six), "GL401", **{"contact-required": ["phone", "address"]})
    assert d.data["missing"] == ["address"]


# GL403 ------------------------------------------------------------------

def test_gl403_fires_on_wu():
    (d,) = found(report(six="无。"), "GL403")
    assert d.region.start_line == 12


def test_gl403_silent_when_stated_or_2019_edition():
    assert found(report(six="本年度未收取信息处理费。"), "GL403") == []
    text = report(six="无。", title="某县2020年政府信息公开工作年度报告").replace("2022年", "2020年")
    assert found(text, "GL403") == []


# GL404 ------------------------------------------------------------------

def test_gl404_fires_without_problem_or_measure():
    (d,) = found(report(five="无。"), "GL404")
    assert set(d.data["lacks"]) == {"a problem", "a measure"}
    (d,) = found(report(five="我县政务公开工作存在差距，公开质量有待提升。"), "GL404")
    assert d.data["lacks"] == ["a measure"]


def test_gl404_silent_with_both():
    assert found(report(five="政策解读形式单一的问题仍然存在。下一步将丰富解读形式。"), "GL404") == []


# GL501 ------------------------------------------------------------------

@pytest.mark.parametrize(
    "sentence,word",
    [
        ("制订《2020年年湖州市政务公开工作考评操作细则》。", "年年"),
        ("进一步规范审核审核发布机制。", "审核审核"),
        ("加强对政府信息的的管理。", "的的"),
        ("全面推进政务公开，，提升质量。", "，，"),
        ("全面推进政务公开，，，提升质量。", "，，，"),
    ],
)
def test_gl501_fires(sentence, word):
    (d,) = found(report(five="存在问题：公开不足。下一步将加强。" + sentence), "GL501")
    assert d.data["word"] == word


def test_gl501_quotes_a_long_run_by_its_count():
    (d,) = found(report(five="存在问题：公开不足。下一步将加强" + "。" * 40 + "完善机制。"), "GL501")
    assert d.data == {"word": "。", "count": 40} and d.region.end_column - d.region.start_column + 1 == 40
    assert d.text("zh") == "“。”连续出现 40 次，疑似重复（“…足。下一步将加强。。。…完善机制。…”）"
    assert d.text("en").startswith("“。” 40 times in a row looks like an accidental repetition")


@pytest.mark.parametrize(
    "sentence",
    [
        "2020年年底前完成平台改版。",
        "常常深入基层，天天更新网站，人人参与，一一答复，多多益善。",
        "扎扎实实推进，层层落实责任，方方面面都要公开。",
        "市市场监督管理局、区区直单位按要求公开。",
    ],
)
def test_gl501_silent(sentence):
    assert found(report(five="存在问题：公开不足。下一步将加强。" + sentence), "GL501") == []


def test_gl501_allow_list_is_extensible():
    text = report(five="存在问题：公开不足。下一步将研究研究具体办法。")
    assert found(text, "GL501")
    assert found(text, "GL501", **{"repeated-word-allow": ["研究研究"]}) == []


# GL502 ------------------------------------------------------------------

def test_gl502_fires_on_debris():
    text = "当前位置：首页 > 政务公开\n" + report() + "打印 关闭\n"
    got = [d.data["debris"] for d in found(text, "GL502")]
    assert got == ["当前位置：首页 >", "打印 关闭"]
    text = report(five="[bookmark: _GoBack]存在问题：公开不足。下一步将加强。")
    (d,) = found(text, "GL502")
    assert d.data["debris"] == "[bookmark: _GoBack]"


def test_gl502_silent_on_ordinary_words_and_page_numbers():
    text = report(five="存在问题：打印机不足，关闭了部分窗口。下一步将加强。") + "-1-\n"
    assert found(text, "GL502") == []


def test_all_rules_silent_on_the_small_complete_report():
    res = lint_text(report(sign="2023年3月10日"), selection=govlint.Selection(select=["GL3", "GL4", "GL5"]))
    assert res.diagnostics == []


def test_six_headings_constant_is_the_template():
    from govlint.template import load_template

    assert SIX == [s.heading for s in load_template().sections]


def test_gl403_does_not_take_a_table_row_for_a_fee_statement():
    # Without section 六 the whole report is searched, but only its prose: 行政事业性收费 (a row of
    # table 二) and 缴纳费用 (a row of table 三) say nothing about processing fees.
    text = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
    without_six = text[: text.index("六、其他需要报告的事项")]
    (d,) = found(without_six, "GL403")
    assert "收取信息处理费" in d.text("zh")
    said = without_six.replace("五、存在的主要问题及改进情况", "本年度未收取信息处理费。\n五、存在的主要问题及改进情况", 1)
    assert found(said, "GL403") == []
