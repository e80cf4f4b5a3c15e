"""Which rules run where, and at what severity: select, ignore, per-file ignores, severities."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


def _matches(code: str, pattern: str) -> bool:
    p = pattern.strip().upper()
    return p == "ALL" or code.upper().startswith(p)


def _best(code: str, patterns: list[str]) -> int:
    return max((len(p) for p in patterns if _matches(code, p)), default=-1)


@dataclass
class Selection:
    """``select``/``ignore`` lists of codes or prefixes (``GL1``, ``GL20``, ``ALL``).

    The most specific matching pattern wins, as in ruff: ``--select GL1
    --ignore GL103`` runs GL101–GL105 except GL103; ``--ignore GL1 --select
    GL103`` runs only GL103 of that family. ``per_file_ignores`` maps a glob
    (relative to ``base``) to codes ignored in matching files.
    """

    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    base: Optional[Path] = None

    def enabled(self, code: str, path: Optional[str] = None) -> bool:
        sel = _best(code, self.select)
        ign = _best(code, self.ignore)
        if path is not None and self.per_file_ignores:
            ign = max(ign, _best(code, self.ignored_in(path)))
        if sel < 0:
            return False
        return sel > ign

    def ignored_in(self, path: str) -> list[str]:
        if not self.per_file_ignores:
            return []
        rel = _relative(path, self.base)
        out: list[str] = []
        for glob, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(os.path.basename(path), glob):
                out.extend(codes)
        return out

    def severity(self, code: str, default: str) -> str:
        return self.severities.get(code, default)


def _relative(path: str, base: Optional[Path]) -> str:
    p = Path(path).resolve()
    if base is not None:
        try:
            return p.relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def parse_codes(values: Optional[list[str]]) -> list[str]:
    """``["GL1,GL2", "GL301"]`` -> ``["GL1", "GL2", "GL301"]``."""
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip().upper() for x in v.split(",") if x.strip())
    return out
