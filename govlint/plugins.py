"""The plugin manager: built-ins and installed plugins through the same door.

This is the one piece of process-wide state govlint keeps: plugins are
discovered once per process.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import pluggy

from . import hookspecs

# Built-in plugins, registered exactly as a third-party plugin would be.
BUILTIN = (
    "govlint.read.text",
    "govlint.checks.input",
    "govlint.checks.structure",
    "govlint.checks.tables",
    "govlint.checks.content",
    "govlint.checks.dates",
    "govlint.checks.hygiene",
    "govlint.report.text",
    "govlint.report.sarif",
    "govlint.report.jsonfmt",
    "govlint.report.github",
)


@lru_cache(maxsize=1)
def plugin_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager("govlint")
    pm.add_hookspecs(hookspecs)
    for name in BUILTIN:
        pm.register(importlib.import_module(name), name=name)
    pm.load_setuptools_entrypoints("govlint")
    pm.check_pending()
    return pm


def readers() -> list:
    found = [r for group in plugin_manager().hook.govlint_readers() for r in group]
    return sorted(found, key=lambda r: -getattr(r, "priority", 0))


def rules() -> list:
    found = [r for group in plugin_manager().hook.govlint_rules() for r in group]
    return sorted(found, key=lambda r: r.code)


def formatters() -> dict:
    return {f.name: f for group in plugin_manager().hook.govlint_formatters() for f in group}
