"""The visible axis-aligned rulings of one page, from the lines, rectangles and curves drawn on it."""

from __future__ import annotations

from typing import Any

from .geometry import Flip
from .model import Seg


def is_white(color: Any) -> bool:
    """Whether a drawing colour (gray, RGB or CMYK) is white: invisible on the page."""
    if color is None or isinstance(color, str):
        return False
    values = [color] if isinstance(color, (int, float)) else list(color)
    try:
        nums = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(nums) == 1:
        return nums[0] >= 0.95
    if len(nums) == 3:
        return min(nums) >= 0.95
    if len(nums) == 4:
        return max(nums) <= 0.05
    return False


def read_rulings(lines: list[Any], rects: list[Any], curves: list[Any], flip: Flip) -> list[Seg]:
    """The rulings drawn by pdfminer's ``LTLine``, ``LTRect`` and ``LTCurve`` objects.

    Stroked lines and rectangle outlines count; so do thin filled bars (some
    producers draw borders that way). A wide filled rectangle is shading, and
    a white one is invisible (WPS puts one under every line of text): neither
    rules a table.
    """
    out: list[Seg] = []

    def add(x0: float, top: float, x1: float, bottom: float) -> None:
        w, h = x1 - x0, bottom - top
        if w >= h and w >= 2:
            out.append(Seg(True, (top + bottom) / 2, x0, x1))
        elif h > w and h >= 2:
            out.append(Seg(False, (x0 + x1) / 2, top, bottom))

    for obj in lines:
        if obj.stroke and not is_white(obj.stroking_color):
            pts = [flip.point(pt) for pt in obj.pts or []]
            if len(pts) == 2 and (abs(pts[0][0] - pts[1][0]) < 1 or abs(pts[0][1] - pts[1][1]) < 1):
                add(*flip.box(obj))
    for obj in rects:
        x0, top, x1, bottom = flip.box(obj)
        thin = min(x1 - x0, bottom - top) <= 2.5
        if obj.stroke and not is_white(obj.stroking_color):
            if thin:
                add(x0, top, x1, bottom)
            else:
                add(x0, top, x1, top)
                add(x0, bottom, x1, bottom)
                add(x0, top, x0, bottom)
                add(x1, top, x1, bottom)
        elif obj.fill and thin and not is_white(obj.non_stroking_color):
            add(x0, top, x1, bottom)
    for obj in curves:
        x0, top, x1, bottom = flip.box(obj)
        if obj.stroke and not is_white(obj.stroking_color):
            pts = [flip.point(pt) for pt in obj.pts or []]
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                if abs(ax - bx) < 0.5 or abs(ay - by) < 0.5:
                    add(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        elif obj.fill and min(x1 - x0, bottom - top) <= 2.5 and not is_white(obj.non_stroking_color):
            add(x0, top, x1, bottom)
    return out
