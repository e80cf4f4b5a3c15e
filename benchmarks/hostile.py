"""Adversarial inputs: how long govlint takes per megabyte on each (figures, not a test).

    python benchmarks/hostile.py

Every case must end with a clear result (a finding or a clean run), never a
traceback; the target is under one second per MB. Cases run in process, with
the garbage collector tuned as the command line tunes it (``quiet_gc``), after
one warm-up lint so that imports are not counted; each figure is the best of
three runs.
"""

from __future__ import annotations

import time

import govlint

MB = 1024 * 1024


def cases() -> dict[str, bytes]:
    return {
        "100,000 '|'": b"|" * 100_000,
        "10 MB line of digits": b"1234567890" * MB,
        "10 MB line of Chinese prose": ("政府信息公开工作取得成效。" * (10 * MB // 39)).encode(),
        "10,000 headings": "\n".join(f"{'一二三四五六'[i % 6]}、总体情况" for i in range(10_000)).encode(),
        "NUL bytes": b"\x00" * MB,
        "lone surrogates (CESU)": ("报告\ud800\udc00".encode("utf-8", "surrogatepass")) * 100_000,
        "deeply repeated （一）": ("（一）" * 300_000).encode(),
        "10,000 table rows": ("第二十条第（一）项\n" + "规章 |\n0 |\n" * 10_000).encode(),
        "captions and prose alternating (1 MB)": ("第二十条第（一）项规章000 说明文字。" * 30_000).encode(),
    }


def main() -> None:
    from govlint.batch import quiet_gc

    govlint.lint_bytes(b"warm-up", "warm-up.txt")
    quiet_gc()
    print(f"{'case':<40} {'MB':>6} {'seconds':>8} {'s/MB':>6}  result")
    for name, data in cases().items():
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            res = govlint.lint_bytes(data, "hostile.txt")
            times.append(time.perf_counter() - t0)
        dt = min(times)  # best of three: the machine's noise is not the input's cost
        mb = len(data) / MB
        codes = sorted({d.code for d in res.diagnostics})
        print(f"{name:<40} {mb:>6.2f} {dt:>8.2f} {dt / max(mb, 1e-9):>6.2f}  {', '.join(codes[:6]) or 'clean'}")


if __name__ == "__main__":
    main()
