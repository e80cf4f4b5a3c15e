"""Many files at once: a process pool, a content-addressed cache, results in a fixed order.

Results come back in discovery order whatever the number of processes, and
each result carries only the findings and a few facts, never the parsed
report, so memory stays flat in the number of files.

The cache key is the file's content hash plus everything that can change the
findings: govlint's version, the installed plugins and their versions, the
rules with their settings, and the effective configuration (including the
per-file ignores that apply to the path). Entries are written to a temporary
file and renamed, so concurrent runs never read half an entry.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

from . import __version__, plugins
from .api import FileResult, lint_bytes
from .model import Diagnostic, Region, Related, Span
from .select import Selection

CACHE_FORMAT = 2


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


def default_cache_dir() -> Path:
    env = os.environ.get("GOVLINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govlint"


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


def fingerprint(selection: Selection, max_bytes: int, options: dict, rules: Sequence[Any]) -> str:
    """What, besides a file's bytes, decides its findings."""
    rule_facts = [
        (r.code, r.severity, type(r).__module__, type(r).__qualname__, getattr(getattr(r, "pattern", None), "pattern", None),
         getattr(r, "kind", None), getattr(r, "section", None), getattr(r, "minimum", None), getattr(r, "maximum", None),
         getattr(r, "message", None))
        for r in rules
    ]
    facts = {
        "govlint": __version__,
        "cache": CACHE_FORMAT,
        "plugins": sorted((i.name, i.version or "", i.error or "") for i in plugins.infos()),
        "select": selection.select,
        "ignore": selection.ignore,
        "severities": sorted(selection.severities.items()),
        "max_bytes": max_bytes,
        "options": sorted((k, json.dumps(v, sort_keys=True, ensure_ascii=False)) for k, v in options.items()),
        "rules": [json.dumps(x, sort_keys=True, ensure_ascii=False, default=str) for x in rule_facts],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# ------------------------------------------------------------------ cache entries
#
# An entry is two lines of JSON: the findings, then what only some output formats
# show (related locations, the source lines findings point at). JSON escapes line
# breaks inside strings, so the first newline always ends the first part, and a
# text run decodes only that part.

def _region(r: Optional[Region]) -> Optional[list[int]]:
    return None if r is None else [r.start_line, r.start_column, r.end_line, r.end_column]


def _unregion(v: Optional[list[int]]) -> Optional[Region]:
    return None if v is None else Region(*v)


def _dump(res: FileResult) -> bytes:
    head = {
        "format": CACHE_FORMAT,
        "facts": [res.layout, res.encoding, res.year, res.edition],
        "diagnostics": [
            [d.code, d.name, d.severity, d.message, None if d.span is None else [d.span.start, d.span.end], _region(d.region), d.data]
            for d in res.diagnostics
        ],
    }
    detail = {
        "lines": {str(k): v for k, v in res.lines.items()},
        "related": [
            [[[r.span.start, r.span.end, r.message] for r in d.related], [_region(r) for r in d.related_regions]]
            for d in res.diagnostics
        ],
    }
    return "\n".join(
        json.dumps(part, ensure_ascii=False, default=str, separators=(",", ":")) for part in (head, detail)
    ).encode("utf-8")


def _load(blob: bytes, path: str, related: bool = True) -> Optional[FileResult]:
    first, _, rest = blob.partition(b"\n")
    head = json.loads(first)
    if head.get("format") != CACHE_FORMAT:
        return None
    res = FileResult(path)
    res.layout, res.encoding, res.year, res.edition = head["facts"]
    res.cached = True
    for code, name, severity, message, span, region, data in head["diagnostics"]:
        res.diagnostics.append(
            Diagnostic(
                code=code,
                name=name,
                severity=severity,
                message=message,
                path=path,
                span=None if span is None else Span(*span),
                region=_unregion(region),
                data=data,
            )
        )
    if related:
        detail = json.loads(rest)
        res.lines = {int(k): v for k, v in detail["lines"].items()}
        for d, (rel, regions) in zip(res.diagnostics, detail["related"]):
            d.related = [Related(Span(a, b), m) for a, b, m in rel]
            d.related_regions = [r for r in (_unregion(x) for x in regions) if r is not None]
    return res


def _entry_path(cache_dir: str, key: str) -> str:
    return os.path.join(cache_dir, f"v{CACHE_FORMAT}", key[:2], key + ".json")


def _cache_get(cache_dir: str, key: str, path: str, related: bool = True) -> Optional[FileResult]:
    try:
        with open(_entry_path(cache_dir, key), "rb") as fh:
            return _load(fh.read(), path, related)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or damaged: lint again


def _cache_put(cache_dir: str, key: str, res: FileResult) -> None:
    target = _entry_path(cache_dir, key)
    folder = os.path.dirname(target)
    try:
        blob = _dump(res)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, target)  # atomic: a concurrent reader sees all or nothing
    except OSError:
        pass  # a cache that cannot be written is no reason to fail the lint


# ------------------------------------------------------------------ linting

def cache_key(job: Job, path: str, data: bytes) -> str:
    h = hashlib.sha256(data)
    h.update(job.fingerprint.encode())
    h.update(json.dumps(sorted(job.selection.ignored_in(path))).encode())
    return h.hexdigest()


def lint_file(job: Job, path: str) -> FileResult:
    """Lint one file from disk, through the cache when there is one."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        res = FileResult(path)
        res.error = e.strerror or str(e)
        return res
    key = ""
    if job.cache_dir:
        key = cache_key(job, path, data)
        hit = _cache_get(job.cache_dir, key, path, job.related)
        if hit is not None:
            return hit
    res = lint_bytes(data, path, job.selection, job.max_bytes, job.options, list(job.rules)).detach()
    if job.cache_dir and not res.internal_errors:
        _cache_put(job.cache_dir, key, res)
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
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    key = cache_key(job, path, data)
    return key if os.path.isfile(_entry_path(job.cache_dir or "", key)) else None


def run(files: Sequence[str], job: Job, jobs: int = 1) -> Iterator[FileResult]:
    """Lint ``files`` with ``jobs`` processes; results in the order of ``files``.

    Cached files are answered by this process; only the others go to the
    pool, so a re-run over unchanged files costs a hash and a read each.
    """
    work = partial(lint_file, job)
    if jobs <= 1 or len(files) < 4:
        for f in files:
            yield work(f)
        return
    hits: dict[int, str] = {}
    if job.cache_dir:
        for i, f in enumerate(files):
            key = _known_key(job, f)
            if key is not None:
                hits[i] = key
    misses = [f for i, f in enumerate(files) if i not in hits]
    if not misses:
        for i, f in enumerate(files):
            yield _cache_get(job.cache_dir or "", hits[i], f, job.related) or work(f)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(32, len(misses) // (jobs * 8)))
    with ctx.Pool(processes=min(jobs, len(misses)), initializer=quiet_gc) as pool:
        linted = pool.imap(work, misses, chunksize=chunk)
        for i, f in enumerate(files):
            if i in hits:
                yield _cache_get(job.cache_dir or "", hits[i], f, job.related) or work(f)
            else:
                yield next(linted)
