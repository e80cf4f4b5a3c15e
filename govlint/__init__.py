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

from .api import (
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
from .config import ConfigError
from .model import Diagnostic, Report
from .select import Selection
from .settings import Settings
from .version import __version__

__all__ = [
    "ConfigError",
    "Diagnostic",
    "FileResult",
    "Report",
    "Selection",
    "Settings",
    "__version__",
    "lint_bytes",
    "lint_many",
    "lint_path",
    "lint_paths",
    "lint_text",
    "render",
    "load_settings",
    "parse_bytes",
    "parse_path",
]
