"""The token language between readers and the grammar.

Every reader, whatever the physical layout of its input, produces this one
stream. Each token carries the span of the original characters it came from.

Kinds:
  TITLE    a title line (issuer, year, 政府信息公开工作年度报告)
  META     page metadata (发布时间: …, 发文日期: …, 标题: …)
  H1       a top-level numbered heading (一、总体情况)
  H2       a numbered sub-heading (（一）主动公开)
  TEXT     prose
  CAPTION  a table caption (第二十条第（一）项)
  HEAD     a table header cell (信息内容, 自然人, 行政复议 …)
  GROUP    a row-group label that carries no numbers (三、本年度办理结果, （三）不予公开)
  LABEL    a row label of the template (规章, 一、本年新收政府信息公开申请数量 …)
  NUM      a numeric cell, or a run of digits that may hold several cells
  BLANK    an empty cell that the layout kept
  CELL     a non-numeric value where a number belongs (-, /, 无 …)
  NOISE    unrecognised text inside a table (broken vertical labels, stray words)
  CHROME   page furniture and export debris; kept out of the grammar
  ROW END  the start and end of a table row whose cells the file gives (.docx,
           HTML, PDF, Markdown); every token between them carries the cell's
           grid position in ``info["cell"]`` (table, row, column, rowspan,
           colspan). Text layouts have lost the rows: they have no ROW tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TABLE_KINDS = frozenset({"CAPTION", "HEAD", "GROUP", "LABEL", "NUM", "BLANK", "CELL", "NOISE"})
ROW_KINDS = frozenset({"ROW", "END"})
ALL_KINDS = ("TITLE", "META", "H1", "H2", "TEXT") + tuple(sorted(TABLE_KINDS)) + ("ROW", "END", "CHROME")


@dataclass
class Token:
    kind: str
    text: str  # original characters (may span several lines for a joined label)
    start: int  # offset of the first original character
    end: int  # offset after the last original character
    norm: str = ""  # matching form
    # Kind-specific facts: the template refs of a label, the numeral of a
    # heading, whether a NUM may hold several cells ("bounded"), …
    info: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:  # compact, for `govlint parse` and test failures
        return f"{self.kind}({self.text[:30]!r}@{self.start})"
