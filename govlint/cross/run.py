"""What a rule across reports sees (``Run``), which rules compare reports, and which cells they read.

The rules are run by ``govlint.compare``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..rule import Rule
from ..template import Template
from .pairing import Pair
from .summary import Summary


@dataclass
class Run:
    """What a rule across reports sees: every report's summary, and the pairs found among them."""

    summaries: list[Summary]
    pairs: list[Pair] = field(default_factory=list)
    unpaired: dict[str, str] = field(default_factory=dict)  # path -> why it has no pair


def cells_needed(rules: Iterable[Rule], template: Template) -> tuple[tuple[str, str, str], ...]:
    """Every cell some rule across reports reads, ``*`` columns spelled out (both editions)."""
    out: list[tuple[str, str, str]] = []
    for rule in rules:
        for table, row, column in getattr(rule, "summary_cells", ()):
            columns = [column]
            if column == "*":
                columns = []
                for e in template.editions.values():
                    spec = e.table(table)
                    columns += [c for c in (spec.column_keys if spec else []) if c not in columns]
            out += [(table, row, c) for c in columns if (table, row, c) not in out]
    return tuple(out)


def across(rules: Sequence[Rule]) -> list[Rule]:
    """The rules of ``rules`` that compare reports."""
    return [r for r in rules if getattr(r, "scope", "report") == "reports"]
