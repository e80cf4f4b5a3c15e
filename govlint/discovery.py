"""Which files a run lints: paths as named, folders searched, nothing lost on the way.

Every path that was named or found comes out, either as a file to lint or
with the reason it cannot be (a named path that does not exist, a folder
that cannot be listed, a file that cannot be examined), so that a run never
drops a file without a word.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from .read.files import ReadFailure, os_reason

STDIN = "-"


@dataclass(frozen=True)
class Found:
    """A path to lint, or one that cannot be linted (``failure`` says why)."""

    path: str
    failure: Optional[ReadFailure] = None


# What a folder is searched for: every format a clerk has, and the legacy Word/WPS
# files, which are reported (GL001, with how to convert them) rather than passed over.
SUPPORTED = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.shtml", "*.docx", "*.pdf", "*.doc", "*.wps")


def walk(
    paths: Iterable[str | os.PathLike],
    include: Sequence[str] = SUPPORTED,
    exclude: Sequence[str] = (),
    base: Optional[Path] = None,
    skipped: Optional[list[str]] = None,
) -> Iterator[Found]:
    """Files to lint: files as given, folders recursively.

    In folders: entries matching an ``include`` glob (by name or relative
    path), sorted, hidden files and folders skipped, and anything matching
    an ``exclude`` glob (relative to ``base`` or the folder given) left out.
    Symbolic links to folders are not followed (they could loop); links to
    files are. A path named explicitly is always linted, whatever its name.
    Files in folders that match no ``include`` glob are appended to
    ``skipped`` (when given), so the summary can say what was left out.
    """
    include = tuple(include) or SUPPORTED
    for p in paths:
        name = os.fspath(p)
        if name == STDIN:
            yield Found(STDIN)
            continue
        try:
            is_dir = os.path.isdir(name)
            if not is_dir:
                os.stat(name)  # a missing path, a loop of links: said here, with the reason
        except OSError as e:
            yield Found(name, os_reason(e))
            continue
        if not is_dir:
            yield Found(name)
            continue
        for full, rel, failure in _walk(name, ""):
            if failure is None:
                leaf = rel.rpartition("/")[2]
                if not any(fnmatch.fnmatch(leaf, g) or fnmatch.fnmatch(rel, g) for g in include):
                    if skipped is not None and not (exclude and _excluded(Path(full), Path(rel), exclude, base)):
                        skipped.append(full)
                    continue
            if exclude and _excluded(Path(full), Path(rel), exclude, base):
                continue
            yield Found(full, failure)


def discover(
    paths: Iterable[str | os.PathLike],
    include: Sequence[str] = SUPPORTED,
    exclude: Sequence[str] = (),
    base: Optional[Path] = None,
) -> Iterator[str]:
    """The paths ``walk`` finds, failures included (linting them reports why)."""
    for found in walk(paths, include, exclude, base):
        yield found.path


def _walk(folder: str, rel: str) -> Iterator[tuple[str, str, Optional[ReadFailure]]]:
    """(path, relative posix path, failure) under ``folder``, sorted by name at every level."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        yield folder, rel or ".", _folder_failure(e)
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        sub = f"{rel}/{e.name}" if rel else e.name
        try:
            if e.is_dir(follow_symlinks=False):
                yield from _walk(e.path, sub)
            elif not e.is_symlink() or e.is_file():
                # Regular files, and also pipes, devices and sockets: reading says what they are.
                yield e.path, sub, None
            elif not os.path.exists(e.path):
                yield e.path, sub, None  # a dangling link: reading it says so
        except OSError as err:
            yield e.path, sub, os_reason(err)


def _folder_failure(e: OSError) -> ReadFailure:
    r = os_reason(e)
    return ReadFailure(f"cannot list this folder: {r.reason_en}", f"无法列出此文件夹的内容：{r.reason_zh}")


def _excluded(path: Path, rel: Path, globs: Sequence[str], base: Optional[Path]) -> bool:
    names = [rel.as_posix()]
    if base is not None:
        try:
            names.append(path.resolve().relative_to(base.resolve()).as_posix())
        except (ValueError, OSError):
            pass
    for glob in globs:
        g = glob.rstrip("/")
        for name in names:
            if fnmatch.fnmatch(name, g) or fnmatch.fnmatch(name, g + "/*") or any(
                fnmatch.fnmatch(part, g) for part in Path(name).parts
            ):
                return True
    return False
