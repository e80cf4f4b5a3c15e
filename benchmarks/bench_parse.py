"""Benchmark: how long govlint takes to read, parse and check one report.

    python benchmarks/bench_parse.py [--repeat N] [--cli-runs N]

Reports: every ``*.txt`` in ``../shared/seeds`` and ``../shared/corpus``
(relative to the repository root) plus ``examples/*.txt``. For each report,
one timed run is ``govlint.api.parse(govlint.api.read(data, path))`` followed
by ``govlint.api.check(report, Selection(select=["GL0", "GL1"]))`` (the input
and structure rules). Every report is run once untimed first: the first call
loads the plugins and builds the Lark parser and the lexer.

Then the wall time of linting one file from the command line (interpreter
start-up and imports included), as the median of several subprocess runs.

A script, not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import govlint
from govlint import api

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
EXAMPLES = REPO / "examples"
SEED_001 = SEEDS / "001_81ecb54b46cc6fdb.txt"
SELECTION = govlint.Selection(select=["GL0", "GL1"])


def p95(samples: list[float]) -> float:
    """Nearest-rank 95th percentile (defined for any number of samples)."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def reports() -> list[Path]:
    missing = [str(d) for d in (SEEDS, CORPUS) if not d.is_dir()]
    if missing:
        sys.exit(
            f"bench_parse: the real reports are not available: {', '.join(missing)} not found "
            f"(expected ../shared/seeds and ../shared/corpus next to the repository {REPO})"
        )
    files = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + sorted(EXAMPLES.glob("*.txt"))
    if not files:
        sys.exit(f"bench_parse: no *.txt reports in {SEEDS}, {CORPUS} or {EXAMPLES}")
    return files


def label(path: Path) -> str:
    for base in (SHARED, REPO):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def time_report(path: Path, repeat: int, selection: govlint.Selection) -> tuple[str, list[float], list[float], list[float]]:
    """Layout, then total / read+parse / check times in seconds, one per repetition."""
    data = path.read_bytes()
    name = str(path)
    report = api.parse(api.read(data, name))  # warm-up, untimed
    api.check(report, selection)
    layout = report.source.layout
    total: list[float] = []
    parse: list[float] = []
    check: list[float] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        report = api.parse(api.read(data, name))
        t1 = time.perf_counter()
        api.check(report, selection)
        t2 = time.perf_counter()
        total.append(t2 - t0)
        parse.append(t1 - t0)
        check.append(t2 - t1)
    return layout, total, parse, check


def cli_wall_time(command: list[str], runs: int) -> float:
    """Median wall time in seconds of ``command`` (exit 0 or 1 expected)."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            sys.exit(
                f"bench_parse: {' '.join(command)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}"
            )
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=30, metavar="N", help="timed runs per report (default 30)")
    ap.add_argument(
        "--cli-runs", type=int, default=10, metavar="N", help="subprocess runs for the CLI timing (default 10)"
    )
    ap.add_argument("--all-rules", action="store_true", help="run every rule, not only GL0 + GL1 (the issue #2 target)")
    ns = ap.parse_args(argv)
    selection = govlint.Selection() if ns.all_rules else SELECTION
    rules_name = "all rules" if ns.all_rules else "GL0+GL1"
    if ns.repeat < 1 or ns.cli_runs < 1:
        ap.error("--repeat and --cli-runs must be at least 1")

    files = reports()
    print(f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs; govlint {govlint.__version__} from {Path(govlint.__file__).parent}"
    )
    print(f"{len(files)} reports, {ns.repeat} timed runs each after one warm-up; rules: {rules_name}")
    print()

    rows = []
    all_total: list[float] = []
    all_parse: list[float] = []
    all_check: list[float] = []
    for path in files:
        layout, total, parse, check = time_report(path, ns.repeat, selection)
        rows.append((label(path), layout, path.stat().st_size, statistics.median(total), p95(total)))
        all_total += total
        all_parse += parse
        all_check += check

    width = max(len(r[0]) for r in rows)
    print(f"{'file':<{width}}  {'layout':<10} {'bytes':>7}  {'median ms':>9}  {'p95 ms':>8}")
    print(f"{'-' * width}  {'-' * 10} {'-' * 7}  {'-' * 9}  {'-' * 8}")
    for name, layout, size, med, high in rows:
        print(f"{name:<{width}}  {layout:<10} {size:>7}  {med * 1000:>9.2f}  {high * 1000:>8.2f}")
    print()

    overall = statistics.median(all_total)
    per_report_medians = [r[3] for r in rows]
    print(
        f"overall: median {overall * 1000:.2f} ms per report over all {len(all_total)} runs "
        f"(median of the per-report medians {statistics.median(per_report_medians) * 1000:.2f} ms)"
    )
    print(
        f"         {1 / overall:.1f} reports/s at the median; "
        f"{len(all_total) / sum(all_total):.1f} reports/s over the whole run (mean)"
    )
    print(
        f"split:   read+parse alone median {statistics.median(all_parse) * 1000:.2f} ms, "
        f"check ({rules_name}) alone median {statistics.median(all_check) * 1000:.2f} ms"
    )
    print()

    if not SEED_001.is_file():
        sys.exit(f"bench_parse: {SEED_001} not found")
    target = str(SEED_001)
    print(f"CLI wall time for one file ({SEED_001.name}), median of {ns.cli_runs} runs:")
    med = cli_wall_time([sys.executable, "-m", "govlint", target], ns.cli_runs)
    print(f"  {'python -m govlint':<20} {med * 1000:8.1f} ms")
    script = shutil.which("govlint")
    if script:
        med = cli_wall_time([script, target], ns.cli_runs)
        print(f"  {'govlint':<20} {med * 1000:8.1f} ms   (console script {script})")
    else:
        print("  govlint console script: not on PATH, skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
