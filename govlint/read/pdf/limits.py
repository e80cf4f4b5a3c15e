"""The bounds on the work a hostile file can ask of the PDF reader.

A report has a few dozen pages of about a thousand characters and a few
hundred drawn lines each; anything far past that is not a report.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PAGES = 500
MAX_CHARS_PAGE = 20_000
MAX_OBJECTS_PAGE = 20_000  # lines, rects and curves drawn on one page
MAX_SEGMENTS_PAGE = 2_000  # axis-aligned rulings kept on one page; beyond, the page's tables are not read
MAX_STREAM_PAGE = 8 << 20  # decoded bytes of one page's content streams
MAX_GRID_POSITIONS = 5_000  # rows x columns of one table


@dataclass(frozen=True)
class Limits:
    """The bounds one reading works within, handed down the stages instead of read from globals."""

    pages: int = MAX_PAGES
    chars_page: int = MAX_CHARS_PAGE
    objects_page: int = MAX_OBJECTS_PAGE
    segments_page: int = MAX_SEGMENTS_PAGE
    stream_page: int = MAX_STREAM_PAGE
    grid_positions: int = MAX_GRID_POSITIONS
