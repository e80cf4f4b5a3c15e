"""The model's prose queries: blocks, sentences, stated numbers, contact details.

Rules read these instead of the source text; each query is computed once by
the parser and points at the original file in every format.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from govlint import api
from govlint.model import OPENING
from govlint.parse import prose
from govlint.parse.contacts import MAX_PER_KIND, contacts
from tests import sample
from tests.build_docx import build_docx
from tests.build_html import build_html

from .conftest import ROOT, make_report

TEXT = (
    "某县2022年政府信息公开工作年度报告\n"
    "本报告由县政府办公室编制。\n"
    "一、总体情况\n"
    "2022年，我县共受理政府信息公开申请1,205件；办结1200件！同比增长5%。\n"
    "三、收到和处理政府信息公开申请情况\n"
    "（一）收到申请情况\n"
    "上年结转 3 件，结转下年度继续办理8件。\n"
    "五、存在的主要问题及改进情况\n"
    "问题仍然存在。\n"
    "六、其他需要报告的事项\n"
    "如对本报告有疑问，请拨打12345热线咨询，或发送邮件至 gk@example.gov.cn。传真：0571-88886666。\n"
)


def _report(text: str = TEXT):
    return api.parse_bytes(text.encode("utf-8"), "r.txt")


def test_blocks_know_their_section_and_kind():
    r = _report()
    got = [(b.kind, b.section, b.text) for b in r.blocks]
    assert got[0][1] == OPENING  # the title line and the line under it open the report
    assert ("heading", "overview", "一、总体情况") in got
    assert ("subheading", "requests", "（一）收到申请情况") in got
    assert ("paragraph", "problems", "问题仍然存在。") in got
    assert [b.span.start for b in r.blocks] == sorted(b.span.start for b in r.blocks)
    for b in r.blocks:
        assert r.text(b.span) == b.text  # positions are the file's


def test_sentences_end_at_sentence_marks_and_keep_positions():
    r = _report()
    overview = [s.text for s in r.sentences_in("overview", kinds=("paragraph",))]
    assert overview == ["2022年，我县共受理政府信息公开申请1,205件", "办结1200件", "同比增长5%"]
    for s in r.sentences:
        assert r.text(s.span) == s.text
        assert s.at(0, 2) == type(s.span)(s.span.start, s.span.start + 2)


def test_stated_numbers_carry_their_words():
    r = _report()
    first = r.numbers[0]
    assert (first.value, first.digits, first.unit) == (1205, "1205", "件")
    assert first.before.endswith("共受理政府信息公开申请") and first.after.startswith("件")
    assert r.text(first.span) == "1,205"
    # 2022年 and 5% are not counts; 上年结转 3 件 keeps its spaces in the context
    assert [n.value for n in r.numbers] == [1205, 1200, 3, 8]
    carried = r.numbers[2]
    assert carried.before.endswith("上年结转 ") and carried.after.startswith(" 件")
    assert [n.value for n in r.numbers_in("requests", unit="件")] == [3, 8]
    assert r.numbers_in("problems") == []


def test_contact_details_with_the_sentence_around_them():
    r = _report()
    kinds = [(c.kind, c.text) for c in r.contacts]
    assert kinds == [("hotline", "12345热线"), ("email", "gk@example.gov.cn"), ("fax", "0571-88886666")]
    hotline = r.contacts[0]
    assert hotline.context.startswith("如对本报告有疑问") and "咨询" in hotline.context
    for c in r.contacts:
        assert r.text(c.span) == c.text


def test_a_named_channel_is_context_not_an_offer():
    (c,) = contacts("2022年，我县畅通12345热线、县长信箱等渠道。")
    assert c.kind == "hotline" and c.context == "2022年，我县畅通12345热线、县长信箱等渠道"


def test_hostile_prose_is_bounded():
    many = "1件，" * (prose.MAX_NUMBERS + 10)
    r = _report(make_report(bodies={0: many}))
    assert len(r.numbers) == prose.MAX_NUMBERS
    short = "好。" * (prose.MAX_SENTENCES + 10)
    r = _report(make_report(bodies={0: short}))
    assert len(r.sentences) == prose.MAX_SENTENCES
    assert len(contacts("a@b.cn " * (MAX_PER_KIND + 5))) == MAX_PER_KIND


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_queries_point_into_the_original_of_a_structured_file(fmt):
    data = build_docx(sample.blocks()) if fmt == "docx" else build_html(sample.blocks())
    r = api.parse_bytes(data, f"r.{fmt}")
    assert r.sentences and r.numbers and r.contacts
    for n in r.numbers[:5]:
        place = r.source.place(n.span)
        assert place is not None and (place.paragraph or place.line)
    for s in r.sentences:
        assert r.text(s.span) == s.text


def test_no_rule_reads_the_source_text():
    """Rules read the model: no module of govlint/checks/ slices ``report.source.text``."""
    offenders = []
    for path in sorted((ROOT / "govlint" / "checks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "text" and isinstance(node.value, ast.Attribute) and node.value.attr == "source":
                offenders.append(f"{Path(path).name}:{node.lineno}")
    assert offenders == []
