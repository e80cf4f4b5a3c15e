"""Property tests: whatever the bytes, govlint ends with a valid result, never an exception."""

from __future__ import annotations

import pytest

import govlint
from govlint.model import Diagnostic

from .conftest import EXAMPLES

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

REPORT = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
LINES = REPORT.split("\n")


def _valid(res) -> None:
    assert isinstance(res, govlint.FileResult)
    assert res.internal_errors == []
    for d in res.diagnostics:
        assert isinstance(d, Diagnostic) and d.code.startswith("GL") and d.region is not None
        assert d.region.start_line >= 1 and d.region.start_column >= 1
        assert d.text("zh") and d.text("en")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes(data):
    _valid(govlint.lint_bytes(data, "x.txt"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("一二三四五六（）()、,.|\t\n 0123456789年第二十条项总计自然人规章报告")), max_size=3000))
def test_arbitrary_report_like_text(text):
    _valid(govlint.lint_text(text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutations_of_a_real_report(data):
    lines = list(LINES)
    for _ in range(data.draw(st.integers(1, 8))):
        op = data.draw(st.sampled_from(["delete", "double", "swap", "digit"]))
        i = data.draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "digit":
            lines[i] = "".join(str(data.draw(st.integers(0, 9))) if c.isdigit() else c for c in lines[i])
    _valid(govlint.lint_text("\n".join(lines)))


@pytest.mark.parametrize(
    "data",
    [
        b"|" * 100_000,
        b"1234567890" * 100_000,
        ("一、总体情况\n" * 10_000).encode(),
        b"\x00" * 10_000,
        "报告\ud800".encode("utf-8", "surrogatepass") * 1000,
        ("（一）" * 100_000).encode(),
        ("第二十条第（一）项规章000 说明文字。" * 3000).encode(),
    ],
    ids=["pipes", "digits", "headings", "nul", "surrogates", "nested", "captions"],
)
def test_adversarial_files_end_with_a_result(data):
    # Guards against catastrophic slowness, not a timing measurement (see benchmarks/hostile.py).
    _valid(govlint.lint_bytes(data, "hostile.txt"))
