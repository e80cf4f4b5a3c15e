"""Running the rules that compare reports, once every report of a run is read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from .. import failures
from ..guard import Watchdog
from ..model import Diagnostic
from ..rule import Context, Rule
from ..template import Template
from .pairing import Pair, pair
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


def check(
    summaries: list[Summary],
    rules: Sequence[Rule],
    context: Context,
    named: Optional[dict[str, str]] = None,
    timeout: Optional[float] = None,
) -> tuple[dict[str, list[Diagnostic]], list[Diagnostic], list[str]]:
    """Findings by path; findings of govlint itself (a rule that raised: GL900, path ``<reports>``); tracebacks.

    Each rule runs under ``timeout`` seconds per hundred reports (None: no limit).
    """
    pairs, why = pair(summaries, named)
    run = Run(summaries, pairs, why)
    by_path: dict[str, list[Diagnostic]] = {}
    broken: list[Diagnostic] = []
    errors: list[str] = []
    limit = timeout * max(1.0, len(summaries) / 100) if timeout else None
    with Watchdog() as dog:
        for rule in rules:
            found, error = failures.guarded(dog, limit, rule, "<reports>", lambda rule=rule: rule.check_reports(run, context))
            if error:
                errors.append(error)
                broken.extend(found)
                continue
            for d in found:
                if not isinstance(d, Diagnostic):
                    errors.append(f"rule {rule.code} returned {type(d).__name__} instead of a Diagnostic\n")
                    broken.append(failures.rule_returned_junk("<reports>", rule.code, rule.name, "not a Diagnostic"))
                    continue
                by_path.setdefault(d.path, []).append(d)
    return by_path, broken, errors
