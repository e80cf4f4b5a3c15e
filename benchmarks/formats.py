"""Milliseconds per report for each format govlint reads, and PDF pages per second against pdftotext.

    python benchmarks/formats.py [--repeat 7]

Inputs: the project's sample report (tests/sample.py) written as .docx, a
web page (plain, and Word span soup in site chrome), Markdown and text; the
real web page and the three real PDFs in ../shared/corpus (where present).
Figures are CPU time (user + system, best of --repeat runs), in process:
"read" is the reader alone (bytes to tokens), "lint" the whole pipeline
(reader, grammar, model, every rule). The floor for PDF is poppler's
`pdftotext` on the same files (CPU time of the child processes), where it
is installed.
"""

from __future__ import annotations

import argparse
import functools
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from govlint import api  # noqa: E402
from tests import sample  # noqa: E402
from tests.build_docx import build_docx  # noqa: E402
from tests.build_html import build_html  # noqa: E402
from tests.build_markdown import build_markdown  # noqa: E402


def inputs() -> list[tuple[str, str, bytes]]:
    """(format, description, bytes) of every benchmarked file."""
    blocks = sample.blocks()
    out = [
        ("text", "sample, pipe layout", (sample.EXAMPLES / "good-2021.txt").read_bytes()),
        ("docx", "sample, Word numbering", build_docx(blocks, numbering=True)),
        ("html", "sample, plain page", build_html(blocks)),
        ("html", "sample, span soup + chrome, GBK", build_html(blocks, soup=True, chrome=True, encoding="gbk", layout_table=True)),
        ("markdown", "sample", build_markdown(blocks).encode("utf-8")),
        ("markdown", "sample, one table per row", build_markdown(blocks, per_row_tables=True, wrong_header=True).encode("utf-8")),
    ]
    page = SHARED / "corpus" / "html" / "pingtan-2023-zone.html"
    if page.exists():
        out.append(("html", "real page (pingtan-2023)", page.read_bytes()))
    for pdf in sorted((SHARED / "corpus" / "pdf").glob("*.pdf")):
        out.append(("pdf", f"real ({pdf.stem})", pdf.read_bytes()))
    return out


def cpu(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def pdftotext_cpu(data: bytes, repeat: int) -> float:
    """CPU seconds of `pdftotext` on one file (child processes' user + system), best of ``repeat``."""
    tmp = Path("/tmp") / f"govlint-bench-{len(data)}.pdf"
    tmp.write_bytes(data)
    best = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(["pdftotext", str(tmp), "-"], stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    tmp.unlink()
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=7)
    ns = ap.parse_args()
    files = inputs()
    for fmt, _, data in files:  # warm: imports, the template, the grammar
        api.lint_bytes(data, f"x.{fmt}")
    print(f"{'format':<9} {'file':<34} {'KiB':>6} {'read ms':>8} {'lint ms':>8}  floor")
    poppler = shutil.which("pdftotext")
    for fmt, what, data in files:
        name = f"r.{ {'markdown': 'md', 'text': 'txt'}.get(fmt, fmt) }"
        read = cpu(functools.partial(api.read, data, name), ns.repeat)
        lint = cpu(functools.partial(api.lint_bytes, data, name), ns.repeat)
        floor = ""
        if fmt == "pdf":
            pages = api.parse(api.read(data, name)).source.origin.places[-1].page or 1
            floor = f"{pages / read:6.1f} pages/s"
            if poppler:
                p = pdftotext_cpu(data, ns.repeat)
                floor += f"; pdftotext {pages / p:6.1f} pages/s ({read / p:.1f}x its CPU time)"
        print(f"{fmt:<9} {what:<34} {len(data) / 1024:6.0f} {read * 1000:8.1f} {lint * 1000:8.1f}  {floor}")


if __name__ == "__main__":
    main()
