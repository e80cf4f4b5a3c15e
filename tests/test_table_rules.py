"""Table rules on real reports, on mutations of real tables, and on both template editions."""

from __future__ import annotations

import csv

import pytest

import govlint
from govlint.api import lint_text

from .conftest import CORPUS, EXAMPLES, SEEDS, corpus, needs_shared, seed

TABLE_CODES = ("GL2", "GL402", "GL003")


def findings(text: str, path: str = "report.txt", select=TABLE_CODES):
    res = lint_text(text, path=path, selection=govlint.Selection(select=list(select)))
    return res


def pairs(res, codes=("GL2",)) -> set[tuple[str, int]]:
    """(code, line) of each finding whose code starts with one of ``codes``."""
    return {(d.code, d.region.start_line) for d in res.diagnostics if d.code.startswith(codes)}


def mutate(text: str, changes: dict[int, tuple[str, str]]) -> str:
    """Replace whole-line content at 1-based line numbers, checking the old content first."""
    lines = text.split("\n")
    for n, (old, new) in changes.items():
        assert lines[n - 1].strip(" |\t") == old, f"line {n} is {lines[n - 1]!r}, expected {old!r}"
        lines[n - 1] = lines[n - 1].replace(old, new, 1)
    return "\n".join(lines)


# ------------------------------------------------------------------ seeds

@needs_shared
def test_seed_table_expectations():
    """The GL2xx / GL402 / GL003 part of expected.tsv."""
    with open(SEEDS / "expected.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        res = next(govlint.lint_paths([SEEDS / row["file"]]))
        got = {d.code for d in res.diagnostics}
        for c in row["must"].split(","):
            if c.startswith(TABLE_CODES):
                assert c in got, f"{row['file']}: expected {c}, got {sorted(got)}"
        for c in row["must_not"].split(","):
            if c.startswith(TABLE_CODES):
                assert c not in got, f"{row['file']}: {c} must not fire, got {sorted(got)}"


@needs_shared
def test_seed_001_edition_and_blank_cells():
    res = findings(seed("001").read_text(encoding="utf-8"))
    gl202 = [d for d in res.diagnostics if d.code == "GL202"]
    assert len(gl202) == 1 and gl202[0].data["table"] == "3"  # only table 三 is off
    assert "（六）其他处理" in gl202[0].text("zh") or "(六)其他处理" in gl202[0].text("zh")
    gl204 = {d.data["table"]: d for d in res.diagnostics if d.code == "GL204"}
    assert set(gl204) == {"2.1", "3"}  # grouped: one finding per table
    assert len(gl204["3"].data["cells"]) == 119
    assert gl204["2.1"].region.start_line == 22  # the first blank of 规章


@needs_shared
def test_seed_000_and_002_name_every_missing_table():
    res = findings(seed("000").read_text(encoding="utf-8"))
    gl201 = sorted((d.region.start_line, tuple(d.data["tables"])) for d in res.diagnostics if d.code == "GL201")
    assert gl201 == [(9, ("2.1", "2.5", "2.6", "2.8")), (10, ("3",)), (11, ("4",))]
    res = findings(seed("002").read_text(encoding="utf-8"))
    gl201 = sorted((d.region.start_line, tuple(d.data["tables"])) for d in res.diagnostics if d.code == "GL201")
    # 2020 report: the 2019 edition, so section 二 also misses 第二十条第（九）项.
    assert gl201 == [(6, ("2.1", "2.5", "2.6", "2.8", "2.9")), (7, ("3",)), (8, ("4",))]


@needs_shared
def test_seed_004_still_checks_the_certain_total_column():
    r = govlint.parse_path(seed("004"))
    t3 = r.table("3")
    # The 总计 column is certain, so its balance was judged (and holds): no GL212.
    from govlint.checks.tables import arithmetic_value

    assert [arithmetic_value(t3, k, "total") for k in ("new", "carried", "results_total", "carry_next")] == [13, 0, 13, 0]
    assert arithmetic_value(t3, "new", "natural") is None  # uncertain: not judged


# ------------------------------------------------------------------ corpus

@needs_shared
@pytest.mark.parametrize(
    "name,expected",
    [
        # Checked by hand: table 三 keeps the single 2019 （六）其他处理 row (23 rows) in 2023/2024 reports;
        # table 四's 15 numbers cannot be ordered (interleaved with headers) and no order adds up.
        ("hongze-2023-district-pdftotext.txt", {("GL202", 99), ("GL003", 393)}),
        # The prose says 17 applications (区政府办代表区政府受理), table 三 says 95.
        ("hongze-2024-district-pdftotext.txt", {("GL202", 98), ("GL003", 392), ("GL402", 24)}),
        # Default pdftotext interleaves table 四's numbers with its headers: two orders fit, not guessed.
        ("huaian-2024-city-pdftotext.txt", {("GL003", 579)}),
        # The same report with -layout: every table read, every identity and every prose count agrees.
        ("huaian-2024-city-pdftotext-layout.txt", set()),
        # 行政规范性文件693665: 69/36/65 or 6/93/665 … and table 二 has no identity to decide.
        ("pingtan-2021-zone-flattened.txt", {("GL003", 10)}),
    ],
)
def test_corpus_table_findings_checked_by_hand(name, expected):
    res = next(govlint.lint_paths([corpus(name)], govlint.Selection(select=list(TABLE_CODES))))
    assert pairs(res, TABLE_CODES) == expected


@needs_shared
def test_no_totals_error_anywhere_in_the_real_reports():
    files = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    for res in govlint.lint_paths(files):
        assert not [d for d in res.diagnostics if d.code in ("GL210", "GL211", "GL212", "GL213")], res.path


# ------------------------------------------------------------------ mutations of real tables

@needs_shared
class TestTabLayoutMutations:
    """Seed 003 (tab layout, 2019 edition): 一 = 4,0,0,0,0,0,4 on lines 110–116."""

    @pytest.fixture()
    def text(self):
        return seed("003").read_text(encoding="utf-8")

    def test_unchanged_is_silent(self, text):
        assert pairs(findings(text)) == set()

    def test_one_applicant_cell(self, text):
        res = findings(mutate(text, {110: ("4", "5")}))
        # Row 一 no longer adds up (points at its 总计, line 116) and neither does the 自然人 column's
        # balance (points at 四、结转下年度 in that column, line 344).
        assert pairs(res) == {("GL210", 116), ("GL212", 344)}
        gl210 = next(d for d in res.diagnostics if d.code == "GL210")
        assert "5 + 0 + 0 + 0 + 0 + 0 = 5" in gl210.text("en") and "total 4," in gl210.text("en") and "总计 4，" in gl210.text("zh")
        assert {r.start_line for r in gl210.related_regions} >= {110, 111}

    def test_result_row_and_its_total(self, text):
        # （一）予以公开 3→4 in 自然人 and 总计: the row holds, the results no longer add up to （七）总计.
        res = findings(mutate(text, {129: ("3", "4"), 135: ("3", "4")}))
        assert pairs(res) == {("GL211", 335), ("GL211", 341)}

    def test_carry_over_row(self, text):
        res = findings(mutate(text, {344: ("0", "1"), 350: ("0", "1")}))
        assert pairs(res) == {("GL212", 344), ("GL212", 350)}

    def test_two_row_totals_that_balance_each_other(self, text):
        # 国家秘密 总计 0→1 and 予以公开 总计 3→2: both rows are off, the 总计 column still adds up.
        res = findings(mutate(text, {156: ("0", "1"), 135: ("3", "2")}))
        assert pairs(res) == {("GL210", 156), ("GL210", 135)}

    def test_two_cells_keeping_the_row_total(self, text):
        # 自然人 4→3, 商业企业 0→1: GL210 must stay silent; the two columns' balances break.
        res = findings(mutate(text, {110: ("4", "3"), 111: ("0", "1")}))
        assert pairs(res) == {("GL212", 344), ("GL212", 345)}

    def test_table_four_group_total(self, text):
        res = findings(mutate(text, {386: ("1", "2")}))
        assert pairs(res) == {("GL213", 386)}
        assert "行政复议" in next(iter(res.diagnostics)).text("zh")

    def test_table_four_two_cells_same_sum(self, text):
        assert pairs(findings(mutate(text, {382: ("0", "1"), 383: ("1", "0")}))) == set()

    def test_dash_in_a_count_cell(self, text):
        res = findings(mutate(text, {111: ("0", "-")}))
        assert pairs(res) == {("GL204", 111)}  # a dash counts 0: the arithmetic still holds


@needs_shared
class TestPipeLayoutMutations:
    """Seed 001 (pipe layout): 一 = 15,0,0,0,0,0,15 on lines 70–76; blanks are kept as lone '|'."""

    @pytest.fixture()
    def text(self):
        return seed("001").read_text(encoding="utf-8")

    def test_one_cell(self, text):
        res = findings(mutate(text, {70: ("15", "16")}), select=("GL21",))
        assert pairs(res) == {("GL210", 76), ("GL212", 272)}  # 272: the blank 自然人 cell of 四 (line 272)

    def test_two_cells_same_row_sum(self, text):
        res = findings(mutate(text, {70: ("15", "14"), 71: ("0", "1")}), select=("GL21",))
        assert ("GL210", 76) not in pairs(res)
        assert {c for c, _ in pairs(res)} == {"GL212"}

    def test_review_table(self, text):
        res = findings(mutate(text, {306: ("0", "3")}), select=("GL21",))
        assert pairs(res) == {("GL213", 306)}


@needs_shared
class TestFlattenedLayoutMutations:
    """Pingtan (flattened, cells run together): rows split only where one split adds up."""

    @pytest.fixture()
    def text(self):
        return corpus("pingtan-2021-zone-flattened.txt").read_text(encoding="utf-8")

    def test_total_row_changed_consistently(self, text):
        # （七）总计 630020469 → 640020470: that row still splits one way (64 … 70). Two result rows
        # (270020130, 2200003252) split two ways each and only the column identities chose between them;
        # now no choice adds up, so their 自然人/商业企业 cells stay uncertain and are not added up.
        # What is certain is still judged: the 总计 column, and the 自然人 balance (一, 二, 七, 四 are certain).
        bad = text.replace("（七）总计630020469", "（七）总计640020470")
        assert bad != text
        res = findings(bad)
        got = {(d.code, d.data.get("line")) for d in res.diagnostics if d.code.startswith("GL21")}
        assert got == {("GL211", "total"), ("GL212", "natural"), ("GL212", "total")}
        assert "GL003" in {d.code for d in res.diagnostics}

    def test_row_that_cannot_add_up_is_not_guessed(self, text):
        bad = text.replace("一、本年新收政府信息公开申请数量640020470", "一、本年新收政府信息公开申请数量640020471")
        res = findings(bad)
        codes = {d.code for d in res.diagnostics}
        assert "GL003" in codes and not codes & {"GL210", "GL211", "GL212"}

    def test_review_table_group(self, text):
        # 行政复议 1,0,2,0,3 → 1,0,2,0,4 cannot be split to add up: not judged.
        bad = text.replace("总计10203120001200000", "总计10204120001200000")
        res = findings(bad)
        assert "GL213" not in {d.code for d in res.diagnostics}


# ------------------------------------------------------------------ both editions

@pytest.mark.parametrize("name", ["good-2021.txt", "good-2019.txt"])
def test_correct_examples_of_both_editions_are_clean(name):
    res = findings((EXAMPLES / name).read_text(encoding="utf-8"))
    assert res.diagnostics == []
    assert all(t.status == "read" for t in res.report.tables)


def test_broken_2021_example():
    text = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
    r = govlint.parse_bytes(text.encode())
    cell = r.table("3").cell("new", "total")
    line = r.source.line_of(cell.span.start)
    bad = mutate(text, {line: (cell.raw, str(int(cell.raw) + 1))})
    res = findings(bad)
    codes = {d.code for d in res.diagnostics}
    assert {"GL210", "GL212"} <= codes
    assert "GL402" in codes  # the prose says 105 applications, the table now 106


def test_broken_2019_example_and_wrong_edition():
    text = (EXAMPLES / "good-2019.txt").read_text(encoding="utf-8")
    # Taken as a 2022 report (config `year`), the 2019 edition is wrong: every table that differs says so.
    res = lint_text(text, selection=govlint.Selection(select=["GL202"]), options={"year": 2022})
    assert {d.data["table"] for d in res.diagnostics} == {"2.1", "2.5", "2.6", "2.8", "2.9", "3"}
    r = govlint.parse_bytes(text.encode())
    cell = r.table("4").cell("counts", "review_total")
    line = r.source.line_of(cell.span.start)
    res = findings(mutate(text, {line: (cell.raw, str(int(cell.raw) + 5))}))
    assert ("GL213", line) in pairs(res)


def _section_two(rows_26: str) -> str:
    return (
        "某县2022年政府信息公开工作年度报告\n一、总体情况\n2022年，我县认真做好政府信息公开工作。\n"
        "二、主动公开政府信息情况\n第二十条第（六）项 |\n信息内容 |\n本年处理决定数量 |\n" + rows_26
    )


def test_gl203_missing_row_is_named():
    res = findings(_section_two("行政处罚 |\n12 |\n"), select=("GL203",))
    (d,) = res.diagnostics
    assert "行政强制" in d.text("zh") and d.data["rows"] == ["coercion"]


def test_gl203_silent_when_rows_are_complete():
    res = findings(_section_two("行政处罚 |\n12 |\n行政强制 |\n0 |\n"), select=("GL203",))
    assert res.diagnostics == []


def test_gl402_fires_and_quotes_the_sentence():
    text = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
    bad = text.replace("全年共受理政府信息公开申请105件", "全年共受理政府信息公开申请150件")
    assert bad != text
    (d,) = findings(bad, select=("GL402",)).diagnostics
    assert "150" in d.text("en") and "105" in d.text("en") and "全年共受理政府信息公开申请150件" in d.text("zh")
    line = d.region.start_line
    assert "150" in bad.split("\n")[line - 1]


def test_gl402_ignores_other_years_and_hotlines():
    text = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
    extra = "2021年共受理政府信息公开申请88件。12345热线共受理群众诉求9000件，办结8999件。"
    bad = text.replace("全年共受理政府信息公开申请105件", extra + "全年共受理政府信息公开申请105件")
    assert findings(bad, select=("GL402",)).diagnostics == []
