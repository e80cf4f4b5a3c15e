"""From pdfminer's page coordinates to pdfplumber's, the ones every later stage works in.

pdfminer measures y up from the bottom of the media box; pdfplumber turns
the page over so that y runs down from its top. The reader takes pdfminer's
layout objects as they are (building pdfplumber's dictionary of every
attribute of every object costs more than the rest of the reading), so it
does the same arithmetic pdfplumber does, in the same order, to land on the
same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Flip:
    """One page's turn-over: its media box's left and top, and its height."""

    left: float
    top: float
    height: float

    @classmethod
    def of(cls, page: Any) -> Flip:
        """The turn-over of a ``pdfplumber.page.Page``."""
        return cls(page.mediabox[0], page.mediabox[1], page.height)

    def box(self, obj: Any) -> tuple[float, float, float, float]:
        """A layout object's x0, top, x1, bottom."""
        x0, x1 = obj.x0, obj.x1
        if self.left != 0:
            x0, x1 = x0 + self.left, x1 + self.left
        return float(x0), float((self.height - obj.y1) + self.top), float(x1), float((self.height - obj.y0) + self.top)

    def point(self, pt: tuple[float, float]) -> tuple[float, float]:
        """A point of a drawn path."""
        return (self.left + pt[0], self.top + self.height - pt[1])
