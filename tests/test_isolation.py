"""One file's failure is that file's finding: GL901 for govlint, GL900 for a rule, never the run's end.

Failures are injected where govlint really runs (the reader, the grammar, the
builder, the aligner, a rule, a worker process) and each run is checked for
the same guarantees: the other files are linted, every output document is
complete and valid, and the exit code is 2 with one line on standard error.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import types
from pathlib import Path

import pytest

import govlint
from govlint import api, plugins
from govlint.cli import main
from govlint.guard import TimeLimitExceeded, Watchdog
from govlint.hookspecs import hookimpl
from govlint.pool import hard_limit
from govlint.rule import Rule

from .conftest import EXAMPLES, make_report

GOOD = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
MARK = "触发故障"  # a file whose text holds this makes the injected failure happen


def _folder(tmp_path: Path, n: int = 5, bad: tuple[int, ...] = (2,)) -> Path:
    d = tmp_path / "reports"
    d.mkdir()
    for i in range(n):
        text = make_report(title="") + (MARK + "\n" if i in bad else "")
        (d / f"r{i}.txt").write_text(text, encoding="utf-8")
    return d


def _boom(original):
    def wrapper(*args, **kwargs):
        for a in args:
            text = a if isinstance(a, (str, bytes)) else getattr(a, "text", None)
            if text is not None and (MARK in text if isinstance(text, str) else MARK.encode() in text):
                raise TypeError("unsupported operand type(s) for *: 'int' and 'NoneType'")
        return original(*args, **kwargs)

    return wrapper


def _inject(monkeypatch, stage: str) -> None:
    if stage == "reader":
        from govlint.read.text import TextReader

        monkeypatch.setattr(TextReader, "read", _boom(TextReader.read))
    elif stage == "builder":
        from govlint.parse.build import Builder

        monkeypatch.setattr(Builder, "build", _boom(Builder.build))
    elif stage == "grammar":
        import govlint.parse.grammar as a

        original = a.parse_tokens

        def parse_tokens(tokens):
            if any(MARK in t.text for t in tokens):
                raise RecursionError("maximum recursion depth exceeded")
            return original(tokens)

        monkeypatch.setattr(a, "parse_tokens", parse_tokens)
    elif stage == "aligner":
        from govlint.parse.tables import Aligner

        def align(self, table_id, tokens, section, bounded):
            raise MemoryError()

        monkeypatch.setattr(Aligner, "align", align)


@pytest.mark.parametrize("stage", ["reader", "grammar", "builder"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_crash_on_one_file_is_gl901_and_the_batch_goes_on(stage, jobs, monkeypatch, tmp_path, capsys):
    _inject(monkeypatch, stage)
    d = _folder(tmp_path)
    out = tmp_path / "out.sarif"
    code = main(["--isolated", "--no-cache", "--lang", "en", "-j", jobs, "--format", "sarif", "-o", str(out), str(d)])
    err = capsys.readouterr().err
    assert code == 2
    log = json.loads(out.read_text(encoding="utf-8"))  # complete and valid
    results = log["runs"][0]["results"]
    by_file: dict[str, set[str]] = {}
    for r in results:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_file.setdefault(uri.rpartition("/")[2], set()).add(r["ruleId"])
    assert by_file["r2.txt"] == {"GL901"}
    assert len(by_file) == 5 and all("GL104" in codes for name, codes in by_file.items() if name != "r2.txt")
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert err.count("\n") == 1 and "GL901" in err and "--debug" in err and "Traceback" not in err


def test_gl901_names_the_exception_and_the_place_and_debug_shows_the_traceback(monkeypatch, tmp_path, capsys):
    _inject(monkeypatch, "aligner")
    f = tmp_path / "r.txt"
    f.write_text(GOOD, encoding="utf-8")
    assert main(["--isolated", "--no-cache", "--lang", "en", "--debug", str(f)]) == 2
    out, err = capsys.readouterr()
    (line,) = [ln for ln in out.splitlines() if "GL901" in ln]
    assert "MemoryError at govlint/parse/build.py:" in line  # the innermost place in govlint's own code
    assert "a bug in govlint, not a defect of the report" in line and "github.com/govlint/govlint/issues" in line
    assert "Traceback (most recent call last)" in err and "MemoryError" in err


def test_text_and_json_stay_whole_and_the_summary_counts_every_file(monkeypatch, tmp_path, capsys):
    _inject(monkeypatch, "builder")
    d = _folder(tmp_path, n=4, bad=(0, 3))
    assert main(["--isolated", "--no-cache", "--lang", "en", str(d)]) == 2
    out = capsys.readouterr().out
    assert out.splitlines()[-1].endswith("in 4 files")
    assert sum("GL901" in ln for ln in out.splitlines()) == 2
    assert main(["--isolated", "--no-cache", "--lang", "en", "--format", "json", str(d)]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["files"] == 4 and data["summary"]["by_code"]["GL901"] == 2


def test_the_api_never_raises_for_a_file(monkeypatch):
    _inject(monkeypatch, "builder")
    res = govlint.lint_text(make_report() + MARK)
    assert [d.code for d in res.diagnostics] == ["GL901"] and res.internal_errors
    assert "TypeError" in res.internal_errors[0]
    ok = govlint.lint_text(make_report())
    assert not ok.internal_errors


def test_gl901_is_not_cached(monkeypatch, tmp_path, capsys):
    _inject(monkeypatch, "builder")
    d = _folder(tmp_path, n=1, bad=(0,))
    cache = tmp_path / "cache"
    assert main(["--isolated", "--cache-dir", str(cache), str(d)]) == 2
    assert not list(cache.rglob("*.json"))
    monkeypatch.undo()
    assert main(["--isolated", "--cache-dir", str(cache), str(d)]) == 1  # linted for real now


def test_gl901_cannot_be_ignored(monkeypatch, tmp_path, capsys):
    _inject(monkeypatch, "builder")
    d = _folder(tmp_path, n=1, bad=(0,))
    assert main(["--isolated", "--no-cache", "--ignore", "GL9", "--lang", "en", str(d)]) == 2
    assert "GL901" in capsys.readouterr().out


# ------------------------------------------------------------------ rules that run away

def _plugin_rule(code: str, body):
    class Runaway(Rule):
        name = "runs-away"
        severity = "error"

        def check(self, report, context):
            return body()

    Runaway.code = code
    mod = types.ModuleType(f"plugin_{code.lower()}")
    mod.govlint_rules = hookimpl(lambda: [Runaway()])
    return mod


def _loop_forever():
    while True:
        pass


def _swallow_everything():
    while True:
        try:
            while True:
                time.sleep(0.01)
        except BaseException:  # noqa: B036 - the worst a plugin can do
            continue


def _sleep():
    time.sleep(3600)
    return []


STOPPED = "was stopped after 0.3 s on this file, its time limit"
ENDED = (
    "did not finish on this file and the worker process running it ended unexpectedly: "
    f"it did not finish a step within {hard_limit(0.3):g} s"
)


@pytest.mark.parametrize(
    "body, said, files",
    [(_loop_forever, STOPPED, 2), (_sleep, STOPPED, 2), pytest.param(_swallow_everything, ENDED, 2, marks=pytest.mark.slow)],
    ids=["loop", "sleeps", "swallows"],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rule_that_never_returns_is_stopped_and_named(body, said, files, jobs, fresh_plugins, tmp_path, capsys):
    # A rule that swallows every interruption runs in a worker process (third-party rules always
    # do), which the pool ends; the file is then linted again without that rule.
    mod = _plugin_rule("HANG101", body)
    fresh_plugins.setattr(plugins, "default", lambda: plugins.build(extra=[mod], entry_points=False))
    d = _folder(tmp_path, n=files, bad=())
    t0 = time.monotonic()
    code = main(["--isolated", "--no-cache", "--lang", "en", "--timeout", "0.3", "-j", jobs, str(d)])
    elapsed = time.monotonic() - t0
    out = capsys.readouterr().out
    assert code == 2
    stopped = [ln for ln in out.splitlines() if "GL900" in ln]
    assert len(stopped) == files and all(f"rule HANG101 (runs-away) {said}" in ln for ln in stopped), stopped
    assert sum("GL104" in ln for ln in out.splitlines()) == files  # the other rules' findings are still there
    assert elapsed < 60  # a hang guard


def test_time_limits_nest_and_leave_the_hosts_timer_alone():
    if not hasattr(signal, "setitimer"):
        pytest.skip("no setitimer on this platform")
    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        dog = Watchdog()
        with dog:
            with dog.limit(5, "outer") as outer:
                with pytest.raises(TimeLimitExceeded):
                    with dog.limit(0.1, "inner") as inner:
                        while True:
                            pass
                assert dog.owns(TimeLimitExceeded(), inner) and not dog.owns(TimeLimitExceeded(), outer)
        time.sleep(0.6)
        assert fired == [1]  # the host's own alarm still went off, once
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_time_limits_work_outside_the_main_thread(fresh_plugins):
    mod = _plugin_rule("HANG102", _loop_forever)
    fresh_plugins.setattr(plugins, "default", lambda: plugins.build(extra=[mod], entry_points=False))
    got = {}

    def lint():
        got["res"] = api.lint_bytes(make_report(title="").encode(), "t.txt", timeout=0.3)

    t = threading.Thread(target=lint)
    t.start()
    t.join(30)
    assert not t.is_alive()
    codes = [d.code for d in got["res"].diagnostics]
    assert "GL900" in codes and "GL104" in codes  # the others ran
    assert any("HANG102" in d.text("en") for d in got["res"].diagnostics)


# ------------------------------------------------------------------ worker processes that die or hang

def _die():
    os.kill(os.getpid(), signal.SIGKILL)


def _exit():
    os._exit(3)


def _deaf():
    # Blocks the alarm the worker's watchdog relies on, as a stuck C call would: only the parent can end it.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(3600)


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signals needed")
@pytest.mark.parametrize(
    "body, how",
    [
        (_die, "killed by SIGKILL"),
        (_exit, "exited with status 3"),
        pytest.param(_deaf, "did not finish a step within 3 s", marks=pytest.mark.slow),
    ],
    ids=["killed", "exits", "deaf"],
)
@pytest.mark.parametrize("where", ["rule", "govlint"])
def test_a_worker_that_dies_or_hangs_costs_one_step_of_one_file(body, how, where, fresh_plugins, tmp_path, capsys):
    # In a rule: that rule is named (GL900) and the file linted again without it, so its other
    # findings stay. In govlint's own reading of the file: the file is GL901. Either way the other
    # files, queued behind it on the same worker, are linted by the worker that replaces it.
    class Killer(Rule):
        code = "KIL101"
        name = "kills-its-worker"
        severity = "error"

        def check(self, report, context):
            if where == "rule" and MARK in report.source.text:
                body()
            return []

    if where == "govlint":
        from govlint.parse.build import Builder

        original = Builder.build

        def build(self, source, tokens, tree):
            if MARK in source.text:
                body()
            return original(self, source, tokens, tree)

        fresh_plugins.setattr(Builder, "build", build)
    mod = types.ModuleType("killer")
    mod.govlint_rules = hookimpl(lambda: [Killer()])
    fresh_plugins.setattr(plugins, "default", lambda: plugins.build(extra=[mod], entry_points=False))
    d = _folder(tmp_path, n=8, bad=(1, 5))
    code = main(["--isolated", "--no-cache", "--lang", "en", "-j", "2", "--timeout", "0.5", "--format", "json", str(d)])
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    files = {Path(f["path"]).name: f["diagnostics"] for f in data["files"]}
    assert len(files) == 8
    for i in range(8):
        codes = [x["code"] for x in files[f"r{i}.txt"]]
        if i not in (1, 5):
            assert "GL104" in codes and not {"GL900", "GL901"} & set(codes)
        elif where == "rule":
            assert "GL104" in codes and "GL901" not in codes
            (gl900,) = [x for x in files[f"r{i}.txt"] if x["code"] == "GL900"]
            assert "rule KIL101 (kills-its-worker) did not finish on this file" in gl900["message"]["en"]
            assert how in gl900["message"]["en"] and "linted again without this rule" in gl900["message"]["en"]
        else:
            assert codes == ["GL901"]
            msg = files[f"r{i}.txt"][0]["message"]["en"]
            assert "the worker process linting this file ended unexpectedly" in msg and how in msg


# ------------------------------------------------------------------ Ctrl-C

@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_ends_every_worker_with_one_line(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    for i in range(400):
        (d / f"r{i:03}.txt").write_text(GOOD.replace("年政府信息公开工作年度报告", "", 1), encoding="utf-8")  # a finding each
    script = textwrap.dedent(
        """
        import os, signal, subprocess, sys, time
        p = subprocess.Popen([sys.executable, "-m", "govlint", "--lang", "en", "--no-cache", "-j", "2", sys.argv[1]],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        p.stdout.readline()
        time.sleep(0.2)
        os.killpg(p.pid, signal.SIGINT)  # as a terminal does: the whole process group
        out, err = p.communicate(timeout=30)
        print(p.returncode)
        sys.stdout.write(err.decode())
        """
    )
    proc = subprocess.run([sys.executable, "-c", script, str(d)], capture_output=True, text=True, timeout=90)
    code, *err = proc.stdout.splitlines()
    assert code == "130", proc.stdout + proc.stderr
    assert err == ["govlint: interrupted"], err
    left = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(d) not in left


def test_limits_grow_with_the_file_so_a_large_report_is_not_cut_short():
    # Every step is linear in the file: a 16 MiB report may take 16 times as long as a small one.
    assert api.step_limit(10, 1000) == 10
    assert api.step_limit(10, 3 * 1024 * 1024) == 30
    assert api.step_limit(0, 10) is None and api.step_limit(None, 10) is None
    from govlint.pool import hard_limit

    assert hard_limit(10) == 22  # the pool ends a worker only long after the worker's own limit


def test_the_thread_watchdog_leaves_the_interpreter_as_it_found_it(tmp_path):
    # Cancelling a sent interruption (SetAsyncExc with NULL) leaves CPython's pending flag raised
    # for every thread: a profiler, a debugger, then hang. Run in a process of its own so a
    # regression fails by its time limit instead of hanging the suite.
    script = textwrap.dedent(
        """
        import sys, threading, types
        from govlint import api, plugins
        from govlint.hookspecs import hookimpl
        from govlint.rule import Rule

        class Loop(Rule):
            code, name, severity = "HANG103", "loops", "error"
            def check(self, report, context):
                while True:
                    pass

        mod = types.ModuleType("m")
        mod.govlint_rules = hookimpl(lambda: [Loop()])
        rules = plugins.build(extra=[mod], entry_points=False).rules
        for _ in range(3):
            t = threading.Thread(target=api.lint_bytes, args=("一、总体情况\\n".encode(), "t.txt"),
                                 kwargs={"timeout": 0.1, "rules": rules})
            t.start(); t.join()
        calls = [0]
        sys.setprofile(lambda *a: calls.__setitem__(0, calls[0] + 1))
        api.lint_bytes("一、总体情况\\n".encode(), "u.txt", timeout=1)
        sys.setprofile(None)
        print("profiled", calls[0] > 0)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "profiled True", proc.stderr[-2000:]
