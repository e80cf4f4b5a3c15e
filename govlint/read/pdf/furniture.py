"""Page furniture: page numbers and running headers and footers, taken out of the text into ``Document.dropped``."""

from __future__ import annotations

import re

from ..document import Place
from .model import Item, Line, Page

# A page number once the decoration around it (``- 3 -``, ``— 3 —``) is stripped and runs of
# spaces are one: ``3``, ``第3页``, ``第 3 页 共 5 页``, ``3/5``. Bounded repeats only: it stays linear.
_PAGE_NUMBER = re.compile(r"(?:page ?)?(?:第 ?)?\d{1,4}(?: ?页)?(?: ?(?:[/／,，]|of|共) ?(?:共 ?)?\d{1,4}(?: ?页)?)?", re.I)
_DECORATION = " \t\u3000-—–－―~·•"


def page_number(text: str) -> bool:
    """Whether a line's text is a page number (``- 3 -``, ``第3页``, ``3/5``, ``Page 3 of 5``)."""
    core = " ".join(text.split()).strip(_DECORATION)
    return bool(core) and len(core) <= 24 and _PAGE_NUMBER.fullmatch(core) is not None


def _norm_furniture(text: str) -> str:
    """The text a running header keeps from page to page: without spaces, any number the same."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def drop_furniture(pages: list[Page], items: dict[int, list[Item]], dropped: list[tuple[str, str, Place]]) -> None:
    """Remove page numbers and running headers/footers from the first and last lines of each page."""
    # Running headers/footers: the same text (numbers aside) at the same height on most pages.
    seen: list[tuple[str, float, set[int]]] = []
    for p in pages:
        for line in _edge_lines(items[p.number], p):
            key = _norm_furniture(line.text)
            for text, y, where in seen:
                if text == key and abs(y - line.top) <= 6:
                    where.add(p.number)
                    break
            else:
                seen.append((key, line.top, {p.number}))
    running = [(text, y) for text, y, where in seen if len(where) >= max(2, 0.4 * len(pages))] if len(pages) > 1 else []
    for p in pages:
        page_items = items[p.number]
        for line in _edge_lines(page_items, p):
            key = _norm_furniture(line.text)
            kind = ""
            if page_number(line.text):
                kind = "page-number"
            elif any(key == text and abs(y - line.top) <= 6 for text, y in running):
                kind = "running-header" if line.top < p.height / 2 else "running-footer"
            if kind:
                page_items.remove(line)
                dropped.append((kind, line.text, Place(page=p.number)))


def _edge_lines(page_items: list[Item], page: Page) -> list[Line]:
    """The first two and last two lines of a page, when they are lines (not tables) in its margins.

    A page number dressed as one (``- 3 -``, ``第3页``) counts wherever the page's text ends;
    a bare number only in the margin.
    """
    out: list[Line] = []
    for seq in (page_items[:2], page_items[::-1][:2]):
        for item in seq:
            if not isinstance(item, Line):
                break
            in_margin = item.bottom <= page.height * 0.15 or item.top >= page.height * 0.85
            if not in_margin and not (page_number(item.text) and not item.text.strip().isdigit()):
                break
            if item not in out:
                out.append(item)
    return out
