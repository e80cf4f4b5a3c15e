"""Fuzz govlint for a given time and print what was found.

    python tools/fuzz.py --minutes 20                 # one process
    python tools/fuzz.py --minutes 20 --processes 2   # one per core
    python tools/fuzz.py --replay fuzz-findings/      # run the saved cases again

Each case is a real report (``../shared``) or an example, mutated the ways
exports and hostile users damage files (``tools/mutate.py``: lines inserted,
deleted, swapped, duplicated; labels prefixed; tables cut; digits changed;
long runs of one character class; lines joined and split; control
characters; other encodings), then linted in process with the oracle of
``tools/oracle.py`` (no exception, no GL900/GL901, at most ``--slow``
seconds, every output format valid). Now and then a batch of cases goes
through the real command line with ``--jobs 2`` and every format, which
must exit 0 or 1 with valid output.

A case that breaks a guarantee is saved under ``--out`` with its seed and
mutations, once per kind of problem. The summary at the end prints the
number of cases, cases per second, the slowest case, and each problem found.
Exit code: 0 nothing found, 1 something found.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.mutate import encode, mutate, sources  # noqa: E402
from tools.oracle import problems  # noqa: E402


def _kind(problem: str) -> str:
    """A problem without its details, to save one case per kind."""
    head = problem.split(":")[0]
    if head in ("GL900", "GL901"):
        return problem[:120]
    return head


def _case(rng: random.Random, texts: list[str]) -> tuple[bytes, dict]:
    base = rng.randrange(len(texts))
    steps = rng.randint(1, 10)
    pool = texts[rng.randrange(len(texts))].split("\n")
    text, done = mutate(texts[base], rng, steps, pool)
    data, enc = encode(text, rng)
    return data, {"source": base, "mutations": done, "encoding": enc}


def _cli_batch(cases: list[bytes], folder: Path) -> list[str]:
    """The real command line over a folder of cases: exit 0/1 and valid output in every format."""
    found = []
    for i, data in enumerate(cases):
        (folder / f"case{i:03}.txt").write_bytes(data)
    for fmt in ("text", "json", "sarif", "github"):
        out = folder.parent / f"out.{fmt}"
        p = subprocess.run(
            [sys.executable, "-m", "govlint", "--isolated", "--no-cache", "-j", "2", "--format", fmt, "-o", str(out), str(folder)],
            capture_output=True, timeout=600,
        )
        if p.returncode not in (0, 1) or p.stderr:
            found.append(f"cli --format {fmt}: exit {p.returncode}: {p.stderr.decode('utf-8', 'replace')[-300:]}")
            continue
        text = out.read_bytes().decode("utf-8")
        if fmt in ("json", "sarif"):
            json.loads(text)
    return found


def worker(seconds: float, seed: int, out: str, slow: float, batch_every: int, queue) -> None:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sources()]
    names = [p.name for p in sources()]
    end = time.monotonic() + seconds
    stats = {"cases": 0, "slowest": 0.0, "slowest_case": "", "found": {}, "cli_batches": 0}
    saved: set[str] = set()
    pending_cli: list[bytes] = []
    n = 0
    while time.monotonic() < end:
        case_seed = rng.randrange(1 << 62)
        data, info = _case(random.Random(case_seed), texts)
        t0 = time.perf_counter()
        found = problems(data, slow=slow)
        dt = time.perf_counter() - t0
        n += 1
        if dt > stats["slowest"]:
            stats["slowest"], stats["slowest_case"] = dt, f"seed {case_seed} ({names[info['source']]}, {len(data):,} bytes)"
        for problem in found:
            kind = _kind(problem)
            stats["found"].setdefault(kind, [0, problem, ""])[0] += 1
            if kind not in saved:
                saved.add(kind)
                folder = Path(out)
                folder.mkdir(parents=True, exist_ok=True)
                stem = f"case-{case_seed}"
                (folder / f"{stem}.txt").write_bytes(data)
                (folder / f"{stem}.json").write_text(
                    json.dumps({"seed": case_seed, "source": names[info["source"]], **info, "problem": problem}, ensure_ascii=False, indent=2),
                    encoding="utf-8",
                )
                stats["found"][kind][2] = str(folder / f"{stem}.txt")
        if len(data) < 200_000:
            pending_cli.append(data)
        if batch_every and len(pending_cli) >= batch_every:
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp) / "cases"
                folder.mkdir()
                for problem in _cli_batch(pending_cli, folder):
                    stats["found"].setdefault(_kind(problem), [0, problem, ""])[0] += 1
            stats["cli_batches"] += 1
            pending_cli = []
    stats["cases"] = n
    queue.put(stats)


def replay(folder: Path, slow: float) -> int:
    bad = 0
    for case in sorted(folder.glob("case-*.txt")):
        found = problems(case.read_bytes(), slow=slow)
        print(f"{case.name}: {'; '.join(found) or 'fixed'}")
        bad += bool(found)
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--out", default="fuzz-findings", help="where cases that break a guarantee are saved")
    ap.add_argument("--slow", type=float, default=5.0, help="seconds over which one case counts as a problem")
    ap.add_argument("--cli-every", type=int, default=200, help="cases per command-line batch (0: none)")
    ap.add_argument("--replay", type=Path, help="run the saved cases in this folder again")
    args = ap.parse_args()
    if args.replay:
        return replay(args.replay, args.slow)
    if not sources():
        print("no reports to mutate (../shared is absent and examples/ is empty)", file=sys.stderr)
        return 2
    print(f"fuzzing {len(sources())} reports for {args.minutes:g} min in {args.processes} process(es), seed {args.seed}")
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    t0 = time.monotonic()
    procs = [
        ctx.Process(target=worker, args=(args.minutes * 60, args.seed + i, args.out, args.slow, args.cli_every, queue))
        for i in range(args.processes)
    ]
    for p in procs:
        p.start()
    stats = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.monotonic() - t0
    cases = sum(s["cases"] for s in stats)
    slowest = max(stats, key=lambda s: s["slowest"])
    found: dict[str, list] = {}
    for s in stats:
        for kind, (count, example, path) in s["found"].items():
            entry = found.setdefault(kind, [0, example, path])
            entry[0] += count
            entry[2] = entry[2] or path
    print(f"cases: {cases:,} in {wall:.0f} s ({cases / wall:.1f}/s); command-line batches: {sum(s['cli_batches'] for s in stats)}")
    print(f"slowest case: {slowest['slowest']:.2f} s, {slowest['slowest_case']}")
    if not found:
        print("found: nothing")
        return 0
    for count, example, path in sorted(found.values(), key=lambda x: -x[0]):
        print(f"found {count:,}x: {example}" + (f"  (saved: {path})" if path else ""))
    return 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
