"""A YAML front matter block at the top: where it ends, and the title it may state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..document import Place
from .limits import FRONT_MATTER_LINES


@dataclass
class FrontMatter:
    end: int  # 0-based line after the closing ``---``: lines before it are not the report's
    text: str  # what lies between the fences, for ``Document.dropped``
    titles: list[tuple[str, Place]] = field(default_factory=list)


def front_matter_end(lines: list[str]) -> Optional[int]:
    """The line after a YAML front matter block (``---`` … ``---``) at the top, or None."""
    if not lines or lines[0].strip() != "---" or len(lines) < 3 or ":" not in lines[1]:
        return None
    for k in range(1, min(len(lines), FRONT_MATTER_LINES)):
        if lines[k].strip() in ("---", "..."):
            return k + 1
    return None


def front_matter(lines: list[str]) -> Optional[FrontMatter]:
    """The front matter block at the top, with its ``title:`` values as title hints, or None."""
    end = front_matter_end(lines)
    if not end:
        return None
    found = FrontMatter(end, "\n".join(lines[1 : end - 1]))
    for k in range(1, end - 1):
        key, _, value = lines[k].partition(":")
        if key.strip().lower() == "title" and value.strip().strip("'\""):
            found.titles.append((value.strip().strip("'\""), Place(line=k + 1, col=lines[k].index(":") + 2)))
    return found
