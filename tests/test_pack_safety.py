"""Rule packs and configuration files are input too: linear to load, bounded to run."""

from __future__ import annotations

import os
import time

import pytest

from govlint.checks.declarative import MAX_PACK_BYTES, PackError, load_pack
from govlint.cli import main
from govlint.config import ConfigError
from govlint.config import load as load_config

from .conftest import make_report

RULE = """pack: p
rules:
  - code: PK101
    name: a-rule
    summary: {zh: 摘要, en: summary}
    message: {zh: 消息, en: message}
    check: {kind: must-contain, pattern: "公开"}
"""


def _laughs(levels: int, where: str) -> str:
    """The "billion laughs": each level refers to the one before it ten times."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    if where == "top":
        return "\n".join(lines) + "\n" + RULE
    body = "\n".join("    " + ln for ln in lines)
    return RULE.replace("    check:", f"    extra:\n{body}\n    example:\n      bad: *a{levels - 1}\n    check:")


@pytest.mark.parametrize("where", ["top", "inside a rule"])
def test_an_alias_bomb_in_a_pack_is_refused_at_once(where, tmp_path):
    p = tmp_path / "bomb.yaml"
    p.write_text(_laughs(9, where), encoding="utf-8")  # 10**9 strings if expanded
    t0 = time.monotonic()
    with pytest.raises(PackError) as e:
        load_pack(p)
    assert time.monotonic() - t0 < 10  # a hang guard; refused before any expansion
    assert "anchors and aliases" in str(e.value) and str(p) in str(e.value)


def test_even_one_alias_is_refused_with_its_line(tmp_path):
    p = tmp_path / "alias.yaml"
    p.write_text(RULE.replace("summary: {zh: 摘要, en: summary}", "summary: &s {zh: 摘要, en: summary}")
                 .replace("message: {zh: 消息, en: message}", "message: *s"), encoding="utf-8")
    with pytest.raises(PackError, match=r"alias.yaml:5: anchors and aliases"):
        load_pack(p)


@pytest.mark.parametrize("doc", ["[" * 20_000 + "]" * 20_000, "a:\n" + "".join(" " * i + "- \n" for i in range(1, 3000))])
def test_a_pack_nested_beyond_reason_is_an_error(doc, tmp_path):
    p = tmp_path / "deep.yaml"
    p.write_text(doc, encoding="utf-8")
    with pytest.raises(PackError):
        load_pack(p)


def test_a_huge_pack_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.yaml"
    p.write_text(RULE + "#" * MAX_PACK_BYTES, encoding="utf-8")
    with pytest.raises(PackError, match="larger than the limit"):
        load_pack(p)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pack_or_configuration_that_is_a_pipe_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pack.yaml")
    with pytest.raises(PackError, match="not a regular file"):
        load_pack(tmp_path / "pack.yaml")
    os.mkfifo(tmp_path / "conf.toml")
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(tmp_path / "conf.toml")


@pytest.mark.parametrize("name, text", [
    (".govlint.yaml", "select: " + "[" * 20_000 + "]" * 20_000),
    (".govlint.toml", "select = " + "[" * 20_000 + "]" * 20_000),
    (".govlint.yaml", "a: &a [x, x]\nb: &b [*a, *a]\nignore: [*b, *b]\n"),
])
def test_hostile_configuration_is_a_configuration_error(name, text, tmp_path, capsys):
    (tmp_path / name).write_text(text, encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(make_report(), encoding="utf-8")
    assert main(["--lang", "en", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govlint: configuration error:") and name in err and "Traceback" not in err


@pytest.mark.parametrize(
    "pattern, jobs", [(r"(a+)+$", "1"), (r"(a|a)*c", "1"), (r"(x+x+)+y", "1"), (r"(\w+\s?)*$", "1"), (r"(a+)+$", "2")]
)
def test_a_catastrophic_pack_pattern_is_stopped_and_named(pattern, jobs, tmp_path, capsys):
    (tmp_path / "evil.yaml").write_text(
        RULE.replace('pattern: "公开"', f"pattern: '{pattern}'").replace("PK101", "EV101"), encoding="utf-8"
    )
    (tmp_path / ".govlint.toml").write_text('rule-packs = ["evil.yaml"]\n', encoding="utf-8")
    for i in range(2):
        (tmp_path / f"r{i}.txt").write_text(make_report(title="", bodies={0: "a" * 41 + "!" + "x" * 41 + "!"}), encoding="utf-8")
    t0 = time.monotonic()
    code = main(["--no-cache", "--lang", "en", "--timeout", "0.3", "-j", jobs, *[str(tmp_path / f"r{i}.txt") for i in range(2)]])
    out = capsys.readouterr().out
    assert time.monotonic() - t0 < 60  # a hang guard: two files at 0.3 s each
    assert code == 2
    stopped = [ln for ln in out.splitlines() if "GL900" in ln]
    assert len(stopped) == 2 and all("rule EV101 (a-rule) was stopped after 0.3 s" in ln for ln in stopped)
    assert out.count("GL104") == 2


def test_pack_and_plugin_rules_in_the_python_api_are_bounded_too(tmp_path):
    from govlint import api

    (tmp_path / "evil.yaml").write_text(RULE.replace('pattern: "公开"', "pattern: '(a+)+$'"), encoding="utf-8")
    rules = load_pack(tmp_path / "evil.yaml")
    res = api.lint_bytes(("一、总体情况\n" + "a" * 41 + "b\n").encode(), "x.txt", rules=rules, timeout=0.3)
    assert [d.code for d in res.diagnostics] == ["GL900"]
    again = api.lint_bytes(("一、总体情况\n" + "a" * 10 + "\n").encode(), "y.txt", rules=rules, timeout=0.3)
    assert [d.code for d in again.diagnostics] == []  # the interrupted match left the engine usable
