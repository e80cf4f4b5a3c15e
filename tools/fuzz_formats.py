"""Fuzz the readers of .docx, HTML, PDF and Markdown for a given time.

    python tools/fuzz_formats.py --minutes 5 [--seed 1] [--out fuzz-formats/]

Each case starts from the project's sample report written in one of the
formats (tests/sample.py and the tests' builders) or from a real web page or
PDF in ../shared/corpus, and is damaged the way files are: for .docx the XML
of the document part is cut, has bytes flipped or elements duplicated and
the archive is rebuilt (so the damage reaches the reader, not only the ZIP
checksum), or the archive itself is truncated; HTML and Markdown get the text
mutations of ``tools/mutate.py`` and markup cut at random; PDFs get bytes
flipped, chunks repeated or removed, and truncation. Every case goes through
the oracle of ``tools/oracle.py``: no exception, no GL900/GL901, at most
``--slow`` seconds, every output format valid.

A failing case is saved under ``--out`` (its bytes and what was done).
Exit code: 0 nothing found, 1 something found.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import sample  # noqa: E402
from tests.build_docx import build_docx  # noqa: E402
from tests.build_html import build_html  # noqa: E402
from tests.build_markdown import build_markdown  # noqa: E402
from tools.mutate import mutate  # noqa: E402
from tools.oracle import problems  # noqa: E402

SHARED = ROOT.parent / "shared"


def seeds() -> list[tuple[str, bytes]]:
    blocks = sample.blocks()
    out = [
        ("r.docx", build_docx(blocks, numbering=True, tracked_change=True, two_paragraph_cell=True)),
        ("r.html", build_html(blocks, soup=True, chrome=True)),
        ("r.htm", build_html(blocks, encoding="gbk", layout_table=True)),
        ("r.md", build_markdown(blocks, per_row_tables=True, wrong_header=True).encode("utf-8")),
        ("r.md", build_markdown(blocks, repeat_merged=True).encode("utf-8")),
    ]
    out += [(p.name, p.read_bytes()) for p in sorted((SHARED / "corpus" / "html").glob("*.html"))]
    out += [(p.name, p.read_bytes()) for p in sorted((SHARED / "corpus" / "pdf").glob("*.pdf"))]
    return out


def _flip(data: bytes, rng: random.Random, n: int) -> bytes:
    b = bytearray(data)
    for _ in range(n):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _chunks(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 16:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4096))
    return data[:a] + data[a:b] * rng.randint(0, 3) + data[b:]


def _damage(body: bytes, how: str, rng: random.Random) -> bytes:
    if how == "flip":
        return _flip(body, rng, rng.randint(1, 20))
    if how == "chunks":
        return _chunks(body, rng)
    return body[: rng.randrange(len(body) or 1)]


def _docx(data: bytes, rng: random.Random, done: list[str]) -> bytes:
    if rng.random() < 0.2:
        done.append("archive truncated")
        return data[: rng.randrange(len(data))]
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename in ("word/document.xml", "word/numbering.xml") and rng.random() < 0.8:
                how = rng.choice(["flip", "chunks", "cut"])
                done.append(f"{item.filename}: {how}")
                body = _damage(body, how, rng)
            dst.writestr(item, body)
    return out.getvalue()


def _text(data: bytes, rng: random.Random, done: list[str]) -> bytes:
    text = data.decode("utf-8", errors="replace") if not data.startswith(b"<") or b"charset=gbk" not in data[:2000] else data.decode("gb18030", errors="replace")
    if rng.random() < 0.6:
        text, steps = mutate(text, rng, rng.randint(1, 6), text.split("\n"))
        done.extend(steps)
    if rng.random() < 0.4:
        a = rng.randrange(len(text) or 1)
        text = text[:a] + text[a + rng.randint(1, 400):]
        done.append("markup cut")
    return text.encode("utf-8")


def case(name: str, data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    done: list[str] = []
    if name.endswith(".docx"):
        return _docx(data, rng, done), done
    if name.endswith(".pdf"):
        how = rng.choice(["flip", "chunks", "truncate"])
        done.append(how)
        if how == "flip":
            return _flip(data, rng, rng.randint(1, 50)), done
        if how == "chunks":
            return _chunks(data, rng), done
        return data[: rng.randrange(len(data))], done
    return _text(data, rng, done), done


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--slow", type=float, default=5.0, help="seconds a case may take")
    ap.add_argument("--out", default="fuzz-formats")
    ns = ap.parse_args()
    rng = random.Random(ns.seed)
    base = seeds()
    end = time.monotonic() + ns.minutes * 60
    n = 0
    found: dict[str, int] = {}
    slowest = (0.0, "")
    while time.monotonic() < end:
        name, data = base[rng.randrange(len(base))]
        mutated, done = case(name, data, rng)
        t0 = time.perf_counter()
        bad = problems(mutated, name, slow=ns.slow)
        took = time.perf_counter() - t0
        slowest = max(slowest, (took, name))
        n += 1
        for p in bad:
            kind = p[:100]
            if kind in found:
                continue
            found[kind] = n
            folder = Path(ns.out)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"case-{n}{Path(name).suffix}").write_bytes(mutated)
            (folder / f"case-{n}.json").write_text(json.dumps({"from": name, "done": done, "problem": p}, ensure_ascii=False, indent=1))
            print(f"case {n} ({name}): {p}", flush=True)
    print(f"{n} cases in {ns.minutes:g} min ({n / (ns.minutes * 60):.1f}/s); slowest {slowest[0]:.2f} s ({slowest[1]}); {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
