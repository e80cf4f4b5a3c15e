"""What must hold for any input: the oracle of the property tests and the fuzzer.

``problems(data)`` lints the bytes as the command line would and returns
what is wrong, as text (empty: all is well):

* no exception escapes, and govlint does not fail on the file (GL901) nor
  does a rule raise (GL900);
* the file takes at most ``slow`` seconds;
* every finding is well formed, inside the file, in both languages;
* every output format renders, JSON and SARIF parse, and text and GitHub
  output are printable lines, one per finding.
"""

from __future__ import annotations

import json
import re
import time

from govlint import api, plugins
from govlint.model import Diagnostic

_EOL = re.compile(r"\r\n|\r|\n")  # line ends as readers count them
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def problems(data: bytes, path: str = "fuzz.txt", slow: float = 5.0, timeout: float = 30.0) -> list[str]:
    found: list[str] = []
    t0 = time.perf_counter()
    try:
        res = api.lint_bytes(data, path, timeout=timeout)
    except BaseException as exc:  # noqa: B036 - KeyboardInterrupt aside, nothing may escape
        if isinstance(exc, KeyboardInterrupt):
            raise
        return [f"exception escaped: {type(exc).__name__}: {exc}"]
    elapsed = time.perf_counter() - t0
    if elapsed > slow:
        found.append(f"slow: {elapsed:.1f} s")
    for d in res.diagnostics:
        if d.code in ("GL900", "GL901"):
            found.append(f"{d.code}: {d.text('en')[:300]}")
        found.extend(_finding_problems(d, res))
    found.extend(_output_problems(res))
    return found


def _finding_problems(d: Diagnostic, res: api.FileResult) -> list[str]:
    out = []
    if not (d.text("zh") and d.text("en")):
        out.append(f"{d.code}: a message is empty")
    r = d.region
    src = res.report.source if res.report is not None else None
    if r is None:
        # A .docx or PDF finding has a place and no region; anything else must have a region.
        if d.place is None or (src is not None and src.origin is None):
            out.append(f"{d.code}: neither a region nor a place")
        elif not d.place.as_dict() or min(d.place.as_dict().values()) < 1:
            out.append(f"{d.code}: place {d.place} is empty or not 1-based")
    elif min(r.start_line, r.start_column, r.end_line, r.end_column) < 1:
        out.append(f"{d.code}: region {r} is not 1-based")
    elif src is not None:
        # HTML and Markdown regions are lines of the file's own source; text files', of the text.
        lines = len(_EOL.split(src.original)) if src.original is not None else src.line_count
        if r.start_line > max(1, lines):
            out.append(f"{d.code}: line {r.start_line} is past the end ({lines} lines)")
    return out


def _output_problems(res: api.FileResult) -> list[str]:
    out = []
    formatters = plugins.formatters()
    options = {"lang": "en", "rules": plugins.rules(), "root": None}
    for name in ("text", "json", "sarif", "github"):
        chunks: list[str] = []
        try:
            formatters[name].stream(iter([res]), options, chunks.append)
        except Exception as exc:
            out.append(f"--format {name} raised {type(exc).__name__}: {exc}")
            continue
        text = "".join(chunks)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            out.append(f"--format {name} is not valid UTF-8: {exc}")
        if name in ("json", "sarif"):
            try:
                json.loads(text)
            except ValueError as exc:
                out.append(f"--format {name} does not parse: {exc}")
        else:
            lines = text.splitlines()
            if any(_UNSAFE.search(ln) for ln in lines):
                out.append(f"--format {name} prints control characters")
            expected = len(res.diagnostics) + (1 if name == "text" else 0)
            if name == "github" and len(lines) > expected and lines[-1].startswith("::notice title=govlint::"):
                expected += 1  # the closing notice of findings past GitHub's 10 annotations per kind
            if len(lines) != expected:
                out.append(f"--format {name}: {len(lines)} lines for {len(res.diagnostics)} findings")
    return out
