"""The installed plugins: the entry points of govlint's group, remembered between runs.

``importlib.metadata`` is the one reader of what is installed, but importing
it (email, zipfile, csv and its own stages) and walking every distribution
costs a one-file run about 20 ms, more than linting the file. What it finds
depends only on the folders of ``sys.path``, whose modification times change
whenever a distribution is installed, upgraded or removed there (pip removes
and writes the distribution's metadata folder; the same times that
``importlib.metadata`` itself trusts within a process). So its answer is
kept in the compiled cache (``govlint.compiled``, one file per interpreter
and group) with what it was found on (the path, each entry's time, the
names and times of the distributions' metadata folders, which change when a
file in them is written) and asked again whenever any of that differs.

The answer is plain data (name, value, distribution, version); the entry
points made from it load as ``importlib.metadata``'s do. A process whose
import system has finders of its own that know distributions (not the
standard path finder) is asked directly every time: their answer has no
time this module could see.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass
from functools import reduce
from importlib import import_module
from typing import Any, Optional

from . import compiled

_METADATA = (".dist-info", ".egg-info")  # where importlib.metadata looks in each folder of sys.path
_SETTLED = 2_000_000_000  # ns: a time older than this is no longer in the same tick as a change to come

# importlib.metadata's reading of an entry point's value: module, attributes, extras.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


@dataclass(frozen=True)
class Distribution:
    name: Optional[str]
    version: Optional[str]


@dataclass(frozen=True)
class EntryPoint:
    """What govlint needs of an ``importlib.metadata.EntryPoint``: its name, value, distribution and load."""

    name: str
    value: str
    group: str
    dist: Optional[Distribution] = None

    def load(self) -> Any:
        m = _VALUE.match(self.value)
        if m is None:
            raise ValueError(f"not an entry point: {self.value!r}")
        module = import_module(m.group("module"))
        return reduce(getattr, filter(None, (m.group("attr") or "").split(".")), module)


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` in the installed distributions, in ``importlib.metadata``'s order."""
    key = _path_key()
    if key is None:
        return [_entry_point(group, row) for row in _ask(group)]
    # One file per interpreter and group, holding the path it was asked for: a run in another folder
    # (sys.path[0]) or after an install asks again and replaces it, rather than adding a file per state.
    versions = f"{sys.version}\n{sys.executable}"
    stored = compiled.data("plugins", group, lambda: {"path": key, "rows": _ask(group)}, versions=versions)
    try:
        if isinstance(stored, dict) and stored.get("path") == key:
            return [_entry_point(group, row) for row in stored["rows"]]
    except (TypeError, ValueError, KeyError):
        pass  # not what this module writes
    rows = _ask(group)
    compiled.replace("plugins", group, {"path": key, "rows": rows}, versions=versions)
    return [_entry_point(group, row) for row in rows]


def _path_key() -> Optional[str]:
    """What the answer depends on: ``sys.path``, each entry's time, and the name and time of each
    distribution's metadata folder in it; None where that is not all it depends on, or where a time is
    too recent to trust (a folder changed within the clock's resolution of another change looks unchanged:
    such a state is never kept, as git treats a file changed in the second it was indexed)."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            return None
    lines, newest = [], 0
    for entry in sys.path:
        where = entry or "."
        try:
            st = os.stat(where)
        except (OSError, ValueError):
            lines.append(f"{entry}\t-")
            continue
        lines.append(f"{entry}\t{os.path.abspath(where)}\t{st.st_mtime_ns}\t{st.st_ino}")
        newest = max(newest, st.st_mtime_ns)
        if not os.path.isdir(where):
            continue  # a zip file: its own time covers what it holds
        try:
            names = sorted(n for n in os.listdir(where) if n.lower().endswith(_METADATA))
        except OSError:
            return None
        for name in names:
            try:
                mtime = os.stat(os.path.join(where, name)).st_mtime_ns
            except OSError:
                return None
            lines.append(f"\t{name}\t{mtime}")
            newest = max(newest, mtime)
    if time.time_ns() - newest < _SETTLED:
        return None
    return "\n".join(lines)


def _ask(group: str) -> list[tuple[str, str, Optional[str], Optional[str]]]:
    from importlib import metadata

    eps = metadata.entry_points()
    found = eps.select(group=group) if hasattr(eps, "select") else eps.get(group, [])  # Python 3.9
    rows = []
    for ep in found:
        dist = getattr(ep, "dist", None)
        rows.append((ep.name, ep.value, getattr(dist, "name", None), getattr(dist, "version", None)))
    return rows


def _entry_point(group: str, row: Any) -> EntryPoint:
    name, value, dist, version = row
    if not all(isinstance(x, str) for x in (name, value)) or not all(x is None or isinstance(x, str) for x in (dist, version)):
        raise TypeError("not an entry point row")
    return EntryPoint(name, value, group, Distribution(dist, version) if dist or version else None)
