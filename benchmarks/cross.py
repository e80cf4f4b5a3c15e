"""Rules across reports on a province: time and memory with pairing, against the same run without.

    python benchmarks/cross.py [--n 5000] [--jobs 2]

Builds N reports from ``examples/good-2021.txt`` (written by this project):
N/2 issuers, each with a report for 2021 and one for 2022, numbers varied so
that no two files are the same. Then runs the real CLI over the folder
twice, with every rule and with the GL6xx rules ignored (the floor: no
summaries, no pairing, results streamed), and prints wall time and peak RSS
of the govlint process tree, and the ratio of the two. A smaller run (N/5)
shows how memory grows with N: summaries are held until the batch ends, so
it grows by a few kilobytes per report, never by a report's size.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import run_cli  # noqa: E402 - the same process-tree measurement as the corpus benchmark

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "examples" / "good-2021.txt"
# Distinct county names: two characters from this list and 县.
_NAMES = "东南西北中上下前后左右青红白黑金银铜铁山川河湖海江泉林松竹梅兰菊桃李杏枣"


def _issuer(i: int) -> str:
    a, b = divmod(i, len(_NAMES))
    return _NAMES[a % len(_NAMES)] + _NAMES[b] + "县"


def build(folder: Path, n: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    text = SOURCE.read_text(encoding="utf-8")

    def vary(m: re.Match) -> str:
        return str(int(m.group()) + rng.randint(0, 9)) if rng.random() < 0.1 else m.group()

    for i in range(n):
        year = 2021 + i % 2
        body = text.replace("2023年", f"{year + 1}年").replace("2022年", f"{year}年").replace("云溪县", _issuer(i // 2))
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        # Prose numbers only (the tables keep their identities): years and dates are left alone.
        body = re.sub(r"(?<![\d.年])\d{1,3}(?=件)", vary, body)
        (sub / f"{i:05d}.txt").write_text(body, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5000, help="number of reports (default 5000)")
    ap.add_argument("--jobs", type=int, default=2)
    ns = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govlint-cross-"))
    try:
        print(f"{'reports':>8} {'run':<26} {'seconds':>8} {'reports/s':>10} {'peak RSS MiB':>13}")
        peaks = {}
        for n in (ns.n // 5, ns.n):
            folder = work / f"r{n}"
            build(folder, n)
            for label, extra in (("all rules (pairing)", []), ("GL6xx ignored (floor)", ["--ignore", "GL6"])):
                args = ["--no-cache", "--isolated", "--quiet", "-j", str(ns.jobs), "--format", "json", *extra, str(folder)]
                dt, rss = run_cli(args)
                peaks[(n, label)] = rss
                print(f"{n:>8} {label:<26} {dt:>8.2f} {n / dt:>10.1f} {rss / 1024:>13.1f}")
            shutil.rmtree(folder)
        small, big = ns.n // 5, ns.n
        for n in (small, big):
            ratio = peaks[(n, "all rules (pairing)")] / max(1, peaks[(n, "GL6xx ignored (floor)")])
            print(f"{n:>8} reports: peak RSS with pairing / without = {ratio:.2f}")
        grow = (peaks[(big, "all rules (pairing)")] - peaks[(small, "all rules (pairing)")]) / (big - small)
        floor = (peaks[(big, "GL6xx ignored (floor)")] - peaks[(small, "GL6xx ignored (floor)")]) / (big - small)
        print(f"memory per extra report: {grow:.1f} KiB with pairing, {floor:.1f} KiB without")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
