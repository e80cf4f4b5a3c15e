"""GL405: what the prose says of the tables as a whole, against the cells (claims are template data)."""

from __future__ import annotations

import pytest

import govlint

from .conftest import EXAMPLES

GOOD = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
SAYS_AT = "四、政府信息公开行政复议、行政诉讼情况"  # a sentence is put first in section 四


def _gl405(text: str) -> list:
    return govlint.lint_text(text, selection=govlint.Selection(select=["GL405"])).diagnostics


def _saying(sentence: str, text: str = GOOD) -> str:
    return text.replace(SAYS_AT, SAYS_AT + "\n" + sentence, 1)


def _cells(text: str, label: str, values: list[str]) -> str:
    """``text`` with the cells after ``label`` (one per line, `N |`) replaced by ``values``."""
    head, mark, rest = text.partition(label + " |\n")
    assert mark, label
    lines = rest.split("\n")
    for i, v in enumerate(values):
        lines[i] = f"{v} |"
    return head + mark + "\n".join(lines)


def test_the_example_is_consistent_as_written():
    assert _gl405(GOOD) == []
    # good-2021: 5 carried over to 2023, table 四 has reconsiderations and lawsuits, 105 applications.


@pytest.mark.parametrize(
    "sentence, claim",
    [
        ("全年收到的政府信息公开申请均已按期答复。", "all-answered"),
        ("本年度受理的依申请公开申请已全部办结。", "all-answered"),
        ("全年未发生因政府信息公开引起的行政复议。", "no-review"),
        ("本年度没有发生政府信息公开行政诉讼案件。", "no-litigation"),
        ("本年度未收到政府信息公开申请。", "no-applications"),
    ],
)
def test_a_claim_the_tables_contradict(sentence, claim):
    (d,) = [d for d in _gl405(_saying(sentence)) if d.data["claim"] == claim]
    assert sentence.rstrip("。") in d.text("zh") and d.data["table_value"] > 0
    assert d.related  # the cells


@pytest.mark.parametrize(
    "sentence",
    [
        "全年收到的政府信息公开申请尚未全部办结。",  # negated
        "全年收到的申请未能全部办结，5件结转下年度继续办理。",
        "本年度办结的申请均已按期答复。",  # about the answered ones only
        "全年未发生行政复议被纠错的情况。",  # narrower: none corrected
        "未经复议直接提起行政诉讼的案件均已审结。",  # 未经复议 is a kind of lawsuit, not a denial
        "无论是行政复议还是行政诉讼，我县均积极应诉。",
        "2021年未收到政府信息公开申请。",  # another year
        "与上年同比，未发生行政复议。",
        # A second review's cases: exceptions, subsets, purposes, other periods, other things answered
        "除5件仍在办理中外，其余申请均已按期答复。",
        "除涉及第三方权益需征求意见的5件外，本年新收申请均已办结。",
        "上一年度受理的申请均已按期答复。",
        "县政府办公室直接受理的申请均已按期答复。",
        "涉及征地拆迁的申请均已按期答复。",
        "建立依申请公开办理台账，确保每件申请均按期答复。",
        "对申请人的电话咨询均予以答复。",
        "截至目前，本年度受理的105件申请均已办结。",
        "本年度未发生因政府信息公开行政复议、行政诉讼引发的责任追究情形。",
        "本年度未发生因主动公开引发的行政复议。",
        "县政府本级未发生行政复议，4件行政复议均针对县直部门。",
        "如申请人对答复不服，可依法申请行政复议或提起行政诉讼；没有提出行政复议的，可直接提起行政诉讼。",
        "不存在未受理政府信息公开申请的情况。",
        "无应受理而未受理信息公开申请的情况。",
        "12个乡镇均未收到政府信息公开申请。",
        "部分乡镇没有收到依申请公开申请。",
        "县档案馆等8个单位本年度未收到政府信息公开申请。",
        "本级未收到信息公开申请的部门有23个。",
    ],
)
def test_what_is_not_a_claim_about_the_tables(sentence):
    assert _gl405(_saying(sentence)) == []


def test_silent_when_the_table_agrees():
    zero_next = _cells(GOOD, "四、结转下年度继续办理", ["0"] * 7)
    assert _gl405(_saying("全年收到的政府信息公开申请均已按期答复。", zero_next)) == []


def test_silent_when_the_cell_is_not_certain():
    # The carry-over row cut short: the table is GL003, its cells are not judged, and neither is the claim.
    head, mark, rest = GOOD.partition("四、结转下年度继续办理 |\n")
    lines = rest.split("\n")
    broken = head + mark + "\n".join(lines[3:])  # three of its seven cells lost
    codes = [d.code for d in govlint.lint_text(_saying("全年收到的政府信息公开申请均已按期答复。", broken)).diagnostics]
    assert "GL405" not in codes and "GL003" in codes


def test_every_claim_is_template_data():
    from govlint.template import load_template

    claims = {c.id: c for c in load_template().claims}
    assert set(claims) == {"all-answered", "no-review", "no-litigation", "no-applications"}
    for c in claims.values():
        assert c.cells and c.display("zh") and c.display("en")
