"""tests/runner.py: the in-process command line is what a real ``python -m govlint`` is, and leaves nothing behind."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys

import pytest

from . import runner
from .conftest import EXAMPLES

DEFECTS = EXAMPLES / "structure-defects-2021.txt"


def test_python_dash_m_govlint_is_the_command_line(tmp_path):
    # The entry point itself (govlint/__main__.py), in a real process; the in-process run must agree with it.
    args = ("--isolated", "--no-cache", "--lang", "en", str(DEFECTS), str(tmp_path / "missing.txt"))
    real = runner.real_process(*args, timeout=120)
    here = runner.govlint(*args, timeout=120)
    assert real.returncode == 1 and "GL101" in real.stdout and real.stdout.endswith("in 2 files\n"), real.stderr
    assert (here.returncode, here.stdout, here.stderr) == (real.returncode, real.stdout, real.stderr)
    assert not real.in_process and (here.in_process or os.environ.get(runner.SUBPROCESS_VAR) == "1")


_PROBE = "import json, sys; print(json.dumps([[s.encoding, s.errors] for s in (sys.stdin, sys.stdout, sys.stderr)]))"


@pytest.mark.parametrize("change", [
    # LC_ALL always: the machine's own locale (whose encoding a child would take) plays no part.
    {"LC_ALL": "C.UTF-8"},
    {"LC_ALL": "C"},
    {"LC_ALL": "C", "PYTHONIOENCODING": "gbk"},
    {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "cp1252:replace"},
    {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ":replace"},
    {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
])
def test_the_streams_are_those_a_child_gets(change):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    env.update(change)
    child = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    stdin, stdout, stderr = json.loads(child.stdout)
    encoding, errors = runner._stdio(env)
    assert [encoding.lower(), errors] == [stdout[0].lower(), stdout[1]] == [stdin[0].lower(), stdin[1]]
    assert stderr == [stdout[0], "backslashreplace"]


def test_a_run_leaves_this_process_as_it_found_it(tmp_path):
    env_before, cwd_before = dict(os.environ), os.getcwd()
    streams = (sys.stdin, sys.stdout, sys.stderr, sys.__stdin__, sys.__stdout__, sys.__stderr__)
    gc_before = (gc.get_threshold(), gc.get_freeze_count())
    alarm = signal.getsignal(signal.SIGALRM)
    p = runner.govlint(
        "--isolated", "--lang", "en", "-j", "2", str(EXAMPLES),
        cwd=tmp_path, env={**os.environ, "LANG": "en_US.UTF-8", "GOVLINT_EXTRA": "1"}, timeout=120,
    )
    assert p.returncode == 1, p.stderr
    assert dict(os.environ) == env_before and os.getcwd() == cwd_before
    assert (sys.stdin, sys.stdout, sys.stderr, sys.__stdin__, sys.__stdout__, sys.__stderr__) == streams
    assert (gc.get_threshold(), gc.get_freeze_count()) == gc_before
    assert signal.getsignal(signal.SIGALRM) == alarm and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize("args, code, err", [
    (["--help"], 0, ""),
    (["--lang", "en", "--bogus", "x"], 2, "unrecognized arguments: --bogus"),
    (["rule", "GL999", "--lang", "en"], 2, "GL999"),
])
def test_exit_statuses_are_the_systems(args, code, err):
    p = runner.govlint(*args, timeout=60)
    assert p.returncode == code and err in p.stderr and "Traceback" not in p.stderr


def test_system_exit_with_a_message_and_a_crash(monkeypatch):
    from govlint import cli

    if os.environ.get(runner.SUBPROCESS_VAR) == "1":
        pytest.skip("what the runner makes of a SystemExit in this process")
    monkeypatch.setattr(cli, "main", lambda argv: sys.exit("stopped: reason"))
    p = runner.govlint("x")
    assert (p.returncode, p.stderr) == (1, "stopped: reason\n")
    monkeypatch.setattr(cli, "main", lambda argv: 256 + 3)
    assert runner.govlint("x").returncode == 3
    monkeypatch.setattr(cli, "main", lambda argv: 1 / 0)
    p = runner.govlint("x")
    assert p.returncode == 1 and p.stderr.startswith("Traceback") and "ZeroDivisionError" in p.stderr


def test_a_run_longer_than_its_timeout_is_stopped(monkeypatch):
    from govlint import cli

    if os.environ.get(runner.SUBPROCESS_VAR) == "1":
        pytest.skip("how the runner stops a run in this process")

    def forever(argv):
        print("started")
        while True:
            pass

    monkeypatch.setattr(cli, "main", forever)
    with pytest.raises(subprocess.TimeoutExpired) as e:
        runner.govlint("x", timeout=0.2)
    assert e.value.output == b"started\n"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_interpreter_variable_makes_a_real_process(tmp_path):
    p = runner.govlint("rules", "--isolated", env={**os.environ, "PYTHONHASHSEED": "123"}, timeout=60)
    assert p.returncode == 0 and not p.in_process
