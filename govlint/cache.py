"""The result cache: content-addressed entries that can never hurt a run.

The key is the file's content hash plus everything that can change its
findings (``fingerprint``): govlint's version and the stamp of its own code
and data files, every installed plugin with its version and the stamp of its
module, every rule with all of its settings (a rule pack's patterns, sections,
limits, ``within`` …), the selection, the rule options and the per-file
ignores that apply to the path.

An entry that cannot be read, is not valid JSON, or does not have exactly
the expected shape is a miss: the file is linted again and the entry
rewritten. Entries are written to a temporary file and renamed, so
concurrent runs never read half an entry. A cache that cannot be written is
skipped (the caller says so once).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import re
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any, Optional, Sequence

from . import compiled, plugins
from .compiled import default_cache_dir  # noqa: F401 - where callers have always found it
from .model import Diagnostic, Place, Region, Related, Span
from .read.files import ReadFailure, read_path
from .result import FileResult
from .rule import SEVERITIES
from .select import Selection
from .version import __version__

CACHE_FORMAT = 5
_SEVERITIES = frozenset(SEVERITIES)
_PLACE_FIELDS = frozenset(f.name for f in dataclasses.fields(Place))
_ENTRY_LIMIT = 64 * 1024 * 1024  # no real entry comes near; a planted giant is a miss


# ------------------------------------------------------------------ the key

@functools.lru_cache(maxsize=1)
def code_stamp() -> str:
    """Names, sizes and modification times of govlint's own code and data files.

    The version alone does not change while govlint is developed or patched
    in place; this does, so a changed rule or template never meets an old
    result. Stat calls only: well under a millisecond.
    """
    h = hashlib.sha256()
    for package in ("govlint", "govlint.grammars", "govlint.rulepacks"):
        try:
            root = str(resources.files(package))
        except (ModuleNotFoundError, TypeError):
            continue
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                if name.endswith((".py", ".yaml", ".lark")):
                    st = os.stat(os.path.join(folder, name))
                    h.update(f"{os.path.relpath(folder, root)}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _module_stamp(module: str) -> str:
    mod = sys.modules.get(module.split(":")[0])
    path = getattr(mod, "__file__", None)
    if not path:
        return ""
    try:
        st = os.stat(path)
    except OSError:
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, re.Pattern):
        return ["re", value.pattern, value.flags]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, Path):
        return str(value)
    return repr(value)


def rule_state(rule: Any) -> str:
    """Everything about a rule object that can change its findings.

    A rule may say it itself with ``cache_token()`` (for instance when it reads
    data files of its own); otherwise its class, code, severity and every
    attribute of the instance count, whatever they are called, so that a new
    setting can never be forgotten here.
    """
    token = getattr(rule, "cache_token", None)
    if callable(token):
        return f"{type(rule).__module__}.{type(rule).__qualname__}:{token()}"
    state = {
        "class": f"{type(rule).__module__}.{type(rule).__qualname__}",
        "code": getattr(rule, "code", None),
        "severity": getattr(rule, "severity", None),
        "attributes": getattr(rule, "__dict__", {}),
    }
    return json.dumps(state, sort_keys=True, ensure_ascii=False, default=_jsonable)


def fingerprint(selection: Selection, max_bytes: int, options: dict, rules: Sequence[Any]) -> str:
    """What, besides a file's bytes, decides its findings."""
    facts = {
        "govlint": __version__,
        "code": code_stamp(),
        "cache": CACHE_FORMAT,
        "plugins": sorted(
            (i.name, i.version or "", i.error or "", "" if i.builtin else _module_stamp(i.module)) for i in plugins.infos()
        ),
        "select": selection.select,
        "ignore": selection.ignore,
        "severities": sorted(selection.severities.items()),
        "max_bytes": max_bytes,
        "options": sorted((k, json.dumps(v, sort_keys=True, ensure_ascii=False, default=_jsonable)) for k, v in options.items()),
        "rules": [rule_state(r) for r in rules],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def key(fingerprint: str, selection: Selection, path: str, data: bytes) -> str:
    h = hashlib.sha256(data)
    h.update(fingerprint.encode())
    h.update(json.dumps(sorted(selection.ignored_in(path))).encode())
    return h.hexdigest()


# ------------------------------------------------------------------ entries
#
# An entry is three lines of JSON: the findings, then what only some output formats
# show (related locations, the source lines findings point at), then the report's
# summary for rules that compare reports (null when none was made). JSON escapes
# line breaks inside strings, so each newline ends a part, and a run decodes only
# the parts it needs.

def _region(r: Optional[Region]) -> Optional[list[int]]:
    return None if r is None else [r.start_line, r.start_column, r.end_line, r.end_column]


def _place(p: Optional[Place]) -> Optional[dict]:
    return None if p is None else p.as_dict()


def _as_place(v: Any) -> Optional[Place]:
    if v is None:
        return None
    _need(isinstance(v, dict) and all(k in _PLACE_FIELDS and _int(x) and x >= 1 for k, x in v.items()))
    return Place(**v)


def dump(res: FileResult) -> bytes:
    head = {
        "format": CACHE_FORMAT,
        "facts": [res.layout, res.encoding, res.year, res.edition, res.format],
        "diagnostics": [
            [
                d.code, d.name, d.severity, d.message, None if d.span is None else [d.span.start, d.span.end],
                _region(d.region), d.data, _place(d.place), d.logical, d.anchor,
            ]
            for d in res.diagnostics
        ],
    }
    detail = {
        "lines": {str(k): v for k, v in res.lines.items()},
        "related": [
            [
                [[r.span.start if r.span else 0, r.span.end if r.span else 0, r.message] for r in d.related],
                [_region(r) for r in d.related_regions],
                [_place(p) for p in d.related_places],
            ]
            for d in res.diagnostics
        ],
    }
    summary = {"asked": res.summarised, "summary": res.summary.as_json() if res.summary is not None else None}  # type: ignore[attr-defined]
    return "\n".join(
        json.dumps(part, ensure_ascii=False, default=str, separators=(",", ":")) for part in (head, detail, summary)
    ).encode("utf-8")


class _Invalid(Exception):
    """An entry that is not what ``dump`` writes."""


def _need(ok: bool) -> None:
    if not ok:
        raise _Invalid


def _int(v: Any) -> bool:
    return type(v) is int


def _opt_str(v: Any) -> bool:
    return v is None or isinstance(v, str)


def _as_span(v: Any) -> Optional[Span]:
    if v is None:
        return None
    _need(isinstance(v, list) and len(v) == 2 and all(map(_int, v)))
    return Span(v[0], v[1])


def _as_region(v: Any) -> Optional[Region]:
    if v is None:
        return None
    _need(isinstance(v, list) and len(v) == 4 and all(_int(x) and x >= 1 for x in v))
    return Region(*v)


def load(blob: bytes, path: str, related: bool = True, summary: bool = False) -> Optional[FileResult]:
    """The result an entry holds, or None when the entry is not exactly what ``dump`` writes
    (or, with ``summary``, when it holds no summary of a report: one is needed, so lint again)."""
    try:
        res = _load(blob, path, related)
        if summary and res is not None:
            asked, res.summary = _load_summary(blob, path)
            if not asked:
                return None  # made when no summary was asked for
            res.summarised = True
        return res
    except Exception:  # any damage at all: a miss, never a failure of the run
        return None


def _load_summary(blob: bytes, path: str):
    from .cross.summary import Summary

    part = blob.split(b"\n", 2)
    _need(len(part) == 3)
    data = json.loads(part[2])
    _need(isinstance(data, dict) and isinstance(data["asked"], bool))
    if data["summary"] is None:
        return data["asked"], None  # asked, but the file was no report
    s = Summary.from_json(data["summary"])
    s.path = path  # an entry serves every file with these bytes, wherever it is
    return data["asked"], s


def _load(blob: bytes, path: str, related: bool) -> Optional[FileResult]:
    first, _, rest = blob.partition(b"\n")
    rest = rest.partition(b"\n")[0]
    head = json.loads(first)
    _need(isinstance(head, dict) and head.get("format") == CACHE_FORMAT)
    facts, diagnostics = head["facts"], head["diagnostics"]
    _need(isinstance(facts, list) and len(facts) == 5 and isinstance(diagnostics, list))
    layout, encoding, year, edition, fmt = facts
    _need(_opt_str(layout) and _opt_str(encoding) and _opt_str(edition) and _opt_str(fmt) and (year is None or _int(year)))
    res = FileResult(path)
    res.layout, res.encoding, res.year, res.edition, res.format = layout, encoding, year, edition, fmt
    res.cached = True
    append = res.diagnostics.append
    # Checked inline, not through the helpers below: a cached re-run is mostly this loop.
    # (JSON object keys are always text, so only values are checked.)
    for code, name, severity, message, span, region, data, place, logical, anchor in diagnostics:
        if not (
            type(code) is str and type(name) is str and severity in _SEVERITIES and type(data) is dict
            and type(message) is dict and message and type(logical) is str and type(anchor) is str
        ):
            raise _Invalid
        "".join(message.values())  # TypeError (a miss) unless every message is text
        if span is not None:
            if not (type(span) is list and len(span) == 2 and type(span[0]) is int and type(span[1]) is int):
                raise _Invalid
            span = Span(span[0], span[1])
        if region is not None:
            a, b, c, e = region  # ValueError (a miss) unless four values
            if not (type(a) is int and type(b) is int and type(c) is int and type(e) is int and min(region) >= 1):
                raise _Invalid
            region = Region(a, b, c, e)
        append(Diagnostic(code, name, severity, message, path, span=span, region=region, data=data, place=_as_place(place), logical=logical, anchor=anchor))
    if related:
        detail = json.loads(rest)
        _need(isinstance(detail, dict) and isinstance(detail["lines"], dict) and isinstance(detail["related"], list))
        _need(len(detail["related"]) == len(res.diagnostics))
        for k, v in detail["lines"].items():
            _need(k.isdigit() and isinstance(v, str))
            res.lines[int(k)] = v
        for d, pair in zip(res.diagnostics, detail["related"]):
            _need(isinstance(pair, list) and len(pair) == 3 and all(isinstance(x, list) for x in pair))
            for rel in pair[0]:
                _need(isinstance(rel, list) and len(rel) == 3 and isinstance(rel[2], str))
                d.related.append(Related(_as_span(rel[:2]) or Span(0, 0), rel[2]))
            d.related_regions = [r for r in (_as_region(x) for x in pair[1]) if r is not None]
            d.related_places = [_as_place(x) for x in pair[2]]
    return res


def entry_path(cache_dir: str, key: str) -> str:
    return os.path.join(cache_dir, f"v{CACHE_FORMAT}", key[:2], key + ".json")


def has(cache_dir: str, key: str) -> bool:
    return os.path.isfile(entry_path(cache_dir, key))


def get(cache_dir: str, key: str, path: str, related: bool = True, summary: bool = False) -> Optional[FileResult]:
    """The cached result of ``path``; ``summary``: it must carry the report's summary (else a miss)."""
    try:
        blob = read_path(entry_path(cache_dir, key), _ENTRY_LIMIT)
    except ReadFailure:
        return None  # missing, damaged, or not a regular file: lint again
    return load(blob, path, related, summary)


def put(cache_dir: str, key: str, res: FileResult) -> Optional[str]:
    """Store a result; returns why it could not be stored, or None."""
    target = entry_path(cache_dir, key)
    folder = os.path.dirname(target)
    tmp = None
    try:
        blob = dump(res)
    except (TypeError, ValueError, RecursionError) as e:  # a plugin's finding data JSON cannot hold
        return f"a finding of {res.path} cannot be stored: {e}"
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, target)  # atomic: a concurrent reader sees all or nothing
        return None
    except OSError as e:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return f"{cache_dir}: {e.strerror or e}"


_ENTRY_NAME = re.compile(r"(?:[0-9a-f]{64}|\.tmp-.*)\.json")


def clean(cache_dir: str) -> tuple[int, int]:
    """Remove every cache entry under ``cache_dir``: (files removed, bytes freed).

    Only what govlint writes is touched (``v<N>/<2 hex>/<key>.json`` and the
    temporary files beside them, and the compiled template and grammar), so a cache folder pointed at a folder that
    holds other files loses nothing else. Raises OSError when the folder
    cannot be listed.
    """
    files = size = 0
    with os.scandir(cache_dir) as top:
        versions = [e.path for e in top if e.is_dir(follow_symlinks=False) and re.fullmatch(r"v\d+", e.name)]
    for version in versions:
        with os.scandir(version) as it:
            shards = [e.path for e in it if e.is_dir(follow_symlinks=False) and re.fullmatch(r"[0-9a-f]{2}", e.name)]
        for shard in shards:
            with os.scandir(shard) as it:
                entries = [e for e in it if e.is_file(follow_symlinks=False) and _ENTRY_NAME.fullmatch(e.name)]
            for e in entries:
                try:
                    n = e.stat(follow_symlinks=False).st_size
                    os.unlink(e.path)
                except FileNotFoundError:  # another run removed or renamed it meanwhile
                    continue
                files += 1
                size += n
            _rmdir(shard)
        _rmdir(version)
    more, freed = compiled.clean(cache_dir)
    return files + more, size + freed


def _rmdir(folder: str) -> None:
    try:
        os.rmdir(folder)
    except OSError:  # not empty (something else is in it) or gone: leave it
        pass
