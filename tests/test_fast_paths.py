"""The fast paths give what the plain ones give: the compiled template and grammar on disk, lazy imports, folding,
and `check` leaving reports alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources

import pytest

from govlint import compiled
from govlint.read.layout import PAGE_NUMBER, PAGE_NUMBER_STARTS

from .conftest import EXAMPLES, SEEDS, needs_shared


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_back_equal_with_tuples_and_number_keys(cache_dir):
    value = {"states": {0: (1, {"@": 7}), 12: [(0, 3)]}, "names": ("a", "b"), "x": None, "f": 1.5, "t": True}
    build, calls = _counting(value)
    assert compiled.data("grammar", "source text", build) == value
    again, calls2 = _counting(value)
    got = compiled.data("grammar", "source text", again)
    assert got == value and calls2 == [] and isinstance(got["names"], tuple) and 12 in got["states"]
    assert type(got["t"]) is bool
    # Another source or other versions: another entry, built again.
    other, calls3 = _counting(value)
    compiled.data("grammar", "source text", other, versions="lark 9")
    assert calls3 == [1]
    assert len(list((cache_dir / "compiled").iterdir())) == 2


def test_a_damaged_or_planted_entry_is_built_again(cache_dir):
    build, _ = _counting({"a": 1})
    compiled.data("template", "src", build)
    (entry,) = (cache_dir / "compiled").iterdir()
    for junk in (b"{not json", b"\xff\xfe", json.dumps({"a": 2}).encode()[:-1], b""):
        entry.write_bytes(junk)
        again, calls = _counting({"a": 1})
        assert compiled.data("template", "src", again) == {"a": 1} and calls == [1]


def test_what_would_not_read_back_is_not_stored(cache_dir):
    for value in ({"s": {1, 2}}, {"k": object()}, {"n": float("nan")}):
        build, _ = _counting(value)
        assert compiled.data("template", repr(sorted(map(str, value))), build) is value
    assert not (cache_dir / "compiled").exists() or not list((cache_dir / "compiled").iterdir())


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(blocker))
    build, calls = _counting({"a": (1,)})
    assert compiled.data("template", "src", build) == {"a": (1,)} and calls == [1]


def test_clean_removes_only_compiled_files(cache_dir):
    build, _ = _counting({"a": 1})
    compiled.data("template", "src", build)
    mine = cache_dir / "compiled" / "notes.txt"
    mine.write_text("keep me")
    files, size = compiled.clean(str(cache_dir))
    assert files == 1 and size > 0 and mine.exists()


def test_the_template_from_disk_equals_the_template_from_yaml(cache_dir):
    import yaml

    from govlint import template

    raw = resources.files("govlint").joinpath("templates/template.yaml").read_text(encoding="utf-8")
    fresh = template._load(yaml.safe_load(raw))
    template.load_template.cache_clear()
    try:
        first = template.load_template()  # builds and stores
        template.load_template.cache_clear()
        second = template.load_template()  # reads back
        assert list((cache_dir / "compiled").glob("template-*.json"))
        assert first == fresh and second == fresh
    finally:
        template.load_template.cache_clear()


@needs_shared
def test_the_grammar_from_disk_parses_as_the_grammar_built(cache_dir):
    from govlint import api
    from govlint.parse import grammar

    built = grammar._build(grammar.grammar_text())
    grammar.parser.cache_clear()
    try:
        grammar.parser()  # builds and stores
        grammar.parser.cache_clear()
        loaded = grammar.parser()  # reads back
        assert list((cache_dir / "compiled").glob("grammar-*.json"))
        for f in sorted(SEEDS.glob("*.txt")) + sorted(EXAMPLES.glob("*.txt")):
            toks = [t for t in api.read(f.read_bytes(), str(f)).tokens if t.kind != "CHROME"]
            assert loaded.parse(toks) == built.parse(toks), f.name
    finally:
        grammar.parser.cache_clear()


def test_page_number_starts_are_every_first_character_the_pattern_allows():
    tails = ("1-", " 1 -", "1页", " 1 页 共 2 页", "2—", "3－")
    for code in range(0x10000):
        ch = chr(code)
        if ch.isspace() or 0xD800 <= code <= 0xDFFF:
            continue
        if any(PAGE_NUMBER.match(ch + tail) for tail in tails):
            assert ch in PAGE_NUMBER_STARTS, hex(code)
    for line in ("- 3 -", "—12—", "第 3 页", "第3页，共9页", "\f  - 1 -"):
        assert PAGE_NUMBER.match(line) and line.lstrip()[:1] in PAGE_NUMBER_STARTS


def test_a_text_run_imports_no_format_library_and_no_yaml(tmp_path):
    """The format readers, YAML (the template comes from disk after the first run), importlib.metadata (the
    installed plugins too, while nothing is installed or removed), the web server and the HTML report load
    only for the files and outputs that need them."""
    env = dict(os.environ, GOVLINT_CACHE_DIR=str(tmp_path / "cache"))
    probe = (
        "import sys, io, contextlib\n"
        "from govlint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['--isolated', '--no-cache', {str(EXAMPLES / 'good-2021.txt')!r}])\n"
        "heavy = ['lxml', 'pdfplumber', 'pdfminer', 'markdown_it', 'yaml', 'werkzeug', 'waitress',\n"
        "         'govlint.read.html.walk', 'govlint.read.docx.body', 'govlint.read.pdf.describe', 'govlint.serve',\n"
        "         'importlib.metadata']\n"
        "print(code, [m for m in heavy if m in sys.modules])\n"
    )
    # The probe's folder is first on its sys.path: one changed in the last seconds is not trusted to
    # hold the same distributions on the next run (govlint.installed), so give it an older time.
    here = tmp_path / "here"
    here.mkdir()
    os.utime(here, (1e9, 1e9))
    run = dict(capture_output=True, text=True, env=env, timeout=120, cwd=here)
    first = subprocess.run([sys.executable, "-c", probe], **run)
    second = subprocess.run([sys.executable, "-c", probe], **run)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().startswith("0 ")  # the first run may import yaml: it builds the template
    assert second.stdout.strip() == "0 []", second.stdout + second.stderr


def test_check_leaves_the_callers_report_as_it_was():
    from govlint import api

    from .conftest import make_report

    report = api.parse_bytes(make_report().encode("utf-8"), "r.txt")
    before = (report.year, list(report.year_evidence))
    diags, _ = api.check(report, options={"year": 2019})
    assert (report.year, report.year_evidence) == before  # the copy the rules saw had 2019
    result = api.lint_bytes(make_report().encode("utf-8"), "r.txt", options={"year": 2019})
    assert result.report.year == 2019 and result.report.year_evidence[0].source == "config"


def test_folding_run_by_run_equals_translating_every_character():
    import random

    from govlint.normalize import _FOLD, fold

    rng = random.Random(17)
    alphabet = [chr(c) for c in _FOLD] + list("报告一二三、。 \t\n0123456789abc|") + ["\U0001F600", "\ud800"]
    for n in (0, 1, 63, 64, 65, 200, 5000):
        for _ in range(20):
            s = "".join(rng.choice(alphabet) for _ in range(n))
            assert fold(s) == s.translate(_FOLD) and len(fold(s)) == len(s)
