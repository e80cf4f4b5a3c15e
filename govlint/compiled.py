"""What govlint builds from its own data files, kept on disk between runs.

Two things cost a one-file run more than linting the file: reading the
template's YAML (the ``yaml`` module and the parse) and building the
grammar's LALR tables (Lark). Both depend on nothing but a data file of
govlint's and a library version, so they are built once and kept in the
cache folder (``compiled/<name>-<key>.json``):

* JSON, never pickle or marshal: a file in a cache folder must not be able
  to run code or crash the interpreter, whoever wrote it;
* keyed by the SHA-256 of the source text and the versions that shape the
  result, so a changed template or grammar, or another Lark, never meets an
  old entry;
* written only if it reads back equal to what was built (tuples and keys
  that are not text are tagged), to a temporary file renamed into place, so
  a concurrent run never reads half an entry;
* anything that cannot be read back exactly is built again; a folder that
  cannot be written is no error (the artefact is built in memory, as
  without a cache).

``govlint cache clean`` removes these files with the results.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Callable

FORMAT = 1
_TUPLE, _MAP = "\x00tuple", "\x00map"  # tags no key of real data begins with
NAME = re.compile(r"^[a-z]+-[0-9a-f]{64}\.json$")  # what `cache clean` may delete
_LIMIT = 16 * 1024 * 1024


def default_cache_dir() -> Path:
    """GOVLINT_CACHE_DIR, else $XDG_CACHE_HOME/govlint, else ~/.cache/govlint."""
    env = os.environ.get("GOVLINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govlint"


def folder() -> Path:
    return default_cache_dir() / "compiled"  # see ``clean``


class _NotData(Exception):
    pass


def _encode(v: Any) -> Any:
    if isinstance(v, dict):
        if all(isinstance(k, str) and not k.startswith("\x00") for k in v):
            return {k: _encode(x) for k, x in v.items()}
        return {_MAP: [[_encode(k), _encode(x)] for k, x in v.items()]}
    if isinstance(v, tuple):
        return {_TUPLE: [_encode(x) for x in v]}
    if isinstance(v, list):
        return [_encode(x) for x in v]
    if v is None or isinstance(v, (str, bool, int, float)):
        return v
    raise _NotData(type(v).__name__)


def _decode(obj: dict) -> Any:
    if len(obj) == 1:
        if _TUPLE in obj:
            return tuple(obj[_TUPLE])
        if _MAP in obj:
            return {k: x for k, x in obj[_MAP]}
    return obj


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True, but not here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(k, k2) for k, k2 in zip(a, b)) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def data(name: str, source: str, build: Callable[[], Any], versions: str = "") -> Any:
    """``build()`` (plain data: dicts, lists, tuples, text, numbers), from disk when it was built before
    from the same ``source`` with the same ``versions``."""
    path = _path(name, source, versions)
    try:
        if path.stat().st_size <= _LIMIT:
            return json.loads(path.read_text(encoding="utf-8"), object_hook=_decode)
    except (OSError, ValueError, TypeError, RecursionError):
        pass  # absent, unreadable or not ours: build it
    value = build()
    _store(path, value)
    return value


def replace(name: str, source: str, value: Any, versions: str = "") -> None:
    """Keep ``value`` as what ``data`` gives for this ``source`` and ``versions`` from now on
    (for an artefact that says itself when it is out of date, kept in one file rather than one per state)."""
    _store(_path(name, source, versions), value)


def _path(name: str, source: str, versions: str) -> Path:
    key = hashlib.sha256(f"{FORMAT}\n{versions}\n{source}".encode("utf-8", "surrogatepass")).hexdigest()
    return folder() / f"{name}-{key}.json"


def _store(path: Path, value: Any) -> None:
    try:
        text = json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"))
        if not _same(json.loads(text, object_hook=_decode), value):
            return  # would not read back as built: not worth keeping
    except (_NotData, ValueError, TypeError, RecursionError):
        return
    import tempfile  # only when writing: most runs only read

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass  # a read-only or full disk: built in memory next time too
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def clean(cache_dir: str) -> tuple[int, int]:
    """Remove the compiled artefacts under ``cache_dir`` (only files named as this module names them):
    (files removed, bytes freed)."""
    files = size = 0
    where = os.path.join(cache_dir, "compiled")
    try:
        entries = list(os.scandir(where))
    except OSError:
        return 0, 0
    for e in entries:
        if NAME.match(e.name) and e.is_file(follow_symlinks=False):
            try:
                n = e.stat(follow_symlinks=False).st_size
                os.unlink(e.path)
            except OSError:
                continue
            files += 1
            size += n
    try:
        os.rmdir(where)
    except OSError:
        pass  # not empty (something else lives there) or already gone
    return files, size
