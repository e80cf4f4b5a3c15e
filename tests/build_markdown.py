"""Markdown files built from the project's sample report, the way converters write them.

``build_markdown(blocks())`` is the sample as a tidy GFM file: ``#`` title,
``##`` sections, ``###`` sub-headings, one pipe table per template table
whose header line is the table's first row. The options reproduce what
real converters do to a report (shared/spec/inputs.md): table 三 as one
small table per row, generic ``| 类别 | 数据1 | … |`` header lines, bold
lines for headings, merged labels repeated in every cell they covered.
"""

from __future__ import annotations

from typing import Optional

from tests.sample import C, grid


def flatten(rows: list[list[C]], repeat_merged: bool = False) -> list[list[str]]:
    """The table as rows of cell texts: a position a merge covers is "" (or the merge's text)."""
    full = grid(rows)
    out: list[list[str]] = []
    owner: dict[tuple[int, int], str] = {}
    for r, line in enumerate(full):
        for c, cell in enumerate(line):
            if cell is not None:
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        owner[(r + dr, c + dc)] = cell.text
    for r, line in enumerate(full):
        out.append([cell.text if cell is not None else (owner.get((r, c), "") if repeat_merged else "") for c, cell in enumerate(line)])
    return out


def generic_header(width: int) -> list[str]:
    return ["类别"] + [f"数据{k}" for k in range(1, width)]


def pipe_table(rows: list[list[str]], header: Optional[list[str]] = None) -> str:
    """A GFM pipe table: ``header`` (or the first row) as the header line, then the separator, then the rest."""
    head, body = (header, rows) if header is not None else (rows[0], rows[1:])
    lines = [_row(head), "|" + "|".join("---" for _ in head) + "|"]
    lines += [_row(r) for r in body]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def build_markdown(
    blocks: list[tuple],
    *,
    per_row_tables: bool = False,
    wrong_header: bool = False,
    bold_headings: bool = False,
    repeat_merged: bool = False,
) -> str:
    """The blocks of ``tests.sample.blocks()`` as a Markdown file (blocks parted by blank lines)."""
    out: list[str] = []
    section = ""
    for b in blocks:
        kind = b[0]
        if kind == "title":
            out.append(f"# {b[1]}")
        elif kind == "h1":
            section = b[1]
            text = f"{b[1]}、{b[2]}"
            out.append(f"**{text}**" if bold_headings else f"## {text}")
        elif kind == "h2":
            out.append(f"**{b[1]}**" if bold_headings else f"### {b[1]}")
        elif kind in ("p", "sign"):
            out.append(b[1])
        elif kind == "table":
            rows = flatten(b[1], repeat_merged)
            header = generic_header(len(rows[0])) if wrong_header else None
            if per_row_tables and section == "三":
                out.extend(pipe_table([row], header) for row in rows)
            else:
                out.append(pipe_table(rows, header))
        else:  # pragma: no cover - a block kind the sample does not have
            raise ValueError(f"unknown block {kind!r}")
    return "\n\n".join(out) + "\n"
