"""Golden findings: the reviewed list of what govlint finds on every real report.

Each real report in ``../shared/`` (seeds/*.txt, corpus/*.txt,
corpus/html/*.html, corpus/pdf/*.pdf) has a list ``tests/golden/<file
name>.tsv``: one line per finding govlint makes on it with default settings,
in govlint's order, with a reviewer's verdict. ``tests/test_golden.py``
compares the lists with govlint's current output, so any new or lost finding
on a real report fails until a reviewer accepts it.

Columns (tab-separated; lines starting with ``#`` are comments)::

    code    place    keys    verdict    reason

* ``code``: the rule code (GL204).
* ``place``: ``LINE:COL`` of the finding's start in the original file (text
  and HTML), else the place a person finds in the file (PDF, .docx:
  ``第4页 表3 第4行 第5列``), else ``-``.
* ``keys``: the finding's key values from ``Diagnostic.data``, sorted by
  name, ``name=value`` separated by spaces: numbers, table ids, row and
  column keys. Report text and message text are never written (text values
  are left out; a text item inside a list shows as ``*``).
* ``verdict``: ``true`` (a reviewer read the report there and the finding is
  right), ``false`` (a false finding, kept so the test pins current
  behaviour), ``unsure``, or ``unreviewed`` (new, nobody has looked yet; the
  test fails on it).
* ``reason``: why, in English, for ``false`` and ``unsure`` (optional for ``true``).

Usage::

    python tools/golden.py            # (re)write every list from govlint's current output
    python tools/golden.py --check    # print the difference only; exit 1 if any list is out of date
    python tools/golden.py 003 pingtan-2023-zone.html   # only these files (name or name prefix)

Rewriting keeps the verdict and reason of every finding that is still found
(matched by code + place + keys); a new finding is written ``unreviewed``,
and a finding no longer found is dropped (and printed, with its verdict).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
SHARED = Path(os.environ.get("GOVLINT_SHARED", ROOT.parent / "shared"))
# Where the real reports are, relative to SHARED, and which files.
PATTERNS = (("seeds", "*.txt"), ("corpus", "*.txt"), ("corpus/html", "*.html"), ("corpus/pdf", "*.pdf"))

VERDICTS = ("true", "false", "unsure", "unreviewed")
HEADER = (
    "# golden findings of govlint on {name} (default settings); regenerate with: python tools/golden.py\n"
    "# columns: code<TAB>place (LINE:COL, or the place in a PDF/.docx)<TAB>keys (Diagnostic.data: numbers, "
    "table ids, row/column keys; no report text)<TAB>verdict (true | false | unsure | unreviewed)"
    "<TAB>reason (English; why false or unsure)\n"
)

# Data entries that carry report or message text, never written however they look.
TEXT_KEYS = frozenset(
    {"debris", "word", "match", "text", "quote", "snippet", "sentence", "heading", "expected_heading"}
)
# A CJK numeral alone is a key (the heading number 一 … 十), not report text.
_NUMERAL = re.compile(r"^[一二三四五六七八九十]{1,3}$")
# What a key value may look like: ASCII without spaces or separators of this file.
_KEYLIKE = re.compile(r"^[\x21-\x7e]*$")
_UNSAFE = re.compile(r"[\t\n\r =,()\[\]{}/]")


@dataclass
class Entry:
    code: str
    place: str
    keys: str
    verdict: str = "unreviewed"
    reason: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.code, self.place, self.keys)

    def line(self) -> str:
        cols = [self.code, self.place, self.keys, self.verdict]
        if self.reason:
            cols.append(self.reason)
        return "\t".join(cols)

    def short(self) -> str:
        keys = self.keys if len(self.keys) <= 100 else self.keys[:99] + "…"
        return f"{self.code}  {self.place}  {keys}"


# --------------------------------------------------------------------------- real files


def real_files(shared: Path = SHARED) -> list[Path]:
    """Every real report in ``shared``, in a stable order."""
    out: list[Path] = []
    for folder, pattern in PATTERNS:
        out.extend(sorted(p for p in (shared / folder).glob(pattern) if p.is_file()))
    return out


def golden_path(real: Path, golden: Path = GOLDEN) -> Path:
    return golden / f"{real.name}.tsv"


# --------------------------------------------------------------------------- rendering findings


def _is_text(value: str) -> bool:
    return not (_NUMERAL.match(value) or _KEYLIKE.match(value))


def _scalar(value: Any) -> Optional[str]:
    """A scalar as written in ``keys``; None for report text (left out)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    s = str(value)
    if _is_text(s):
        return None
    return _UNSAFE.sub("_", s) if s else '""'


def _value(value: Any) -> Optional[str]:
    if isinstance(value, dict):
        parts = [
            f"{k}={r}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0])) if (r := _value(v)) is not None
        ]
        return "{" + ",".join(parts) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        return "[" + _items(items) + "]"
    return _scalar(value)


def _tuple(item: Iterable[Any]) -> str:
    """A tuple of a list, ``a/b``: empty text dropped at the end, report text as ``*``."""
    parts = [v if (v := _value(x)) is not None else "*" for x in item]
    while parts and parts[-1] == '""':
        parts.pop()
    return "/".join(parts)


def _items(items: list[Any]) -> str:
    # Tuples sharing their first item are grouped: [carried(natural,business),partial(natural)].
    if items and all(isinstance(x, (list, tuple)) and len(x) >= 2 for x in items):
        groups: list[tuple[str, list[str]]] = []
        for x in items:
            head = _value(x[0])
            head = "*" if head is None else head
            rest = _tuple(x[1:])
            if groups and groups[-1][0] == head:
                groups[-1][1].append(rest)
            else:
                groups.append((head, [rest]))
        return ",".join(f"{h}({','.join(r)})" for h, r in groups)
    return ",".join(v if (v := _value(x)) is not None else "*" for x in items)


def render_keys(data: dict) -> str:
    parts = []
    for k in sorted(data, key=str):
        if k in TEXT_KEYS:
            continue
        v = _value(data[k])
        if v is not None:
            parts.append(f"{k}={v}")
    return " ".join(parts) or "-"


def render_place(d: Any) -> str:
    if d.region is not None:
        return f"{d.region.start_line}:{d.region.start_column}"
    if d.place is not None:
        s = d.place.describe("zh")
        if s:
            return s
    return "-"


def current(real: Path) -> list[Entry]:
    """govlint's findings on one real file now, as unreviewed entries."""
    from govlint.api import lint_path

    res = lint_path(str(real))
    return [Entry(d.code, render_place(d), render_keys(d.data)) for d in res.diagnostics]


# --------------------------------------------------------------------------- the lists


def read_list(path: Path) -> list[Entry]:
    """The entries of a golden list (empty when there is none). Raises ValueError for a malformed line."""
    if not path.is_file():
        return []
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 4 or len(cols) > 5:
            raise ValueError(f"{path}:{n}: expected 4 or 5 tab-separated columns, found {len(cols)}")
        if cols[3] not in VERDICTS:
            raise ValueError(f"{path}:{n}: verdict {cols[3]!r} is not one of {', '.join(VERDICTS)}")
        out.append(Entry(*cols))
    return out


def write_list(path: Path, name: str, entries: list[Entry]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = HEADER.format(name=name) + "".join(e.line() + "\n" for e in entries)
    path.write_text(text, encoding="utf-8")


def merge(old: list[Entry], new: list[Entry]) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """The new list with the old verdicts kept; also (added, lost). Equal keys pair up in order."""
    pool: dict[tuple, deque[Entry]] = defaultdict(deque)
    for e in old:
        pool[e.key].append(e)
    merged, added = [], []
    for e in new:
        if pool[e.key]:
            was = pool[e.key].popleft()
            merged.append(Entry(e.code, e.place, e.keys, was.verdict, was.reason))
        else:
            merged.append(e)
            added.append(e)
    lost = [e for q in pool.values() for e in q]
    return merged, added, lost


def diff(name: str, added: list[Entry], lost: list[Entry]) -> list[str]:
    out = []
    for e in lost:
        out.append(
            f"{name}: - no longer found (was {e.verdict}): {e.short()}" + (f"  [{e.reason}]" if e.reason else "")
        )
    for e in added:
        out.append(f"{name}: + new finding: {e.short()}")
    return out


def select(files: list[Path], wanted: list[str]) -> list[Path]:
    if not wanted:
        return files
    return [f for f in files if any(f.name == w or f.name.startswith(w) for w in wanted)]


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="only these real files (file name or its start)")
    ap.add_argument("--check", action="store_true", help="print the difference only; exit 1 if a list is out of date")
    ap.add_argument("--shared", type=Path, default=SHARED, help=f"where the real reports are (default {SHARED})")
    ap.add_argument("--golden", type=Path, default=GOLDEN, help=f"where the lists are (default {GOLDEN})")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    files = select(real_files(args.shared), args.files)
    if not files:
        print(f"no real reports found in {args.shared}", file=sys.stderr)
        return 2
    changed = 0
    unreviewed = 0
    for real in files:
        path = golden_path(real, args.golden)
        old = read_list(path)
        merged, added, lost = merge(old, current(real))
        for line in diff(real.name, added, lost):
            print(line)
        unreviewed += sum(e.verdict == "unreviewed" for e in merged)
        if added or lost or not path.is_file():
            changed += 1
            if not args.check:
                write_list(path, real.name, merged)
        elif not args.check:
            write_list(path, real.name, merged)  # same entries; keeps the header current
    if not args.files:
        names = {golden_path(f, args.golden).name for f in files}
        for stray in sorted(args.golden.glob("*.tsv")):
            if stray.name not in names:
                print(f"{stray.name}: a list with no real report beside it in {args.shared}")
    state = "out of date" if args.check else "rewritten"
    print(
        f"{len(files)} real report(s); {f'{changed} list(s) {state}' if changed else 'every list unchanged'}; "
        f"{unreviewed} unreviewed finding(s)"
    )
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
