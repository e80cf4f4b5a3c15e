"""Hang guards: a long run of one kind of character costs time linear in its length.

A regular expression that can begin a long scan at every character of a run
(an unbounded class at the start of a pattern), or that can split one run of
white space every way between two ``\\s*``, is quadratic (or worse) in the
run: a 30 kB file once took 23 s in the e-mail pattern. These tests put long
runs where the rules read them, and check every pattern govlint compiles,
with bounds a linear pass meets by a wide margin and a quadratic one misses
by minutes. They are not measurements: ``benchmarks/hostile.py`` measures.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import importlib
import pkgutil
import re
import signal
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

import govlint
from govlint.model import Diagnostic

from .conftest import EXAMPLES

RUN = 50_000  # characters of each hostile run inside a report
PATTERN_RUN = 50_000  # characters of each run a pattern is tried on alone
# Seconds. A linear lint of these reports takes a few hundredths of a second and a linear
# pattern a few milliseconds; the quadratic versions took tens of seconds to minutes.
LINT_BOUND = 8.0
PATTERN_BOUND = 3.0

REPORT = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")

# name -> the unit repeated to make the run.
FAMILIES = {
    "ascii-letters": "abcdefghijklmnopqrstuvwxyzABC",
    "digits": "1234567890",
    "dots": ".",
    "dashes": "-",
    "em-dashes": "—",
    "cjk": "政府信息公开工作",
    "spaces": " ",
    "tabs": "\t",
    "ideographic-spaces": "\u3000",
    "mixed-whitespace": " \t\u3000",
    "fullwidth-digits": "１２３４５６７８９０",
    "fullwidth-letters": "ａｂｃＡＢＣ",
    "at-letters": "a@",
    "at-dots": "a@b.",
    "a.b.c": "a.b.c.",
    "1.1.1": "1.1.",
    "paren-numerals": "（一）",
    "year-nian": "2021年",
    "nian-digit": "年1",
    # Mixed: a run of one mark (，，…) is one GL501 finding; test_doubled_marks_in_a_report has those.
    "commas-colons": "，：,:",
    "ascii-commas": ",",
    "digit-commas": "1,",
    "ascii-colons": ":",
    "pipes": "|",
    "alnum-punct": "a1.-_%+",
    "digit-spaces": "1 ",
    "claims": "受理申请2件，",
}

# Literals that patterns begin with, each before a long run of white space: a pattern such as
# ``0\d{3}\s*[-\s]\s*\d{7}`` is quadratic from the one start the literal gives it.
PREFIXES = (
    "《",
    "第1页",
    "0571",
    "2021年",
    "2021年1月1日",
    "2021",
    "字号",
    "地址：",
    "统计期限",
    "受理申请",
    "受理12件",
    "12件",
    "上年结转",
    "结转下年度",
    "直接",
    "复议后",
    "a@b",
    "a@b.c",
    "路",
    "一、",
    "（一）",
    "当前位置",
    "浏览次数",
    "传真",
)
WHITE = (" ", "\u3000\t")
MIXED_WHITE = " \t\u3000 "


def _run(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


# ---------------------------------------------------------------- reports built around a run

_LINES = REPORT.split("\n")
_CONTACT = re.compile(r"如对本报告有疑问.*?）。")
_DATE_LINE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def _insert(line_of: Callable[[list[str]], int], at: Callable[[str], int], lines: list[str] = _LINES) -> Callable[[str], str]:
    def build(run: str) -> str:
        ls = list(lines)
        i = line_of(ls)
        k = at(ls[i])
        ls[i] = ls[i][:k] + run + ls[i][k:]
        return "\n".join(ls)

    return build


def _after(heading: str) -> Callable[[list[str]], int]:
    return lambda ls: ls.index(heading) + 1


def _middle(s: str) -> int:
    return len(s) // 2


# The report without contact details or dates: GL401 and GL303 look through all of it.
_BARE = [ln for ln in (_CONTACT.sub("", ln) for ln in _LINES) if not _DATE_LINE.fullmatch(ln)]
assert _BARE != _LINES and not any("电话" in ln or "@" in ln for ln in _BARE)

PLACES: dict[str, Callable[[str], str]] = {
    "overview-prose": _insert(_after("一、总体情况"), _middle),
    "table-row": _insert(lambda ls: ls.index("自然人 |"), lambda s: 2),
    "section-5": _insert(_after("五、存在的主要问题及改进情况"), _middle),
    "section-6-contact": _insert(_after("六、其他需要报告的事项"), lambda s: len(s)),
    "title-line": _insert(lambda ls: 0, _middle),
    "date-line": _insert(lambda ls: max(i for i, ln in enumerate(ls) if _DATE_LINE.fullmatch(ln)), lambda s: 0),
    "no-contact-overview": _insert(_after("一、总体情况"), lambda s: 20, _BARE),
    "one-heading": lambda run: "一、总体情况\n" + run,
}


def _valid(res: govlint.FileResult) -> None:
    assert isinstance(res, govlint.FileResult)
    assert res.internal_errors == []
    for d in res.diagnostics:
        assert isinstance(d, Diagnostic) and d.code.startswith("GL") and d.region is not None


def _every_run_in_every_place() -> list:
    """Each family at each place; a covering sample runs every time, the rest are marked slow.

    The sample puts every family somewhere and something at every place (family i at place
    i mod 8, each a different pairing), so a quadratic path that any run reaches shows in the
    everyday suite; the whole product, which CI runs, finds the ones only one pairing reaches.
    """
    places, families = sorted(PLACES), sorted(FAMILIES)
    sample = {(places[i % len(places)], f) for i, f in enumerate(families)}
    return [
        pytest.param(p, f, marks=() if (p, f) in sample else pytest.mark.slow, id=f"{p}-{f}")
        for p in places
        for f in families
    ]


@pytest.mark.parametrize("place, family", _every_run_in_every_place())
def test_long_run_in_a_report(place: str, family: str) -> None:
    text = PLACES[place](_run(FAMILIES[family], RUN))
    t0 = time.perf_counter()
    res = govlint.lint_text(text)
    elapsed = time.perf_counter() - t0
    assert elapsed < LINT_BOUND, f"{RUN} characters of {family} in {place}: {elapsed:.1f} s (superlinear?)"
    _valid(res)


@pytest.mark.parametrize("mark", ["，", "："])
def test_doubled_marks_in_a_report(mark: str) -> None:
    text = PLACES["overview-prose"](mark * RUN)
    t0 = time.perf_counter()
    res = govlint.lint_text(text)
    elapsed = time.perf_counter() - t0
    assert elapsed < LINT_BOUND, f"{RUN} of {mark!r}: {elapsed:.1f} s (superlinear?)"
    _valid(res)
    # One run, one finding, its count in the message (the run may join a mark of the line it is in).
    n = max(len(m.group()) for m in re.finditer(f"{mark}+", text))
    (d,) = [d for d in res.diagnostics if d.code == "GL501"]
    assert n >= RUN and d.data == {"word": mark, "count": n}
    assert f"“{mark}” {n} times in a row" in d.text("en") and len(d.text("en")) < 200


@pytest.mark.parametrize("prefix", PREFIXES)
def test_literal_then_white_space_in_a_report(prefix: str) -> None:
    # Where each is read: the opening line of a report without a title (the quoted-title
    # search), a line of its own (page numbers), and 五 (plans), all without contact details.
    lines = _BARE[1:]
    i = lines.index("五、存在的主要问题及改进情况") + 1
    run = prefix + _run(MIXED_WHITE, RUN) + "x"
    text = "\n".join([run, run, *lines[:i], lines[i] + run, *lines[i + 1 :]])
    t0 = time.perf_counter()
    res = govlint.lint_text(text)
    elapsed = time.perf_counter() - t0
    assert elapsed < LINT_BOUND, f"{prefix!r} then {RUN} characters of white space: {elapsed:.1f} s (superlinear?)"
    _valid(res)


@pytest.mark.parametrize(
    "where", ["受理依申请公开", "行政复议", "结转下年度", "办结", "上年结转", "予以公开", "2022年，我县将", "第二十条第（一）项\n规章 |\n"]
)
def test_a_number_of_thousands_of_digits_where_a_count_is_expected(where: str) -> None:
    # int() refuses more than 4300 digits (Python 3.11): a claim of the prose (GL402) once raised
    # on one, and so did a table cell. Neither is a count: the finding must not be a crash.
    text = PLACES["overview-prose"](where + "1" * 6000 + "件。")
    _valid(govlint.lint_text(text))


# ---------------------------------------------------------------- every pattern on its own


def _modules() -> Iterator:
    for info in pkgutil.walk_packages(govlint.__path__, "govlint."):
        if info.name.endswith("__main__"):
            continue  # runs the command line on import
        yield importlib.import_module(info.name)


def _patterns_in(value, depth: int = 0) -> Iterator[re.Pattern]:
    """Patterns held by a module-level value: itself, or inside containers, dataclasses, classes."""
    if isinstance(value, re.Pattern):
        yield value
    elif depth >= 4:
        return
    elif isinstance(value, (tuple, list, set, frozenset)):
        for v in value:
            yield from _patterns_in(v, depth + 1)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _patterns_in(v, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _patterns_in(getattr(value, f.name), depth + 1)
    elif isinstance(value, type) and value.__module__.startswith("govlint"):
        for v in vars(value).values():
            yield from _patterns_in(v, depth + 1)


_RE_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "split"}


def _inline_patterns(path: Path) -> Iterator[str]:
    """Constant patterns written where they are used: re.match(r"...", s)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _RE_CALLS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def all_patterns() -> dict[str, re.Pattern]:
    found: dict[str, re.Pattern] = {}
    for mod in _modules():
        for value in vars(mod).values():
            for p in _patterns_in(value):
                if isinstance(p.pattern, bytes):
                    # A pattern over bytes backtracks as its text twin does: audit that.
                    text = p.pattern.decode("latin-1")
                    found.setdefault("b" + repr(text), re.compile(text, p.flags & re.IGNORECASE))
                else:
                    found.setdefault(p.pattern, p)
        if mod.__file__:
            for text in _inline_patterns(Path(mod.__file__)):
                found.setdefault(text, re.compile(text))
    # Built at run time from the template's vocabulary.
    from govlint.read.lexer import Lexer
    from govlint.template import load_template

    lexer = Lexer(load_template())
    for p in (lexer.vocab.pattern, lexer._caption, lexer._candidate):
        found.setdefault(p.pattern, p)
    # The claims GL405 looks for and the count wordings GL402 reads are template data.
    for claim in load_template().claims:
        for p in (claim.says, claim.about, claim.unless):
            if p is not None:
                found.setdefault(p.pattern, p)
    for count in load_template().counts:
        for p in (*(x for form in count.forms for x in form), count.about, count.unless):
            if p is not None:
                found.setdefault(p.pattern, p)
    return found


_PATTERNS = all_patterns()


class _Overrun(Exception):
    pass


@contextlib.contextmanager
def _bounded(seconds: float, what: str) -> Iterator[None]:
    """Fail when the body takes longer than ``seconds``; interrupt it if signals allow.

    SIGALRM is delivered inside the regular-expression engine too, so a pattern that
    would backtrack for minutes is stopped at the bound.
    """
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if alarm:

        def fire(signum, frame):
            raise _Overrun

        previous = signal.signal(signal.SIGALRM, fire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    t0 = time.perf_counter()
    try:
        yield
    except _Overrun:
        pytest.fail(f"{what}: stopped after {seconds} s (superlinear?)")
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - t0
    assert elapsed < seconds, f"{what}: {elapsed:.1f} s (superlinear?)"


def test_the_audit_finds_the_patterns() -> None:
    # A walk that found nothing would pass vacuously.
    sources = set(_PATTERNS)
    assert len(_PATTERNS) >= 40
    from govlint.checks import dates
    from govlint.parse import contacts, facts, prose
    from govlint.read import layout, title
    from govlint.template import load_template

    claim = load_template().counts[2].forms[0]
    for p in (contacts._EMAIL, contacts._PHONE, *claim, prose._NUMBER, dates._PLAN, facts._BODY_YEAR, title.QUOTED, layout.PAGE_NUMBER):
        assert p.pattern in sources
    assert r"[\s\f\-—－–第页共,，/\d]+" in sources  # an inline one


_RUNS = {name: _run(unit, PATTERN_RUN) for name, unit in FAMILIES.items()}
# A literal and white space that match nothing: ``search`` alone tries every start.
_AFTER_LITERALS = {f"{p!r} + {w!r}": p + _run(w, PATTERN_RUN) + "x" for p in PREFIXES for w in WHITE}


# Sorted: every pytest-xdist worker must collect the same tests in the same order (the patterns
# built from the template's sets are written in a fixed order for that, see read/lexer.py _spaced).
@pytest.mark.parametrize("source", sorted(_PATTERNS), ids=lambda s: s[:40])
def test_pattern_is_linear_on_long_runs(source: str) -> None:
    pattern = _PATTERNS[source]
    for name, subject in _RUNS.items():
        with _bounded(PATTERN_BOUND, f"{source!r} on {name}"):
            pattern.search(subject)
            for _ in pattern.finditer(subject):
                pass
    for name, subject in _AFTER_LITERALS.items():
        with _bounded(PATTERN_BOUND, f"{source!r} on {name}"):
            pattern.search(subject)
