"""The command line: output format, exit codes, selection, language, inspect."""

from __future__ import annotations

import json
import re

import pytest

from govlint.cli import main

from .conftest import EXAMPLES, SIX, make_report, needs_shared, seed
from .runner import govlint

LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) \[(?P<sev>error|warning|note)\] .+$")


def run(*args: str, cwd=None):
    return govlint(*args, cwd=cwd, timeout=60)


def test_example_with_defects_exit_1_and_lines_sorted():
    p = run("--lang", "en", str(EXAMPLES / "structure-defects-2021.txt"))
    assert p.returncode == 1, p.stderr
    lines = p.stdout.strip().splitlines()
    findings = [LINE.match(x) for x in lines[:-1]]
    assert all(findings), lines
    assert {m["code"] for m in findings} == {"GL101", "GL102", "GL103", "GL105", "GL201"}
    positions = [(int(m["line"]), int(m["col"])) for m in findings]
    assert positions == sorted(positions)
    assert lines[-1].startswith("Found 5 problems")


def test_good_examples_are_clean():
    for name in ("good-2021.txt", "good-2019.txt"):
        p = run("--lang", "en", str(EXAMPLES / name))
        assert p.returncode == 0, p.stdout
        assert p.stdout.strip() == "No problems found (1 file checked)"


def test_chinese_is_the_default_language(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    f = tmp_path / "r.txt"
    f.write_text(make_report(title=""), encoding="utf-8")
    assert main(["--isolated", "--ignore", "GL2", str(f)]) == 1
    out = capsys.readouterr().out
    assert "找不到报告标题" in out and "发现 1 个问题" in out


def test_select_and_ignore_by_prefix(tmp_path, capsys):
    f = tmp_path / "r.txt"
    f.write_text(make_report(title="", headings=SIX[:5]), encoding="utf-8")
    assert main(["--isolated", "--lang", "en", "--select", "GL1", "--ignore", "GL104", str(f)]) == 1
    out = capsys.readouterr().out
    assert "GL101" in out and "GL104" not in out
    assert main(["--isolated", "--lang", "en", "--select", "GL0,GL1", "--ignore", "GL1", str(f)]) == 0
    capsys.readouterr()
    assert main(["--isolated", "--lang", "en", "--ignore", "GL1,GL2,GL4", "--select", "GL104", str(f)]) == 1
    assert "GL104" in capsys.readouterr().out


def test_unknown_code_and_format_are_usage_errors(tmp_path, capsys):
    f = tmp_path / "r.txt"
    f.write_text(make_report(), encoding="utf-8")
    assert main(["--lang", "en", "--select", "XX9", str(f)]) == 2
    assert main(["--lang", "en", "--format", "nope", str(f)]) == 2
    err = capsys.readouterr().err
    assert "unknown rule code" in err and "unknown format" in err


def test_config_file_sets_language_and_ignore(tmp_path, capsys):
    (tmp_path / ".govlint.toml").write_text('lang = "en"\nignore = ["GL104", "GL2"]\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(make_report(title="", headings=SIX[:5]), encoding="utf-8")
    assert main([str(f)]) == 1
    out = capsys.readouterr().out
    assert "section 6 (other matters to report) is missing" in out and "GL104" not in out


def test_bad_config_key_is_a_clear_error(tmp_path, capsys):
    (tmp_path / ".govlint.toml").write_text('colour = "red"\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(make_report(), encoding="utf-8")
    assert main([str(f)]) == 2
    err = capsys.readouterr().err
    assert ".govlint.toml" in err and "colour" in err


@needs_shared
def test_inspect_text_and_json():
    p = run("inspect", "--lang", "en", str(seed("003")))
    assert p.returncode == 0
    assert "layout:   tab" in p.stdout and "year:     2020" in p.stdout
    assert "table 3" in p.stdout and "一、本年新收政府信息公开申请数量" in p.stdout
    p = run("inspect", "--lang", "zh", str(seed("003")))
    assert "版式：    tab" in p.stdout and "年度：    2020" in p.stdout and "表 3" in p.stdout and "layout" not in p.stdout
    p = run("inspect", "--json", str(seed("004")))
    data = json.loads(p.stdout)
    assert data["layout"] == "pipe" and data["year"] == 2021
    assert [s["number"] for s in data["sections"]] == ["一", "二", "三", "四", "五", "六"]
    statuses = {t["id"]: t["status"] for t in data["tables"]}
    assert statuses["3"] == "ambiguous"


@needs_shared
def test_parse_shows_tokens_and_tree():
    p = run("parse", str(seed("001")))
    assert p.returncode == 0
    assert "\tLABEL\t一、本年新收政府信息公开申请数量" in p.stdout
    assert "\nstart\n" in p.stdout and "  section" in p.stdout


def test_rules_and_rule():
    p = run("rules", "--lang", "en")
    for code in ("GL001", "GL002", "GL003", "GL101", "GL102", "GL103", "GL104", "GL105"):
        assert code in p.stdout
    p = run("rule", "GL102", "--lang", "zh")
    assert p.returncode == 0 and "（一）（二）" in p.stdout
    assert run("rule", "GL999").returncode == 2


@pytest.mark.parametrize("args", [[], ["--no-such-option", "x"]])
def test_usage_errors_exit_2_without_traceback(args):
    p = run(*args)
    assert p.returncode == 2 and "Traceback" not in p.stderr and p.stderr.startswith("govlint:")


def test_max_size_must_be_positive(tmp_path, capsys):
    f = tmp_path / "r.txt"
    f.write_text(make_report(), encoding="utf-8")
    assert main(["--isolated", "--lang", "en", "--max-size", "0", str(f)]) == 2
    assert "--max-size must be a positive" in capsys.readouterr().err
    assert main(["--isolated", "--lang", "zh", "--max-size", "0", str(f)]) == 2
    assert "--max-size 应为正的字节数" in capsys.readouterr().err


def test_directories_are_searched_for_every_report_format(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(make_report(), encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text(make_report(), encoding="utf-8")
    (tmp_path / "notes.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("x", encoding="utf-8")
    assert main(["--isolated", "--lang", "en", "--ignore", "GL2", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "(2 files checked)" in out
    assert "Skipped 1 file in folders: 1 .xlsx" in out


def test_exit_zero_keeps_the_findings_and_exits_0(tmp_path, capsys):
    bad = EXAMPLES / "structure-defects-2021.txt"
    assert main(["--isolated", "--no-cache", str(bad)]) == 1
    capsys.readouterr()
    assert main(["--isolated", "--no-cache", "--exit-zero", str(bad)]) == 0
    assert "GL101" in capsys.readouterr().out
    # govlint's own failures still say so
    assert main(["--isolated", "--no-cache", "--exit-zero", "--select", "GL9X9", str(bad)]) == 2


def test_no_progress_is_accepted(tmp_path, capsys):
    assert main(["--isolated", "--no-cache", "--no-progress", str(EXAMPLES / "good-2021.txt")]) == 0
