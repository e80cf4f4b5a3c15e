"""govlint: a compliance linter for 政府信息公开工作年度报告.

The stable Python API::

    import govlint
    result = govlint.lint_text(text)            # one report as a string
    for result in govlint.lint_paths(["reports/"]):
        for d in result.diagnostics:
            print(d.code, d.region, d.text("en"))
    report = govlint.parse_path("report.txt")   # the document model only
    sarif = govlint.render(results, "sarif")    # any output format, as a string

    # as the command line would run on reports/: its configuration, its rule packs
    settings = govlint.load_settings("reports/", overrides={"select": ["GL3"]})
    results = govlint.lint_paths(["reports/"], settings=settings)

Arguments that name nothing (an unknown rule code in a selection, an
unknown option) raise ``govlint.ConfigError``, a ``ValueError``, as the
command line stops with exit code 2.
"""

from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from .version import __version__

# The API's names load on first use (PEP 562): ``import govlint.cli`` or any other submodule does not
# pay for the whole pipeline, and a command that lints imports it when it gets there.
_NAMES = {
    "FileResult": "api",
    "lint_bytes": "api",
    "lint_many": "api",
    "lint_path": "api",
    "lint_paths": "api",
    "lint_text": "api",
    "load_settings": "api",
    "parse_bytes": "api",
    "parse_path": "api",
    "render": "api",
    "ConfigError": "config",
    "Diagnostic": "model",
    "Report": "model",
    "Selection": "select",
    "Settings": "settings",
}

__all__ = sorted(_NAMES) + ["__version__"]

if _TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .api import (  # noqa: F401
        FileResult,
        lint_bytes,
        lint_many,
        lint_path,
        lint_paths,
        lint_text,
        load_settings,
        parse_bytes,
        parse_path,
        render,
    )
    from .config import ConfigError  # noqa: F401
    from .model import Diagnostic, Report  # noqa: F401
    from .select import Selection  # noqa: F401
    from .settings import Settings  # noqa: F401


def __getattr__(name: str) -> _Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'govlint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_NAMES))
