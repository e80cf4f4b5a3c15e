"""Issue 16's command-line items, one test each in its general form: colour, --show-files, the cache,
export, config --show, inspect of folders, consoles that are not UTF-8, the language of help and
errors, missing paths among others, standard input's name, GitHub's annotation limit, the API's render."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

import govlint
from govlint.cli import main

from .conftest import EXAMPLES, make_report
from .runner import Run
from .runner import govlint as run_govlint

DEFECTS = EXAMPLES / "structure-defects-2021.txt"
GOOD = EXAMPLES / "good-2021.txt"


def cli(*args: str, cwd=None, env=None, stdin: bytes | None = None) -> Run:
    full = {**os.environ, **(env or {})}
    full.pop("NO_COLOR", None) if env is None or "NO_COLOR" not in env else None
    return run_govlint(*args, cwd=cwd, env=full, stdin=stdin, text=False, timeout=120)


# ------------------------------------------------------------------ colour

def test_color_always_never_and_no_color(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert main(["--isolated", "--no-cache", "--color", "always", str(DEFECTS)]) == 1
    coloured = capsys.readouterr().out
    assert "\x1b[31m" in coloured and "\x1b[0m" in coloured
    assert main(["--isolated", "--no-cache", "--color", "never", str(DEFECTS)]) == 1
    plain = capsys.readouterr().out
    assert "\x1b" not in plain
    # Colour changes nothing but the escapes.
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
    assert main(["--isolated", "--no-cache", str(DEFECTS)]) == 1  # auto, not a terminal: no colour
    assert "\x1b" not in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    from govlint.commands.lint import colour

    assert colour("auto", True) is False and colour("always", True) is True
    monkeypatch.delenv("NO_COLOR")
    assert colour("auto", True) is True and colour("never", True) is False


def test_report_text_cannot_colour_the_terminal(tmp_path, capsys):
    f = tmp_path / "r.txt"
    f.write_text(make_report(title="\x1b[32m假标题\x1b[0m"), encoding="utf-8")
    main(["--isolated", "--no-cache", "--color", "always", str(f)])
    out = capsys.readouterr().out
    assert "\x1b[32m" not in out


# ------------------------------------------------------------------ --show-files

def test_show_files_lists_what_would_be_linted_with_its_configuration(tmp_path, capsys):
    (tmp_path / "reports").mkdir()
    shutil.copy(GOOD, tmp_path / "reports" / "a.txt")
    shutil.copy(GOOD, tmp_path / "reports" / "b.docx")
    (tmp_path / "reports" / "notes.csv").write_text("x", encoding="utf-8")
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[tool.govlint]\n[tool.govlint.per-file-ignores]\n"reports/a.txt" = ["GL4"]\n', encoding="utf-8")
    code = main(["--lang", "en", "--show-files", str(tmp_path / "reports"), str(tmp_path / "missing.txt")])
    out, err = capsys.readouterr()
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"# configuration file: {cfg}"
    assert lines[1].startswith(str(tmp_path / "reports" / "a.txt")) and "ignores here: GL4" in lines[1]
    assert lines[2] == str(tmp_path / "reports" / "b.docx")
    assert lines[3].startswith(str(tmp_path / "missing.txt")) and "cannot be linted" in lines[3]
    assert "notes.csv" not in out and "Skipped 1 file" in err


# ------------------------------------------------------------------ the cache

def test_cache_clean_removes_only_what_govlint_wrote(tmp_path, capsys):
    cache = tmp_path / "cache"
    assert main(["--isolated", "--cache-dir", str(cache), str(EXAMPLES / "good-2019.txt"), str(GOOD)]) == 0
    capsys.readouterr()
    entries = list(cache.rglob("*.json"))
    assert len(entries) == 2
    mine = cache / "notes.txt"
    mine.write_text("not govlint's", encoding="utf-8")
    (cache / "v5" / "zz").mkdir()
    (cache / "v5" / "zz" / "keep.json").write_text("{}", encoding="utf-8")
    assert main(["cache", "clean", "--lang", "en", "--cache-dir", str(cache)]) == 0
    err = capsys.readouterr().err
    assert "removed 2 cached results" in err
    assert not any(p.exists() for p in entries)
    assert mine.exists() and (cache / "v5" / "zz" / "keep.json").exists()
    assert main(["cache", "clean", "--lang", "en", "--cache-dir", str(tmp_path / "none")]) == 0
    assert "does not exist" in capsys.readouterr().err
    assert main(["cache", "dir", "--cache-dir", str(cache)]) == 0
    assert capsys.readouterr().out.strip() == str(cache)


# ------------------------------------------------------------------ export

def _export(capsys, *args):
    code = main(["export", "--isolated", "--lang", "en", *args])
    return code, capsys.readouterr()


def test_export_csv_opens_in_a_spreadsheet_with_every_cell(tmp_path, capsys):
    out = tmp_path / "cells.csv"
    code, cap = _export(capsys, "--format", "csv", "-o", str(out), str(GOOD), str(EXAMPLES / "good-2019.txt"))
    assert code == 0, cap.err
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # UTF-8 with BOM, CRLF: Excel and WPS
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    report = govlint.parse_path(GOOD)
    expected = sum(1 for t in report.tables for r in t.rows for c in t.columns if t.cell(r, c) is not None)
    mine = [r for r in rows if r["file"] == str(GOOD)]
    assert len(mine) == expected > 50
    t3 = next(t for t in report.tables if t.id == "3")
    row, col = t3.rows[0], t3.columns[-1]
    (cell,) = [r for r in mine if r["table"] == "3" and r["row"] == row and r["column"] == col]
    assert cell["raw"] == t3.cell(row, col).raw and cell["row_label"] == t3.row_label(row, "en")
    assert {r["year"] for r in mine} == {str(report.year)} and {r["certain"] for r in mine} <= {"true", "false"}
    assert all(r["issuer"] for r in mine) and all(r["row_label"] is not None for r in mine)
    assert f"{len(rows)} cells of 2 file(s)" in cap.err


def test_export_json_is_the_same_records(tmp_path, capsys):
    code, cap = _export(capsys, "--format", "json", str(GOOD))
    assert code == 0
    records = json.loads(cap.out)
    code, cap2 = _export(capsys, "--format", "csv", str(GOOD))
    rows = list(csv.DictReader(io.StringIO(cap2.out.lstrip("\ufeff"))))
    assert len(records) == len(rows) > 0
    first = records[0]
    assert set(first) == set(rows[0]) and isinstance(first["certain"], bool)
    assert all(r["value"] is None or isinstance(r["value"], (int, float)) for r in records)


def test_export_marks_uncertain_tables_and_reports_unreadable_files(tmp_path, capsys):
    f = tmp_path / "r.txt"
    f.write_text(make_report(), encoding="utf-8")
    bad = tmp_path / "bin.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code, cap = _export(capsys, "--format", "json", str(f), str(bad))
    assert code == 1  # one file could not be read: said, and the rest exported
    assert "bin.txt" in cap.err
    json.loads(cap.out)


def test_export_keeps_formulas_out_of_spreadsheets():
    from govlint.report.export import csv_rows

    rec = dict.fromkeys(govlint.report.export.FIELDS, "")
    rec.update(raw="=HYPERLINK(\"x\")", value=-3)
    (line,) = csv_rows([rec])
    assert "'=HYPERLINK" in line and ",-3," in line


# ------------------------------------------------------------------ config --show, inspect DIR

def test_config_show_honours_the_flags_it_is_given(tmp_path, capsys):
    assert main(["config", "--show", "--lang", "en", "--isolated", "--select", "GL2", "--ignore", "GL203", "--timeout", "3"]) == 0
    out = capsys.readouterr().out
    assert 'select               = ["GL2"]' in out and "command line" in out.split('select               = ["GL2"]')[1].splitlines()[0]
    assert '["GL203"]' in out and "timeout              = 3.0" in out
    assert main(["config", "--show", "--isolated", "--select", "GL2O1"]) == 2
    assert "GL2O1" in capsys.readouterr().err


def test_inspect_takes_folders_and_several_files(tmp_path, capsys):
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copy(GOOD, d / "a.txt")
    shutil.copy(EXAMPLES / "good-2019.txt", d / "b.txt")
    assert main(["inspect", str(d)]) == 0
    out = capsys.readouterr().out
    assert f"== {d / 'a.txt'} ==" in out and f"== {d / 'b.txt'} ==" in out
    assert main(["inspect", "--json", str(d)]) == 0
    docs = json.loads(capsys.readouterr().out)
    assert [x["path"] for x in docs] == [str(d / "a.txt"), str(d / "b.txt")]
    assert main(["inspect", "--json", str(d / "a.txt")]) == 0
    assert "path" not in json.loads(capsys.readouterr().out)  # one file: the object as before
    assert main(["inspect", "--lang", "en", str(d), str(tmp_path / "nope.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


# ------------------------------------------------------------------ consoles that are not UTF-8

@pytest.mark.parametrize("encoding", ["gbk", "cp1252", "ascii"])
@pytest.mark.parametrize("command", [["inspect"], [], ["rules"]])
def test_output_never_crashes_on_a_console_encoding(encoding, command, tmp_path):
    args = [*command, "--isolated", "--no-cache", str(DEFECTS)] if command != ["rules"] else ["rules", "--isolated"]
    if command == ["inspect"]:
        args = ["inspect", str(DEFECTS)]
    p = cli(*args, env={"PYTHONIOENCODING": encoding, "LANG": "C"})
    assert p.returncode in (0, 1), p.stderr.decode(encoding, "replace")
    assert b"Traceback" not in p.stderr
    p.stdout.decode(encoding)  # what was written is valid in the console's encoding
    notes = p.stderr.decode(encoding, "replace").count("PYTHONIOENCODING=utf-8")
    replaced = "\\u" in p.stdout.decode(encoding)
    assert notes == (1 if replaced else 0), p.stderr.decode(encoding, "replace")  # said once, and only when needed
    if encoding != "gbk":
        assert replaced  # Chinese cannot be shown in cp1252 or ASCII


# ------------------------------------------------------------------ the language of help and errors

@pytest.mark.parametrize("env, args, lang", [
    ({"LANG": "C"}, ["--help"], "zh"),
    ({"LANG": "en_US.UTF-8"}, ["--help"], "en"),
    ({"LANG": "en_US.UTF-8"}, ["--lang", "zh", "--help"], "zh"),
    ({"LANG": "zh_CN.UTF-8"}, ["--lang=en", "--help"], "en"),
    ({"LANG": "C"}, ["export", "--help"], "zh"),
    ({"LANG": "C"}, ["inspect", "--lang", "en", "--help"], "en"),
    ({"LANG": "C"}, ["cache", "--help"], "zh"),
])
def test_help_follows_the_chosen_language(env, args, lang, tmp_path):
    p = cli(*args, env=env, cwd=tmp_path)
    out = p.stdout.decode("utf-8")
    assert p.returncode == 0
    if lang == "zh":
        assert out.startswith("用法：") and "选项" in out and "usage" not in out and "show this help" not in out
    else:
        assert out.startswith("usage: ") and "options:" in out and "用法" not in out and "显示本帮助" not in out


def test_help_follows_the_configuration(tmp_path):
    (tmp_path / ".govlint.toml").write_text('lang = "en"\n', encoding="utf-8")
    p = cli("--help", env={"LANG": "zh_CN.UTF-8"}, cwd=tmp_path)
    assert p.stdout.decode().startswith("usage: ")


@pytest.mark.parametrize("args, zh, en", [
    (["--jobs", "x", "r.txt"], "参数 --jobs/-j 的值 'x' 无效", "invalid int value"),
    (["--format"], "参数 --format 需要一个值", "expected one argument"),
    (["--bogus", "r.txt"], "无法识别的参数：--bogus", "unrecognized arguments: --bogus"),
    (["--color", "pink", "r.txt"], "参数 --color 的值", "invalid choice"),
    (["rule"], "缺少必需的参数", "the following arguments are required"),
    ([], "没有指定路径", "no PATH given"),
])
def test_usage_errors_are_in_the_chosen_language(args, zh, en, tmp_path):
    for lang, needle in (("zh", zh), ("en", en)):
        p = cli(*args, env={"LANG": "zh_CN.UTF-8" if lang == "zh" else "en_US.UTF-8"}, cwd=tmp_path)
        err = p.stderr.decode("utf-8")
        assert p.returncode == 2 and needle.split("/")[0].split(" 的值")[0] in err and err.count("\n") == 1, err
        if lang == "zh":
            assert "usage" not in err and "argument" not in err, err


def test_one_run_speaks_one_language(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(make_report(title=""), encoding="utf-8")
    p = cli("--isolated", "--no-cache", "--lang", "en", str(f), str(tmp_path / "nope.txt"), cwd=tmp_path)
    text = (p.stdout + p.stderr).decode("utf-8")
    import re

    own = [ln for ln in text.splitlines() if ": GL" not in ln]  # findings may quote the report
    assert own and not any(re.search(r"[\u4e00-\u9fff]", ln) for ln in own), own


# ------------------------------------------------------------------ paths, standard input

@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_missing_path_among_others_is_a_finding_not_the_end(fmt, tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(make_report(title=""), encoding="utf-8")
    p = cli("--isolated", "--no-cache", "--lang", "en", "--format", fmt, "nope.txt", "r.txt", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    out = p.stdout.decode()
    assert "nope.txt" in out and "GL001" in out and "GL104" in out
    if fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert {r["ruleId"] for r in results} >= {"GL001", "GL104"}


def test_unreadable_path_among_others(tmp_path):
    if os.geteuid() == 0 if hasattr(os, "geteuid") else True:
        pytest.skip("root (or a system without permissions) can read every file")
    f = tmp_path / "locked.txt"
    f.write_text("x", encoding="utf-8")
    f.chmod(0)
    shutil.copy(GOOD, tmp_path / "ok.txt")
    p = cli("--isolated", "--no-cache", "--lang", "en", "locked.txt", "ok.txt", cwd=tmp_path)
    assert p.returncode == 1 and b"locked.txt:1:1: GL001" in p.stdout


def test_stdin_filename_is_used_for_output_config_and_pairing(tmp_path):
    office = tmp_path / "office"
    office.mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.govlint]\n[tool.govlint.per-file-ignores]\n"office/*.txt" = ["GL105"]\n', encoding="utf-8")
    data = DEFECTS.read_bytes()
    p = cli("--no-cache", "--lang", "en", "--stdin-filename", "office/2021.txt", "-", cwd=tmp_path, stdin=data)
    out = p.stdout.decode()
    assert p.returncode == 1 and out.startswith("office/2021.txt:")
    assert "GL105" not in out and "GL101" in out  # the per-file ignore matched the name
    # Pairing: last year's report found by the name standard input goes by.
    prev = tmp_path / "prev.txt"
    shutil.copy(EXAMPLES / "good-2019.txt", prev)
    p = cli("--isolated", "--no-cache", "--lang", "en", "--select", "GL6", "--format", "json",
            "--stdin-filename", "office/2021.txt", "--previous", str(prev), "-", cwd=tmp_path, stdin=GOOD.read_bytes())
    doc = json.loads(p.stdout)
    assert [f["path"] for f in doc["files"]] == ["office/2021.txt"]


# ------------------------------------------------------------------ GitHub annotations, render

def test_github_annotations_past_the_limit_end_with_one_notice(tmp_path, capsys):
    folder = tmp_path / "r"
    folder.mkdir()
    for i in range(6):
        shutil.copy(DEFECTS, folder / f"{i}.txt")
    assert main(["--isolated", "--no-cache", "--lang", "en", "--format", "github", str(folder)]) == 1
    lines = capsys.readouterr().out.splitlines()
    errors = [ln for ln in lines if ln.startswith("::error ")]
    warnings = [ln for ln in lines if ln.startswith("::warning ")]
    plain = [ln for ln in lines if not ln.startswith("::")]
    assert len(errors) == 10 and len(warnings) == 6
    assert len(plain) == 6 * 5 - 16 and all(": GL" in ln for ln in plain)
    assert lines[-1] == "::notice title=govlint::14 more findings not shown as annotations (GitHub shows 10 of each kind per step): see this step's log, or --format sarif / html for all of them"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "html"])
def test_api_renders_every_format_as_the_cli_does(fmt, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(EXAMPLES)
    results = list(govlint.lint_paths(["structure-defects-2021.txt", "good-2021.txt"]))
    text = govlint.render(results, fmt, lang="en")
    assert isinstance(text, str) and text
    assert main(["--isolated", "--no-cache", "--lang", "en", "--format", fmt, "structure-defects-2021.txt", "good-2021.txt"]) == 1
    cli_out = capsys.readouterr().out
    if fmt in ("json", "sarif"):
        a, b = json.loads(text), json.loads(cli_out)
        if fmt == "sarif":
            assert [r["partialFingerprints"] for r in a["runs"][0]["results"]] == [r["partialFingerprints"] for r in b["runs"][0]["results"]]
        else:
            assert [f["diagnostics"] for f in a["files"]] == [f["diagnostics"] for f in b["files"]]
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and "GL101" in text
    else:
        assert text == cli_out
    with pytest.raises(govlint.ConfigError):
        govlint.render(results, "nope")


def test_readme_sample_output_is_what_govlint_prints():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- sample-output -->")
    block = readme[start:].split("```", 2)[1]
    command, *expected = block.strip("\n").split("\n")[1:] if block.startswith("text") else block.strip("\n").split("\n")
    assert command.startswith("$ govlint ")
    args = command[len("$ govlint "):].split()
    p = cli(*args, cwd=Path(__file__).resolve().parents[1])
    assert p.stdout.decode("utf-8").rstrip("\n").split("\n") == expected


def test_lang_may_come_before_the_command(capsys):
    assert main(["--lang", "en", "rules", "--isolated"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("code ") and "GL001" in out


def test_pre_commit_hook_takes_every_format_govlint_reads():
    import re

    import yaml

    from govlint.discovery import SUPPORTED

    (hook,) = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for glob in SUPPORTED:
        assert re.search(hook["files"], "reports/年报" + glob.lstrip("*")), glob
    assert not re.search(hook["files"], "setup.py")


@pytest.mark.parametrize("config, zh, en", [
    ('select = ["GL2O1"]\n', "配置项“select”：未知的规则代码或前缀“GL2O1”（是否指 GL201？", "key 'select': unknown rule code or prefix 'GL2O1'"),
    ('lang = "fr"\n', "配置项“lang” 应为 zh, en 之一", "key 'lang' must be one of zh, en"),
    ('colour = "red"\n', "未知的配置项“colour”", "unknown key 'colour'"),
    ('select = [\n', "不是有效的 TOML", "not valid TOML"),
])
def test_configuration_errors_are_in_the_chosen_language(tmp_path, capsys, config, zh, en):
    (tmp_path / ".govlint.toml").write_text(config, encoding="utf-8")
    shutil.copy(GOOD, tmp_path / "r.txt")
    for lang, needle in (("zh", zh), ("en", en)):
        assert main(["--no-cache", "--lang", lang, str(tmp_path / "r.txt")]) == 2
        err = capsys.readouterr().err
        assert needle in err, err
        assert err.startswith("govlint: 配置错误：" if lang == "zh" else "govlint: configuration error: ")


def test_output_and_baseline_errors_are_in_the_chosen_language(tmp_path, capsys):
    bad = tmp_path / "b.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["--isolated", "--no-cache", "--lang", "zh", "-o", str(tmp_path / "no" / "x.txt"), str(GOOD)]) == 2
    assert f"govlint: 无法写入 {tmp_path / 'no' / 'x.txt'}：" in capsys.readouterr().err
    assert main(["--isolated", "--no-cache", "--lang", "zh", "--baseline", str(bad), str(GOOD)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govlint: 基线：") and "不是 govlint 基线文件" in err
    assert main(["config", "--show", "--isolated", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 配置文件：（无）") and "# 默认" in out


@pytest.mark.parametrize("name, text", [("govlint.toml", 'select = ["GL1"]\n'), ("govlint.yaml", "select: [GL1]\n")])
def test_a_configuration_without_the_dot_is_found(tmp_path, capsys, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    shutil.copy(DEFECTS, tmp_path / "r.txt")
    assert main(["--no-cache", "--lang", "en", str(tmp_path / "r.txt")]) == 1
    codes = {ln.split()[1] for ln in capsys.readouterr().out.splitlines() if ": GL" in ln}
    assert codes and all(c.startswith("GL1") for c in codes)
