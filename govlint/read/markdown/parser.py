"""The markdown-it parser, built on first use so that a run without Markdown files never imports it."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def markdown_it() -> Any:
    """The one parser of the process (markdown-it keeps no state between ``parse`` calls)."""
    from markdown_it import MarkdownIt

    # Emphasis is read here, not by markdown-it: its delimiter matching is quadratic on
    # hostile runs (``*a **`` × 20,000 took 12 s with markdown-it-py 3.0, the last release for
    # Python 3.9), and a report only ever uses ``**bold**`` lines.
    return MarkdownIt("commonmark").enable("table").disable("emphasis")
