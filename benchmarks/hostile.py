"""Adversarial inputs: how long govlint takes per megabyte on each (figures, not a test).

    python benchmarks/hostile.py

Every case must end with a clear result (a finding or a clean run), never a
traceback; the target is under one second per MB. Cases run in process, with
the garbage collector tuned as the command line tunes it (``quiet_gc``), after
one warm-up lint so that imports are not counted; each figure is the best of
three runs.

The second table puts a long run of one kind of character inside a report:
a title, the six section headings with a sentence each, no contact details
and no dates, so that every rule reads the run (GL401 and GL303 look through
the whole text when they find nothing). Each family is timed at two sizes;
s/MB at both and their ratio show whether the cost is linear (a ratio near
1; a quadratic case doubles it with every doubling of the size).
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


# One unit repeated makes each run (the families of tests/test_linear_text.py).
FAMILIES = {
    "ASCII letters": "abcdefghijklmnopqrstuvwxyz",
    "digits": "1234567890",
    "dots": ".",
    "dashes": "-",
    "CJK": "政府信息公开工作",
    "spaces": " ",
    "tabs": "\t",
    "ideographic spaces": "\u3000",
    "full-width digits": "１２３４５６７８９０",
    "full-width letters": "ａｂｃＡＢＣ",
    "@ mixture": "a@",
    "@. mixture": "a@b.",
    "a.b.c": "a.b.c.",
    "1.1.1": "1.1.",
    "（一）": "（一）",
    "年 mixture": "2021年",
    "commas": "，",
    "colons": "：",
    "commas and colons": ",:，：",
    "|": "|",
    "mixed alnum-punct": "a1.-_%+",
    "digits and spaces": "1 ",
    "claims": "受理申请2件，",
}
# A literal a pattern starts with, then white space (one start, but a quadratic split of the
# run), and a run that a table caption puts in table mode: (prefix, unit).
PREFIXED = {
    "《 then white space": ("《", " \t\u3000"),
    "第1页 then white space": ("第1页", " \t\u3000"),
    "area code then white space": ("0571", " \t\u3000"),
    "2021年 then white space": ("2021年", " \t\u3000"),
    "digits and spaces in a table": ("第二十条第（一）项\n", "1 "),
}
SIZES = (0.25, 1.0)  # MB

_SKELETON = (
    "某县2022年政府信息公开工作年度报告\n"
    "一、总体情况\n2022年，我县扎实推进政务公开工作。\n{run}\n"
    "二、主动公开政府信息情况\n本年主动公开政府信息120条。\n"
    "三、收到和处理政府信息公开申请情况\n本年共受理政府信息公开申请15件。\n"
    "四、政府信息公开行政复议、行政诉讼情况\n本年未发生行政复议、行政诉讼。\n"
    "五、存在的主要问题及改进情况\n解读形式较为单一。2023年，我县将丰富解读形式。\n"
    "六、其他需要报告的事项\n本年度未收取信息处理费。\n"
)


def family_report(unit: str, mb: float, prefix: str = "") -> bytes:
    """The skeleton report with a run of ``unit`` (after ``prefix``) of about ``mb`` MB in section 一."""
    per_char = len(unit.encode()) / len(unit)
    n = int(mb * MB / per_char)
    run = prefix + (unit * (n // len(unit) + 1))[:n]
    return _SKELETON.format(run=run).encode()


def best_of_three(data: bytes) -> tuple[float, govlint.FileResult]:
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        res = govlint.lint_bytes(data, "hostile.txt")
        times.append(time.perf_counter() - t0)
    return min(times), res  # best of three: the machine's noise is not the input's cost


def main() -> None:
    from govlint.batch import quiet_gc

    govlint.lint_bytes(b"warm-up", "warm-up.txt")
    quiet_gc()
    print(f"{'case':<40} {'MB':>6} {'seconds':>8} {'s/MB':>6}  result")
    for name, data in cases().items():
        dt, res = best_of_three(data)
        mb = len(data) / MB
        print(f"{name:<40} {mb:>6.2f} {dt:>8.2f} {dt / max(mb, 1e-9):>6.2f}  {_codes(res)}")

    print()
    a, b = SIZES
    print(f"{'run in a report (no contact details)':<40} {f's/MB {a:g} MB':>12} {f's/MB {b:g} MB':>12} {'ratio':>6}  result")
    runs = [(name, unit, "") for name, unit in FAMILIES.items()]
    runs += [(name, unit, prefix) for name, (prefix, unit) in PREFIXED.items()]
    for name, unit, prefix in runs:
        per_mb = []
        for mb in SIZES:
            data = family_report(unit, mb, prefix)
            dt, res = best_of_three(data)
            per_mb.append(dt / (len(data) / MB))
        ratio = per_mb[1] / max(per_mb[0], 1e-9)
        print(f"{name:<40} {per_mb[0]:>12.3f} {per_mb[1]:>12.3f} {ratio:>6.2f}  {_codes(res)}")


def _codes(res: govlint.FileResult) -> str:
    codes = sorted({d.code for d in res.diagnostics})
    extra = "; internal error" if res.internal_errors else ""
    return (", ".join(codes[:6]) or "clean") + extra


if __name__ == "__main__":
    main()
