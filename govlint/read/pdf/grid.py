"""Rulings into ruled tables: the grid their positions make, and the merged cells no ruling crosses.

The distinct x and y positions of a group of touching rulings make a grid,
and a rectangle of it with no ruling across is one merged cell with its
rowspan and colspan. A frame drawn around the whole body is not a table:
what it encloses is read on its own. The cells' text comes later (``cells``).
"""

from __future__ import annotations

import bisect
from typing import Optional

from .model import Cell, Page, Seg, Table

SNAP = 3.0  # points: ruling positions closer than this are one position


def cluster(values: list[float], tol: float = SNAP) -> list[float]:
    """Distinct positions: values within ``tol`` of their neighbour are one position (their mean)."""
    out: list[float] = []
    group: list[float] = []
    for v in sorted(values):
        if group and v - group[-1] > tol:
            out.append(sum(group) / len(group))
            group = []
        group.append(v)
    if group:
        out.append(sum(group) / len(group))
    return out


def tables(page: Page, max_positions: int) -> list[Table]:
    """The page's ruled tables, top-level only, without their text; none when it has too many rulings."""
    if not page.segments:
        return []
    groups: list[list[Seg]] = []
    for g in _components(page.segments):
        sides = _frame(g)
        if sides:  # a frame around the body: what it encloses is read on its own
            rest = [s for s in g if all(s is not side for side in sides)]
            groups.extend(_components(rest))
        else:
            groups.append(g)
    found = [t for g in groups if (t := _table(g, page.number, max_positions)) is not None]
    out = []
    for t in found:
        if any(o is not t and _inside(o, t) for o in found):
            continue  # a frame drawn around other tables (and the prose between them)
        if all(c.colspan == len(t.xs) - 1 for c in t.cells):
            continue  # one column: a frame around prose, or boxes drawn around paragraphs
        out.append(t)
    return out


def _components(segs: list[Seg]) -> list[list[Seg]]:
    """Rulings that touch each other, as groups (each group is a table candidate)."""
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = sorted((i for i, s in enumerate(segs) if s.horizontal), key=lambda i: segs[i].pos)
    hpos = [segs[i].pos for i in hs]
    tol = SNAP
    for vi, v in enumerate(segs):
        if v.horizontal:
            continue
        lo = bisect.bisect_left(hpos, v.a - tol)
        hi = bisect.bisect_right(hpos, v.b + tol)
        for k in range(lo, hi):
            h = segs[hs[k]]
            if h.a - tol <= v.pos <= h.b + tol:
                a, b = find(vi), find(hs[k])
                if a != b:
                    parent[a] = b
    # Collinear pieces of one ruling (a line drawn in segments) belong together too.
    for orient in (True, False):
        idx = sorted((i for i, s in enumerate(segs) if s.horizontal == orient), key=lambda i: (round(segs[i].pos), segs[i].a))
        for i, j in zip(idx, idx[1:]):
            s, t = segs[i], segs[j]
            if abs(s.pos - t.pos) <= 1 and t.a <= s.b + tol and s.a <= t.b + tol:
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Seg]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def _coverage(intervals: list[tuple[float, float]], lo: float, hi: float) -> float:
    """The share of [lo, hi] that the intervals cover."""
    if hi <= lo:
        return 1.0
    covered = 0.0
    end = lo
    for a, b in sorted(intervals):
        a, b = max(a, end), min(b, hi)
        if b > a:
            covered += b - a
            end = b
    return covered / (hi - lo)


def _index(positions: list[float], segs: list[Seg]) -> list[list[tuple[float, float]]]:
    """For each position, the intervals of the rulings lying on it."""
    out: list[list[tuple[float, float]]] = [[] for _ in positions]
    for s in segs:
        k = bisect.bisect_left(positions, s.pos)
        best = min((j for j in (k - 1, k) if 0 <= j < len(positions)), key=lambda j: abs(positions[j] - s.pos), default=None)
        if best is not None and abs(positions[best] - s.pos) <= SNAP:
            out[best].append((s.a, s.b))
    return out


def _table(group: list[Seg], page: int, max_positions: int) -> Optional[Table]:
    """The grid and merged cells a group of rulings draws (cells without their text yet)."""
    hs = [s for s in group if s.horizontal]
    vs = [s for s in group if not s.horizontal]
    if len(hs) < 2 or len(vs) < 2:
        return None
    xs = cluster([v.pos for v in vs] + [min(h.a for h in hs), max(h.b for h in hs)])
    ys = cluster([h.pos for h in hs] + [min(v.a for v in vs), max(v.b for v in vs)])
    ncols, nrows = len(xs) - 1, len(ys) - 1
    if ncols < 1 or nrows < 1 or ncols * nrows > max_positions:
        return None
    h_at, v_at = _index(ys, hs), _index(xs, vs)
    # hdrawn[i][j]: a ruling at ys[i] across column j; vdrawn[i][j]: a ruling at xs[j] along row i.
    hdrawn = [[_coverage(h_at[i], xs[j], xs[j + 1]) >= 0.6 for j in range(ncols)] for i in range(nrows + 1)]
    vdrawn = [[_coverage(v_at[j], ys[i], ys[i + 1]) >= 0.6 for j in range(ncols + 1)] for i in range(nrows)]
    owner: list[list[bool]] = [[False] * ncols for _ in range(nrows)]
    cells: list[Cell] = []
    for i in range(nrows):
        for j in range(ncols):
            if owner[i][j]:
                continue
            cs = 1
            while j + cs < ncols and not vdrawn[i][j + cs] and not owner[i][j + cs]:
                cs += 1
            rs = 1
            while i + rs < nrows and not any(hdrawn[i + rs][j + k] or owner[i + rs][j + k] for k in range(cs)):
                rs += 1
            for di in range(rs):
                for dj in range(cs):
                    owner[i + di][j + dj] = True
            cells.append(
                Cell(
                    i, j, rs, cs, xs[j], xs[j + cs], ys[i], ys[i + rs], page=page,
                    top_open=i == 0 and not any(hdrawn[0][j + k] for k in range(cs)),
                    bottom_open=i + rs == nrows and not any(hdrawn[nrows][j + k] for k in range(cs)),
                )
            )
    return Table(page, xs[0], xs[-1], ys[0], ys[-1], xs, ys, nrows, cells, pages=[page])


def _frame(group: list[Seg]) -> Optional[list[Seg]]:
    """The four sides of a frame drawn around the body, when the group is one.

    A frame is a rectangle that nothing inside it spans: no ruling meets its
    top or bottom, and no ruling runs from its left side to its right side. A
    table inside may touch one side (LibreOffice draws a page border right on
    a table's edge). A table's own rows run from border to border, and the
    rulings between its columns meet its bottom.
    """
    hs = [s for s in group if s.horizontal]
    vs = [s for s in group if not s.horizontal]
    if len(group) <= 4 or len(hs) < 2 or len(vs) < 2:
        return None
    tol = SNAP
    top, bottom = min(hs, key=lambda s: s.pos), max(hs, key=lambda s: s.pos)
    lo, hi = min(v.pos for v in vs), max(v.pos for v in vs)
    left = max((v for v in vs if v.pos <= lo + 2 * tol), key=lambda s: s.b - s.a)
    right = max((v for v in vs if v.pos >= hi - 2 * tol), key=lambda s: s.b - s.a)
    for h in (top, bottom):
        if abs(h.a - left.pos) > tol or abs(h.b - right.pos) > tol:
            return None
    for v in (left, right):
        if abs(v.a - top.pos) > tol or abs(v.b - bottom.pos) > tol:
            return None
    for v in vs:
        if v is not left and v is not right and (v.a <= top.pos + tol or v.b >= bottom.pos - tol):
            return None  # a ruling hangs from the top or stands on the bottom: a table's border
    for h in hs:
        if h is not top and h is not bottom and h.a <= left.pos + tol and h.b >= right.pos - tol:
            return None  # a row from border to border: a table's
    return [top, bottom, left, right]


def _inside(inner: Table, outer: Table) -> bool:
    return (
        inner.x0 >= outer.x0 - 1 and inner.x1 <= outer.x1 + 1 and inner.top >= outer.top - 1 and inner.bottom <= outer.bottom + 1
    )
