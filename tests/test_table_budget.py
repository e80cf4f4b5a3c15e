"""The aligner's work is bounded: whatever a table holds, it ends within its step budget, never guessing.

Two defects found on mutated real reports: a dash in a row that takes part in no
identity crashed the column search, and a table whose rows had many equivalent
placements of their blanks took seconds to align (the search grew with the
product of the rows' readings). Steps are counted, never timed.
"""

from __future__ import annotations

import functools
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest.mock import patch

import pytest

import govlint
from govlint.identities import Checker
from govlint.model import Table
from govlint.parse import tables
from govlint.read.tokens import Token
from govlint.template import load_template

from .conftest import CORPUS, EXAMPLES, SEEDS, needs_shared, seed

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TOO_MANY_EN, TOO_MANY_ZH = tables.TOO_MANY_READINGS


@contextmanager
def counted(table_steps: int = tables.MAX_TABLE_STEPS, report_steps: int = tables.MAX_REPORT_STEPS):
    """Every budget the aligner makes while this is open (one per table), under the given limits."""
    budgets: list[tables.Budget] = []

    class Recorded(tables.Budget):
        def __init__(self, limit: int) -> None:
            super().__init__(limit)
            budgets.append(self)

    with patch.object(tables, "MAX_TABLE_STEPS", table_steps), patch.object(tables, "MAX_REPORT_STEPS", report_steps):
        with patch.object(tables, "Budget", Recorded):
            yield budgets


def _within(budgets: list[tables.Budget], table_steps: int, report_steps: int) -> None:
    assert all(b.used <= table_steps for b in budgets), [b.used for b in budgets]
    assert sum(b.used for b in budgets) <= report_steps


# ---------------------------------------------------------------- 1. the crash


@needs_shared
@pytest.mark.parametrize("prefix", ["-", "0", "合计", "（", "1 ", "—", "/"])
def test_text_before_the_total_label_does_not_crash(prefix):
    # Line 127 is "(七)总计 |": with text before it the label is not recognised, so its
    # values join the row 3.其他, which takes part in no identity, with a dash first.
    lines = seed("004").read_text(encoding="utf-8").split("\n")
    assert lines[126].startswith("(七)总计")
    lines[126] = prefix + lines[126]
    data = "\n".join(lines).encode("utf-8")
    with counted() as budgets:
        report = govlint.parse_bytes(data, "m.txt")
    _within(budgets, tables.MAX_TABLE_STEPS, tables.MAX_REPORT_STEPS)
    assert report.table("3") is not None
    res = govlint.lint_bytes(data, "m.txt")
    assert res.internal_errors == []


# ---------------------------------------------------------------- 2. the slow table


def _swapped_seed_001() -> bytes:
    lines = seed("001").read_text(encoding="utf-8").split("\n")[:238]
    lines[44], lines[109] = lines[109], lines[44]
    return "\n".join(lines).encode("utf-8")


@needs_shared
def test_equivalent_placements_of_blanks_are_one_reading():
    # The label 行政强制 moved into table 三 cuts two rows short: 21 and 35 placements of their
    # blanks, all reading the same. They are one reading each, not 735 to combine.
    with counted() as budgets:
        report = govlint.parse_bytes(_swapped_seed_001(), "swapped.txt")
    _within(budgets, tables.MAX_TABLE_STEPS, tables.MAX_REPORT_STEPS)
    assert sum(b.used for b in budgets) < 1_000  # about one step per candidate row reading
    t3 = report.table("3")
    assert t3.status == "resolved"
    assert [t3.value("new", c) for c in t3.columns] == [15, 0, 0, 0, 0, 0, 15]
    assert [t3.cell("withheld_1", c).raw for c in t3.columns] == [""] * 7
    assert all(c.certain for c in t3.cells.values())
    # Table 六 got the rest of the broken row: that one is ambiguous, and says why.
    assert any(t.id == "2.6" and t.status == "ambiguous" and "fill whole rows" in t.reason for t in report.tables)


def _sources() -> list[str]:
    names = [EXAMPLES / "good-2021.txt", EXAMPLES / "good-2019.txt"]
    if SEEDS.is_dir():
        names += sorted(SEEDS.glob("00[134]_*.txt")) + sorted(CORPUS.glob("*.txt"))
    return [str(p) for p in names]


@functools.cache
def _source(path: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The lines of a report and the (first, last) line index of each of its tables."""
    text = Path(path).read_text(encoding="utf-8")
    report = govlint.parse_bytes(text.encode("utf-8"), path)
    spans = [
        (report.source.line_of(t.span.start) - 1, report.source.line_of(max(t.span.start, t.span.end - 1)) - 1)
        for t in report.tables
    ]
    return text.split("\n"), spans


@st.composite
def mutated_reports(draw) -> bytes:
    """A real or example report with lines inside its tables swapped, doubled or deleted, or cut mid-table."""
    lines, spans = _source(draw(st.sampled_from(_sources())))
    lines = list(lines)
    if not spans:
        return "\n".join(lines).encode("utf-8")
    for _ in range(draw(st.integers(1, 6))):
        first, last = draw(st.sampled_from(spans))
        last = min(last, len(lines) - 1)
        if first > last:
            continue
        i = draw(st.integers(first, last))
        op = draw(st.sampled_from(["swap", "double", "delete", "cut"]))
        if op == "swap":
            j = draw(st.integers(first, last))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "cut":
            # Mid-line too: a flattened report holds a whole table on one line.
            lines = lines[:i] + [lines[i][: draw(st.integers(0, len(lines[i])))]]
            break
    return "\n".join(lines).encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_reports())
def test_mutated_tables_align_within_the_budget(data):
    with counted() as budgets:
        govlint.parse_bytes(data, "mutated.txt")
    _within(budgets, tables.MAX_TABLE_STEPS, tables.MAX_REPORT_STEPS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_reports(), st.integers(0, 300), st.integers(0, 1000))
def test_a_search_cut_anywhere_ends_within_its_budget_and_guesses_nothing(data, table_steps, report_steps):
    # Tiny budgets cut the search at every possible point: reading a row, the column search, blocks.
    with counted(table_steps, report_steps) as budgets:
        cut = govlint.parse_bytes(data, "mutated.txt")
    _within(budgets, table_steps, report_steps)
    full = govlint.parse_bytes(data, "mutated.txt")
    for short, long in zip(cut.tables, full.tables):
        if short.reason == TOO_MANY_EN:
            assert short.status == "ambiguous" and short.reason_zh == TOO_MANY_ZH
        if short.edition != long.edition:
            continue  # a cut in one edition's reading can make the other win: not comparable
        for key, cell in short.cells.items():
            if cell.certain:
                # Certain with less work means certain, with the same text, with more.
                other = long.cells.get(key)
                assert other is not None and other.certain and other.raw == cell.raw, key


# ---------------------------------------------------------------- a table with too many readings


def _flattened_report(cells: str) -> str:
    """A report exported as one long line (flattened web text): each row of table 三 is one run of digits."""
    spec = load_template().editions["2021"].table("3")
    groups = {g.key: g.label for g in spec.groups}
    body, seen = [], set()
    for r in spec.rows:
        if r.group and r.group not in seen:
            seen.add(r.group)
            body.append(groups[r.group])
        body.append(r.label + cells)
    prose = "本机关认真落实政府信息公开各项工作，取得了一定成效。" * 10
    return (
        "某县2022年政府信息公开工作年度报告\n"
        f"一、总体情况{prose}二、主动公开政府信息情况{prose}"
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        "申请人情况自然人法人或其他组织总计 商业企业科研机构社会公益组织法律服务机构其他" + "".join(body) + " "
        f"四、政府信息公开行政复议、行政诉讼情况 {prose}五、存在的主要问题及改进情况{prose}六、其他需要报告的事项{prose}\n"
    )


def test_a_table_with_too_many_readings_is_ambiguous_within_the_budget():
    # 16 digits for 7 columns, on every row: thousands of splits per row.
    text = _flattened_report("1234567891234567")
    with counted() as budgets:
        res = govlint.lint_text(text, selection=govlint.Selection(select=["GL003"]))
    _within(budgets, tables.MAX_TABLE_STEPS, tables.MAX_REPORT_STEPS)
    assert res.report.source.layout == "flattened"
    t3 = res.report.table("3")
    assert t3.status == "ambiguous"
    assert (t3.reason, t3.reason_zh) == tables.TOO_MANY_READINGS
    assert not any(c.certain for c in t3.cells.values())  # cut while reading the rows: nothing is known
    [gl003] = [d for d in res.diagnostics if d.code == "GL003"]
    assert "too many possible readings" in gl003.text("en") and "可能读法过多" in gl003.text("zh")


def test_the_same_table_with_few_readings_is_read():
    # The control: one digit per cell leaves one split, read without any search.
    with counted() as budgets:
        report = govlint.parse_bytes(_flattened_report("0000000").encode("utf-8"), "flat.txt")
    t3 = report.table("3")
    assert t3.status == "read"
    assert sum(b.used for b in budgets) < 10 * len(t3.rows)  # a few steps a row, no search


ROWS_2021 = load_template().editions["2021"].table("3").row_keys


def _table_three(rows: list[tuple[str, list[str]]], bounded: bool = True) -> list[Token]:
    """The tokens of table 三 (2021): each row label followed by its value tokens.

    ``bounded=False``: each value may hold several cells run together (flattened text); "-" is a dash.
    """
    spec = load_template().editions["2021"].table("3")
    out: list[Token] = []
    for key, values in rows:
        label = spec.row_label(key)
        out.append(Token("LABEL", label, len(out), len(out) + 1, norm=label, info={"refs": (("2021", "3", key),)}))
        for v in values:
            kind = "CELL" if v == "-" else "NUM"
            out.append(Token(kind, v, len(out), len(out) + 1, norm=v, info={"bounded": bounded}))
    return out


def _zeros(keys: list[str]) -> list[tuple[str, list[str]]]:
    return [(k, ["0"] * 7) for k in keys]


def _align(tokens: list[Token], bounded: bool = True, **limits: int) -> tuple[Table, int]:
    with counted(**limits) as budgets:
        table = tables.Aligner(load_template()).align("3", tokens, "三", bounded)
    return table, sum(b.used for b in budgets)


# Numbers that add up row by row whether the two rows were read across or down.
_TWO_WAYS = ["0", "1", "0", "0", "0", "1", "2", "1", "0", "1", "0", "0", "2", "4"]

HARD_TABLES = {
    # Dropped blanks in three rows, no placement passing its row total: 35 × 21 × 21 readings to search.
    "dropped blanks": (
        _table_three([("new", ["1", "2", "4"]), ("carried", ["1", "2"]), ("open", ["1", "2"])] + _zeros(ROWS_2021[3:])),
        True,
    ),
    # The same with a dash, so the sums are not exact and every combination is tried.
    "dropped blanks, a dash": (
        _table_three([("new", ["-", "2", "4"]), ("carried", ["1", "2"]), ("open", ["1", "2"])] + _zeros(ROWS_2021[3:])),
        True,
    ),
    # Cells run together: a few hundred ways to split a row.
    "run together": (
        _table_three([(k, ["12345678912"] if i < 2 else ["0000000"]) for i, k in enumerate(ROWS_2021)], False),
        False,
    ),
    # Labels apart from their numbers: 2 ** 11 ways to read eleven blocks of two rows, across or down.
    "blocks": (_table_three([(ROWS_2021[2 * j], _TWO_WAYS) for j in range(11)] + _zeros(ROWS_2021[22:])), True),
}


@pytest.mark.parametrize("name", list(HARD_TABLES))
def test_a_search_cut_at_any_step_claims_nothing_the_whole_search_does_not(name):
    tokens, bounded = HARD_TABLES[name]
    full, need = _align(tokens, bounded)
    assert 100 < need < tables.MAX_TABLE_STEPS and full.reason != TOO_MANY_EN
    for limit in list(range(0, need, max(1, need // 20))) + [need]:
        table, used = _align(tokens, bounded, table_steps=limit)
        assert used <= limit
        if table.reason != TOO_MANY_EN:  # the budget was enough (for the edition that wins)
            assert (table.status, table.reason, table.cells) == (full.status, full.reason, full.cells)
            continue
        assert limit < need and (table.status, table.reason_zh) == ("ambiguous", TOO_MANY_ZH)
        for key, cell in table.cells.items():
            if cell.certain:
                assert full.cells[key].certain and full.cells[key].raw == cell.raw, (limit, key)


# What the aligner does per candidate: make a cell, turn a reading into numbers, check a row, check the columns.
_WORK = [(tables, "_valid_piece"), (tables.Aligner, "_vector"), (Checker, "row_ok"), (Checker, "columns_ok")]


@pytest.mark.parametrize("name", list(HARD_TABLES))
def test_the_work_of_an_alignment_is_paid_for_in_steps(name):
    # Work the budget does not see is work it cannot bound: every unit of it must come with steps.
    tokens, bounded = HARD_TABLES[name]
    calls = 0

    def counting(f):
        def counted_call(*args, **kwargs):
            nonlocal calls
            calls += 1
            return f(*args, **kwargs)

        return counted_call

    with ExitStack() as stack:
        for owner, name_ in _WORK:
            stack.enter_context(patch.object(owner, name_, counting(getattr(owner, name_))))
        aligner = tables.Aligner(load_template())
        aligner.align("3", tokens, bounded_layout=bounded, section="三")
    assert aligner.report_steps > 100
    assert calls <= 2 * (aligner.report_steps + len(tokens))  # at most 1.5 seen


def test_a_cell_of_thousands_of_digits_is_text_not_a_crash():
    # int() refuses a string of more than 4300 digits; no count or amount is that long.
    table, _ = _align(_table_three([("new", ["1" * 5000] + ["0"] * 6)] + _zeros(ROWS_2021[1:])))
    assert table.status == "read" and table.cell("new", "natural").kind == "text"


def test_a_cut_search_across_rows_keeps_what_each_row_makes_certain():
    # The rows are read in full (about a hundred steps); the search across them is cut.
    tokens, bounded = HARD_TABLES["dropped blanks"]
    cut, _ = _align(tokens, bounded, table_steps=500)
    full, _ = _align(tokens, bounded)
    assert cut.reason == TOO_MANY_EN and full.status == "ambiguous"  # the whole search: no reading fits
    certain = {k for k, c in cut.cells.items() if c.certain}
    assert certain == {k for k, c in full.cells.items() if c.certain}
    assert ("open", "natural") not in certain and ("partial", "natural") in certain
    assert "GL212" in cut.skipped_checks


def test_the_report_budget_covers_all_its_tables():
    # One aligner reads one report: once its tables have spent the report's budget, the rest are cut at once.
    hard = _table_three([(k, ["1234567891234567"]) for k in ROWS_2021], bounded=False)
    easy = _table_three(_zeros(ROWS_2021))
    with counted(table_steps=1_000, report_steps=2_500) as budgets:
        aligner = tables.Aligner(load_template())
        first, second, third = (aligner.align("3", hard, "三", False) for _ in range(3))
        last = aligner.align("3", easy, "三", True)
    assert [b.used for b in budgets[1:]] == [1_000, 1_000, 500, 0]
    assert aligner.report_steps == 2_500
    assert all(t.reason == TOO_MANY_EN for t in (first, second, third, last))
    # Without the hard tables before it, the easy one is read.
    assert _align(easy)[0].status == "read"
