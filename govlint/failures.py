"""Running a rule so that its failure cannot stop the others: its time limit, its exception, its traceback.

The GL900 and GL901 findings themselves are made by their rule module
(``govlint.checks.internal``), GL001 by ``govlint.checks.input``.
"""

from __future__ import annotations

import traceback
from typing import Any, Optional

from .checks.internal import rule_raised, rule_timed_out


def describe(exc: BaseException) -> str:
    """The traceback of ``exc`` as text (shown with --debug)."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def guarded(dog: Any, limit: Optional[float], rule: Any, path: str, call) -> tuple[list, Optional[str]]:
    """Run ``call()`` (one rule's check) under ``dog``'s time limit: (its findings, None), or, when it
    raised or ran out of time, ([its GL900], what to show with --debug). Another step's time running
    out is not this rule's: it goes on up."""
    from .guard import TimeLimitExceeded

    step = None
    try:
        with dog.limit(limit, rule.code) as step:
            return list(call()), None
    except TimeLimitExceeded as exc:
        if not dog.owns(exc, step):
            raise
        return [rule_timed_out(path, rule.code, rule.name, limit or 0)], f"rule {rule.code} was stopped after {limit:g} s on {path}\n"
    except Exception as exc:  # a broken rule must not stop the others
        return [rule_raised(path, rule.code, rule.name, exc)], describe(exc)
