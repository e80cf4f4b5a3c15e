"""Names a package exports, imported from their modules on first use (PEP 562).

A package whose ``__init__`` imported every stage would make any import of
one of its modules (a reader's sniffing, the version) pay for all of them;
with this, ``from govlint.read.html import HtmlReader`` still works and
loads only what that name needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Callable


def exports(package: str, names: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``names`` maps each exported name to its module."""
    namespace = import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module}", package), name)
        namespace[name] = value  # once: later lookups do not come here
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__
