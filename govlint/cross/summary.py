"""What a report keeps for the rules that compare reports: a few facts, some cells, fingerprints.

Made in the process that parsed the report, right after its own rules ran,
so the report itself can be dropped; small enough to keep thousands of
(``array`` columns, not an object per sentence), and plain data for the
cache (``as_json`` / ``from_json``).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from ..model import Place, Region, Report, Source, Span
from .fingerprint import MIN_CHARS, fingerprint, normalise
from .issuer import key_text

# How much of each sentence is kept to quote it in a message.
QUOTE = 24
# The sections whose prose is compared (the tables' sections too: their prose, not their cells).
# Not 六: its items are the template's (（一）信息处理费收取情况 …) and its text mostly formulas and the
# signature, the same every year by right.
SECTIONS = ("overview", "proactive", "requests", "review", "problems")
# An item heading run into its paragraph (（一）信息处理费收取情况。…): the template's words, not the report's.
# Characters beyond the BMP: SARIF columns (UTF-16 units) differ from characters only after one.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_ITEM = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[）)]")
_ITEM_CHARS = 20


@dataclass
class CellFact:
    """One cell as its report read it, and where it is in that file."""

    value: Optional[float]  # the arithmetic value (a blank counts 0); None: not certain, or text
    raw: str
    region: Optional[Region] = None
    place: Optional[Place] = None
    line: str = ""  # the source line of ``region``, where output needs it to convert columns (see _line)


@dataclass
class SectionPrint:
    """A section's prose as fingerprints: one entry per sentence long enough to tell."""

    chars: int = 0  # normalised characters of all its sentences, short ones included
    hashes: array = field(default_factory=lambda: array("q"))
    sizes: array = field(default_factory=lambda: array("H"))
    quotes: list[str] = field(default_factory=list)
    region: Optional[Region] = None  # the heading, where a finding about the section points
    place: Optional[Place] = None
    line: str = ""


@dataclass
class Summary:
    path: str
    format: str = "text"
    issuer: Optional[str] = None
    issuer_key: str = ""  # innermost place / body (洪泽区/人民政府): what pairing compares first
    year: Optional[int] = None
    edition: Optional[str] = None
    editions: dict[str, str] = field(default_factory=dict)  # table id -> its edition
    # "3/carried/natural" -> (value, raw, region as four numbers, place, line): plain tuples, a
    # CellFact each only when asked for (an object per cell would be most of a summary's memory).
    cells: dict[str, tuple] = field(default_factory=dict)
    sections: dict[str, SectionPrint] = field(default_factory=dict)

    def cell(self, table: str, row: str, column: str) -> Optional[CellFact]:
        c = self.cells.get(f"{table}/{row}/{column}")
        if c is None:
            return None
        value, raw, region, place, line = c
        return CellFact(value, raw, Region(*region) if region else None, place, line)

    def places(self) -> Iterable[CellFact]:
        """Every kept cell (for the source lines findings point at)."""
        for key in self.cells:
            table, row, column = key.split("/", 2)
            found = self.cell(table, row, column)
            if found is not None:
                yield found

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "issuer": self.issuer,
            "issuer_key": self.issuer_key,
            "year": self.year,
            "edition": self.edition,
            "editions": self.editions,
            "cells": {k: [v, raw, list(r) if r else None, p.as_dict() if p else None, line] for k, (v, raw, r, p, line) in self.cells.items()},
            "sections": {
                k: [s.chars, list(s.hashes), list(s.sizes), s.quotes, _region(s.region), s.place.as_dict() if s.place else None, s.line]
                for k, s in self.sections.items()
            },
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Summary:
        """The summary of ``as_json``; raises (KeyError, TypeError, ValueError) for anything else."""
        s = cls(
            path=str(d["path"]),
            format=str(d["format"]),
            issuer=d["issuer"] if d["issuer"] is None else str(d["issuer"]),
            issuer_key=str(d["issuer_key"]),
            year=None if d["year"] is None else int(d["year"]),
            edition=d["edition"] if d["edition"] is None else str(d["edition"]),
            editions={str(k): str(v) for k, v in d["editions"].items()},
        )
        for k, (value, raw, region, place, line) in d["cells"].items():
            r = _as_region(region)
            s.cells[str(k)] = (
                None if value is None else float(value), str(raw), _region_tuple(r), _as_place(place), str(line)
            )
        for k, (chars, hashes, sizes, quotes, region, place, line) in d["sections"].items():
            if not (len(hashes) == len(sizes) == len(quotes)):
                raise ValueError("a section's fingerprints do not line up")
            s.sections[str(k)] = SectionPrint(
                int(chars), array("q", hashes), array("H", sizes), [str(q) for q in quotes], _as_region(region), _as_place(place), str(line)
            )
        return s


def _region(r: Optional[Region]) -> Optional[list[int]]:
    return None if r is None else [r.start_line, r.start_column, r.end_line, r.end_column]


def _region_tuple(r: Optional[Region]) -> Optional[tuple[int, int, int, int]]:
    return None if r is None else (r.start_line, r.start_column, r.end_line, r.end_column)


def _as_region(v: Any) -> Optional[Region]:
    return None if v is None else Region(*(int(x) for x in v))


def _as_place(v: Any) -> Optional[Place]:
    return None if v is None else Place(**{k: v[k] for k in v})


def summarise(report: Report, cells: Iterable[tuple[str, str, str]], value_of) -> Summary:
    """The summary of ``report``: ``cells`` (table, row, column) are kept; ``value_of(table, row, column)``
    gives a cell's arithmetic value (None: not judged)."""
    src = report.source
    s = Summary(
        path=src.path,
        format=src.format,
        issuer=report.issuer,
        issuer_key=key_text(report.issuer),
        year=report.year,
        edition=report.edition,
        editions={t.id: t.edition for t in report.tables if t.edition},
    )
    tables = {t.id: t for t in report.tables}
    astral = _ASTRAL.search(src.text) is not None  # nearly never: then no line needs keeping
    for table_id, row, column in cells:
        t = tables.get(table_id)
        c = t.cell(row, column) if t is not None else None
        if t is None or c is None:
            continue
        region, place, line = _where(src, c.span, astral)
        value = value_of(t, row, column)
        s.cells[f"{table_id}/{row}/{column}"] = (None if value is None else float(value), c.raw, _region_tuple(region), place, line)
    for sec in report.sections:
        if sec.key not in SECTIONS:
            continue
        p = SectionPrint()
        p.region, p.place, p.line = _where(src, sec.heading.span, astral)
        for sentence in report.sentences_in(sec.key, kinds=("paragraph",)):
            n = normalise(sentence.text)
            if _ITEM.match(sentence.text) and len(n) < _ITEM_CHARS:
                continue
            p.chars += len(n)
            if len(n) < MIN_CHARS:
                continue
            p.hashes.append(fingerprint(n))
            p.sizes.append(min(len(n), 65535))
            p.quotes.append(" ".join(sentence.text.split())[:QUOTE])
        if p.hashes:  # a section with nothing long enough to tell is not compared: not kept
            s.sections[sec.key] = p
    return s


def _where(src: Source, span: Optional[Span], astral: bool = True) -> tuple[Optional[Region], Optional[Place], str]:
    """Where a span is in the original file, as a finding made elsewhere needs it (``astral``: the text
    may hold a character beyond the BMP; where it does not, no line is kept)."""
    if span is None:
        return None, None, ""
    if src.origin is None:
        region = src.region(span)
        return region, None, _line(src, region.start_line) if astral else ""
    place = src.place(span)
    region = src.region(span) if place is not None and place.textual else None
    line = src.original_line(region.start_line) if region is not None and src.original is not None else ""
    return region, place, line if _ASTRAL.search(line) else ""


def _line(src: Source, n: int) -> str:
    """Line ``n``, kept only where output needs it: SARIF counts columns in UTF-16 units, which differ
    from characters only after a character beyond the BMP (rare: the line is then kept)."""
    starts = src.line_starts
    if not 0 < n <= len(starts):
        return ""
    end = starts[n] if n < len(starts) else len(src.text)
    line = src.text[starts[n - 1] : end]
    return line if _ASTRAL.search(line) else ""
