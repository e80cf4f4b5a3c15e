"""One page of the file, from pdfplumber's layout of it to a ``Page``: its characters, rulings and images."""

from __future__ import annotations

from typing import Any, Optional

from .advice import too_big
from .chars import read_chars
from .geometry import Flip
from .limits import Limits
from .model import Page, Seg
from .rulings import read_rulings

# pdfminer's layout classes the reader uses, by name, as pdfplumber sorts them; the rest
# (LTAnno, the spaces pdfminer adds between words) carry nothing the reader needs.
_KINDS = ("LTChar", "LTLine", "LTRect", "LTCurve", "LTImage")


def read_page(page: Any, limits: Limits) -> Page:
    """Read a ``pdfplumber.page.Page``; ``Unreadable`` when it holds far more than a report page."""
    from pdfminer.layout import LTContainer

    number = page.page_number
    found: dict[str, list[Any]] = {kind: [] for kind in _KINDS}
    _gather(page.layout, found, LTContainer)
    raw_chars = found["LTChar"]
    if len(raw_chars) > limits.chars_page:
        raise too_big(f"page {number} holds {len(raw_chars)} characters", f"第{number}页有 {len(raw_chars)} 个字符")
    drawn = len(found["LTLine"]) + len(found["LTRect"]) + len(found["LTCurve"])
    if drawn > limits.objects_page:
        raise too_big(f"page {number} holds {drawn} drawn shapes", f"第{number}页有 {drawn} 个绘制图形")
    flip = Flip.of(page)
    segments: Optional[list[Seg]] = read_rulings(found["LTLine"], found["LTRect"], found["LTCurve"], flip)
    if len(segments) > limits.segments_page:
        segments = None
    return Page(number, float(page.width), float(flip.height), read_chars(raw_chars, flip), segments, len(found["LTImage"]))


def _gather(container: Any, found: dict[str, list[Any]], container_type: type) -> None:
    """Sort the layout objects into ``found`` by kind, in drawing order, looking inside figures (form XObjects)."""
    for obj in container:
        if isinstance(obj, container_type):
            _gather(obj, found, container_type)
            continue
        bucket = found.get(type(obj).__name__)
        if bucket is not None:
            bucket.append(obj)
