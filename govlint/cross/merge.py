"""A run's results with the findings of the rules that compare reports added in.

Those rules need every report read first, so the results are held (each a
few findings and a summary, never a report) until the last file is done,
then given out in their order with each file's cross-report findings merged
in, as if its own rules had made them.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional, Sequence

from ..model import Diagnostic, anchor_of_data
from ..result import FileResult
from ..rule import Context, Rule
from ..select import Selection
from . import run as cross_run


def with_findings_across(
    results: Iterable[FileResult],
    rules: Sequence[Rule],
    context: Context,
    selection: Selection,
    named: Optional[dict[str, str]] = None,
    context_only: frozenset = frozenset(),
    timeout: Optional[float] = None,
) -> Iterator[FileResult]:
    """``results`` (held until the last, as far as they can be compared), each with its findings across reports.

    ``context_only``: paths read only to compare with (``--previous``): their
    results are not given out. A rule that raises or runs out of time is a
    GL900 of its own result, path ``<reports>``, after the others.
    """
    # A report the rules cannot compare (no summary; no issuer, when every rule needs one) is given
    # out at once while nothing is waiting before it: a run of such files still streams.
    every = any(not getattr(r, "needs_issuer", True) for r in rules)
    held: list[FileResult] = []
    summaries = []
    for res in results:
        s = res.summary
        named_here = res.path in context_only or res.path in (named or {})
        compared = s is not None and (every or bool(s.issuer_key) or named_here)  # type: ignore[attr-defined]
        if compared:
            summaries.append(s)
        if compared or held:
            held.append(res)
            continue
        res.summary = None
        if res.path not in context_only:
            yield res
    by_path, broken, errors = cross_run.check(summaries, rules, context, named, timeout)  # type: ignore[arg-type]
    for res in held:
        extra = [d for d in by_path.get(res.path, ()) if selection.enabled(d.code, res.path)]
        if extra and res.summary is not None:
            # The source lines the new findings point at (output formats convert columns with them).
            s = res.summary
            for at in [*s.places(), *s.sections.values()]:  # type: ignore[attr-defined]
                if at.region is not None and at.line:
                    res.lines.setdefault(at.region.start_line, at.line)
        res.summary = None  # given out: nothing more needs it
        if res.path in context_only:
            continue
        if extra:
            for d in extra:
                d.severity = selection.severity(d.code, d.severity)
                if not d.anchor:
                    d.anchor = anchor_of_data(d)
            res.diagnostics = sorted([*res.diagnostics, *extra], key=_order)
        yield res
    if broken:
        yield FileResult("<reports>", broken, internal_errors=errors)


def _order(d: Diagnostic) -> tuple:
    return d.sort_key
