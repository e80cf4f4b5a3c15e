"""govlint inside a Dask map step: a national year of reports over many machines.

    python examples/scale_out_dask.py REPORTS_FOLDER [--scheduler tcp://host:8786] [--out findings.jsonl]

One task per issuer folder (or per file where reports are not grouped): the
rules that compare reports (GL6xx: last year's report of the same issuer)
need both years in the same task, so group by issuer, not by year. Each task
returns plain data (one dict per finding), which any engine can ship; a
``govlint.FileResult`` holds the parsed report and is not meant to travel.

Without ``--scheduler`` it starts a local cluster of two worker processes.
The same ``lint_group`` works in Ray (``ray.remote(lint_group)``), Spark
(``rdd.flatMap``) or a job queue: it only needs govlint installed on every
worker. See docs/performance.md for the rates to plan with.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def lint_group(paths: list[str]) -> list[dict]:
    """Lint one issuer's reports (compared with each other) and return their findings as plain data."""
    import govlint

    out = []
    for result in govlint.lint_paths(paths):
        for d in result.diagnostics:
            out.append(
                {
                    "path": d.path,
                    "code": d.code,
                    "severity": d.severity,
                    "line": d.region.start_line if d.region else None,
                    "column": d.region.start_column if d.region else None,
                    "message_zh": d.text("zh"),
                    "message_en": d.text("en"),
                }
            )
    return out


def groups(folder: Path) -> list[list[str]]:
    """Each sub-folder's reports together (an issuer's years), and every loose file on its own."""
    found: list[list[str]] = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            files = sorted(str(p) for p in entry.rglob("*") if p.is_file())
            if files:
                found.append(files)
        elif entry.is_file():
            found.append([str(entry)])
    return found


def run(folder: Path, scheduler: str | None = None, workers: int = 2) -> list[dict]:
    from dask.distributed import Client, LocalCluster

    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(lint_group, groups(folder))
        return [finding for batch in client.gather(futures) for finding in batch]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--scheduler", help="a running Dask scheduler's address (default: a local cluster)")
    ap.add_argument("--out", type=Path, help="write the findings here, one JSON object a line (default: stdout)")
    ns = ap.parse_args(argv)
    findings = run(ns.folder, ns.scheduler)
    lines = "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in findings)
    if ns.out:
        ns.out.write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
