"""A cache that cannot hurt: its key covers everything, and no entry can break a run."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from pathlib import Path

import pytest

from govlint import batch, cache, plugins
from govlint.checks.declarative import DeclarativeRule, load_pack
from govlint.cli import main
from govlint.select import Selection

from .conftest import EXAMPLES, make_report

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PACK = EXAMPLES.parent / "rules" / "hotline-12345.yaml"


def _rule() -> DeclarativeRule:
    return load_pack(PACK)[0]


def _other(value):
    """A different value of the same kind, for any setting a rule may have."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 7
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, dict):
        return {**value, "zh": "另一个"}
    if isinstance(value, re.Pattern):
        return re.compile(value.pattern + "x")
    if value is None:
        return 3
    raise AssertionError(f"no other value for {value!r}")


def _fingerprint(rules) -> str:
    return cache.fingerprint(Selection(), 1 << 24, {}, rules)


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(DeclarativeRule)])
def test_every_setting_of_a_pack_rule_is_in_the_key(name):
    # The class of the stale-cache defect: `within` was left out of a list of attributes.
    # Every field, present and future, must change the key.
    rule = _rule()
    changed = dataclasses.replace(rule, **{name: _other(getattr(rule, name))})
    assert _fingerprint([rule]) != _fingerprint([changed]), name


def test_the_key_is_stable_across_processes():
    import subprocess

    code = "from govlint import cache, plugins; from govlint.select import Selection; " \
           "print(cache.fingerprint(Selection(), 1 << 24, {'year': 2022}, plugins.rules()))"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout for _ in range(2)}
    assert len(runs) == 1 and len(runs.pop().strip()) == 64  # no addresses or random values in rule state


def test_the_key_changes_with_govlint_code_plugins_and_options(monkeypatch):
    rules = plugins.rules()
    base = _fingerprint(rules)
    assert cache.fingerprint(Selection(), 1 << 24, {"year": 2022}, rules) != base
    assert cache.fingerprint(Selection(ignore=["GL1"]), 1 << 24, {}, rules) != base
    monkeypatch.setattr(cache, "code_stamp", lambda: "patched in place")
    assert _fingerprint(rules) != base


def test_a_rule_can_name_its_own_key():
    class Reads:
        code, severity = "EX1", "error"

        def __init__(self, version):
            self.version = version

        def cache_token(self):
            return f"data file v{self.version}"

    assert _fingerprint([Reads(1)]) != _fingerprint([Reads(2)])


def test_changing_within_serves_a_new_result(tmp_path, capsys):
    (tmp_path / "pack.yaml").write_text(
        "pack: t\nrules:\n  - code: TT101\n    name: phrase-with-number\n    summary: {zh: 要有数字, en: needs a number}\n"
        "    message: {zh: 没有数字, en: no number}\n    check: {kind: number-with-phrase, pattern: 主动公开, within: 2}\n",
        encoding="utf-8",
    )
    (tmp_path / ".govlint.toml").write_text('rule-packs = ["pack.yaml"]\nselect = ["TT"]\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text((EXAMPLES / "good-2021.txt").read_text(encoding="utf-8"), encoding="utf-8")
    args = ["--cache-dir", str(tmp_path / "c"), str(f)]
    assert main(args) == 1
    pack = tmp_path / "pack.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("within: 2", "within: 200"), encoding="utf-8")
    assert main(args) == 0  # not the old result
    capsys.readouterr()


# ------------------------------------------------------------------ damaged entries

def _entry(tmp_path: Path, text: str) -> tuple[batch.Job, Path, str]:
    sel = Selection()
    rules = tuple(plugins.rules())
    job = batch.Job(sel, 1 << 24, {}, rules, str(tmp_path / "cache"), batch.fingerprint(sel, 1 << 24, {}, rules))
    f = tmp_path / "r.txt"
    f.write_text(text, encoding="utf-8")
    key = batch.cache_key(job, str(f), f.read_bytes())
    return job, f, cache.entry_path(job.cache_dir, key)


VALID_HEAD = '{"format":2,"facts":["plain","utf-8",2022,null],"diagnostics":[["GL104","missing-title","warning",{"zh":"z","en":"e"},[0,0],[1,1,1,1],{}]]}'
DAMAGED = {
    "empty list": "[]",
    "empty object": "{}",
    "null": "null",
    "a number": "42",
    "format only": '{"format":2}',
    "facts of the wrong length": '{"format":2,"facts":[1],"diagnostics":[]}',
    "a code that is a number": VALID_HEAD.replace('"GL104"', "104") + '\n{"lines":{},"related":[[[],[]]]}',
    "an unknown severity": VALID_HEAD.replace('"warning"', '"fatal"') + '\n{"lines":{},"related":[[[],[]]]}',
    "a region of text": VALID_HEAD.replace("[1,1,1,1]", '"here"') + '\n{"lines":{},"related":[[[],[]]]}',
    "a zero line": VALID_HEAD.replace("[1,1,1,1]", "[0,1,1,1]") + '\n{"lines":{},"related":[[[],[]]]}',
    "detail missing": VALID_HEAD,
    "detail of another length": VALID_HEAD + '\n{"lines":{},"related":[]}',
    "lines not numbered": VALID_HEAD + '\n{"lines":{"x":"y"},"related":[[[],[]]]}',
    "truncated": VALID_HEAD[:40],
    "deeply nested": "[" * 100_000 + "]" * 100_000,
    "binary": "\x00\xff\xfe garbage",
}


@pytest.mark.parametrize("how", list(DAMAGED))
def test_a_damaged_entry_is_a_miss_and_is_rewritten(how, tmp_path):
    job, f, entry = _entry(tmp_path, make_report(title=""))
    fresh = list(batch.run([str(f)], job))[0]
    Path(entry).write_bytes(DAMAGED[how].encode("utf-8", "surrogateescape"))
    again = list(batch.run([str(f)], job))[0]
    assert not again.cached and [d.code for d in again.diagnostics] == [d.code for d in fresh.diagnostics]
    assert cache.load(Path(entry).read_bytes(), str(f)) is not None  # rewritten whole
    assert list(batch.run([str(f)], job))[0].cached


def test_an_entry_that_is_a_folder_or_a_pipe_is_a_miss(tmp_path):
    job, f, entry = _entry(tmp_path, make_report(title=""))
    os.makedirs(entry)
    res = list(batch.run([str(f)], job))[0]
    assert not res.cached and "GL104" in [d.code for d in res.diagnostics]
    if hasattr(os, "mkfifo"):
        os.rmdir(entry)
        os.mkfifo(entry)  # opening it for reading would block for ever
        res = list(batch.run([str(f)], job))[0]
        assert not res.cached and "GL104" in [d.code for d in res.diagnostics]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_corruption_of_an_entry_loads_as_a_result_or_a_miss(data):
    from govlint import lint_text

    res = lint_text(make_report(title="", bodies={0: "2022年，我县公开信息15条。"})).detach()
    blob = bytearray(cache.dump(res))
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(blob) - 1))
        op = data.draw(st.sampled_from(["flip", "delete", "insert"]))
        if op == "flip":
            blob[i] = data.draw(st.integers(0, 255))
        elif op == "delete":
            del blob[i]
        else:
            blob[i:i] = data.draw(st.sampled_from([b"[", b"]", b"{", b"}", b",", b'"', b"null", b"-1", b"\n", b"1e999"]))
    loaded = cache.load(bytes(blob), "r.txt")
    if loaded is not None:  # then it is a result the formatters can use
        for d in loaded.diagnostics:
            assert isinstance(d.message, dict) and all(isinstance(v, str) for v in d.message.values())
            assert d.region is None or min(d.region.start_line, d.region.start_column) >= 1


def test_a_cache_that_cannot_be_written_is_one_warning(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    d = tmp_path / "reports"
    d.mkdir()
    for i in range(3):
        (d / f"r{i}.txt").write_text(make_report(title=""), encoding="utf-8")
    assert main(["--isolated", "--lang", "en", "--cache-dir", str(blocker / "cache"), str(d)]) == 1
    out, err = capsys.readouterr()
    assert out.count("GL104") == 3
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("govlint: warning: cannot write the cache (") and "not-a-folder" in lines[0]
