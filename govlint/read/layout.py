"""Which physical layout a text file is in, decided from its content.

The name of a file never decides its layout: reports are renamed, copied and
re-exported. The sniffer counts telltale lines:

  pipe        cells on their own line ending in ``|`` (HTML table export)
  tab         cells on lines indented with a tab (.docx export)
  pdf-layout  ``pdftotext -layout``: cells aligned in columns by runs of spaces
  pdf         ``pdftotext``: one fragment per line, page numbers like ``-1-``
  flattened   the body on one or a few very long lines, headings inline
  plain       ordinary lines of prose (no table structure seen)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LAYOUTS = ("pipe", "tab", "pdf-layout", "pdf", "flattened", "plain")

# \s*(?:[,，/]\s*)? rather than \s*[,，/]?\s*: the same text, but a long run of white space after
# 第1页 has one way to match instead of one per split (quadratic on every line that starts so).
PAGE_NUMBER = re.compile(r"^[\s\f]*(?:[-—－–]\s*\d{1,3}\s*[-—－–]|第\s*\d{1,3}\s*页(?:\s*(?:[,，/]\s*)?共\s*\d{1,3}\s*页)?)\s*$")
# What a page number's first character after white space is (str.isspace and \s agree): the pattern
# needs trying only on lines that start so.
PAGE_NUMBER_STARTS = "-—－–第"
_NUMBER_LINE = re.compile(r"^\s*[+\-]?\d+(?:\.\d+)?\s*$")
_GAP = re.compile(r"\S {3,}(?=\S)")


def _pipe_cell(line: str) -> bool:
    """``text |`` or a lone ``|`` run (string operations only: linear on any input)."""
    s = line.rstrip()
    if not s.endswith("|") or len(s) >= 200:
        return False
    body = s.rstrip("|")
    return not body.strip() or body[-1].isspace()


def _aligned(line: str) -> bool:
    """Two or more gaps of three spaces between words: columns aligned by spaces."""
    return len(_GAP.findall(line, 0, 2000)) >= 2


@dataclass(frozen=True)
class LayoutGuess:
    layout: str
    evidence: str  # a short English phrase for `govlint inspect`


def sniff(text: str) -> LayoutGuess:
    lines = text.splitlines()
    nonblank = [ln for ln in lines if ln.strip()]
    if not nonblank:
        return LayoutGuess("plain", "empty")
    n = len(nonblank)
    total = sum(map(len, nonblank))
    # Cheap string tests first: most lines are prose and fail them at once.
    pipe_cells = sum(1 for ln in nonblank if "|" in ln and _pipe_cell(ln))
    tab_cells = sum(1 for ln in lines if ln.startswith("\t"))
    short = [ln for ln in nonblank if len(ln.strip()) <= 60]  # page numbers and number lines are short
    page_numbers = sum(1 for ln in short if ln.lstrip()[:1] in PAGE_NUMBER_STARTS and PAGE_NUMBER.match(ln))
    form_feeds = text.count("\f")
    number_lines = sum(1 for ln in short if _NUMBER_LINE.match(ln))
    aligned = sum(1 for ln in nonblank if "   " in ln and _aligned(ln))
    longest = max(map(len, nonblank))

    if tab_cells >= 20 and tab_cells >= pipe_cells:
        return LayoutGuess("tab", f"{tab_cells} tab-indented cell lines")
    if pipe_cells >= 20:
        return LayoutGuess("pipe", f"{pipe_cells} cell lines ending in '|'")
    if page_numbers or form_feeds:
        if aligned >= 8 and aligned >= number_lines:
            return LayoutGuess("pdf-layout", f"{aligned} column-aligned lines, {page_numbers} page numbers")
        return LayoutGuess("pdf", f"{page_numbers} page numbers, {form_feeds} form feeds, {number_lines} one-number lines")
    if aligned >= 8:
        return LayoutGuess("pdf-layout", f"{aligned} column-aligned lines")
    if number_lines >= 30:
        return LayoutGuess("pdf", f"{number_lines} one-number lines")
    if longest >= 1000 and longest >= total * 0.4:
        return LayoutGuess("flattened", f"longest line {longest} characters of {total}")
    if n <= 15 and total / n > 300:
        return LayoutGuess("flattened", f"{n} lines averaging {total // n} characters")
    return LayoutGuess("plain", f"{n} lines of text")
