"""One line of a pipe table: its cells, and whether it is a separator, a header or a body row.

The line parser is govlint's own, not markdown-it's: GFM to the letter drops
what a broken conversion still holds (see the package's docstring).
"""

from __future__ import annotations

import re
from typing import Optional

from .source import indent

_PIPE = re.compile(r"\\.|\|")  # an escaped character (skipped) or a cell boundary
_SEP_CELL = re.compile(r":?-+:?")


def separator_cells(line: str) -> Optional[int]:
    """The number of columns a GFM separator line (``|---|:---:|``) declares, or None."""
    s = line.strip()
    if "|" not in s or "-" not in s or indent(line) > 3 or s.strip("|-: \t"):
        return None
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    cells = s.split("|")
    if not all(_SEP_CELL.fullmatch(c.strip()) for c in cells):
        return None
    return len(cells)


def _pipes(line: str, lo: int, hi: int) -> list[int]:
    return [m.start() for m in _PIPE.finditer(line, lo, hi) if m.group() == "|"]


def has_pipe(line: str) -> bool:
    return "|" in line and bool(_pipes(line, 0, len(line)))


def split_row(line: str, start: int = 0) -> list[tuple[str, int]]:
    """The cells of one pipe-table line from ``start``: (raw text, 0-based column of its first character).

    A pipe after a backslash belongs to the cell. A leading and a trailing
    pipe are the table's edges, not empty cells; a lone ``|`` has no cell.
    Linear in the line's length, whatever it holds.
    """
    right = len(line.rstrip())
    left = start
    while left < right and line[left] in " \t":
        left += 1
    cuts = _pipes(line, left, right)
    if cuts and cuts[0] == left:
        left += 1
        cuts = cuts[1:]
    if cuts and cuts[-1] == right - 1:
        right -= 1
        cuts = cuts[:-1]
    if not cuts and left >= right:
        return []
    out: list[tuple[str, int]] = []
    for a, b in zip([left] + [c + 1 for c in cuts], cuts + [right]):
        raw = line[a:b]
        stripped = raw.strip()
        out.append((stripped, a + len(raw) - len(raw.lstrip()) if stripped else a))
    return out


def header_line(line: str) -> bool:
    return bool(line.strip()) and indent(line) <= 3 and has_pipe(line)


def table_start(lines: list[str], i: int, strict: bool) -> Optional[int]:
    """The separator's column count when ``lines[i]`` is a table's header line, else None.

    GFM wants the header and the separator to agree on the count; a table
    whose header and separator both start with ``|`` is taken even when they
    do not (converters miscount). ``strict`` (sniffing a file of unknown
    kind) also wants a leading ``|`` or two columns, so that govlint's own
    pipe layout (``规章 |`` above a cell ``- |``) is never a table.
    """
    if i + 1 >= len(lines):
        return None
    sep, head = lines[i + 1], lines[i]
    if "-" not in sep or "|" not in sep or "|" not in head:
        return None
    count = separator_cells(sep)
    if count is None or not header_line(head):
        return None
    edged = head.lstrip().startswith("|") and sep.lstrip().startswith("|")
    if strict and not edged and count < 2:
        return None
    if not edged and len(split_row(head)) != count:
        return None
    return count


def body_row(line: str) -> bool:
    """A line that continues a table: not blank, not indented code, not another block, holding a ``|``."""
    s = line.lstrip()
    if not s or indent(line) > 3 or s[0] in "#>" or s.startswith(("```", "~~~")):
        return False
    return has_pipe(line)
