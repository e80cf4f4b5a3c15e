"""Batch runs: order whatever the number of processes, the cache, and hostile input."""

from __future__ import annotations

import json
import os

import pytest

import govlint
from govlint import batch, plugins
from govlint.cli import main

from .conftest import EXAMPLES, SIX, make_report
from .runner import govlint as run_govlint


def _folder(tmp_path, n: int = 12):
    d = tmp_path / "reports"
    for i in range(n):
        heads = SIX if i % 3 else SIX[:5]
        (d / f"{i % 4}").mkdir(parents=True, exist_ok=True)
        (d / f"{i % 4}" / f"r{i:02d}.txt").write_text(make_report(title="" if i % 2 else "某县2022年政府信息公开工作年度报告", headings=heads) + f"（编号 {i}）\n", encoding="utf-8")
    return d


def test_output_is_the_same_for_any_number_of_jobs(tmp_path, capsys):
    d = _folder(tmp_path)
    outs = []
    for jobs in ("1", "2", "3"):
        assert main(["--isolated", "--no-cache", "--lang", "en", "--jobs", jobs, str(d)]) == 1
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1] == outs[2]
    assert outs[0].count("GL101") == 4 and "(12 files checked)" not in outs[0] and "in 12 files" in outs[0]


def _job(cache_dir):
    sel = govlint.Selection()
    rules = plugins.rules()
    return batch.Job(sel, 1 << 24, {}, tuple(rules), str(cache_dir), batch.fingerprint(sel, 1 << 24, {}, rules))


def test_cache_answers_unchanged_files_and_notices_changes(tmp_path):
    d = _folder(tmp_path, 6)
    files = sorted(str(p) for p in d.rglob("*.txt"))
    job = _job(tmp_path / "cache")
    first = list(batch.run(files, job, 2))
    second = list(batch.run(files, job, 2))
    assert not any(r.cached for r in first) and all(r.cached for r in second)
    assert [[(x.code, x.region) for x in r.diagnostics] for r in first] == [[(x.code, x.region) for x in r.diagnostics] for r in second]
    # A changed file is linted again; the others still come from the cache.
    with open(files[0], "a", encoding="utf-8") as fh:
        fh.write("补充一句。\n")
    third = list(batch.run(files, job, 2))
    assert [r.cached for r in third] == [False] + [True] * (len(files) - 1)


def test_cache_written_by_a_text_run_serves_sarif_in_full(tmp_path, capsys):
    # A text run neither sends nor decodes related locations; the cache must still keep them.
    text = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
    i = text.index("（七）总计 |\n87 |")
    d = tmp_path / "reports"
    d.mkdir()
    (d / "bad.txt").write_text(text[:i] + text[i:].replace("87 |", "88 |", 1), encoding="utf-8")
    (d / "good.txt").write_text(text, encoding="utf-8")
    cache = str(tmp_path / "cache")
    sarif = []
    for args in (["--no-cache"], ["--cache-dir", cache], ["--cache-dir", cache]):
        assert main(["--isolated", "--jobs", "2", "--format", "text", *args, str(d)]) == 1
        capsys.readouterr()
        assert main(["--isolated", "--jobs", "2", "--format", "sarif", *args, str(d)]) == 1
        sarif.append(json.loads(capsys.readouterr().out))
    results = [log["runs"][0]["results"] for log in sarif]
    assert results[0] == results[1] == results[2]
    assert any(len(r.get("relatedLocations", [])) > 5 for r in results[0])


def test_cache_key_depends_on_configuration(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(make_report(), encoding="utf-8")
    a = _job(tmp_path / "c")
    sel = govlint.Selection(ignore=["GL4"])
    b = batch.Job(sel, 1 << 24, {}, a.rules, a.cache_dir, batch.fingerprint(sel, 1 << 24, {}, plugins.rules()))
    assert batch.cache_key(a, str(f), f.read_bytes()) != batch.cache_key(b, str(f), f.read_bytes())


def test_damaged_cache_entry_is_ignored(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(make_report(title=""), encoding="utf-8")
    job = _job(tmp_path / "c")
    list(batch.run([str(f)], job))
    for entry in (tmp_path / "c").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    (res,) = list(batch.run([str(f)], job))
    assert not res.cached and "GL104" in {d.code for d in res.diagnostics}


def test_no_progress_bar_in_pipes(tmp_path):
    d = _folder(tmp_path, 8)
    p = run_govlint("--isolated", "--no-cache", str(d), timeout=120)
    assert p.returncode == 1 and p.stderr == ""


def test_include_globs(tmp_path, capsys):
    d = _folder(tmp_path, 4)
    (d / "x.report").write_text(make_report(title=""), encoding="utf-8")
    assert main(["--isolated", "--no-cache", "--lang", "en", "--include", "*.report", "--select", "GL104", str(d)]) == 1
    out = capsys.readouterr().out
    assert "x.report" in out and "(1 file" not in out and "in 1 file" in out


def test_unreadable_file_in_a_folder_is_gl001_and_the_rest_linted(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root can read every file (tests/test_io_safety.py simulates the refusal)")
    d = _folder(tmp_path, 3)
    bad = d / "0" / "r00.txt"
    bad.chmod(0)
    assert main(["--isolated", "--no-cache", "--lang", "en", str(d)]) == 1
    out = capsys.readouterr().out
    assert "r00.txt:1:1: GL001 [error] cannot read this file: Permission denied" in out


def test_python_api_is_plain_results():
    res = govlint.lint_text((EXAMPLES / "good-2021.txt").read_text(encoding="utf-8"))
    assert res.ok and res.report is not None and res.report.year == 2022
    res.detach()
    assert res.report is None and res.layout == "pipe" and res.year == 2022
