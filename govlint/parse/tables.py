"""Align table tokens to the template of the table's edition.

The rule of this module: never guess. A cell is placed in a row and column
only when the text makes that placement certain, or when exactly one of the
possible placements satisfies the table's own identities. Otherwise the
table is marked ``ambiguous`` (or ``unreadable``) with the reason, the cells
that are the same in every possible reading are kept as ``certain``, and the
arithmetic checks that would need the others are listed as skipped.

Three ways a reading can be uncertain, all seen in real reports:
  * dropped blanks: a row has fewer cells than columns (``13 | 13`` for seven);
  * run-together cells: ``640020470`` for seven columns (flattened web text);
  * displaced labels: PDF text puts labels in one run and numbers in another,
    sometimes reading a block of the table column by column.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple, Optional

from ..identities import Budget, Checker, OverBudget, evaluate
from ..model import Cell, Span, Table
from ..normalize import fold
from ..normalize import key as label_key
from ..read.tokens import Token
from ..template import TableSpec, Template

# Enumeration limits: beyond these a table is ambiguous, not slow.
MAX_ROW_READINGS = 5000
MAX_TABLE_READINGS = 20000
# Steps of work (candidate readings made, combinations tried) allowed for
# one table and for all the tables of one report. Counted, not timed, so
# the answer is the same on every machine; the limits on readings above do
# not bound the work between them (splits of digit runs, partial readings of
# blocks, the search over a product of rows), this does.
MAX_TABLE_STEPS = 50_000
MAX_REPORT_STEPS = 200_000
TOO_MANY_READINGS = (
    "there are too many possible readings of the table's cells to decide which one is right within govlint's limits",
    "表格单元格的可能读法过多，无法在限度内确定正确读法",
)

_VALUE_KINDS = ("NUM", "BLANK", "CELL")
# No count or amount has a hundred digits; int() refuses a few thousand, so such a cell is text.
_NUMBER = re.compile(r"^([+\-]?)(\d{1,100})(?:\.(\d{1,100}))?(亿元|万元|元)?$")
# Thousands written with a space, as PDF text gives them (8 936, 1 265.38): one number in one cell.
_SPACED = re.compile(r"[+\-]?\d{1,3}(?: \d{3})+(?:\.\d+)?(?:亿元|万元|元)?")


@dataclass
class _Run:
    """A row label (or nothing) and the value tokens that follow it."""

    label: Optional[Token]
    row: Optional[str]  # template row key of the label
    values: list[Token] = field(default_factory=list)


class _Piece(NamedTuple):
    """One cell's worth of text from a value token (a token may hold several).

    A named tuple: every candidate reading of every row is made of them."""

    raw: str
    start: int
    end: int
    blank: bool = False
    substitute: bool = False  # CELL token: -, /, 无 …


Reading = tuple[Optional[_Piece], ...]  # one row: a piece per column (None: dropped blank)


@functools.lru_cache(maxsize=8192)
def parse_value(raw: str, column_kind: str) -> tuple[Optional[float], str, str]:
    """(value, kind, unit) of a cell's text. kind: number, blank, dash, text, negative, fraction, money."""
    # Full-width digits, points and signs (１２６５．３８, －18, ＋7) are the same number.
    s = fold(raw).strip().replace(",", "")
    if _SPACED.fullmatch(s):
        s = s.replace(" ", "")
    if not s:
        return None, "blank", ""
    m = _NUMBER.match(s)
    if not m:
        if re.fullmatch(r"[-—－–/／\\]+", s):
            return None, "dash", ""
        return None, "text", ""
    sign, whole, frac, unit = m.groups()
    value: float = float(f"{whole}.{frac}") if frac else int(whole)
    if sign == "-":
        value = -value
    if column_kind == "money":
        return value, "money", unit or ""
    if unit:
        return value, "text", unit
    if frac:
        return value, "fraction", ""
    if value < 0 and column_kind != "delta":
        return value, "negative", ""
    return value, "number", ""


def _pieces(tok: Token) -> list[_Piece]:
    if tok.kind == "BLANK":
        return [_Piece("", tok.start, tok.end, blank=True)]
    if tok.kind == "CELL":
        return [_Piece(tok.text, tok.start, tok.end, substitute=True)]
    return [_Piece(tok.text, tok.start, tok.end)]


def _splits(tok: Token, parts: int, kinds: list[str], budget: Budget) -> Iterator[list[_Piece]]:
    """Ways to cut a run of digits into ``parts`` numbers (no leading zeros)."""
    s = tok.norm or tok.text
    raw = tok.text
    # Map normalised positions back to original offsets (the run has no spaces).
    idx = [i for i, ch in enumerate(raw) if not ch.isspace()]
    n = len(s)
    if parts <= 0 or parts > n:
        return

    def rec(pos: int, k: int, acc: list[_Piece]) -> Iterator[list[_Piece]]:
        budget.spend()
        if k == parts - 1:
            piece = s[pos:]
            if _valid_piece(piece, kinds[k]):
                yield acc + [_piece(tok, idx, pos, n)]
            return
        max_len = n - pos - (parts - k - 1)
        for length in range(1, max_len + 1):
            piece = s[pos : pos + length]
            if not _valid_piece(piece, kinds[k]):
                if piece[0] == "0":
                    break
                continue
            yield from rec(pos + length, k + 1, acc + [_piece(tok, idx, pos, pos + length)])

    yield from rec(0, 0, [])


def _piece(tok: Token, idx: list[int], a: int, b: int) -> _Piece:
    start = tok.start + (idx[a] if a < len(idx) else len(tok.text))
    end = tok.start + (idx[b - 1] + 1 if b - 1 < len(idx) else len(tok.text))
    return _Piece(tok.text[start - tok.start : end - tok.start], start, end)


def _valid_piece(piece: str, kind: str) -> bool:
    if not piece:
        return False
    if piece[0] in "+-":
        return False
    if "." in piece:
        if kind != "money" or piece.startswith(".") or piece.endswith(".") or piece.count(".") > 1:
            return False
        whole = piece.split(".")[0]
        return whole == "0" or not whole.startswith("0")
    return piece == "0" or not piece.startswith("0")


class Aligner:
    """Aligns the tables of one report (the builder makes one per report)."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.report_steps = 0  # spent on this report's tables so far
        self._budget = Budget(0)
        self._switch = template.row_or_group

    # ------------------------------------------------------------ public

    def align(self, table_id: str, tokens: list[Token], section: str, bounded_layout: bool) -> Table:
        specs = [e.table(table_id) for e in self.template.editions.values()]
        specs = [s for s in specs if s is not None]
        same = len(specs) > 1 and all(_same_shape(s, specs[0]) for s in specs[1:])
        # The same table in every edition (table 四) reads the same way in each: align it once.
        scored = specs[:1] if same else sorted(specs, key=lambda s: -self._edition_score(s, tokens))
        self._budget = Budget(min(MAX_TABLE_STEPS, MAX_REPORT_STEPS - self.report_steps))
        best: Optional[Table] = None
        for spec in scored:
            table = self._align(spec, tokens, section)
            if best is None or _better(table, best):
                best = table
            if table.status == "read" and not table.missing_rows:
                break
        self.report_steps += self._budget.used
        assert best is not None
        if same:
            best.edition = None  # so it says nothing about the edition
        return best

    # ------------------------------------------------------------ edition

    def _edition_score(self, spec: TableSpec, tokens: list[Token]) -> float:
        score = 0.0
        for t in tokens:
            refs = t.info.get("refs")
            if not refs:
                continue
            eds = {r[0] for r in refs if r[1] == spec.id}
            if spec.edition in eds:
                score += 1.0 if len(eds) == 1 else 0.01
            elif eds:
                score -= 1.0
        # Wording that is a row in one edition and a group over sub-rows in another (（六）其他处理):
        # followed by values it is the row, followed by sub-rows the group.
        for i, t in enumerate(tokens):
            as_row = self._switch.get((spec.id, t.norm)) if t.kind == "LABEL" else None
            if as_row is not None:
                nxt = next((u for u in tokens[i + 1 :] if u.kind != "NOISE"), None)
                has_values = nxt is not None and nxt.kind in _VALUE_KINDS
                score += 2 if has_values == (spec.edition in as_row) else -2
        return score

    # ------------------------------------------------------------ alignment

    def _align(self, spec: TableSpec, tokens: list[Token], section: str) -> Table:
        start = min(t.start for t in tokens)
        end = max(t.end for t in tokens)
        table = Table(
            id=spec.id,
            name=spec.name,
            edition=spec.edition,
            section=spec.section,
            span=Span(start, end),
            rows=spec.row_keys,
            columns=spec.column_keys,
            row_labels={r.key: r.label for r in spec.rows},
            title=dict(spec.title),
            short=dict(spec.short),
            column_labels={c.key: spec.column_label(c.key) for c in spec.columns},
            row_labels_en={r.key: r.display("en") for r in spec.rows},
            column_labels_en={c.key: c.display("en") for c in spec.columns},
        )
        table.edition_evidence, table.edition_at = self._evidence(spec, tokens)
        try:
            return self._place(table, spec, tokens)
        except OverBudget:
            # Cut short: nothing read so far is known to hold in every reading.
            return self._fail(table, spec, "ambiguous", *TOO_MANY_READINGS)

    def _place(self, table: Table, spec: TableSpec, tokens: list[Token]) -> Table:
        gridded = any("cell" in t.info for t in tokens if t.kind in _VALUE_KINDS)
        runs = self._grid_runs(spec, tokens) if gridded else self._runs(spec, tokens)
        for run in runs:
            if run.row and run.label is not None and run.row not in table.row_spans:
                table.row_spans[run.row] = Span(run.label.start, run.label.end)
        ncols = len(spec.columns)
        valued = [r for r in runs if r.values]
        if not valued:
            table.status = "unreadable"
            table.reason = "the table has captions or labels but no values"
            table.reason_zh = "表格只有标题或标签，没有任何数值"
            table.missing_rows = list(spec.row_keys)
            table.skipped_checks = _rules(spec)
            return table

        unlabeled_single = len(spec.rows) == 1 and not spec.rows[0].label
        sequential = not unlabeled_single and (
            any(r.row is None for r in valued) or any(self._too_long(r, ncols) for r in valued)
        )
        if sequential:
            return self._sequential(table, spec, runs)
        if unlabeled_single:
            if len(valued) > 1:
                return self._fail(
                    table,
                    spec,
                    "ambiguous",
                    "the values are interleaved with the column headers, so their column order cannot be established",
                    "数值与表头交错排列，无法确定各数值所在的列",
                )
            valued[0].row = spec.rows[0].key
            return self._labelled(table, spec, valued)
        # Every value follows its label: a label with no values is a row whose blanks were all dropped.
        return self._labelled(table, spec, [r for r in runs if r.row is not None])

    def _evidence(self, spec: TableSpec, tokens: list[Token]) -> tuple[list[str], Optional[Span]]:
        """Wording in the table that only this edition's template has (rows, columns, captions), and where the first is."""
        others = [e.table(spec.id) for e in self.template.editions.values() if e.name != spec.edition]
        others = [o for o in others if o is not None]
        found: list[str] = []
        first: list[Span] = []

        def add(tok: Token) -> None:
            text = " ".join(tok.text.split())
            if text not in found:
                found.append(text)
                if not first:
                    first.append(Span(tok.start, tok.end))

        if not others:
            for t in tokens:
                if t.kind == "CAPTION":
                    add(t)
            return found, (first[0] if first else None)
        other_rows = {label_key(r.label) for o in others for r in o.rows}
        other_cols = {label_key(c.label) for o in others for c in o.columns}
        own_cols = {label_key(c.label) for c in spec.columns}
        for i, t in enumerate(tokens):
            if t.kind == "LABEL":
                rk = _ref_key(t, spec)
                lk = label_key(spec.row_label(rk)) if rk else ""
                if rk and lk not in other_rows:
                    # A row here that is a group label elsewhere is this edition's only with its values
                    # right after it: words govlint did not know in between (a sub-item written
                    # （1）… instead of 1.…) may be the label those values belong to.
                    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                    if nxt is not None and nxt.kind in _VALUE_KINDS or (spec.id, lk) not in self._switch:
                        add(t)
            elif t.kind == "HEAD" and t.norm in own_cols and t.norm not in other_cols:
                add(t)
        return found, (first[0] if first else None)

    def _runs(self, spec: TableSpec, tokens: list[Token]) -> list[_Run]:
        rows = set(spec.row_keys)
        runs: list[_Run] = []
        current: Optional[_Run] = None
        for t in tokens:
            if t.kind == "LABEL":
                key = _ref_key(t, spec)
                if key in rows:
                    current = _Run(t, key)
                    runs.append(current)
                else:
                    current = None  # a group label in this edition
            elif t.kind in ("GROUP", "CAPTION"):
                current = None
            elif t.kind == "HEAD":
                if current is not None and current.values:
                    current = None
            elif t.kind in _VALUE_KINDS:
                if current is None:
                    current = _Run(None, None)
                    runs.append(current)
                current.values.append(t)
        return runs

    def _grid_runs(self, spec: TableSpec, tokens: list[Token]) -> list[_Run]:
        """Rows of a table whose grid the file gave: one run per grid row.

        A row's label is its rightmost row label (group labels and the
        repeated text of a merge stand to its left); its values are the
        value cells to the right of that label. Blank cells outside the
        columns that hold values are what a merge left behind (Markdown and
        converters write the positions a merge covered as empty cells), not
        blank values: they are dropped.
        """
        rows = set(spec.row_keys)
        by_row: dict[tuple[int, int], list[Token]] = {}
        for t in tokens:
            where = t.info.get("cell")
            if where is not None and t.kind not in ("ROW", "END"):
                by_row.setdefault((where[0], where[1]), []).append(t)
        runs: list[_Run] = []
        heads: dict[int, str] = {}  # grid column -> the header word over it (the last header row that has one)
        for toks in by_row.values():
            if any(t.kind in _VALUE_KINDS and t.kind != "BLANK" for t in toks):
                continue
            for t in toks:
                if t.kind == "HEAD":
                    heads[t.info["cell"][2]] = t.norm
        for toks in by_row.values():
            toks = _unrepeat(toks, heads)
            labels = [t for t in toks if t.kind == "LABEL" and _ref_key(t, spec) in rows]
            label = max(labels, key=lambda t: t.info["cell"][2]) if labels else None
            after = label.info["cell"][2] + label.info["cell"][4] - 1 if label is not None else -1
            values = [t for t in toks if t.kind in _VALUE_KINDS and t.info["cell"][2] > after]
            if label is None and all(v.kind == "BLANK" for v in values):
                continue  # a header row, or an empty one
            runs.append(_Run(label, _ref_key(label, spec) if label is not None else None, values))
        span = _value_columns(spec, tokens, runs)
        if span is not None:
            lo, hi = span
            for r in runs:
                r.values = [v for v in r.values if lo <= v.info["cell"][2] <= hi]
        return runs

    def _too_long(self, run: _Run, ncols: int) -> bool:
        vals = _trim_trailing_blanks(run.values, ncols)
        bounded = all(t.kind != "NUM" or t.info.get("bounded", True) for t in vals)
        return bounded and len(vals) > ncols

    # labelled rows ------------------------------------------------------

    def _labelled(self, table: Table, spec: TableSpec, runs: list[_Run]) -> Table:
        ncols = len(spec.columns)
        kinds = [c.kind for c in spec.columns]
        per_row: dict[str, list[Reading]] = {}
        notes: list[str] = []
        for run in runs:
            assert run.row is not None
            if run.row in per_row:
                table.failed_at = _run_span(run)
                return self._fail(
                    table,
                    spec,
                    "unreadable",
                    f"row “{spec.row_label(run.row, 'en')}” appears twice",
                    f"行“{spec.row_label(run.row)}”出现了两次",
                )
            values = _trim_trailing_blanks(run.values, ncols)
            readings = list(itertools.islice(self._row_readings(values, ncols, kinds), MAX_ROW_READINGS + 1))
            if not readings:
                table.failed_at = _run_span(run)
                return self._fail(
                    table,
                    spec,
                    "unreadable",
                    f"row “{spec.row_label(run.row, 'en')}” has {len(values)} cells for {ncols} columns",
                    f"行“{spec.row_label(run.row)}”有 {len(values)} 个单元格，而模板有 {ncols} 列",
                )
            if len(readings) > MAX_ROW_READINGS:
                table.failed_at = _run_span(run)
                return self._fail(
                    table, spec, "ambiguous",
                    f"row “{spec.row_label(run.row, 'en')}” can be read in too many ways",
                    f"行“{spec.row_label(run.row)}”的数值有过多种可能的读法",
                )
            per_row[run.row] = readings
        rows_present = [r for r in spec.row_keys if r in per_row]
        table.missing_rows = [r for r in spec.row_keys if r not in per_row]
        return self._choose(table, spec, per_row, rows_present, notes)

    def _row_readings(self, values: list[Token], ncols: int, kinds: list[str]) -> Iterator[Reading]:
        """Every way the value tokens of one row can fill ``ncols`` columns."""
        unbounded = [i for i, t in enumerate(values) if t.kind == "NUM" and not t.info.get("bounded", True)]
        if not unbounded:
            pieces = [p for t in values for p in _pieces(t)]
            if len(pieces) == ncols:
                self._budget.spend()
                yield tuple(pieces)
            elif len(pieces) < ncols:
                # Dropped blanks: every placement keeping the order.
                for cols in itertools.combinations(range(ncols), len(pieces)):
                    self._budget.spend()
                    row: list[Optional[_Piece]] = [None] * ncols
                    for p, c in zip(pieces, cols):
                        row[c] = p
                    yield tuple(row)
            return
        # Run-together digits: distribute the columns over the tokens.
        fixed = len(values) - len(unbounded)
        free = ncols - fixed
        if free < len(unbounded):
            return
        for counts in _compositions(free, len(unbounded)):
            self._budget.spend()
            yield from self._fill(values, counts, kinds, ncols)

    def _fill(self, values: list[Token], counts: tuple[int, ...], kinds: list[str], ncols: int) -> Iterator[Reading]:
        options: list[list[list[_Piece]]] = []
        col = 0
        ci = 0
        for t in values:
            if t.kind == "NUM" and not t.info.get("bounded", True):
                k = counts[ci]
                ci += 1
                opts = list(itertools.islice(_splits(t, k, kinds[col : col + k], self._budget), MAX_ROW_READINGS))
                if not opts:
                    return
                options.append(opts)
                col += k
            else:
                options.append([_pieces(t)])
                col += 1
        for combo in itertools.product(*options):
            self._budget.spend()
            row = tuple(p for part in combo for p in part)
            if len(row) == ncols:
                yield row

    # sequential (displaced labels) ----------------------------------------

    def _sequential(self, table: Table, spec: TableSpec, runs: list[_Run]) -> Table:
        """Labels were separated from their numbers: take the numbers in template order.

        Each run of numbers must fill whole rows. A run of several rows may have
        been extracted row by row or, in blocks, column by column (PDF text of
        merged cells); every way is tried, rows must pass their own totals, and
        the table is accepted only if one set of values passes every identity.
        A label next to a run must name one of the rows the run lands on.
        """
        ncols = len(spec.columns)
        order = spec.row_keys
        checker = Checker(spec, order)
        cursor = 0
        per_run: list[list[tuple[tuple[str, Reading], ...]]] = []
        for run in runs:
            if not run.values:
                continue
            if any(t.kind == "NUM" and not t.info.get("bounded", True) for t in run.values):
                table.failed_at = _run_span(run)
                return self._fail(
                    table, spec, "ambiguous",
                    "row labels and numbers are out of step and the numbers run together",
                    "行标签与数值错位，且数值连写在一起",
                )
            pieces = [p for t in run.values for p in _pieces(t)]
            if len(pieces) % ncols:
                table.failed_at = _run_span(run)
                return self._fail(
                    table, spec, "ambiguous",
                    f"a run of {len(pieces)} values after {_where(run, spec)} does not fill whole rows of {ncols} columns",
                    f"{_where_zh(run, spec)}之后的 {len(pieces)} 个数值不能整行填入 {ncols} 列",
                )
            m = len(pieces) // ncols
            if cursor + m > len(order):
                table.failed_at = _run_span(run)
                return self._fail(
                    table, spec, "ambiguous",
                    f"there are more values than the {len(order)} rows of the {spec.edition} template hold",
                    f"数值个数超过了 {spec.edition} 版模板 {len(order)} 行的容量",
                )
            keys = order[cursor : cursor + m]
            if run.row is not None and (run.row not in keys or (m == 1 and keys[0] != run.row)):
                table.failed_at = _run_span(run)
                return self._fail(
                    table, spec, "ambiguous",
                    f"the numbers after the label “{spec.row_label(run.row, 'en')}” do not fall on that row when the "
                    "numbers are taken in template order (labels and numbers were separated by the export)",
                    f"按模板顺序排列数值时，标签“{spec.row_label(run.row)}”之后的数值不在该行（导出时标签与数值被分开）",
                )
            readings = self._run_readings(spec, checker, pieces, keys)
            if readings is None:
                table.failed_at = _run_span(run)
                return self._fail(
                    table, spec, "ambiguous",
                    f"a block of {m} rows after {_where(run, spec)} can be read in too many ways",
                    f"{_where_zh(run, spec)}之后的 {m} 行数值有过多种读法",
                )
            if not readings:
                table.failed_at = _run_span(run)
                return self._fail(
                    table, spec, "ambiguous",
                    f"no reading of the {m} rows after {_where(run, spec)} adds up row by row",
                    f"{_where_zh(run, spec)}之后的 {m} 行数值无论按行还是按列读取，行合计都不相符",
                )
            per_run.append(readings)
            cursor += m
        if cursor != len(order):
            return self._fail(
                table, spec, "ambiguous",
                f"found values for {cursor} of the {len(order)} rows, and the row labels are not next to their numbers",
                f"只找到 {len(order)} 行中 {cursor} 行的数值，且行标签不在其数值旁边",
            )
        table.how = "numbers taken in template order; labels were separated from their numbers"
        if not table.edition_evidence and not table.edition_note:
            for e in self.template.editions.values():
                other = e.table(spec.id)
                if e.name != spec.edition and other is not None and len(other.rows) != len(order):
                    # Values read for every row of this edition's table, and the other has a different number of rows.
                    table.edition_note = {
                        "zh": f"{len(order)} 行数值（{e.display('zh')}为 {len(other.rows)} 行）",
                        "en": f"{len(order)} rows of values ({e.display('en')} has {len(other.rows)})",
                    }
        if all(len(r) == 1 for r in per_run) and not any(len(run.values) > ncols for run in runs):
            return self._commit(table, spec, {k: v for r in per_run for k, v in r[0]}, certain=None)
        combos = 1
        for r in per_run:
            combos *= len(r)
        if combos > MAX_TABLE_READINGS:
            return self._fail(
                table, spec, "ambiguous",
                "blocks of numbers can be read in too many ways",
                "数值块的可能读法过多",
            )
        # The runs cover different rows and each run's readings differ in their
        # values, so every combination is a different reading of the table.
        vectors = [[{k: self._vector(spec, v) for k, v in part} for part in r] for r in per_run]
        good: list[dict[str, Reading]] = []
        for combo in itertools.product(*(list(zip(r, v)) for r, v in zip(per_run, vectors))):
            self._budget.spend()
            if checker.columns_ok({k: vec for _, vecs in combo for k, vec in vecs.items()}):
                good.append({k: v for part, _ in combo for k, v in part})
                if len(good) > 1:
                    break
        if len(good) == 1:
            table.how += "; the table's identities decided how each block of numbers was extracted"
            return self._commit(table, spec, good[0], certain=None, status="resolved")
        return self._fail(
            table, spec, "ambiguous",
            "blocks of numbers can be read row by row or column by column and the identities do not decide"
            if good
            else "no way of reading the blocks of numbers satisfies the table's identities",
            "部分数值块既可按行也可按列读取，表内勾稽关系无法确定正确读法"
            if good
            else "数值块的任何读法都不符合表内勾稽关系",
        )

    def _run_readings(
        self, spec: TableSpec, checker: Checker, pieces: list[_Piece], keys: list[str]
    ) -> Optional[list[tuple[tuple[str, Reading], ...]]]:
        """Distinct readings of one run: consecutive blocks, one row read across or
        several rows read down (column by column). None when there are too many."""
        ncols = len(spec.columns)
        m = len(keys)
        if m == 1:
            return [((keys[0], tuple(pieces)),)]
        partial: dict[int, dict[tuple, tuple]] = {0: {(): ()}}
        for pos in range(m):
            if pos not in partial:
                continue
            here = partial.pop(pos)
            for length in range(1, m - pos + 1):
                base = pos * ncols
                block = pieces[base : base + length * ncols]
                if length == 1:
                    rows = [tuple(block)]
                else:
                    rows = [tuple(block[j * length + i] for j in range(ncols)) for i in range(length)]
                self._budget.spend(length)  # each row of the block is read and checked
                if not all(checker.row_ok(self._vector(spec, r)) for r in rows):
                    continue
                labelled = tuple(zip(keys[pos : pos + length], rows))
                values = tuple(tuple(_raw(p) for p in r) for r in rows)
                bucket = partial.setdefault(pos + length, {})
                for pvalues, preading in here.items():
                    self._budget.spend()
                    bucket.setdefault(pvalues + values, preading + labelled)
                if len(bucket) > MAX_ROW_READINGS:
                    return None
            if pos + 1 == m:
                break
        return list(partial.get(m, {}).values())

    # choosing ---------------------------------------------------------------

    def _choose(
        self,
        table: Table,
        spec: TableSpec,
        per_row: dict[str, list[Reading]],
        rows: list[str],
        notes: list[str],
    ) -> Table:
        cols = spec.column_keys
        # Rows read one way are certain whatever their arithmetic says.
        filtered: dict[str, list[Reading]] = {}
        texts: dict[str, list[tuple[str, ...]]] = {}  # each kept reading's cell texts ("" blank or dropped)
        vectors: dict[str, list[list]] = {}
        resolved_rows = []
        row_checker = Checker(spec, [])
        for r, readings in per_row.items():
            # Placements that differ only in which blanks were dropped read the same.
            readings, raws = _unique(readings)
            if len(readings) == 1:
                filtered[r], texts[r] = readings, raws
                continue
            vecs = [self._vector(spec, x) for x in readings]
            ok = [i for i, v in enumerate(vecs) if row_checker.row_ok(v)]
            keep = ok or range(len(readings))
            filtered[r] = [readings[i] for i in keep]
            texts[r] = [raws[i] for i in keep]
            vectors[r] = [vecs[i] for i in keep]
            if len(ok) == 1:
                resolved_rows.append(r)
        combos = 1
        for v in filtered.values():
            combos *= len(v)
        if combos == 1:
            reading = {r: v[0] for r, v in filtered.items()}
            status = "resolved" if any(len(v) > 1 for v in per_row.values()) else "read"
            if status == "resolved":
                table.how = f"{len(resolved_rows)} row(s) placed by their row totals"
            return self._commit(table, spec, reading, certain=None, status=status)
        cut = False
        if combos <= MAX_TABLE_READINGS:
            names = list(filtered)
            checker = Checker(spec, rows)
            for r in names:
                if r not in vectors:
                    vectors[r] = [self._vector(spec, x) for x in filtered[r]]
            # Each row's readings differ in their values, so two solutions are two readings.
            found = checker.column_solutions(names, [vectors[r] for r in names], self._budget)
            try:
                good = list(itertools.islice(found, 2))
            except OverBudget:
                good, cut = [], True
            if len(good) == 1:
                table.how = "dropped or run-together cells placed by the table's identities"
                reading = {r: filtered[r][i] for r, i in zip(names, good[0])}
                return self._commit(table, spec, reading, certain=None, status="resolved")
        # Ambiguous: keep the cells that are the same in every reading that passes its row checks.
        certain: dict[tuple[str, str], Optional[_Piece]] = {}
        uncertain: set[tuple[str, str]] = set()
        for r, readings in filtered.items():
            for ci, (c, column) in enumerate(zip(cols, zip(*texts[r]))):
                if len(set(column)) == 1:
                    certain[(r, c)] = readings[0][ci]
                else:
                    uncertain.add((r, c))
        sample = {r: v[0] for r, v in filtered.items()}
        multi = [spec.row_label(r) or "数据行" for r, v in filtered.items() if len(v) > 1]
        multi_en = [spec.row_label(r, "en") or "the data row" for r, v in filtered.items() if len(v) > 1]
        reason = (
            f"{len(multi)} row(s) have fewer cells than columns or run-together numbers "
            f"({', '.join(multi_en[:3])}{'…' if len(multi) > 3 else ''}), and more than one placement fits the table's identities"
        )
        reason_zh = (
            f"{len(multi)} 行的单元格少于列数或数字连写（{'、'.join(multi[:3])}{'等' if len(multi) > 3 else ''}），"
            "有多种放置方式都符合表内勾稽关系"
        )
        if cut:
            # Every row was read in full, so its own certain cells stand; the search across rows did not finish.
            reason, reason_zh = TOO_MANY_READINGS
        table = self._commit(table, spec, sample, certain=set(certain), status="ambiguous")
        table.reason, table.reason_zh = reason, reason_zh
        table.skipped_checks = self._skipped(spec, table, rows, uncertain)
        return table

    def _vector(self, spec: TableSpec, reading: Reading) -> list:
        # _value inlined: this runs for every candidate reading of every row.
        return [
            0 if p is None or p.blank else None if p.substitute else parse_value(p.raw, k)[0]
            for p, k in zip(reading, spec.column_kinds)
        ]

    def _skipped(self, spec: TableSpec, table: Table, rows: list[str], uncertain: set[tuple[str, str]]) -> list[str]:
        skipped: list[str] = []
        for o in evaluate(spec, lambda r, c: 0, [r for r in rows], spec.column_keys):
            if any(cell in uncertain for cell in o.lhs + o.rhs) and o.identity.rule not in skipped:
                skipped.append(o.identity.rule)
        return skipped

    def _commit(
        self,
        table: Table,
        spec: TableSpec,
        reading: dict[str, Reading],
        certain: Optional[set[tuple[str, str]]],
        status: str = "read",
    ) -> Table:
        table.status = status
        for r in spec.row_keys:
            if r not in reading:
                continue
            for c, piece in zip(spec.columns, reading[r]):
                raw = "" if piece is None or piece.blank else piece.raw
                value, kind, unit = parse_value(raw, c.kind)
                if piece is not None and piece.substitute:
                    kind = "dash" if re.fullmatch(r"[-—－–/／\\]+", raw.strip()) else "text"
                span = None if piece is None else Span(piece.start, piece.end)
                is_certain = certain is None or (r, c.key) in certain
                table.cells[(r, c.key)] = Cell(r, c.key, raw, value, kind, span, is_certain, unit)
        return table

    def _fail(self, table: Table, spec: TableSpec, status: str, reason: str, reason_zh: str) -> Table:
        table.status = status
        table.reason = reason
        table.reason_zh = reason_zh
        table.cells.clear()
        table.skipped_checks = _rules(spec)
        return table


def _unrepeat(toks: list[Token], heads: dict[int, str]) -> list[Token]:
    """Undo a merge a converter wrote out: the same value again under the same header word again.

    Markdown has no merged cells, so converters repeat a merged cell's text
    in every position it covered (``| 行政许可 | 8936 | 8936 | 8936 |`` under
    ``| 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |``).
    Equal numbers under different header words are different cells.
    """
    out: list[Token] = []
    prev: Optional[Token] = None  # the token before, kept or not: a run of repeats is one cell
    for t in toks:
        before, prev = prev, t
        if before is not None and _repeats(before, t, heads):
            continue
        out.append(t)
    return out


def _repeats(prev: Token, t: Token, heads: dict[int, str]) -> bool:
    """``t`` is ``prev`` written again one column on, under the same header word."""
    a, b = prev.info.get("cell"), t.info.get("cell")
    if a is None or b is None or t.kind not in _VALUE_KINDS or (prev.kind, prev.text) != (t.kind, t.text):
        return False
    head = heads.get(b[2])
    return b[2] == a[2] + 1 and bool(head) and head == heads.get(a[2])


def _value_columns(spec: TableSpec, tokens: list[Token], runs: list[_Run]) -> Optional[tuple[int, int]]:
    """The grid columns that hold the table's values, when the grid says so: (first, last), or None.

    The value columns are contiguous and as many as the template's: the
    columns that hold a value in some row say where they are (a column blank
    in every row still lies between the others); failing that, the header
    cells that name the template's columns do (a column blank in every row
    at an edge).
    """
    n = len(spec.columns)
    valued = [t.info["cell"][2] for r in runs for t in r.values if t.kind != "BLANK"]
    if valued and max(valued) - min(valued) + 1 == n:
        return min(valued), max(valued)
    named = [
        t.info["cell"][2]
        for t in tokens
        if t.kind == "HEAD" and "cell" in t.info and t.info["cell"][4] == 1 and any(r[1] == spec.id and r[2] for r in t.info.get("refs", ()))
    ]
    if named and max(named) - min(named) + 1 == n and (not valued or min(named) <= min(valued) <= max(valued) <= max(named)):
        return min(named), max(named)
    return None


def _run_span(run: _Run) -> Optional[Span]:
    """Where a row of a table is: its label, or its first value."""
    tok = run.label if run.label is not None else (run.values[0] if run.values else None)
    return None if tok is None else Span(tok.start, tok.end)


def _same_shape(a: TableSpec, b: TableSpec) -> bool:
    return [(r.key, r.label) for r in a.rows] == [(r.key, r.label) for r in b.rows] and [
        (c.key, c.label) for c in a.columns
    ] == [(c.key, c.label) for c in b.columns]


def _rules(spec: TableSpec) -> list[str]:
    out: list[str] = []
    for i in spec.identities:
        if i.rule not in out:
            out.append(i.rule)
    return out


def _better(a: Table, b: Table) -> bool:
    rank = {"read": 0, "resolved": 1, "ambiguous": 2, "unreadable": 3}
    return (rank[a.status], len(a.missing_rows)) < (rank[b.status], len(b.missing_rows))


def _ref_key(t: Token, spec: TableSpec) -> Optional[str]:
    for ed, tid, k in t.info.get("refs", ()):
        if ed == spec.edition and tid == spec.id:
            return k
    return None


def _trim_trailing_blanks(values: list[Token], ncols: int) -> list[Token]:
    """A lone ``|`` after a full row closes the row in pipe exports: not a cell.

    A lone ``|`` is both a row end and an empty cell. In a small table (one or
    two columns) a labelled row with one cell too many, that cell a blank and
    the values filling the row, has one reading: the values follow the label
    and precede the next one, and no blank fits beside them. More blanks than
    one row end can explain are not a layout's doing: the row stays uncertain.
    """
    vals = list(values)
    while len(vals) > ncols and vals and vals[-1].kind == "BLANK":
        vals.pop()
    if ncols <= 2 and len(vals) == ncols + 1:
        filled = [v for v in vals if v.kind != "BLANK"]
        if len(filled) == ncols:
            return filled
    return vals


def _compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    if parts == 1:
        if total >= 1:
            yield (total,)
        return
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            yield (first,) + rest


def _raw(p: Optional[_Piece]) -> str:
    return "" if p is None or p.blank else p.raw


def _unique(readings: list[Reading]) -> tuple[list[Reading], list[tuple[str, ...]]]:
    """The first of the readings with each set of cell texts (blank or dropped, a cell reads ""), and those texts."""
    first: dict[tuple[str, ...], Reading] = {}
    for x in readings:
        first.setdefault(tuple(["" if p is None or p.blank else p.raw for p in x]), x)
    return list(first.values()), list(first)


def _where(run: _Run, spec: TableSpec) -> str:
    return f"the label “{spec.row_label(run.row, 'en')}”" if run.row else "the column headers"


def _where_zh(run: _Run, spec: TableSpec) -> str:
    return f"标签“{spec.row_label(run.row)}”" if run.row else "表头"
