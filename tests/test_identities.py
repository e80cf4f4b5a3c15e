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
_exact_vector = st.lists(st.integers(0, 3), min_size=NCOLS, max_size=NCOLS)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(ROWS), min_size=1, max_size=6, unique=True),
    st.booleans(),
    st.data(),
)
def test_column_solutions_equal_trying_every_reading(rows, all_rows, data):
    # Each row whole numbers (the fast path) or with a dash (None) or a fraction. Rows in
    # no identity (the outcomes without （七）总计) may hold anything: they must not be
    # multiplied into the sums, nor force trying every reading.
    vectors = [data.draw(st.sampled_from([_exact_vector, _vector])) for _ in rows]
    options = [data.draw(st.lists(vec, min_size=1, max_size=4)) for vec in vectors]
    # The checker is built over the rows present, or over the whole template (some absent).
    checker = Checker(SPEC, ROWS if all_rows else list(rows))
    found = list(checker.column_solutions(list(rows), options))
    assert len(found) == len(set(found))  # each reading once
    assert set(found) == _brute(checker, list(rows), options)


def test_column_solutions_with_a_dash_in_a_row_of_no_identity():
    # The crash: （七）总计 missing, so 3.其他 is in no identity, and its dash met the fast path.
    rows = ["new", "carried", "other_handling_3", "carry_next"]
    zero = [0] * NCOLS
    options = [
        [[13] + zero[1:], [0, 13] + zero[2:]],
        [zero],
        [[None, 13, 13] + zero[3:], [None, 13, 0, 13] + zero[4:]],
        [[13] + zero[1:]],
    ]
    checker = Checker(SPEC, rows)
    found = set(checker.column_solutions(rows, options))
    assert found == _brute(checker, rows, options) == {(0, 0, 0, 0), (0, 0, 1, 0)}


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
