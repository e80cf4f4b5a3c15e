"""Messages a clerk reads once: English messages speak English, sums say what was added up.

An English message may quote the report or the template in Chinese (inside
“…”: the wording to look for or to write) and cite a document by its number
(国办公开办函〔2021〕30号); every other word is English: table, row, column,
identity and section names come from the template's English labels.
"""

from __future__ import annotations

import re

import pytest

from govlint import api, plugins

from .conftest import EXAMPLES, SEEDS, SHARED

GOOD = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
_QUOTED = re.compile(r"“[^”]*”")
_CITATION = re.compile(r"\S*〔\d{4}〕\d+号")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")


def _untranslated(en: str) -> list[str]:
    return _CJK.findall(_CITATION.sub("", _QUOTED.sub("", en)))


def _broken() -> list[str]:
    """The good example with a fault in every table and section a rule judges."""
    out = []
    out.append(GOOD.replace("86 |\n9 |", "87 |\n9 |", 1))  # 本年新收: row total and the column's balance
    out.append(GOOD.replace("（一）予以公开 |\n", "（一）予以公开 |\n", 1).replace("47 |", "48 |", 1))
    out.append(GOOD.replace("行政规范性文件 |\n12 |", "行政规范性文件 |\n|", 1))  # a blank count, an uncertain row
    out.append(GOOD.replace("二、主动公开政府信息情况", "二,主动公开政府信息情况", 1))
    out.append(GOOD[: GOOD.index("六、其他需要报告的事项")])
    out.append(GOOD.replace("五、存在的主要问题及改进情况", "六、其他需要报告的事项", 1))
    cut = GOOD.index("尚未审结 |")
    out.append(GOOD[:cut] + GOOD[cut:].replace("4 |\n1 |\n0 |", "5 |\n1 |\n0 |", 1))  # 行政复议 总计 4 → 5
    return out


def _texts() -> list[tuple[str, bytes]]:
    found = [(f"broken{i}.txt", t.encode("utf-8")) for i, t in enumerate(_broken())]
    for r in plugins.rules():
        for which in ("example_bad", "example_good"):
            ex = getattr(r, which, "")
            if ex:
                found.append((f"{r.code}-{which}.txt", ex.encode("utf-8")))
    if SEEDS.is_dir():
        for p in sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/*.txt")) + sorted(SHARED.glob("corpus/html/*.html")):
            found.append((p.name, p.read_bytes()))
    return found


_ALL = _texts()


def test_the_cases_exercise_the_table_rules():
    codes = {d.code for name, data in _ALL for d in api.lint_bytes(data, name).diagnostics}
    assert {"GL101", "GL102", "GL103", "GL201", "GL204", "GL210", "GL211", "GL212", "GL213", "GL402", "GL403"} <= codes


@pytest.mark.parametrize("name, data", _ALL, ids=[n for n, _ in _ALL])
def test_english_messages_have_no_untranslated_chinese(name, data):
    bad = {}
    for d in api.lint_bytes(data, name).diagnostics:
        words = _untranslated(d.text("en"))
        if words:
            bad[d.code] = (words, d.text("en"))
    assert bad == {}


def test_a_sum_says_what_was_added_and_what_it_should_equal():
    (d,) = [d for d in api.lint_text(GOOD.replace("86 |\n9 |", "87 |\n9 |", 1)).diagnostics if d.code == "GL210"]
    en, zh = d.text("en"), d.text("zh")
    assert "row “1. applications received this year”" in en
    assert "total 105, but natural persons + businesses + research institutions" in en
    assert "= 87 + 9 + 1 + 2 + 4 + 3 = 106; the two must be equal (off by 1)" in en
    assert "总计 105，而自然人 + 商业企业" in zh and "两者应相等（差 1）" in zh
    assert not re.search(r"= (\d+) = \1\b", en)  # never 总计 = 105 = 105
