"""Property tests over mutated real reports: whatever the damage, a valid result in bounded time.

The mutations are those of the fuzzer (``tools/mutate.py``: lines inserted,
deleted, swapped and duplicated, labels prefixed, tables cut mid-row, digits
changed, long runs of one character class, lines joined and split, control
characters, other encodings); the oracle (``tools/oracle.py``) asserts that
no exception escapes, govlint does not fail on the file (GL901) and no rule
raises (GL900), the file takes at most a few seconds, and every output format
renders and parses. ``python tools/fuzz.py --minutes N`` runs the same for
as long as it is given; here the number of examples is bounded.
"""

from __future__ import annotations

import random

import pytest

from tools.mutate import encode, mutate, sources
from tools.oracle import problems

from .conftest import needs_shared

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TEXTS = [p.read_text(encoding="utf-8", errors="replace") for p in sources()]
REAL = [t for p, t in zip(sources(), TEXTS) if "shared" in p.parts]


@needs_shared
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=st.integers(0, 1000), seed=st.integers(0, 2**62), steps=st.integers(1, 8))
def test_mutated_real_reports_end_in_a_valid_result(source, seed, steps):
    rng = random.Random(seed)
    text, done = mutate(REAL[source % len(REAL)], rng, steps, REAL[(source + 1) % len(REAL)].split("\n"))
    data, enc = encode(text, rng)
    assert problems(data, slow=5.0) == [], (done, enc)


@needs_shared
@pytest.mark.parametrize("prefix", ["-", "/", "0", "合计", "（", "1 ", "|", "一、"])
def test_every_seed_with_a_prefixed_total_row(prefix):
    # The reproduction of issue 11 in its general form: a prefix before any total row of any seed.
    for text in REAL:
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if "总计" in line:
                mutated = "\n".join(lines[:i] + [prefix + line] + lines[i + 1 :])
                assert problems(mutated.encode(), slow=5.0) == [], (i, line)


@needs_shared
@pytest.mark.parametrize("cut_at", [0.2, 0.4, 0.5, 0.6, 0.8])
def test_reports_cut_anywhere_with_two_lines_swapped(cut_at):
    # Seed 001 cut after line 238 with lines 45 and 110 swapped took 15 s: the class is
    # "a cut table plus a displaced line", for every real report.
    rng = random.Random(int(cut_at * 100))
    for text in REAL:
        lines = text.split("\n")
        lines = lines[: max(2, int(len(lines) * cut_at))]
        for _ in range(3):
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            assert problems("\n".join(lines).encode(), slow=5.0) == []
