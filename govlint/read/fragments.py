"""Cut decoded text into fragments according to its layout.

A fragment is a stretch of original text plus what the layout says about it:

  line    running text (prose, headings, or table words that may continue
          on the next line, as in PDF text)
  cell    one table cell whose boundaries the layout makes certain
  blank   an empty cell the layout kept (a lone ``|`` line, a bare tab line)
  sep     a row separator (``||``, ``|||``): no cell
  chrome  a page number or a run of ``|`` left by page layout
  break   an empty line

The lexer turns fragments into tokens; it never needs to know the layout
except through these kinds.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from .layout import PAGE_NUMBER, PAGE_NUMBER_STARTS

_EOL = re.compile(r"\r\n|\r|\n")
_NUMERIC = re.compile(r"^[+\-]?\d[\d,]*(?:\.\d+)?(?:万元|元|%)?$")
_PIPE_RUN = re.compile(r"\|{2,}")
_NOT_PIPE = re.compile(r"[^|]+")
_CLAUSE_MARK = re.compile(r"[。；，,]")
_WORDS = re.compile(r"\S+(?: \S+)*")


class Fragment(NamedTuple):
    # A named tuple, not a dataclass: a report has thousands and they are made in a hot loop.
    kind: str
    start: int
    end: int
    text: str


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line without its line end) for every line (LF, CRLF or CR)."""
    pos = 0
    for m in _EOL.finditer(text):
        yield pos, text[pos : m.start()]
        pos = m.end()
    if pos < len(text) or not text:
        yield pos, text[pos:]


def _trimmed(offset: int, s: str, kind: str) -> Fragment | None:
    lead = len(s) - len(s.lstrip())
    body = s.strip()
    if not body:
        return None
    return Fragment(kind, offset + lead, offset + lead + len(body), body)


def fragments(text: str, layout: str) -> list[Fragment]:
    cut = {
        "pipe": _pipe,
        "tab": _tab,
        "pdf-layout": _aligned,
    }.get(layout, _plain)
    out: list[Fragment] = []
    for offset, line in _lines(text):
        first = line.lstrip()[:1]
        if not first:
            out.append(Fragment("break", offset, offset + len(line), ""))
            continue
        if first in PAGE_NUMBER_STARTS and PAGE_NUMBER.match(line):
            f = _trimmed(offset, line.replace("\f", " "), "chrome")
            if f:
                out.append(f)
            continue
        out.extend(cut(offset, line, out))
    return out


def _plain(offset: int, line: str, prev: list[Fragment]) -> list[Fragment]:
    """Lines of prose or PDF text: a one-number line is a cell, pipe runs are chrome."""
    out: list[Fragment] = []
    pos = 0
    for m in _PIPE_RUN.finditer(line):
        if m.start() > pos:
            f = _trimmed(offset + pos, line[pos : m.start()], "line")
            if f:
                out.append(f)
        out.append(Fragment("chrome", offset + m.start(), offset + m.end(), m.group()))
        pos = m.end()
    rest = line[pos:]
    stripped = rest.strip()
    if stripped == "|":
        return out
    if stripped.endswith("|"):
        rest = rest[: rest.rstrip().rfind("|")]
    f = _trimmed(offset + pos, rest.replace("\f", " "), "line")
    if f:
        if _NUMERIC.match(f.text):
            f = Fragment("cell", f.start, f.end, f.text)
        out.append(f)
    return out


def _pipe(offset: int, line: str, prev: list[Fragment]) -> list[Fragment]:
    """HTML export: ``text |`` is a cell, ``|`` a blank cell, ``||…`` a row separator."""
    stripped = line.strip()
    if not stripped.strip("|"):
        if len(stripped) == 1:
            return [Fragment("blank", offset + line.find("|"), offset + line.find("|") + 1, "")]
        if len(stripped) > 40:
            return [_trimmed(offset, line, "chrome")]  # type: ignore[list-item]
        return [_trimmed(offset, line, "sep")]  # type: ignore[list-item]
    if not stripped.endswith("|"):
        return _plain(offset, line, prev)
    parts = [p for p in _NOT_PIPE.finditer(line) if p.group().strip()]
    if len(parts) == 1 and len(parts[0].group().strip()) <= 120:
        p = parts[0]
        f = _trimmed(offset + p.start(), p.group(), "cell")
        tail = line[p.end() :].strip()
        out = [f] if f else []
        if len(tail) > 40:
            start = offset + p.end() + line[p.end() :].find("|")
            out.append(Fragment("chrome", start, start + len(tail), tail))
        return out
    # A long paragraph closed by a pipe, or several cells on one line (page metadata).
    return _plain(offset, line, prev)


def _tab(offset: int, line: str, prev: list[Fragment]) -> list[Fragment]:
    """.docx export: ``\\tX`` is a cell, a bare ``\\t`` a blank cell.

    A short line without a tab right after a cell continues that cell (header
    cells broken over two lines, ``本年新`` / ``制作数量``).
    """
    if line.startswith("\t"):
        if not line.strip():
            return [Fragment("blank", offset, offset + 1, "")]
        f = _trimmed(offset, line, "cell")
        return [f] if f else []
    last = prev[-1] if prev else None
    stripped = line.strip()
    if (
        last is not None
        and last.kind == "cell"
        and len(stripped) <= 12
        and not _NUMERIC.match(stripped)
        and not _CLAUSE_MARK.search(stripped)
    ):
        f = _trimmed(offset, line, "cell")
        if f:
            prev[-1] = Fragment("cell", last.start, f.end, last.text + f.text)
        return []
    return _plain(offset, line, prev)


def _aligned(offset: int, line: str, prev: list[Fragment]) -> list[Fragment]:
    """``pdftotext -layout``: pieces separated by two or more spaces are separate cells."""
    body = line.replace("\f", " ")
    pieces = [m for m in _WORDS.finditer(body)]
    if len(pieces) <= 1:
        return _plain(offset, line, prev)
    out: list[Fragment] = []
    numeric = sum(1 for m in pieces if _NUMERIC.match(m.group()))
    if numeric == 0:
        # Text pieces only: prose with a wide gap, or header words. Keep as lines.
        for m in pieces:
            out.append(Fragment("line", offset + m.start(), offset + m.end(), m.group()))
        return out
    for m in pieces:
        words = m.group()
        if _NUMERIC.match(words):
            out.append(Fragment("cell", offset + m.start(), offset + m.end(), words))
        elif all(_NUMERIC.match(w) for w in words.split(" ")):
            # Numbers one space apart are still separate cells in an aligned grid.
            p = m.start()
            for w in words.split(" "):
                out.append(Fragment("cell", offset + p, offset + p + len(w), w))
                p += len(w) + 1
        else:
            out.append(Fragment("line", offset + m.start(), offset + m.end(), words))
    return out
