"""Finding the article: the element that holds the report's section headings and statistics tables, and little else.

Found by what the page says, not by a site's class names. Without section
headings, the element holding the most report prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .chrome import chrome_chars, is_chrome
from .tags import BLOCK
from .units import Table, Unit
from .walk import Walker

_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Found:
    pre: Optional[int]  # the article's element (a preorder number), None where there is none
    how: str  # for Document.evidence


def prose(u: Unit) -> int:
    """Chinese characters of report prose in a unit (0 for chrome and link lists)."""
    if isinstance(u, Table):
        return 20 if u.stat else 0
    if u.prose < 0:
        n = 0 if u.link >= 0.3 or is_chrome(u) else len(_CJK_CHAR.findall(u.text, 0, 4000))
        u.prose = n if n >= 15 else 0
    return u.prose


def _describe(w: Walker, a: int) -> str:
    cls = f" class={w.classes[a]}" if w.classes[a] else ""
    return f"<{w.tags[a]}{cls}> at line {w.slines[a]}"


def find_article(w: Walker) -> Found:
    headings = [m for m in w.markers if m[0] == "heading"]
    if headings and len(w.markers) >= 2:
        return _by_headings(w, headings)
    return _by_prose(w)


def _by_headings(w: Walker, headings: list[tuple[str, str, tuple[int, ...]]]) -> Found:
    """The innermost element holding every marker, widened by report prose beside it."""
    units = w.units
    paths = [m[2] for m in w.markers]
    common = 0
    shortest = min(len(p) for p in paths)
    while common < shortest and all(p[common] == paths[0][common] for p in paths):
        common += 1
    if common == 0:
        return Found(None, "no element holds all the section headings")
    best = paths[0][common - 1]
    # Prose that belongs to the report but sits beside the headings' container (an opening
    # paragraph above it, a signature below) widens the article, while chrome does not.
    cand = best
    for _ in range(3):
        cand = w.parent[cand]
        if cand < 0 or w.tags[cand] == "html":
            break
        extra = [u for u in units if w.holds(cand, u) and not w.holds(best, u)]
        n_prose = sum(prose(u) for u in extra)
        chrome = sum(chrome_chars(u) for u in extra)
        if n_prose and n_prose >= chrome:
            best = cand
    n_head = len({m[1] for m in headings})
    n_tab = sum(1 for u in units if isinstance(u, Table) and u.stat and w.holds(best, u))
    return Found(best, f"article: {_describe(w, best)} with {n_head} section headings and {n_tab} statistics tables")


def _by_prose(w: Walker) -> Found:
    """No section headings: the element holding the most prose."""
    score: dict[int, float] = {}
    for u in w.units:
        n = prose(u)
        if not n:
            continue
        anchor = u.pre
        tag = w.tags[anchor]
        # A paragraph scores for its container (and half for the container's container).
        p = w.parent[anchor] if tag not in BLOCK or tag in ("p", "td", "li") else anchor
        for k, share in ((p, 1.0), (w.parent[p] if p >= 0 else -1, 0.5)):
            if k >= 0:
                score[k] = score.get(k, 0.0) + n * share
    if not score:
        return Found(None, "no article found: the page has no section headings and no prose")
    best = max(score, key=lambda k: (score[k], k))
    if score[best] < 30:
        return Found(None, "no article found: the page has no section headings and little prose")
    return Found(best, f"article: {_describe(w, best)}, the block with the most prose (no section headings found)")
