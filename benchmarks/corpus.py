"""Lint a province-sized corpus and print throughput, latency and memory.

    python benchmarks/corpus.py [--n 10000] [--keep DIR]

Builds N reports from the seeds, ../shared/corpus and examples/, each with its
numbers varied so that no two files are the same (nothing is served from a
cache by accident), then runs the real CLI over the folder:

  * --jobs 1 and --jobs 2, cold (empty cache) and cached (a second run);
  * --jobs 2 with --format json and --format sarif (no cache);
  * reports per second, ms per report (p50, p95 from an in-process run),
    peak RSS of the govlint process tree (parent and workers together);
  * the wall time of a one-file CLI run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def sources() -> list[Path]:
    found = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    found += sorted((REPO / "examples").glob("*.txt"))
    return found


def vary(text: str, rng: random.Random) -> str:
    """Change some numbers in prose and tables: same shape, different bytes."""
    def swap(m: re.Match) -> str:
        if rng.random() < 0.15:
            return str(int(m.group()) + rng.randint(0, 9))
        return m.group()

    return re.sub(r"(?<![\d.])\d{1,4}(?![\d.])", swap, text)


def build(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    srcs = [(p.name, p.read_text(encoding="utf-8")) for p in sources()]
    for i in range(n):
        name, text = srcs[i % len(srcs)]
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:05d}-{name}").write_text(vary(text, rng) + f"\n（编号 {i}）\n", encoding="utf-8")


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc), KiB."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue  # the process ended while we looked
    return total


def run_cli(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of the govlint process tree: the parent and its
    workers together, sampled every 20 ms (where /proc is missing: the largest process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "govlint", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = 0
    sampling = os.path.isdir("/proc/self/task")
    while p.poll() is None:
        if sampling:
            peak_tree = max(peak_tree, _tree_rss_kib(p.pid))
        time.sleep(0.02)
    dt = time.perf_counter() - t0
    err = p.stderr.read() if p.stderr else b""
    if p.returncode not in (0, 1):
        sys.exit(f"corpus: govlint {' '.join(args)} exited {p.returncode}: {err.decode(errors='replace')[-500:]}")
    largest = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return dt, peak_tree or largest


def latency(folder: Path, sample: int) -> tuple[float, float]:
    import govlint

    files = sorted(folder.rglob("*.txt"))[:sample]
    times = []
    for f in files:
        data = f.read_bytes()
        t0 = time.perf_counter()
        govlint.lint_bytes(data, str(f))
        times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.95) - 1] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000, help="number of reports (default 10000)")
    ap.add_argument("--keep", metavar="DIR", help="build the corpus here and keep it")
    ns = ap.parse_args()
    if not (SHARED / "seeds").is_dir():
        sys.exit(f"corpus: the real reports are not available: {SHARED / 'seeds'} not found")
    work = Path(ns.keep) if ns.keep else Path(tempfile.mkdtemp(prefix="govlint-corpus-"))
    folder = work / "reports"
    if folder.exists():
        shutil.rmtree(folder)
    t0 = time.perf_counter()
    build(folder, ns.n)
    size = sum(f.stat().st_size for f in folder.rglob("*.txt"))
    print(f"corpus: {ns.n} reports, {size / 1024 / 1024:.1f} MiB, built in {time.perf_counter() - t0:.1f} s ({folder})")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    p50, p95 = latency(folder, min(500, ns.n))
    print(f"latency (in process, all rules): p50 {p50:.2f} ms, p95 {p95:.2f} ms per report")
    print()
    print(f"{'run':<28} {'seconds':>8} {'reports/s':>10} {'ms/report':>10} {'peak RSS MiB':>13}")
    print(f"{'':<28} {'':>8} {'':>10} {'':>10} {'(all processes)':>13}")

    def row(label: str, args: list[str]) -> None:
        dt, rss = run_cli(args)
        print(f"{label:<28} {dt:>8.2f} {ns.n / dt:>10.1f} {dt * 1000 / ns.n:>10.2f} {rss / 1024:>13.1f}")

    for jobs in (1, 2):
        cache = work / f"cache-{jobs}"
        if cache.exists():
            shutil.rmtree(cache)
        for label in ("cold", "cached"):
            row(f"--jobs {jobs} {label}", ["--isolated", "--jobs", str(jobs), "--cache-dir", str(cache), str(folder)])
    # Formats that carry related locations cost more to encode (in the parent process).
    for fmt in ("json", "sarif"):
        row(f"--jobs 2 cold --format {fmt}", ["--isolated", "--jobs", "2", "--no-cache", "--format", fmt, str(folder)])
    one = sorted(folder.rglob("*.txt"))[0]
    times = []
    for _ in range(5):
        dt, _ = run_cli(["--isolated", "--no-cache", str(one)])
        times.append(dt)
    print(f"{'one-file CLI run (median of 5)':<28} {statistics.median(times):>8.3f}")
    if not ns.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
