"""Mutations of real reports, the way exports and hostile users damage them.

Shared by the property tests (``tests/test_mutations.py``, a bounded number
of examples) and the fuzzer (``tools/fuzz.py``, for as long as it is given).
Every mutation is a pure function of the lines and a ``random.Random``, so a
finding is reproduced from its seed.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# What a clerk's edit or an export puts in front of a label or a number (the
# crash of issue 11 came from one of these before "(七)总计 |").
PREFIXES = ["-", "/", "0", "合计", "（", "1 ", "|", "\t", "一、", "(一)", "第二十条第（一）项", "—", " ", "||", "12345"]
# Long runs of one character class: each regular expression must stay linear on them.
RUNS = ["1", "a", "a.", "1.", "-", ".", "政府", "　", " ", "\t", "@", "a@b.", "（一）", "2021年", "，", "：", "|", "１", "x1-"]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16"]


def sources() -> list[Path]:
    """The real reports and the project's own examples (text files only)."""
    found = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    return found + sorted((ROOT / "examples").glob("*.txt"))


def _insert(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(pool or lines or [""]))


def _delete(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    if len(lines) > 1:
        del lines[rng.randrange(len(lines))]


def _swap(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]


def _duplicate(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    i = rng.randrange(len(lines))
    k = rng.randint(1, 30)
    lines[i:i] = lines[i : i + k]


def _prefix(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    i = rng.randrange(len(lines))
    lines[i] = rng.choice(PREFIXES) + lines[i]


def _cut(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    i = rng.randrange(len(lines))
    del lines[i + 1 :]
    if lines and rng.random() < 0.5:
        lines[-1] = lines[-1][: rng.randrange(len(lines[-1]) + 1)]  # mid-line, mid-cell


def _digits(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    i = rng.randrange(len(lines))
    lines[i] = "".join(str(rng.randrange(10)) if c.isdigit() and rng.random() < 0.5 else c for c in lines[i])


def _run(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    i = rng.randrange(len(lines))
    unit = rng.choice(RUNS)
    n = rng.choice([100, 2000, 20000])
    at = rng.randrange(len(lines[i]) + 1)
    lines[i] = lines[i][:at] + unit * (n // len(unit)) + lines[i][at:]


def _join(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    """Flatten a stretch of lines into one, as crawled web pages do."""
    i = rng.randrange(len(lines))
    k = rng.randint(2, 40)
    lines[i : i + k] = [rng.choice(["", " ", "|", "\t"]).join(lines[i : i + k])]


def _split(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    i = rng.randrange(len(lines))
    if len(lines[i]) > 1:
        at = rng.randrange(1, len(lines[i]))
        lines[i : i + 1] = [lines[i][:at], lines[i][at:]]


def _control(lines: list[str], rng: random.Random, pool: list[str]) -> None:
    i = rng.randrange(len(lines))
    at = rng.randrange(len(lines[i]) + 1)
    junk = rng.choice(["\x1b[31m", "\x1b]0;x\x07", "\u202e", "\x0c", "\x7f", "\x9b", "\ufeff", "\u2028", "\x00"])
    lines[i] = lines[i][:at] + junk + lines[i][at:]


MUTATIONS: dict[str, Callable[[list[str], random.Random, list[str]], None]] = {
    "insert": _insert,
    "delete": _delete,
    "swap": _swap,
    "duplicate": _duplicate,
    "prefix": _prefix,
    "cut": _cut,
    "digits": _digits,
    "run": _run,
    "join": _join,
    "split": _split,
    "control": _control,
}


def mutate(text: str, rng: random.Random, steps: int, pool: list[str] = ()) -> tuple[str, list[str]]:
    """``text`` after ``steps`` random mutations, and their names."""
    lines = text.split("\n") or [""]
    done = []
    for _ in range(steps):
        name = rng.choice(list(MUTATIONS))
        MUTATIONS[name](lines, rng, list(pool))
        if not lines:
            lines = [""]
        done.append(name)
    return "\n".join(lines), done


def encode(text: str, rng: random.Random) -> tuple[bytes, str]:
    """The text as bytes in one of the encodings real files come in (and CRLF line ends sometimes)."""
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n")
    enc = rng.choice(ENCODINGS)
    return text.encode(enc, "surrogatepass" if enc.startswith("utf") else "replace"), enc
