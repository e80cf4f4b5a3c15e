"""Real reports: structure, sections with their line ranges, and the structure findings."""

from __future__ import annotations

import csv

import pytest

import govlint
from govlint.api import lint_paths

from .conftest import CORPUS, SEEDS, needs_shared, seed

pytestmark = needs_shared

STRUCTURE = ("GL0", "GL1")


def codes(path) -> set[str]:
    (res,) = list(lint_paths([path]))
    return {d.code for d in res.diagnostics}


def section_lines(path) -> list[tuple[str, int, int]]:
    r = govlint.parse_path(path)
    return [
        (s.number, r.source.line_of(s.heading.span.start), r.source.line_of(max(s.heading.span.end - 1, s.body.end - 1)))
        for s in r.sections
    ]


@pytest.mark.parametrize(
    "name,expected",
    [
        ("000", [("一", 9, 9), ("二", 9, 9), ("三", 10, 10), ("四", 11, 11), ("五", 12, 12), ("六", 12, 12)]),
        ("001", [("一", 7, 13), ("二", 14, 54), ("三", 55, 278), ("四", 279, 316), ("五", 317, 318), ("六", 319, 322)]),
        ("002", [("一", 6, 6), ("二", 6, 6), ("三", 7, 7), ("四", 8, 8), ("五", 9, 9), ("六", 9, 9)]),
        ("003", [("一", 5, 10), ("二", 11, 87), ("三", 91, 350), ("四", 354, 396), ("五", 400, 402), ("六", 403, 405)]),
        ("004", [("一", 1, 16), ("二", 17, 57), ("三", 58, 131), ("四", 132, 158), ("五", 159, 162), ("六", 163, 164)]),
    ],
)
def test_seed_sections_and_line_ranges(name, expected):
    assert section_lines(seed(name)) == expected


def test_every_real_report_parses():
    files = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    assert len(files) >= 10
    for f in files:
        r = govlint.parse_path(f)
        assert r.sections, f"{f.name}: no sections found"
        assert [s.number for s in r.sections] == ["一", "二", "三", "四", "五", "六"], f.name


@pytest.mark.parametrize(
    "name,layout",
    [
        ("000", "flattened"),
        ("001", "pipe"),
        ("002", "flattened"),
        ("003", "tab"),
        ("004", "pipe"),
    ],
)
def test_seed_layouts(name, layout):
    assert govlint.parse_path(seed(name)).source.layout == layout


@pytest.mark.parametrize(
    "name,layout",
    [
        ("hongze-2023-district-pdftotext.txt", "pdf"),
        ("huaian-2024-city-pdftotext.txt", "pdf"),
        ("huaian-2024-city-pdftotext-layout.txt", "pdf-layout"),
        ("pingtan-2021-zone-flattened.txt", "flattened"),
    ],
)
def test_corpus_layouts(name, layout):
    assert govlint.parse_path(CORPUS / name).source.layout == layout


def _expected_rows():
    with open(SEEDS / "expected.tsv", encoding="utf-8") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


def test_seed_structure_expectations():
    """The GL0xx/GL1xx part of expected.tsv: what must fire and what must not."""
    checked = 0
    for row in _expected_rows():
        got = codes(SEEDS / row["file"])
        must = [c for c in row["must"].split(",") if c.startswith(STRUCTURE)]
        must_not = [c for c in row["must_not"].split(",") if c.startswith(STRUCTURE)]
        for c in must:
            assert c in got, f"{row['file']}: expected {c}, got {sorted(got)}"
        for c in must_not:
            assert c not in got, f"{row['file']}: {c} must not fire, got {sorted(got)}"
        checked += len(must) + len(must_not)
    assert checked > 20


def test_seed_000_findings_point_at_the_right_headings():
    (res,) = list(lint_paths([seed("000")]))
    by = {(d.code, d.region.start_line) for d in res.diagnostics}
    assert ("GL103", 12) in by  # 五、存在的主要问题及改进措施
    assert {("GL105", 9), ("GL105", 10), ("GL105", 11)} <= by  # 二, 三, 四 lost their tables
    title = govlint.parse_path(seed("000")).title
    assert title is not None and title.quoted and title.issuer == "白银市" and title.year == 2022


def test_seed_002_heading_style_names_the_expected_heading():
    (res,) = list(lint_paths([seed("002")]))
    msgs = [d for d in res.diagnostics if d.code == "GL103"]
    assert len(msgs) == 1 and msgs[0].region.start_line == 8
    assert "四、政府信息公开行政复议、行政诉讼情况" in msgs[0].text("zh")


def test_seed_003_spaced_title_is_a_title():
    r = govlint.parse_path(seed("003"))
    assert r.title is not None and r.title.issuer == "青铜峡市" and r.title.year == 2020
    assert "GL104" not in codes(seed("003"))


def test_seed_004_reused_numbers_and_commas():
    (res,) = list(lint_paths([seed("004")]))
    gl102 = sorted(d.region.start_line for d in res.diagnostics if d.code == "GL102")
    assert gl102 == [2, 17, 58, 132, 159]  # 一 二 三 四 五 each used twice
    gl103 = sorted((d.region.start_line, d.region.start_column) for d in res.diagnostics if d.code == "GL103")
    assert gl103 == [(14, 1), (16, 425)]  # 四, at a line start; 五, inside a paragraph
    gl104 = [d for d in res.diagnostics if d.code == "GL104"]
    assert len(gl104) == 1


def test_seed_004_year_comes_from_the_body_and_tables():
    r = govlint.parse_path(seed("004"))
    assert r.title is None
    assert r.year == 2021
    assert r.edition == "2021"


def test_years_and_evidence():
    r = govlint.parse_path(seed("001"))
    assert r.year == 2022
    assert [e.source for e in r.year_evidence][:2] == ["title", "statistics-period"]
    assert r.date is not None and r.date.value == "2023-01-18"
    r = govlint.parse_path(seed("000"))
    assert r.date is not None and r.date.value == "2023-03-03"
