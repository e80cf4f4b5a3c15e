"""Bad and unusual input: the real CLI must never crash, and must say what it tried.

Every CLI test runs ``govlint --lang en PATH`` (tests/runner.py: in this process,
or a real ``python -m govlint`` with GOVLINT_TEST_SUBPROCESS=1) on a file
written to ``tmp_path`` and checks the exit code, the absence of a Python
traceback on stderr and the expected diagnostic code or message.

Transcoded copies (GBK, UTF-16 with BOM, UTF-8 with BOM, CRLF, CR) of the
real seed reports must lint exactly like the UTF-8 original: same codes,
same line:column positions, same messages. Seeds 001 and 003 are clean, so
each copy is also made of a "defective" variant with two heading faults
(one of them indented, so a column other than 1 is compared too); that way
the comparison is never between two empty lists.

The seeds live outside the repository (``../shared/seeds``) and are never
copied into it; the tests that need them skip when that folder is absent.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Callable, NamedTuple

import pytest

import govlint

from .runner import govlint as run_govlint

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = REPO / "examples"
SEED_001 = SEEDS / "001_81ecb54b46cc6fdb.txt"
SEED_003 = SEEDS / "003_107764086d5c2c3a.txt"

needs_seeds = pytest.mark.skipif(
    not (SEED_001.is_file() and SEED_003.is_file()),
    reason=f"real seed reports not available: {SEEDS} is absent (they are never copied into the repo)",
)

FINDING = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>GL\d{3}) \[(?P<severity>\w+)\] (?P<message>.*)$"
)


class Finding(NamedTuple):
    code: str
    line: int
    col: int
    message: str


class Run(NamedTuple):
    returncode: int
    stdout: str
    stderr: str

    def findings(self, path: str | None = None) -> list[Finding]:
        out = []
        for ln in self.stdout.splitlines():
            m = FINDING.match(ln)
            if m and (path is None or m["path"] == path):
                out.append(Finding(m["code"], int(m["line"]), int(m["col"]), m["message"]))
        return out

    def codes(self) -> list[str]:
        return [f.code for f in self.findings()]


def govlint_cli(tmp_path: Path, path: str, *options: str, timeout: float = 60) -> Run:
    """Run the CLI on one path (relative to tmp_path, which is the cwd)."""
    proc = run_govlint("--lang", "en", *options, path, cwd=tmp_path, text=False, timeout=timeout)
    stdout = proc.stdout.decode("utf-8", "replace")
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr
    return Run(proc.returncode, stdout, stderr)


def lint_file(tmp_path: Path, name: str, data: bytes, *options: str, timeout: float = 60) -> Run:
    (tmp_path / name).write_bytes(data)
    return govlint_cli(tmp_path, name, *options, timeout=timeout)


def only(run: Run, code: str) -> Finding:
    """The single finding of a run, which must have ``code`` and sit at 1:1."""
    found = run.findings()
    assert [f.code for f in found] == [code], run.stdout
    assert (found[0].line, found[0].col) == (1, 1), run.stdout
    return found[0]


# --- empty and non-report text -------------------------------------------------


def test_empty_file_is_not_a_report(tmp_path: Path) -> None:
    run = lint_file(tmp_path, "empty.txt", b"")
    assert run.returncode == 1
    assert "empty" in only(run, "GL002").message


def test_whitespace_only_file_is_not_a_report(tmp_path: Path) -> None:
    data = " \t\n\n  \r\n\u3000\u3000\n\f\n".encode()
    run = lint_file(tmp_path, "blank.txt", data)
    assert run.returncode == 1
    only(run, "GL002")


def test_hundred_thousand_pipes(tmp_path: Path) -> None:
    run = lint_file(tmp_path, "pipes.txt", b"|" * 100_000, timeout=30)
    assert run.returncode == 1
    only(run, "GL002")


# --- unreadable bytes ----------------------------------------------------------


def test_random_binary_with_nuls_is_unreadable(tmp_path: Path) -> None:
    data = bytearray(random.Random(20240601).randbytes(8192))
    data[0:4] = b"\x00\x01\x02\x03"  # no BOM, no file magic
    data[::97] = bytes(len(data[::97]))  # NULs throughout
    run = lint_file(tmp_path, "blob.txt", bytes(data))
    assert run.returncode == 1
    message = only(run, "GL001").message
    for tried in ("UTF-8", "UTF-16", "GB18030"):
        assert tried in message, message


def test_pdf_renamed_to_txt_is_unreadable(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(range(256)) * 4
    run = lint_file(tmp_path, "report.txt", data)
    assert run.returncode == 1
    assert "PDF" in only(run, "GL001").message


def _sized(n: int) -> bytes:
    data = "某县2022年政府信息公开工作年度报告\n一、总体情况\n".encode()
    data += b"0123456789\n" * ((n - len(data)) // 11 + 1)
    return data[: n - 1] + b"\n"


def test_file_larger_than_max_size_is_unreadable(tmp_path: Path) -> None:
    data = _sized(5000)
    assert len(data) == 5000
    run = lint_file(tmp_path, "big.txt", data, "--max-size", "1000")
    assert run.returncode == 1
    message = only(run, "GL001").message
    assert "limit" in message and "--max-size" in message, message
    # the limit is a strict "larger than": a file of exactly --max-size bytes is read
    at_limit = govlint_cli(tmp_path, "big.txt", "--max-size", "5000")
    assert "GL001" not in at_limit.codes(), at_limit.stdout


def test_max_size_message_states_the_limit_given(tmp_path: Path) -> None:
    run = lint_file(tmp_path, "big.txt", _sized(5000), "--max-size", "1000")
    message = only(run, "GL001").message
    assert "1000" in message or "1,000" in message, message


# A long single line must cost linear time. A regression guard: at commit
# ce78db4 the layout sniffer ran ``_PIPE_CELL.search(ln)`` (r"\S.*\s\|\s*$",
# which backtracks over the rest of the line from every start position)
# before its ``len(ln) < 200`` guard: this 216 KB line took about 17 s, and 10 MB
# would have taken hours.
def test_long_single_line_is_linted_in_linear_time(tmp_path: Path) -> None:
    run = lint_file(tmp_path, "line.txt", ("政府信息公开" * 12_000).encode(), timeout=5)
    assert run.returncode == 1
    assert "GL001" not in run.codes()


@pytest.mark.parametrize("unit", ["政府信息公开", "1234567890"], ids=["chinese", "digits"])
def test_ten_megabyte_single_line(tmp_path: Path, unit: str) -> None:
    raw = unit.encode()
    data = raw * (10_000_000 // len(raw))
    assert len(data) < 16 * 1024 * 1024  # under the default --max-size: it must be linted, not refused
    run = lint_file(tmp_path, "huge.txt", data, timeout=60)
    assert run.returncode in (0, 1)
    assert "GL001" not in run.codes(), run.stdout


# --- paths ---------------------------------------------------------------------


def test_missing_path_is_a_finding_and_the_others_are_linted(tmp_path: Path) -> None:
    # As ruff does (E902): a path that cannot be read is a finding on that path, not the end of the run.
    (tmp_path / "good.txt").write_text((EXAMPLES / "good-2021.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.txt").write_text("一、总体情况\n", encoding="utf-8")
    proc = run_govlint("--lang", "en", "--no-cache", "no-such-report.txt", "bad.txt", "good.txt", cwd=tmp_path, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert lines[0] == "no-such-report.txt:1:1: GL001 [error] cannot read this file: No such file or directory"
    assert any(ln.startswith("bad.txt:") for ln in lines)
    assert lines[-1].endswith("in 3 files")


def test_directory_with_two_reports(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_bytes((EXAMPLES / "structure-defects-2021.txt").read_bytes())
    good = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
    assert "二、主动公开政府信息情况" in good
    (reports / "b.txt").write_text(
        good.replace("二、主动公开政府信息情况", "二.主动公开政府信息情况", 1), encoding="utf-8"
    )
    (reports / "scan.pdf").write_bytes(b"%PDF-1.7\n")  # a supported format, but no PDF in it: GL001
    (reports / "data.xlsx").write_bytes(b"PK\x03\x04")  # not a report format: skipped, and said so
    run = govlint_cli(tmp_path, "reports")
    assert run.returncode == 1
    a = run.findings("reports/a.txt")
    b = run.findings("reports/b.txt")
    assert a and b, run.stdout
    assert "GL103" in [f.code for f in b]
    assert [f.code for f in run.findings("reports/scan.pdf")] == ["GL001"]
    assert "data.xlsx" not in run.stdout and "Skipped 1 file in folders: 1 .xlsx" in run.stdout
    assert run.stdout.rstrip().splitlines()[-1].endswith("in 3 files"), run.stdout


# --- encodings and line endings --------------------------------------------------


def test_invalid_utf8_but_valid_gb18030_is_read(tmp_path: Path) -> None:
    text = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
    assert "一、总体情况" in text
    text = text.replace("一、总体情况", "一、总体情况𠮷", 1)  # a four-byte GB18030 sequence too
    data = text.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    original = lint_file(tmp_path, "utf8.txt", text.encode("utf-8"))
    run = lint_file(tmp_path, "gb18030.txt", data)
    assert not {"GL001", "GL002"} & set(run.codes()), run.stdout
    assert run.findings() == original.findings()
    assert run.returncode == original.returncode


def _defective(text: str) -> str:
    """Two heading faults: a wrong list mark on 二, and an indented, reworded 五 (column 3)."""
    for old in ("二、主动公开政府信息情况", "五、存在的主要问题及改进情况"):
        assert old in text, f"seed no longer contains {old}"
    text = text.replace("二、主动公开政府信息情况", "二.主动公开政府信息情况", 1)
    return text.replace("五、存在的主要问题及改进情况", "\u3000\u3000五，存在的主要问题及改进措施", 1)


def _lines(text: str, newline: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", newline)


ENCODINGS: dict[str, tuple[Path, Callable[[str], bytes]]] = {
    "003-gbk": (SEED_003, lambda t: t.encode("gbk")),
    "003-crlf": (SEED_003, lambda t: _lines(t, "\r\n").encode("utf-8")),
    "003-cr": (SEED_003, lambda t: _lines(t, "\r").encode("utf-8")),
    "001-utf16le-bom": (SEED_001, lambda t: b"\xff\xfe" + t.encode("utf-16-le")),
    "001-utf16be-bom": (SEED_001, lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
    "001-utf8-bom": (SEED_001, lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
}


@needs_seeds
@pytest.mark.parametrize("variant", ["as-is", "defective"])
@pytest.mark.parametrize("case", list(ENCODINGS))
def test_transcoded_seed_lints_like_utf8_original(tmp_path: Path, case: str, variant: str) -> None:
    seed, encode = ENCODINGS[case]
    text = seed.read_text(encoding="utf-8")
    if variant == "defective":
        text = _defective(text)
    original = lint_file(tmp_path, "original.txt", text.encode("utf-8"))
    copy = lint_file(tmp_path, "copy.txt", encode(text))
    assert not {"GL001", "GL002"} & set(copy.codes()), copy.stdout
    assert copy.findings() == original.findings(), f"UTF-8:\n{original.stdout}\n{case}:\n{copy.stdout}"
    assert copy.returncode == original.returncode
    if variant == "defective":  # the comparison above was not between two empty lists
        where = {(f.code, f.col) for f in original.findings()}
        assert {("GL103", 1), ("GL103", 3)} <= where, original.stdout


# --- the in-process API ----------------------------------------------------------


def test_api_lint_bytes_empty() -> None:
    result = govlint.lint_bytes(b"", path="empty.txt")
    assert [d.code for d in result.diagnostics] == ["GL002"]
    assert result.diagnostics[0].region.start_line == 1
    assert "empty" in result.diagnostics[0].text("en")
    assert result.report is not None


def test_api_lint_bytes_binary() -> None:
    data = b"\x00\x01\x02\x03" + random.Random(7).randbytes(4096) + b"\x00" * 64
    result = govlint.lint_bytes(data, path="blob.txt")
    assert [d.code for d in result.diagnostics] == ["GL001"]
    d = result.diagnostics[0]
    assert (d.region.start_line, d.region.start_column) == (1, 1)
    assert "GB18030" in d.text("en")
    assert result.report is None
