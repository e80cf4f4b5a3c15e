"""The fast search for table readings must find exactly what trying every reading finds."""

from __future__ import annotations

import itertools

import pytest

from govlint.identities import Checker
from govlint.template import load_template

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SPEC = load_template().editions["2021"].table("3")
ROWS = SPEC.row_keys
NCOLS = len(SPEC.columns)


def _brute(checker: Checker, rows, options) -> set:
    return {
        combo
        for combo in itertools.product(*(range(len(o)) for o in options))
        if checker.columns_ok({r: options[k][i] for k, (r, i) in enumerate(zip(rows, combo))})
    }


_value = st.one_of(st.integers(0, 3), st.integers(0, 3), st.integers(0, 3), st.none(), st.just(1.5))
_vector = st.lists(_value, min_size=NCOLS, max_size=NCOLS)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(ROWS), min_size=1, max_size=6, unique=True),
    st.data(),
)
def test_column_solutions_equal_trying_every_reading(rows, data):
    # Mostly whole numbers (the fast path), sometimes a dash (None) or a fraction (every reading tried).
    exact_only = data.draw(st.booleans())
    vec = st.lists(st.integers(0, 3), min_size=NCOLS, max_size=NCOLS) if exact_only else _vector
    options = [data.draw(st.lists(vec, min_size=1, max_size=4)) for _ in rows]
    checker = Checker(SPEC, list(rows))
    found = list(checker.column_solutions(list(rows), options))
    assert len(found) == len(set(found))  # each reading once
    assert set(found) == _brute(checker, list(rows), options)


def test_column_solutions_finds_the_one_reading_of_a_real_column_identity():
    # （七）总计 = the sum of the outcome rows: with 2 and 3 placed, only a total of 5 fits.
    rows = ["results_total", "open", "partial"]
    zero = [0] * NCOLS
    options = [
        [[5] + zero[1:], [6] + zero[1:]],  # the total: 5 or 6 in the first column
        [[2] + zero[1:]],
        [[3] + zero[1:], [0, 3] + zero[2:]],  # partial: 3 in the first or second column
    ]
    checker = Checker(SPEC, ROWS)
    found = set(checker.column_solutions(rows, options))
    assert found == _brute(checker, rows, options)
    assert found == {(0, 0, 0)}
