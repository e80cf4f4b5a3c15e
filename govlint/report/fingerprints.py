"""The stable identity of a finding: what SARIF's ``partialFingerprints`` and baselines match on.

A fingerprint is a hash of the rule code, the file's name relative to a root
(percent-encoded, as a SARIF artifact URI), the finding's anchor (the cell by
name, or the section and the normalised text of its line; for a finding across
reports its data) and its rank among findings with the same code and anchor in
that file. Line numbers are not part of it: lines moving leave it as it was.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, Optional
from urllib.parse import quote

from ..model import Diagnostic
from .safe import name_bytes


def artifact_uri(path: str, root: Path) -> tuple[str, Optional[str]]:
    """A URI relative to ``root`` (with the %SRCROOT% base), or an absolute file URI for a file outside it.

    The path as named is tried first, so a report reached through a symbolic
    link inside ``root`` keeps the name it has there; then the path with links
    resolved. Percent-encoded per RFC 3986 from the file name's bytes: a space,
    ``#``, ``%``, CJK and bytes that are not UTF-8 all survive.
    """
    absolute = Path(os.path.abspath(path))
    root_named = Path(os.path.abspath(root))
    try:
        resolved = absolute.resolve()
        root_resolved = root_named.resolve()
    except (OSError, RuntimeError):  # a loop of links: the names as given
        resolved, root_resolved = absolute, root_named
    for p, r in ((absolute, root_named), (resolved, root_resolved), (absolute, root_resolved)):
        try:
            rel = Path(os.path.relpath(p, r))
        except ValueError:  # another drive on Windows
            continue
        if not rel.parts or rel.parts[0] != "..":
            return quote(name_bytes(rel.as_posix()), safe="/"), "%SRCROOT%"
    return resolved.as_uri(), None


def anchor(d: Diagnostic) -> str:
    return d.anchor or d.logical


def fingerprint(code: str, uri: str, anchor_text: str, rank: int = 1) -> str:
    """32 hex digits of SHA-256 over the code, the file's URI, the anchor and the rank."""
    return hashlib.sha256("\x00".join((code, uri, anchor_text, str(rank))).encode("utf-8")).hexdigest()[:32]


class Namer:
    """Each file's URI relative to one root, worked out once per file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._seen: dict[str, tuple[str, Optional[str]]] = {}

    def __call__(self, path: str) -> tuple[str, Optional[str]]:
        got = self._seen.get(path)
        if got is None:
            got = self._seen[path] = artifact_uri(path, self.root)
        return got


def fingerprinted(diagnostics: Iterable[Diagnostic], namer: Namer) -> Iterator[tuple[Diagnostic, str]]:
    """Each finding, in report order, with its fingerprint."""
    seen: Counter = Counter()  # (path, code, anchor) -> how many so far: the rank among equal findings
    for d in sorted(diagnostics, key=lambda d: d.sort_key):
        a = anchor(d)
        seen[(d.path, d.code, a)] += 1
        yield d, fingerprint(d.code, namer(d.path)[0], a, seen[(d.path, d.code, a)])
