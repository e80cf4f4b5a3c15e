"""Many files at once: the cache, a process pool, results in a fixed order.

Results come back in discovery order whatever the number of processes, and
each result carries only the findings and a few facts, never the parsed
report, so memory stays flat in the number of files. Every path given ends
in exactly one result: a path that cannot be read is GL001, a failure of
govlint on one file is GL901 for that file (``pool.py`` extends this to a
worker process that dies or hangs).
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass
from functools import partial
from typing import Iterator, Optional, Sequence, Union

from . import cache
from .api import DEFAULT_TIMEOUT, FileResult, cannot_read, is_report, lint_bytes
from .cache import default_cache_dir, fingerprint  # noqa: F401 - part of this module's interface
from .checks.internal import internal_error
from .cross.summary import summarise
from .discovery import STDIN, Found
from .failures import describe
from .guard import Watchdog
from .identities import arithmetic_value
from .read.files import ReadFailure, read_path, read_stream
from .report.tables_view import snapshot
from .select import Selection


def quiet_gc() -> None:
    """Tune the garbage collector for a process that only lints (the CLI and its workers).

    Linting makes many short-lived objects and few reference cycles; with the
    default thresholds the collector runs thousands of times per large report
    and rescans every token still alive. Objects that exist now (modules, the
    template, the parser) are frozen out of collections; the young generation
    is collected less often. The library API never calls this: a host program
    keeps its own settings.
    """
    gc.freeze()
    gc.set_threshold(20_000, 50, 50)


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to lint one file (sent to worker processes)."""

    selection: Selection
    max_bytes: int
    options: dict
    rules: tuple
    cache_dir: Optional[str] = None
    fingerprint: str = ""
    # False: the output format shows neither related locations nor source lines, so
    # they are not sent between processes or decoded from the cache (the cache keeps them).
    related: bool = True
    timeout: Optional[float] = DEFAULT_TIMEOUT
    stdin_name: str = STDIN  # the name standard input goes by in output and configuration
    # The cells rules that compare reports read: each result then carries its report's summary
    # (None: no such rule runs, no summaries).
    summary_cells: Optional[tuple] = None
    # The output redraws the tables (HTML): each result keeps a snapshot of them. Such results are not
    # read from the cache, which does not keep tables.
    tables: bool = False


def cache_key(job: Job, path: str, data: bytes) -> str:
    return cache.key(job.fingerprint, job.selection, path, data)


def lint_file(job: Job, path: str, watchdog: Optional[Watchdog] = None, skip: frozenset = frozenset()) -> FileResult:
    """Lint one file (``-``: standard input), through the cache when there is one.

    ``skip``: codes of rules not to run (the pool's second try after a rule
    ended a worker); such a result is not cached. Never raises: whatever goes
    wrong becomes this file's GL001 or GL901.
    """
    try:
        return _lint_file(job, path, watchdog, skip)
    except Exception as exc:
        return FileResult(path, [internal_error(path, exc)], internal_errors=[describe(exc)])


def _lint_file(job: Job, path: str, watchdog: Optional[Watchdog], skip: frozenset) -> FileResult:
    name = job.stdin_name if path == STDIN else path
    try:
        data = read_stream(sys.stdin.buffer, job.max_bytes) if path == STDIN else read_path(path, job.max_bytes)
    except ReadFailure as e:
        return cannot_read(name, e)
    key = ""
    use_cache = bool(job.cache_dir) and not skip and not job.tables
    if use_cache:
        key = cache_key(job, name, data)
        hit = cache.get(job.cache_dir or "", key, name, job.related, job.summary_cells is not None)
        if hit is not None:
            return hit
    rules = [r for r in job.rules if r.code not in skip]
    res = lint_bytes(data, name, job.selection, job.max_bytes, job.options, rules, job.timeout, watchdog)
    if job.tables and res.report is not None:
        res.tables = snapshot(res.report)
    if job.summary_cells is not None:
        res.summarised = True
        if res.report is not None and is_report(res.report):
            res.summary = summarise(res.report, job.summary_cells, arithmetic_value)
    res.detach()
    if use_cache and not res.internal_errors:
        res.cache_warning = cache.put(job.cache_dir, key, res)
    return res if job.related else _slim(res)


def _slim(res: FileResult) -> FileResult:
    """Drop what the output format will not show (it costs time to send between processes)."""
    res.lines = {}
    for d in res.diagnostics:
        d.related = []
        d.related_regions = []
    return res


def _known_key(job: Job, path: str) -> Optional[str]:
    """The cache key of a file whose result is cached, else None (read errors: None)."""
    try:
        data = read_path(path, job.max_bytes)
    except ReadFailure:
        return None
    key = cache_key(job, path, data)
    return key if cache.has(job.cache_dir or "", key) else None


def run(files: Sequence[Union[str, Found]], job: Job, jobs: int = 1, isolate: bool = False) -> Iterator[FileResult]:
    """Lint ``files`` with ``jobs`` processes; one result per entry, in the order of ``files``.

    Cached files are answered by this process; only the others go to the
    pool, so a re-run over unchanged files costs a hash and a read each.
    Entries that carry a failure (from discovery) are answered here too.
    ``isolate``: lint in worker processes even with one job (third-party
    rules run there, where the pool can end and replace a worker they hang).
    """
    found = [f if isinstance(f, Found) else Found(f) for f in files]
    work = partial(lint_file, job)
    local: dict[int, Optional[str]] = {}  # index -> cache key of a hit (None: answered here anyway)
    for i, f in enumerate(found):
        if f.failure is not None or f.path == STDIN:
            local[i] = None
    if job.cache_dir and not job.tables and (jobs > 1 or isolate):
        for i, f in enumerate(found):
            if i not in local:
                key = _known_key(job, f.path)
                if key is not None:
                    local[i] = key
    misses = [f.path for i, f in enumerate(found) if i not in local]

    def here(i: int, f: Found) -> FileResult:
        if f.failure is not None:
            return cannot_read(f.path, f.failure)
        key = local.get(i)
        hit = cache.get(job.cache_dir or "", key, f.path, job.related, job.summary_cells is not None) if key else None
        return hit or work(f.path)  # the entry may have gone since it was seen

    if not misses or (not isolate and (jobs <= 1 or len(misses) < 4)):
        for i, f in enumerate(found):
            yield here(i, f)
        return
    from .pool import WorkerPool

    pool = WorkerPool(
        work,
        min(max(1, jobs), len(misses)),
        job.timeout,
        rules=[(r.code, r.name) for r in job.rules],
        setup=quiet_gc,
        chunk=_chunk(len(misses), jobs),
    )
    linted = pool.map(misses)
    try:
        for i, f in enumerate(found):
            yield next(linted) if i not in local else here(i, f)
    finally:
        linted.close()


def _chunk(misses: int, jobs: int) -> int:
    return max(1, min(16, misses // (jobs * 8)))
