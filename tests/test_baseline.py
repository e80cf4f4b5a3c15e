"""Baselines: --write-baseline records a run's findings; --baseline leaves exactly those out."""

from __future__ import annotations

import json
import shutil

from govlint.cli import main

from .conftest import EXAMPLES

DEFECTS = EXAMPLES / "structure-defects-2021.txt"


def _lint(capsys, *args):
    code = main(["--isolated", "--no-cache", "--lang", "en", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _setup(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    f = reports / "r.txt"
    shutil.copy(DEFECTS, f)
    return f


def test_written_baseline_leaves_out_every_finding_it_records(tmp_path, capsys):
    f = _setup(tmp_path)
    b = tmp_path / "baseline.json"
    code, out, err = _lint(capsys, "--write-baseline", str(b), str(f))
    assert code == 0 and out == ""
    assert "wrote 5 findings in 1 file" in err
    doc = json.loads(b.read_text(encoding="utf-8"))
    assert doc["format"] == "govlint-baseline" and doc["version"] == 1
    assert sorted(e["code"] for e in doc["findings"]) == ["GL101", "GL102", "GL103", "GL105", "GL201"]
    assert {e["file"] for e in doc["findings"]} == {"reports/r.txt"}  # relative to the baseline's folder
    code, out, err = _lint(capsys, "--baseline", str(b), str(f))
    assert code == 0, out
    assert "No problems found" in out
    assert "5 recorded findings left out" in err and "no longer match" not in err


def test_baseline_survives_lines_moving_and_counts_what_was_fixed(tmp_path, capsys):
    f = _setup(tmp_path)
    b = tmp_path / "baseline.json"
    _lint(capsys, "--write-baseline", str(b), str(f))
    text = f.read_text(encoding="utf-8")
    # Lines inserted above every finding, one finding fixed (the comma after 五), one new defect.
    text = "附：本报告电子版可在门户网站下载。\n\n" + text.replace("五,存在", "五、存在")
    text = text.replace("六、其他需要报告的事项", "")
    f.write_text(text, encoding="utf-8")
    code, out, err = _lint(capsys, "--baseline", str(b), str(f))
    assert "GL103" not in out  # fixed
    assert "1 of its entries no longer matches" in err
    for c in ("GL101", "GL102", "GL105", "GL201"):
        assert f" {c} " not in out, out  # moved two lines down, still left out


def test_a_new_finding_is_shown_and_fails_the_run(tmp_path, capsys):
    f = _setup(tmp_path)
    b = tmp_path / "baseline.json"
    _lint(capsys, "--select", "GL101,GL102", "--write-baseline", str(b), str(f))
    code, out, err = _lint(capsys, "--baseline", str(b), str(f))
    assert code == 1
    codes = {line.split()[1] for line in out.splitlines() if ": GL" in line}
    assert codes == {"GL103", "GL105", "GL201"}


def test_baseline_works_from_another_working_directory(tmp_path, capsys, monkeypatch):
    f = _setup(tmp_path)
    b = tmp_path / "baseline.json"
    monkeypatch.chdir(tmp_path)
    _lint(capsys, "--write-baseline", "baseline.json", "reports")
    monkeypatch.chdir(f.parent)
    code, out, err = _lint(capsys, "--baseline", str(b), "r.txt")
    assert code == 0 and "5 recorded findings left out" in err


def test_stale_entries_of_files_not_linted_are_not_counted(tmp_path, capsys):
    f = _setup(tmp_path)
    other = f.parent / "other.txt"
    shutil.copy(DEFECTS, other)
    b = tmp_path / "baseline.json"
    _lint(capsys, "--write-baseline", str(b), str(f.parent))
    code, out, err = _lint(capsys, "--baseline", str(b), str(f))
    assert code == 0 and "no longer match" not in err


def test_standard_input_matches_by_its_stdin_filename(tmp_path, capsys, monkeypatch):
    import io
    import sys

    f = _setup(tmp_path)
    b = tmp_path / "baseline.json"
    _lint(capsys, "--write-baseline", str(b), str(f))
    data = f.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = _lint(capsys, "--baseline", str(b), "--stdin-filename", str(f), "-")
    assert code == 0, out
    assert "5 recorded findings left out" in err


def test_bad_baselines_are_clear_errors(tmp_path, capsys):
    f = _setup(tmp_path)
    cases = {
        "missing.json": None,
        "empty.json": b"",
        "binary.json": b"\x00\xff\xfe garbage",
        "other.json": b'{"version": 1, "findings": []}',
        "future.json": b'{"format": "govlint-baseline", "version": 99, "findings": []}',
        "list.json": b'{"format": "govlint-baseline", "version": 1, "findings": [{"code": "GL101"}]}',
    }
    for name, data in cases.items():
        p = tmp_path / name
        if data is not None:
            p.write_bytes(data)
        code, out, err = _lint(capsys, "--baseline", str(p), str(f))
        assert code == 2, name
        assert err.startswith("govlint: baseline:") and name in err, err
        assert "Traceback" not in err and out == ""


def test_write_and_use_at_once_is_a_usage_error(tmp_path, capsys):
    f = _setup(tmp_path)
    code, out, err = _lint(capsys, "--baseline", "a.json", "--write-baseline", "b.json", str(f))
    assert code == 2 and "cannot be used together" in err


def test_internal_failures_are_never_recorded(tmp_path, capsys, monkeypatch):
    from govlint import api

    f = _setup(tmp_path)
    b = tmp_path / "baseline.json"

    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "parse", broken)
    code, out, err = _lint(capsys, "--jobs", "1", "--write-baseline", str(b), str(f))
    assert code == 2 and not b.exists()
    assert "was not written" in err
