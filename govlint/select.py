"""Which rules run, and at what severity: --select / --ignore by code or prefix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


def _matches(code: str, pattern: str) -> bool:
    p = pattern.strip().upper()
    return p == "ALL" or code.upper().startswith(p)


@dataclass
class Selection:
    """``select``/``ignore`` lists of codes or prefixes (``GL1``, ``GL20``, ``ALL``).

    The most specific matching pattern wins, as in ruff: ``--select GL1
    --ignore GL103`` runs GL101–GL105 except GL103; ``--ignore GL1 --select
    GL103`` runs only GL103 of that family.
    """

    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        best_sel = max((len(p) for p in self.select if _matches(code, p)), default=-1)
        best_ign = max((len(p) for p in self.ignore if _matches(code, p)), default=-1)
        if best_sel < 0:
            return False
        return best_sel > best_ign if best_ign >= 0 else True

    def severity(self, code: str, default: str) -> str:
        return self.severities.get(code, default)


def parse_codes(values: Optional[list[str]]) -> list[str]:
    """``["GL1,GL2", "GL301"]`` -> ``["GL1", "GL2", "GL301"]``."""
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip().upper() for x in v.split(",") if x.strip())
    return out
