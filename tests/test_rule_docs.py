"""Executable rule docs: every rule's bad example fires that rule, its good example does not.

Every rule is here: the built-in ones (through the plugin manager), every
YAML pack in ``rules/`` and the example plugin in
``examples/govlint-plugin-example``. A rule without both examples, or with an
``example_context`` this file does not know, fails: no rule is skipped.

How an example becomes a document (``docs/rules.md`` says the same, from
``govlint/report/ruledocs.py``) depends on the rule's ``example_context``:

``report`` (the default for rules that need a report)
    The example is a few lines of a report, read as part of ``BASE``: a small
    correct report (某县2022年…: the six sections with their tables, then
    contact details, signature and date). ``splice`` puts it in: a first line
    that is a report title replaces the title; each section the example shows
    (from its heading to the next) replaces that section, and the sections
    between the first and the last it shows that it leaves out are missing;
    its other lines replace the closing lines after section 六. ``……`` is
    plain text. ``BASE`` alone is silent for every rule, so a bad example fires
    because of what it shows.
``file`` (the default for rules that run on any file: GL001, GL002)
    The example is the whole file.
``plugin-failure`` (GL900), ``internal-error`` (GL901)
    The examples describe an event, which the test provokes: a plugin that
    cannot be imported (good: one that can), govlint raising while it parses
    the file (good: it does not).

A case that fails because of a known problem in a rule or the reader is
marked in ``KNOWN``: a strict xfail naming the problem, so that it flips
when the problem is fixed.
"""

from __future__ import annotations

import importlib
import re
import sys
import tempfile
import types
from pathlib import Path

import pytest

import govlint
from govlint import api, plugins
from govlint.checks.declarative import builtin_packs, load_pack
from govlint.template import load_template

from .conftest import EXAMPLES

PLUGIN_DIR = EXAMPLES / "govlint-plugin-example"


def _example_plugin() -> types.ModuleType:
    """The example plugin's module, imported from its source folder (not installed)."""
    sys.path.insert(0, str(PLUGIN_DIR))
    bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # leave the example's folder as it is
    try:
        return importlib.import_module("govlint_plugin_example.plugin")
    finally:
        sys.path.remove(str(PLUGIN_DIR))
        sys.dont_write_bytecode = bytecode


def _all_rules() -> tuple[list, list]:
    ps = plugins.build(extra=[_example_plugin()], entry_points=False)
    rules = list(ps.rules)
    packs = builtin_packs()
    for name in sorted(packs):
        rules += load_pack(packs[name], f"builtin:{name}")
    for path in ps.rule_packs:
        rules += load_pack(path)
    return sorted(rules, key=lambda r: r.code), ps.failures


RULES, LOAD_FAILURES = _all_rules()

# ------------------------------------------------------------------ the report an example is part of

_ZEROS = " | 0" * 7
_ROWS_3 = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果 | （一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开 | 1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供 | 1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理 | 1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]
_CELLS_4 = (
    "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉".split()
    + "结果维持 结果纠正 其他结果 尚未审结 总计".split() * 2
    + ["0"] * 15
)

BASE_TITLE = "某县2022年政府信息公开工作年度报告"
BASE_SECTIONS: dict[str, list[str]] = {
    "一": ["一、总体情况", "2022年，我县认真落实政府信息公开各项工作，12345热线共受理群众诉求1200件，办结1198件。"],
    "二": [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
        "规章 | 0 | 0 | 0",
        "行政规范性文件 | 3 | 1 | 20",
        "第二十条第（五）项",
        "信息内容 | 本年处理决定数量",
        "行政许可 | 120",
        "第二十条第（六）项",
        "信息内容 | 本年处理决定数量",
        "行政处罚 | 35",
        "行政强制 | 2",
        "第二十条第（八）项",
        "信息内容 | 本年收费金额（单位：万元）",
        "行政事业性收费 | 0",
    ],
    "三": [
        "三、收到和处理政府信息公开申请情况",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况",
        "自然人 | 法人或其他组织 | 总计",
        "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他",
    ]
    + [row + _ZEROS for row in _ROWS_3],
    # Table 四 one cell per line here; GL213's own examples write it one row per line.
    "四": ["四、政府信息公开行政复议、行政诉讼情况"] + [c + " |" for c in _CELLS_4],
    "五": ["五、存在的主要问题及改进情况", "存在的主要问题是政策解读形式还不够丰富。2023年，我县将加强图解和视频解读。"],
    "六": ["六、其他需要报告的事项", "本年度未收取信息处理费。"],
}
BASE_CLOSING = ["如对本报告有疑问，请与县政府办公室联系（电话：0571-88886666）。", "某县人民政府办公室", "2023年3月10日"]
ORDER = "一二三四五六"

_HEADING = re.compile(r"^\s*([一二三四五六])\s*[、,，.．]\s*(\S.*)$")
_SPECS = {s.number: s for s in load_template().sections}


def section_of(line: str):
    """The numeral of the section a line is the heading of, or None (a table row, a sub-heading)."""
    if "|" in line or "\t" in line:
        return None
    m = _HEADING.match(line)
    if not m:
        return None
    spec = _SPECS[m.group(1)]
    words = (spec.title, *spec.keywords, *spec.variants)
    return m.group(1) if any(w in m.group(2) for w in words) else None


def splice(example: str) -> str:
    """The report an example of context ``report`` is read as part of (see the module's doc)."""
    lines = [x for x in example.split("\n") if x.strip()]
    title = BASE_TITLE
    if lines and "|" not in lines[0] and lines[0].strip().endswith("年度报告"):
        title, lines = lines[0], lines[1:]
    other: list[str] = []
    shown: list[tuple[str, list[str]]] = []
    for line in lines:
        number = section_of(line)
        if number:
            shown.append((number, [line]))
        elif shown:
            shown[-1][1].append(line)
        else:
            other.append(line)
    out = [title]
    if shown:
        first = min(ORDER.index(n) for n, _ in shown)
        last = max(ORDER.index(n) for n, _ in shown)
        for n in ORDER[:first]:
            out += BASE_SECTIONS[n]
        for _, section in shown:
            out += section
        for n in ORDER[last + 1 :]:
            out += BASE_SECTIONS[n]
    else:
        for n in ORDER:
            out += BASE_SECTIONS[n]
    out += other or BASE_CLOSING
    return "\n".join(out) + "\n"


BASE = splice("")

# ------------------------------------------------------------------ running an example


def _lint(text: str, code=None) -> list:
    sel = govlint.Selection(select=[code]) if code else None
    return govlint.lint_text(text, path="report.txt", selection=sel, rules=RULES).diagnostics


def _run_report(rule, kind, text, monkeypatch) -> list[str]:
    return [d.code for d in _lint(splice(text), rule.code)]


def _run_file(rule, kind, text, monkeypatch) -> list[str]:
    return [d.code for d in _lint(text, rule.code)]


def _run_plugin_failure(rule, kind, text, monkeypatch) -> list[str]:
    def load():
        if kind == "bad":
            raise ModuleNotFoundError("No module named 'requests'")
        return types.ModuleType("govlint_myrules")

    ep = types.SimpleNamespace(name="govlint_myrules", value="govlint_myrules", dist=None, load=load)
    monkeypatch.setattr(plugins, "_entry_points", lambda: [ep])
    plugins.default.cache_clear()
    try:
        res = api.plugin_failures_result()
    finally:
        monkeypatch.undo()
        plugins.default.cache_clear()
    return [d.code for d in res.diagnostics] if res else []


def _run_internal_error(rule, kind, text, monkeypatch) -> list[str]:
    if kind == "bad":
        def parse(result):
            raise TypeError("unsupported operand type(s) for +: 'int' and 'NoneType'")

        monkeypatch.setattr(api, "parse", parse)
    return [d.code for d in _lint(BASE)]


def _with_rows(example: str) -> str:
    """BASE with the example's table rows in place of its rows of the same label (a row is enough to
    show a rule across reports); an example with section headings is spliced as usual."""
    if any(section_of(line) for line in example.split("\n")):
        return splice(example)
    lines = BASE.split("\n")
    for row in (x for x in example.split("\n") if "|" in x):
        label = row.split("|")[0].strip()
        at = next(i for i, line in enumerate(lines) if "|" in line and line.split("|")[0].strip() == label)
        lines[at] = row
    return "\n".join(lines)


def _run_across(rule, kind, text, other_issuer: bool) -> list[str]:
    """This year's report (BASE with the example) beside the example_previous one: last year's report of
    the same issuer (years moved back), or, ``other_issuer``, another issuer's for the same year."""
    this = _with_rows(text)
    other = _with_rows(rule.example_previous)
    other = other.replace("某县", "某区") if other_issuer else other.replace("2022年", "2021年").replace("2023年", "2022年")
    with tempfile.TemporaryDirectory() as d:
        a, b = Path(d, "this.txt"), Path(d, "other.txt")
        a.write_text(this, encoding="utf-8")
        b.write_text(other, encoding="utf-8")
        results = list(govlint.lint_paths([a, b], selection=govlint.Selection(select=[rule.code]), rules=RULES, compare=True))
    return [d.code for r in results if r.path == str(a) for d in r.diagnostics]


RUNNERS = {
    "pair": lambda rule, kind, text, monkeypatch: _run_across(rule, kind, text, other_issuer=False),
    "other-issuer": lambda rule, kind, text, monkeypatch: _run_across(rule, kind, text, other_issuer=True),
    "report": _run_report,
    "file": _run_file,
    "plugin-failure": _run_plugin_failure,
    "internal-error": _run_internal_error,
}


def example_context(rule) -> str:
    return getattr(rule, "example_context", "report" if rule.needs_report else "file")


# Cases that fail because of a problem in a rule or the reader in files this test may not change.
KNOWN: dict[tuple[str, str], str] = {}


def _cases():
    for rule in RULES:
        for kind in ("bad", "good"):
            marks = []
            if (rule.code, kind) in KNOWN:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[(rule.code, kind)]))
            yield pytest.param(rule, kind, id=f"{rule.code}-{kind}", marks=marks)


@pytest.mark.parametrize("rule,kind", list(_cases()))
def test_example(rule, kind, monkeypatch):
    text = getattr(rule, f"example_{kind}", "")
    assert text.strip(), f"{rule.code} has no {kind} example: add one (example_{kind}, or example.{kind} in a pack)"
    context = example_context(rule)
    assert context in RUNNERS, f"{rule.code}: unknown example_context {context!r} (known: {', '.join(RUNNERS)})"
    codes = RUNNERS[context](rule, kind, text, monkeypatch)
    shown = splice(text) if context == "report" else text
    if kind == "bad":
        assert rule.code in codes, f"{rule.code}'s bad example does not fire it (got {sorted(set(codes))}):\n{shown}"
    else:
        assert rule.code not in codes, f"{rule.code}'s good example fires it:\n{shown}"


def test_every_rule_is_here():
    """Built-ins, both packs and the example plugin: a rule that failed to load would be skipped silently."""
    assert not LOAD_FAILURES, [f.error for f in LOAD_FAILURES]
    codes = {r.code for r in RULES}
    assert {"HL101", "HL102", "TPL101", "TPL102", "EX101"} <= codes
    assert set(KNOWN) <= {(r.code, k) for r in RULES for k in ("bad", "good")}, "KNOWN names a case that does not exist"


def test_base_report_is_silent():
    assert [(d.code, d.text("en")) for d in _lint(BASE)] == []


def test_splice():
    got = splice("四、政府信息公开行政复议、行政诉讼情况\n……\n六、其他需要报告的事项\n无。").splitlines()
    assert got[0] == BASE_TITLE and "五、存在的主要问题及改进情况" not in got
    assert got[got.index("四、政府信息公开行政复议、行政诉讼情况") + 1] == "……"
    assert got[-len(BASE_CLOSING) :] == BASE_CLOSING  # no lines outside a section: the closing stays
    got = splice("某县交通运输局2022年政府信息公开工作年度报告\n……\n2023年2月15日").splitlines()
    assert got[0].startswith("某县交通运输局") and got[-2:] == ["……", "2023年2月15日"]
    assert section_of("一、本年新收政府信息公开申请数量 | 5") is None and section_of("二、政策解读") is None
    assert section_of("四,政府信息公开行政复议和诉讼情况") == "四"


# ------------------------------------------------------------------ found while writing the examples

_CUT_OFF = {
    # Table 三 with most result rows gone (GL203 names them): the column sum cannot be judged.
    "GL211": "三、收到和处理政府信息公开申请情况\n"
    "三、本年度办理结果 | （一）予以公开 | 10 | 0 | 0 | 0 | 0 | 0 | 10\n"
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 0 | 0 | 0 | 0 | 2\n"
    "（七）总计 | 13 | 0 | 0 | 0 | 0 | 0 | 13",
    # Table 三 without the row 二、上年结转: the balance cannot be judged.
    "GL212": "三、收到和处理政府信息公开申请情况\n"
    "一、本年新收政府信息公开申请数量 | 15 | 0 | 0 | 0 | 0 | 0 | 15\n"
    "（七）总计 | 15 | 0 | 0 | 0 | 0 | 0 | 15\n"
    "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2",
}


# Identity rules add up every template row: a row a cut-off table lacks has no value, so the identity is not judged.
@pytest.mark.parametrize("code", sorted(_CUT_OFF))
def test_identity_not_judged_on_a_cut_off_table(code):
    codes = [d.code for d in _lint(splice(_CUT_OFF[code]), None)]
    assert "GL203" in codes and code not in codes
