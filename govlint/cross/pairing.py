"""Which report is last year's of the same issuer.

A report pairs with the one report of the run whose issuer is the same body
(``issuer.same_issuer``) and whose year is one less. Never a guess: where
several fit (the same report as a PDF and as a .docx, two 鼓楼区), the one in
the same format is taken if it is the only one, else there is no pair, and
``explain`` says why. Pairs named explicitly (``--previous``, the
configuration's ``previous`` table) are taken as given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

from .issuer import issuer_key, same_key
from .summary import Summary


@dataclass(frozen=True)
class Pair:
    this: Summary
    previous: Summary
    how: str  # "named": given by the user; "issuer and year": found


def pair(summaries: list[Summary], named: Optional[dict[str, str]] = None) -> tuple[list[Pair], dict[str, str]]:
    """The pairs of ``summaries`` and, for every report without one, why (English, for ``inspect``).

    ``named`` maps a report's path to last year's report's path (both among
    the summaries); those reports are paired with nothing else.
    """
    named = {_norm(k): _norm(v) for k, v in (named or {}).items()}
    by_path = {_norm(s.path): s for s in summaries}
    pairs: list[Pair] = []
    why: dict[str, str] = {}
    # Candidates by year and issuer key (innermost place and body): two names of one body share
    # it, so each report looks at a handful of candidates, not at every report of the year.
    by_key: dict[tuple[int, str], list[Summary]] = {}
    for s in summaries:
        if s.year is not None and s.issuer_key:
            by_key.setdefault((s.year, s.issuer_key), []).append(s)
    # A bucket holds every report of one body and year: each name's key is made once, not per pair.
    keys = {id(s): issuer_key(s.issuer) for s in summaries}
    for s in summaries:
        p = _norm(s.path)
        if p in named:
            prev = by_path.get(named[p])
            if prev is None:
                why[s.path] = f"last year's report {named[p]} was not read"
            else:
                pairs.append(Pair(s, prev, "named"))
            continue
        if s.year is None:
            why[s.path] = "its reporting year is not known"
            continue
        if not s.issuer_key:
            why[s.path] = "its issuer is not known"
            continue
        fits = [o for o in by_key.get((s.year - 1, s.issuer_key), []) if same_key(keys[id(o)], keys[id(s)])]
        if len(fits) > 1:
            same_format = [o for o in fits if o.format == s.format]
            fits = same_format if len(same_format) == 1 else fits
        if not fits:
            why[s.path] = f"no report of {s.issuer} for {s.year - 1} in this run"
        elif len(fits) > 1:
            why[s.path] = f"{len(fits)} reports could be last year's ({', '.join(o.path for o in fits[:3])}): none is taken"
        else:
            pairs.append(Pair(s, fits[0], "issuer and year"))
    return pairs, why


def _norm(path: str) -> str:
    return os.path.normpath(os.path.abspath(path)) if path != "-" else path


def configured_pairs(paths: list[str], mapping: dict[str, str], base) -> tuple[dict[str, str], list[str]]:
    """The configuration's ``previous`` table for the reports of a run: ({report: last year's}, the
    last years' reports to read besides the run's own: they are compared with, not reported on).

    Paths in the table are relative to the configuration's folder ``base``.
    """
    linted = {os.path.abspath(p): p for p in paths}
    named: dict[str, str] = {}
    extra: list[str] = []
    for this, prev in mapping.items():
        here = linted.get(os.path.abspath(os.path.join(str(base), this)))
        if here is None:
            continue
        before = os.path.join(str(base), prev)
        named[here] = linted.get(os.path.abspath(before), before)
        if os.path.abspath(before) not in linted and before not in extra:
            extra.append(before)
    return named, extra
