"""govlint: a compliance linter for 政府信息公开工作年度报告.

The stable Python API::

    import govlint
    result = govlint.lint_text(text)            # one report as a string
    for result in govlint.lint_paths(["reports/"]):
        for d in result.diagnostics:
            print(d.code, d.region, d.text("en"))
    report = govlint.parse_path("report.txt")   # the document model only
"""

from .api import FileResult, lint_bytes, lint_paths, lint_text, parse_bytes, parse_path
from .model import Diagnostic, Report
from .select import Selection

__version__ = "0.1.0"

__all__ = [
    "Diagnostic",
    "FileResult",
    "Report",
    "Selection",
    "__version__",
    "lint_bytes",
    "lint_paths",
    "lint_text",
    "parse_bytes",
    "parse_path",
]
