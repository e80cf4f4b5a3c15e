"""Benchmark: where a text report's CPU time goes, stage by stage.

    python benchmarks/stages.py [--n 400] [--repeat 3]

Builds N varied text reports as ``benchmarks/speed.py`` does (the seeds,
``../shared/corpus`` and ``examples/``, numbers changed so that no two are
alike), then times each stage of the pipeline in this process with
``time.process_time()``, best of ``--repeat`` passes over all N:

  read      bytes to tokens (decoding, layout, fragments, lexer)
  grammar   tokens to a Lark tree
  build     the tree to the model (sections, tables aligned to the template)
  check     every built-in rule that reads one report, with the prose and
            contact queries they ask for (computed once, on first use)
  summary   what the rules across reports keep of each report

The stages' sum differs a little from ``speed.py``'s batch figure, which the
kernel counts for a whole process (start-up, discovery and output included).
A script, not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SHARED, sources, vary  # noqa: E402

from govlint import api  # noqa: E402
from govlint.cross import run as cross_run  # noqa: E402
from govlint.cross.summary import summarise  # noqa: E402
from govlint.identities import arithmetic_value  # noqa: E402
from govlint.parse.build import Builder  # noqa: E402
from govlint.parse.grammar import parse_tokens  # noqa: E402
from govlint.plugins import rules as all_rules  # noqa: E402
from govlint.template import load_template  # noqa: E402

STAGES = ("read", "grammar", "build", "check", "summary")


def reports(n: int, seed: int = 7) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sources()]
    return [(f"r{i:05d}.txt", (vary(texts[i % len(texts)], rng) + f"\n（编号 {i}）\n").encode("utf-8")) for i in range(n)]


def one_pass(files: list[tuple[str, bytes]]) -> dict[str, float]:
    template = load_template()
    rules = [r for r in all_rules() if r.scope == "report"]
    cells = cross_run.cells_needed(cross_run.across(all_rules()), template)
    spent = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time
    for path, data in files:
        t0 = clock()
        result = api.read(data, path)
        t1 = clock()
        tree = parse_tokens(result.tokens)
        t2 = clock()
        report = Builder(template).build(result.source, result.tokens, tree)
        t3 = clock()
        api.check(report, rules=rules, timeout=None)
        t4 = clock()
        summarise(report, cells, arithmetic_value)
        t5 = clock()
        for stage, a, b in zip(STAGES, (t0, t1, t2, t3, t4), (t1, t2, t3, t4, t5)):
            spent[stage] += b - a
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    ns = ap.parse_args()
    if not (SHARED / "seeds").is_dir():
        sys.exit("no reports to build from: ../shared/seeds is missing")
    files = reports(ns.n)
    one_pass(files[:20])  # warm: plugins, template, grammar, lexer patterns
    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(ns.repeat):
        for stage, s in one_pass(files).items():
            best[stage] = min(best[stage], s)
    total = sum(best.values())
    print(f"Python {sys.version.split()[0]}; {ns.n} varied text reports; best of {ns.repeat}; CPU ms a report")
    for stage in STAGES:
        print(f"{stage:<8} {best[stage] * 1000 / ns.n:6.2f}  {best[stage] / total:5.1%}")
    print(f"{'total':<8} {total * 1000 / ns.n:6.2f}")


if __name__ == "__main__":
    main()
