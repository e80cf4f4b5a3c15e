"""Where a file's top-level pipe tables are: tolerant finding, then joining the tables a converter split."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .pipe_lines import body_row, separator_cells, split_row, table_start
from .source import indent

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


@dataclass
class RawTable:
    first: int  # 0-based line of the header line
    rows: list[int]  # 0-based lines of the rows (header first; the separator is not a row)
    last: int  # 0-based last line of the table (a row, or the separator of a table with no body)
    parts: int = 1  # how many pipe tables of the file this one joins
    repeated: list[int] = field(default_factory=list)  # header lines left out: the first table's header again


def find_tables(lines: list[str]) -> list[RawTable]:
    """Top-level pipe tables (outside fenced code): header line, separator, rows up to a line without a pipe."""
    out: list[RawTable] = []
    fence: Optional[tuple[str, int]] = None
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if fence is not None:
            s = line.strip()
            if indent(line) <= 3 and s.startswith(fence[0] * fence[1]) and not s.strip(fence[0]):
                fence = None
            i += 1
            continue
        m = _FENCE.match(line)
        if m and (m.group(1)[0] == "~" or "`" not in line[m.end() :]):
            fence = (m.group(1)[0], len(m.group(1)))
            i += 1
            continue
        if "|" in line and table_start(lines, i, strict=False) is not None:
            rows = [i]
            j = i + 2
            while j < n and body_row(lines[j]):
                if table_start(lines, j, strict=False) is not None:
                    break  # a header line and separator again: the next table (converters write one per row)
                if separator_cells(lines[j]) is None:  # a stray separator is no row
                    rows.append(j)
                j += 1
            out.append(RawTable(i, rows, j - 1))
            i = j
            continue
        i += 1
    return out


def join_tables(tables: list[RawTable], lines: list[str]) -> list[RawTable]:
    """Join pipe tables that follow each other with only blank lines between and the same number of columns.

    Converters split a template table into one small table per row (each
    with a header line of its own), and a report never sets two tables of
    the same width side by side without a word between them, so such a run
    is one table. A later part's header line that repeats the first part's
    (a generic ``| 类别 | 数据1 |`` written above every row) is the
    converter's, not the report's, and is left out (``Document.dropped``).
    Every row keeps its own line.
    """
    out: list[RawTable] = []
    width = 0
    head: list[str] = []
    for t in tables:
        cells = [split_row(lines[ln]) for ln in t.rows]
        w = max(len(c) for c in cells)
        prev = out[-1] if out else None
        between = lines[prev.last + 1 : t.first] if prev else []
        if prev and w == width and not any(ln.strip() for ln in between):
            this_head = [raw for raw, _ in cells[0]]
            rows = t.rows
            if this_head == head and len(t.rows) > 1:
                prev.repeated.append(t.rows[0])
                rows = t.rows[1:]
            prev.rows.extend(rows)
            prev.last = t.last
            prev.parts += 1
            continue
        out.append(RawTable(t.first, list(t.rows), t.last))
        width, head = w, [raw for raw, _ in cells[0]]
    return out
