"""Comparing reports: the rules across reports (GL6xx) run once every report of a run is read.

Those rules need every report read first, so the results are held (each a
few findings and a summary, never a report) until the last file is done,
then given out in their order with each file's cross-report findings merged
in, as if its own rules had made them. What the rules see is
``govlint.cross`` (summaries, pairs); a rule that raises or returns junk is
a GL900 of its own result, path ``<reports>``, made by its rule module.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional, Sequence

from . import failures
from .checks import internal
from .cross.pairing import pair
from .cross.run import Run
from .cross.summary import Summary
from .guard import Watchdog
from .model import Diagnostic, anchor_of_data
from .result import FileResult
from .rule import Context, Rule
from .select import Selection


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
    by_path, broken, errors = check(summaries, rules, context, named, timeout)  # type: ignore[arg-type]
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
                    broken.append(internal.rule_returned_junk("<reports>", rule.code, rule.name, "not a Diagnostic"))
                    continue
                by_path.setdefault(d.path, []).append(d)
    return by_path, broken, errors
