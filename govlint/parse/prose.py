"""The report's prose as rules query it: blocks, sentences, the numbers they state.

Computed once by the builder, after the sections are known, so that every
rule reads the same sentences with the same boundaries and no rule slices
the source text itself.
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import OPENING, Block, Report, Sentence, Span, StatedNumber

# A sentence ends at 。；！？ (and their ASCII forms); a block's end ends one too.
_SENTENCE = re.compile(r"[^。；;！!？?]+")
# A count as the prose writes it: digits with thousands separators, then a measure word (a year,
# a date, a decimal is not a count). Starts only where a run of digits and commas starts (a start
# inside the run would rescan the rest of it: quadratic in a long run); the look-ahead lets the
# engine skip other characters at once.
_NUMBER = re.compile(r"(?=\d)(?<![\d,.])(\d[\d,]*)(?![\d.])\s*(件|人次|个|次|条|篇|期|场|项|家|人|份|户|批)")
# How much of the sentence around a number is kept: every wording of a count that rules
# recognise fits (a keyword, a gap of at most 16 characters, another keyword, another gap).
CONTEXT = 48
# Digits beyond this are not a count anyone states (and int() refuses a few thousand digits).
_MAX_DIGITS = 15
# A long report has a few thousand sentences and a few hundred counts; a file with far more is
# hostile or not prose, and holding every piece of it would cost memory in proportion.
# Past these the prose rules see the first ones only.
MAX_SENTENCES = 100_000
MAX_NUMBERS = 20_000


def blocks(report: Report) -> list[Block]:
    """Every paragraph, section heading and sub-heading, in text order, with the section it is in."""
    text = report.source.text
    first = min((s.heading.span.start for s in report.sections), default=len(text))
    owner: dict[Span, str] = {}
    out: dict[Span, Block] = {}
    for s in report.sections:
        out[s.heading.span] = Block(text[s.heading.span.start : s.heading.span.end], s.heading.span, "heading", s.key)
        for p in s.paragraphs:
            owner[p] = s.key
        for h in s.subsections:
            out.setdefault(h.span, Block(text[h.span.start : h.span.end], h.span, "subheading", s.key))
    for span in [*report.paragraphs, *owner]:
        if span not in out:
            out[span] = Block(text[span.start : span.end], span, "paragraph", _where(span, owner, first))
    for h in report.headings:  # a stray heading before the first section: part of the opening
        if h.span not in out:
            out[h.span] = Block(text[h.span.start : h.span.end], h.span, "heading", OPENING if h.span.end <= first else None)
    return sorted(out.values(), key=lambda b: (b.span.start, b.span.end))


def _where(span: Span, owner: dict[Span, str], first: int) -> Optional[str]:
    if span in owner:
        return owner[span]
    return OPENING if span.end <= first else None


def sentences(found: list[Block]) -> list[Sentence]:
    out: list[Sentence] = []
    for i, b in enumerate(found):
        for m in _SENTENCE.finditer(b.text):
            out.append(Sentence(m.group(), Span(b.span.start + m.start(), b.span.start + m.end()), i, b.kind, b.section))
            if len(out) >= MAX_SENTENCES:
                return out
    return out


def numbers(found: list[Sentence]) -> list[StatedNumber]:
    out: list[StatedNumber] = []
    for i, s in enumerate(found):
        t = s.text
        for m in _NUMBER.finditer(t):  # the look-ahead skips a sentence without digits at C speed
            digits = m.group(1).replace(",", "")
            if not digits.isdecimal() or len(digits) > _MAX_DIGITS:
                continue
            a, b = m.span(1)
            out.append(
                StatedNumber(
                    value=int(digits),
                    digits=digits,
                    unit=m.group(2),
                    span=s.at(a, b),
                    sentence=i,
                    before=t[max(0, a - CONTEXT) : a],
                    after=t[b : b + CONTEXT],
                )
            )
            if len(out) >= MAX_NUMBERS:
                return out
    return out


def fill(report: Report) -> None:
    """Give ``report`` its blocks, sentences and stated numbers."""
    report.blocks = blocks(report)
    report.sentences = sentences(report.blocks)
    report.numbers = numbers(report.sentences)
