"""The template's arithmetic identities, evaluated over table values.

Used twice, for two different purposes: the aligner uses them to choose the
one reading of an ambiguous table that the table's own arithmetic allows,
and the table rules use them to report sums that do not add up. Blanks count
as 0 (the template's convention); a non-numeric cell makes an identity
unjudgeable rather than false.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Callable, Iterator, Optional, Sequence, Union

from .model import Table
from .template import IdentitySpec, TableSpec

Number = Union[int, float]
# (row key, column key) -> value; None means "not a number" (unjudgeable), a
# missing key means "blank" (0).
Lookup = Callable[[str, str], Optional[Number]]


@dataclass(frozen=True)
class Outcome:
    identity: IdentitySpec
    line: str  # the row key (per="row") or column key (per="column") it was judged in
    lhs: tuple[tuple[str, str], ...]  # (row, column) cells on the left
    rhs: tuple[tuple[str, str], ...]
    lhs_value: Optional[Number]
    rhs_value: Optional[Number]

    @property
    def judged(self) -> bool:
        return self.lhs_value is not None and self.rhs_value is not None

    @property
    def holds(self) -> bool:
        if not self.judged:
            return True
        return abs(self.lhs_value - self.rhs_value) < 1e-6  # type: ignore[operator]


def _sum(cells: list[tuple[str, str]], get: Lookup) -> Optional[Number]:
    total: Number = 0
    for r, c in cells:
        v = get(r, c)
        if v is None:
            return None
        total += v
    return total


def evaluate(
    spec: TableSpec,
    get: Lookup,
    rows: Optional[list[str]] = None,
    columns: Optional[list[str]] = None,
    only: Optional[set[str]] = None,
    rule: Optional[str] = None,
) -> list[Outcome]:
    """Every identity of ``spec`` in every row/column it applies to.

    ``rows``/``columns`` restrict to the keys present (default: the template's);
    ``only`` restricts to identities of a given ``per`` ("row" or "column");
    ``rule`` to the identities of one rule code.
    """
    rows = rows if rows is not None else spec.row_keys
    columns = columns if columns is not None else spec.column_keys
    out: list[Outcome] = []
    for ident in spec.identities:
        if (only and ident.per not in only) or (rule and ident.rule != rule):
            continue
        if ident.per == "row":
            lhs_c, rhs_c = ident.expand(columns)
            if not lhs_c or not rhs_c:
                continue
            for r in rows:
                lhs = [(r, c) for c in lhs_c]
                rhs = [(r, c) for c in rhs_c]
                out.append(Outcome(ident, r, tuple(lhs), tuple(rhs), _sum(lhs, get), _sum(rhs, get)))
        else:
            lhs_r, rhs_r = ident.expand(rows)
            if not lhs_r or not rhs_r:
                continue
            for c in columns:
                lhs = [(r, c) for r in lhs_r]
                rhs = [(r, c) for r in rhs_r]
                out.append(Outcome(ident, c, tuple(lhs), tuple(rhs), _sum(lhs, get), _sum(rhs, get)))
    return out


def all_hold(spec: TableSpec, get: Lookup, rows: list[str], columns: list[str], only: Optional[set[str]] = None) -> bool:
    return all(o.holds for o in evaluate(spec, get, rows, columns, only))


class OverBudget(Exception):
    """A search ran out of steps: what it found so far is not all there is."""


class Budget:
    """A ceiling on the steps of a search, so that it ends whatever the input.

    Steps are counted, not timed, so a search stops at the same place on
    every machine and the answer does not depend on how fast it runs.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, steps: int = 1) -> None:
        if self.used + steps > self.limit:
            raise OverBudget
        self.used += steps


class Checker:
    """The identities of one table, compiled to index lists for fast repeated checks.

    The aligner checks thousands of candidate readings; this avoids building
    an ``Outcome`` per identity per candidate. Values: a number, or None for
    "not a number" (the identity is then not judged, so it does not fail).
    """

    def __init__(self, spec: TableSpec, rows: list[str]) -> None:
        columns = spec.column_keys
        col_index = {c: i for i, c in enumerate(columns)}
        self.ncols = len(columns)
        self.row_ids: list[tuple[list[int], list[int]]] = []
        self.col_ids: list[tuple[list[str], list[str]]] = []
        for ident in spec.identities:
            if ident.per == "row":
                lhs, rhs = ident.expand(columns)
                if lhs and rhs:
                    self.row_ids.append(([col_index[c] for c in lhs], [col_index[c] for c in rhs]))
            else:
                lhs, rhs = ident.expand(rows)
                if lhs and rhs:
                    self.col_ids.append((lhs, rhs))

    def row_ok(self, vec: list[Optional[Number]]) -> bool:
        for lhs, rhs in self.row_ids:
            # sum() raising TypeError on a None is the fast way to say "not judged".
            try:
                if abs(sum([vec[i] for i in lhs]) - sum([vec[i] for i in rhs])) > 1e-6:
                    return False
            except TypeError:
                continue
        return True

    def columns_ok(self, vecs: dict[str, list[Optional[Number]]]) -> bool:
        for lhs, rhs in self.col_ids:
            left = [vecs[r] for r in lhs if r in vecs]
            right = [vecs[r] for r in rhs if r in vecs]
            if not left or not right:
                continue
            for c in range(self.ncols):
                try:
                    if abs(sum([vec[c] for vec in left]) - sum([vec[c] for vec in right])) > 1e-6:
                        return False
                except TypeError:
                    continue
        return True

    def column_solutions(
        self, rows: Sequence[str], options: Sequence[Sequence[list]], budget: Optional[Budget] = None
    ) -> Iterator[tuple[int, ...]]:
        """Every choice of one reading per row (``options[k]``: the value vectors of
        row ``rows[k]``) that ``columns_ok`` accepts, as tuples of indices.

        With whole numbers throughout the identities are linear and exact, so the
        rows are split in two halves and the halves' sums matched (meet in the
        middle): the work grows with the sum of the halves' choices, not their
        product. Otherwise (a blank-free dash, a fraction) every choice is tried.
        Each choice tried or matched spends a step of ``budget`` (OverBudget
        when it runs out).
        """
        spend = budget.spend if budget is not None else lambda steps=1: None
        terms = []  # (identity index, row position, +1/-1)
        for idx, (lhs, rhs) in enumerate(self.col_ids):
            left = [rows.index(r) for r in lhs if r in rows]
            right = [rows.index(r) for r in rhs if r in rows]
            if left and right:
                terms += [(idx, k, 1) for k in left] + [(idx, k, -1) for k in right]
        involved = {k for _, k, _ in terms}
        exact = all(type(v) is int for k in involved for vec in options[k] for v in vec)
        if not exact or len(rows) < 2:
            for combo in itertools.product(*(range(len(o)) for o in options)):
                spend()
                if self.columns_ok({r: options[k][i] for k, (r, i) in enumerate(zip(rows, combo))}):
                    yield combo
            return
        ids = sorted({idx for idx, _, _ in terms})
        coef = [[0] * len(ids) for _ in rows]
        for idx, k, sign in terms:
            coef[k][ids.index(idx)] += sign
        nothing = (0,) * (len(ids) * self.ncols)

        def contribution(k: int, vec: list) -> tuple[int, ...]:
            # A row in no identity adds nothing, whatever it holds (dashes included).
            if k not in involved:
                return nothing
            return tuple(c * v for c in coef[k] for v in vec)

        half = len(rows) // 2

        def sums(part: range) -> Iterator[tuple[tuple[int, ...], tuple[int, ...]]]:
            choices = [list(enumerate(contribution(k, vec) for vec in options[k])) for k in part]
            for picked in itertools.product(*choices):
                spend()
                yield tuple(map(sum, zip(*(v for _, v in picked)))), tuple(i for i, _ in picked)

        first: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
        for key, combo in sums(range(half)):
            first.setdefault(key, []).append(combo)
        for key, combo in sums(range(half, len(rows))):
            for head in first.get(tuple(-x for x in key), ()):
                spend()
                yield head + combo


def arithmetic_value(t: Table, row: str, column: str) -> Optional[Number]:
    """A cell's value for the identities: blanks and dashes count 0; text or uncertainty: not judged."""
    if row in t.missing_rows:
        return None
    c = t.cell(row, column)
    if c is None or not c.certain:
        return None
    if c.kind in ("blank", "dash"):
        return 0
    if c.kind == "text":
        return None
    return c.value
