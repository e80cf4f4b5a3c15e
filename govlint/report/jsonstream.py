"""Write a JSON document whose one large list is streamed, item by item.

The JSON and SARIF formatters hold one big list (files, results) inside a
small document. Dumping the whole document with ``indent`` would hold every
result in memory and run Python's slow pretty-printer over all of it. Here
the small document (the skeleton) is pretty-printed, each item of the big
list is written compactly on a line of its own as soon as it is known (the C
encoder), and values that are only known at the end (a summary) are filled in
last. The output is one valid JSON document.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable

ITEMS = "\x00items\x00"  # where the streamed list goes in the skeleton


def later(name: str) -> str:
    """A placeholder in the skeleton for a value known only at the end."""
    return f"\x00later:{name}\x00"


def _dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


def stream_document(skeleton: dict, items: Iterable[Any], finish: Callable[[], dict[str, Any]], write: Callable[[str], Any]) -> None:
    """Write ``skeleton`` with ``items`` in place of ``ITEMS`` and ``finish()[name]``
    in place of each ``later(name)``; ``finish`` is called after the last item."""
    text = _dumps(skeleton, indent=2)
    token = _dumps(ITEMS)
    at = text.index(token)
    depth = _indent_of(text, at) + 2
    write(text[:at] + "[")
    count = 0
    for item in items:
        write(("\n" if count == 0 else ",\n") + " " * depth + _dumps(item))
        count += 1
    write(("\n" + " " * (depth - 2) if count else "") + "]")
    rest = text[at + len(token) :]
    for name, value in finish().items():
        placeholder = _dumps(later(name))
        i = rest.find(placeholder)
        if i < 0:
            continue
        pad = " " * _indent_of(rest, i)
        rendered = _dumps(value, indent=2).replace("\n", "\n" + pad)
        rest = rest[:i] + rendered + rest[i + len(placeholder) :]
    write(rest + "\n")


def _indent_of(text: str, pos: int) -> int:
    """Indentation of the line holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    line = text[start:pos]
    return len(line) - len(line.lstrip(" "))
