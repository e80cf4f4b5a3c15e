"""Reading and writing that cannot hang, lose a file, or garble a terminal.

Bounded reads (only regular files, at most ``max-size`` + 1 bytes, standard
input too), nothing lost silently (every path named or found is in every
output and in the summary), safe text out (control characters escaped, file
names that are not UTF-8 still give valid UTF-8), and the exit codes of
write errors and of a reader that goes away.
"""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from govlint import api
from govlint.cli import main
from govlint.read import files
from govlint.read.files import ReadFailure, read_path, read_stream

from .conftest import EXAMPLES, make_report
from .runner import Run, govlint

GOOD = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


def _cli(cwd: Path, *args: str, stdin: bytes | None = None, timeout: float = 60) -> Run:
    return govlint("--isolated", "--no-cache", "--lang", "en", *args, cwd=cwd, stdin=stdin, text=False, timeout=timeout)


# ------------------------------------------------------------------ bounded reads

def _special_files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out["a named pipe (FIFO)"] = fifo
    sock_path = tmp_path / "sock.txt"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(sock_path))
    out["a socket"] = sock_path
    out["a character device"] = Path("/dev/zero")
    return out


@POSIX
def test_special_files_are_gl001_at_once_and_never_read(tmp_path):
    special = _special_files(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    args = [str(p) for p in special.values()] + ["good.txt"]
    proc = _cli(tmp_path, *args, timeout=30)  # a FIFO would block for ever, /dev/zero would fill memory
    out = proc.stdout.decode()
    assert proc.returncode == 1, proc.stderr
    for what, p in special.items():
        if what == "a socket":
            assert f"{p}:1:1: GL001 [error] cannot read this file: " in out  # ENXIO on open, or "a socket"
        else:
            assert f"{p}:1:1: GL001 [error] cannot read this file: not a regular file: this is {what}" in out
    assert out.splitlines()[-1].endswith("in 4 files")


@POSIX
def test_special_files_found_in_a_folder_are_reported_too(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    os.mkfifo(d / "pipe.txt")
    (d / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = _cli(tmp_path, "reports", timeout=30)
    out = proc.stdout.decode().splitlines()
    assert proc.returncode == 1
    assert any("pipe.txt:1:1: GL001" in ln and "named pipe" in ln for ln in out)
    assert any("dangling.txt:1:1: GL001" in ln and "No such file or directory" in ln for ln in out)
    assert out[-1].endswith("in 3 files")


class _Endless(io.RawIOBase):
    """A stream that never ends, counting what was taken from it."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = len(b)
        b[:n] = b"x" * n
        self.taken += n
        return n


@pytest.mark.parametrize("limit", [1, 1000, 3 * 1024 * 1024 + 7])
def test_at_most_limit_plus_one_bytes_are_read_from_a_stream(limit):
    stream = _Endless()
    with pytest.raises(ReadFailure) as e:
        read_stream(stream, limit)
    assert stream.taken == limit + 1
    assert "larger than the limit" in e.value.reason_en


def test_a_file_that_lies_about_its_size_is_read_only_to_the_limit(tmp_path, monkeypatch):
    # /proc files and files that grow while being read: the size the system reports is not trusted.
    f = tmp_path / "big.txt"
    f.write_bytes(b"y" * 100_000)
    real_fstat, real_read = os.fstat, os.read
    taken = []

    class Small:
        def __init__(self, st):
            self.st_mode, self.st_size = st.st_mode, 10

    monkeypatch.setattr(files.os, "fstat", lambda fd: Small(real_fstat(fd)))
    monkeypatch.setattr(files.os, "read", lambda fd, n: taken.append(n) or real_read(fd, n))
    with pytest.raises(ReadFailure):
        read_path(f, 5000)
    assert sum(taken) <= 5001
    assert read_path(f, 200_000) == b"y" * 100_000


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    f = tmp_path / "big.txt"
    f.write_bytes(b"z" * 10_000)
    monkeypatch.setattr(files.os, "read", lambda fd, n: pytest.fail("read a file known to be too large"))
    with pytest.raises(ReadFailure) as e:
        read_path(f, 100)
    assert "the file is 10,000 bytes, larger than the limit of 100 bytes" in e.value.reason_en


def test_standard_input_is_bounded_and_named(tmp_path):
    report = make_report(title="").encode()
    proc = _cli(tmp_path, "--stdin-filename", "office/report.txt", "-", stdin=report)
    assert proc.returncode == 1
    assert proc.stdout.decode().startswith("office/report.txt:")
    proc = _cli(tmp_path, "--max-size", "100", "-", stdin=b"x" * 10_000)
    assert proc.returncode == 1
    assert "-:1:1: GL001 [error] cannot read this file: the input is larger than the limit of 100 bytes" in proc.stdout.decode()


def test_inspect_and_parse_read_with_the_same_bounds(tmp_path):
    if sys.platform == "win32":
        pytest.skip("POSIX special files")
    os.mkfifo(tmp_path / "p.txt")
    for cmd in ("inspect", "parse"):
        proc = govlint(cmd, "--lang", "en", "p.txt", cwd=tmp_path, text=False, timeout=30)
        assert proc.returncode == 2 and b"not a regular file" in proc.stderr and b"Traceback" not in proc.stderr


# ------------------------------------------------------------------ nothing lost silently

def _refuse(monkeypatch, victim: str, where: str) -> None:
    """Make the system refuse one path as it would without permission (the tests may run as root)."""
    import govlint.discovery as discovery

    real_scandir, real_open = os.scandir, files.os.open

    def scandir(path="."):
        if where == "folder" and os.fspath(path).endswith(victim):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    def open_(path, flags, *a):
        if where == "file" and os.fspath(path).endswith(victim):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *a)

    monkeypatch.setattr(discovery.os, "scandir", scandir)
    monkeypatch.setattr(files.os, "open", open_)


@pytest.mark.parametrize("where, victim", [("folder", "locked"), ("file", "r1.txt")])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_an_unreadable_folder_or_file_is_a_finding_in_every_format(where, victim, fmt, monkeypatch, tmp_path, capsys):
    d = tmp_path / "reports"
    (d / "locked").mkdir(parents=True)
    (d / "locked" / "inside.txt").write_text(GOOD, encoding="utf-8")
    for i in range(3):
        (d / f"r{i}.txt").write_text(make_report(title=""), encoding="utf-8")
    _refuse(monkeypatch, victim, where)
    code = main(["--isolated", "--no-cache", "--lang", "en", "--format", fmt, str(d)])
    out = capsys.readouterr().out
    assert code == 1
    expected = f"{'cannot list this folder: ' if where == 'folder' else ''}Permission denied"
    if fmt == "text":
        (line,) = [ln for ln in out.splitlines() if "GL001" in ln]
        assert line.split(":1:1:")[0].endswith(victim) and line.endswith(expected)
        assert out.splitlines()[-1].endswith(f"in {4 if where == 'folder' else 4} files")
    elif fmt == "json":
        data = json.loads(out)
        (bad,) = [f for f in data["files"] if f["path"].endswith(victim)]
        assert bad["diagnostics"][0]["code"] == "GL001" and bad["diagnostics"][0]["message"]["en"].endswith(expected)
        assert data["summary"]["files"] == 4
    else:
        results = json.loads(out)["runs"][0]["results"]
        assert any(r["ruleId"] == "GL001" and r["message"]["text"].endswith(expected) for r in results)


def test_the_python_api_reports_unreadable_paths_too(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    got = list(api.lint_paths([tmp_path / "missing.txt", tmp_path]))
    assert [Path(r.path).name for r in got] == ["missing.txt", "a.txt"]
    assert got[0].diagnostics[0].code == "GL001" and "No such file or directory" in got[0].diagnostics[0].text("en")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read every file")
def test_real_permissions(tmp_path, capsys):
    d = tmp_path / "reports"
    (d / "locked").mkdir(parents=True)
    (d / "ok.txt").write_text(GOOD, encoding="utf-8")
    (d / "no.txt").write_text(GOOD, encoding="utf-8")
    (d / "no.txt").chmod(0)
    (d / "locked").chmod(0)
    try:
        assert main(["--isolated", "--no-cache", "--lang", "en", str(d)]) == 1
        out = capsys.readouterr().out
        assert "no.txt:1:1: GL001" in out and "locked:1:1: GL001" in out and "in 3 files" in out
    finally:
        (d / "locked").chmod(stat.S_IRWXU)


# ------------------------------------------------------------------ safe text out

HOSTILE = "\x1b[2J\x1b[31m红\x1b]0title\x07\u202e\u2066\x9b\x7f"


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_control_characters_from_a_report_are_escaped(fmt, tmp_path, capsys):
    f = tmp_path / "r.txt"
    # GL301 quotes the plan sentence: put every kind of control character in one.
    f.write_text(make_report(bodies={4: "存在的问题是解读不够。2022年，我县将加强" + HOSTILE + "解读。"}), encoding="utf-8")
    main(["--isolated", "--no-cache", "--lang", "en", "--format", fmt, str(f)])
    out = capsys.readouterr().out
    (quoted,) = [ln for ln in out.splitlines() if "GL301" in ln]
    assert "\\x1b[2J\\x1b[31m红\\x1b]0title\\x07\\u202e\\u2066\\x9b\\x7f" in quoted
    for ch in [c for c in HOSTILE if not c.isprintable()]:
        assert ch not in out, repr(ch)
    assert all(ln.isprintable() for ln in out.splitlines())


def _odd_names(tmp_path: Path) -> Path:
    d = tmp_path / "odd"
    d.mkdir()
    for raw in (b"r\xff\xfe.txt", "报告 #1.txt".encode(), b"line\nbreak.txt", b"esc\x1b[31m.txt"):
        with open(os.path.join(os.fsencode(d), raw), "wb") as fh:
            fh.write(make_report(title="").encode())
    return d


@pytest.mark.skipif(sys.platform != "linux", reason="file names as raw bytes")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_file_names_that_are_not_utf8_give_valid_output(fmt, tmp_path):
    _odd_names(tmp_path)
    out_file = tmp_path / f"out.{fmt}"
    for args in ([], ["-o", str(out_file)]):
        proc = _cli(tmp_path, "--format", fmt, *args, "odd")
        assert proc.returncode == 1, proc.stderr
        data = out_file.read_bytes() if args else proc.stdout
        text = data.decode("utf-8")  # strict: raises on invalid UTF-8
        assert "\x1b" not in text
        if fmt == "json":
            paths = {f["path"] for f in json.loads(text)["files"]}
            assert {"odd/r\\xff\\xfe.txt", "odd/报告 #1.txt", "odd/line\\nbreak.txt", "odd/esc\\x1b[31m.txt"} == paths
        elif fmt == "sarif":
            json.loads(text)
        else:
            assert "\\xff\\xfe" in text
            assert all(ln.isprintable() for ln in text.splitlines())
            assert len([ln for ln in text.splitlines() if "GL104" in ln]) == 4  # one line per finding
    if fmt == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(text)["runs"][0]["results"]}
        assert "odd/r%FF%FE.txt" in uris and "odd/%E6%8A%A5%E5%91%8A%20%231.txt" in uris


# ------------------------------------------------------------------ write errors and closed pipes

@POSIX
@pytest.mark.parametrize("how", ["stdout", "output"])
def test_a_full_disk_is_cannot_write_exit_2(how, tmp_path):
    (tmp_path / "r.txt").write_text(make_report(title=""), encoding="utf-8")
    if how == "stdout":
        # A real process: its standard output is the device itself, as a shell's `> /dev/full` makes it.
        with open("/dev/full", "wb") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "govlint", "--isolated", "--no-cache", "--lang", "en", "r.txt"], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, timeout=60
            )
        expected = b"govlint: cannot write to standard output: No space left on device\n"
    else:
        proc = _cli(tmp_path, "-o", "/dev/full", "r.txt")
        expected = b"govlint: cannot write /dev/full: No space left on device\n"
    assert proc.returncode == 2
    assert proc.stderr == expected


@POSIX
def test_closed_standard_output_is_cannot_write(tmp_path):
    # A real process whose file descriptor 1 is closed: no stream of this one can stand in for that.
    (tmp_path / "r.txt").write_text(make_report(title=""), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(1); from govlint.cli import main; sys.exit(main(['--no-cache', '--lang', 'en', 'r.txt']))"],
        cwd=tmp_path, capture_output=True, timeout=60,
    )
    assert proc.returncode == 2 and b"cannot write to standard output" in proc.stderr and b"Traceback" not in proc.stderr


def test_an_output_folder_that_does_not_exist_fails_before_linting(tmp_path):
    (tmp_path / "r.txt").write_text(make_report(title=""), encoding="utf-8")
    proc = _cli(tmp_path, "-o", "no/such/folder/out.sarif", "--format", "sarif", "r.txt")
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("govlint: cannot write no/such/folder/out.sarif: No such file or directory")


def test_an_interrupted_run_leaves_the_previous_output_file_whole(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out.json"
    out.write_text('{"previous": true}', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(make_report(title=""), encoding="utf-8")
    import govlint.batch as batch

    def interrupted(*a, **k):
        yield api.lint_text(make_report(title=""), str(f))
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "run", interrupted)
    assert main(["--isolated", "--no-cache", "--format", "json", "-o", str(out), str(f), str(f)]) == 130
    assert json.loads(out.read_text(encoding="utf-8")) == {"previous": True}
    assert {p.name for p in tmp_path.iterdir()} == {"out.json", "r.txt"}  # no temporary file left behind


@POSIX
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_leaves_early_makes_the_run_fail(jobs, tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    for i in range(60):
        (d / f"r{i:02}.txt").write_text(make_report(title=""), encoding="utf-8")
    # `govlint reports | head -1` under `set -o pipefail`: the pipeline must not pass. A real process
    # and a real pipe: the reader's leaving is EPIPE / SIGPIPE, which only a pipe gives.
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; '{sys.executable}' -m govlint --no-cache -j {jobs} reports | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert proc.stdout.strip() == "141"
    assert proc.stderr == ""  # no BrokenPipeError, no traceback, no word: the reader chose to leave
