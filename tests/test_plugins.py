"""Plugins: hooks and isolation, declarative YAML packs, and a real third-party plugin."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import types
import venv
from pathlib import Path

import pytest

import govlint
from govlint import api, plugins
from govlint.checks.declarative import PackError, builtin_packs, load_pack, load_packs
from govlint.cli import main
from govlint.hookspecs import hookimpl
from govlint.rule import Rule

from .conftest import EXAMPLES, ROOT, SIX, building_the_checkout, make_report
from .runner import govlint as run_govlint

PLUGIN_DIR = EXAMPLES / "govlint-plugin-example"


# ------------------------------------------------------------------ hooks and isolation

def test_every_hook_has_a_spec_and_unknown_hooks_are_refused():
    mod = types.ModuleType("typo_plugin")

    @hookimpl
    def govlint_rulez():  # a typo: no such hook
        return []

    mod.govlint_rulez = govlint_rulez
    ps = plugins.build(extra=[mod], entry_points=False)
    (info,) = [i for i in ps.infos if i.name == "typo_plugin"]
    assert info.error and "govlint_rulez" in info.error
    assert {r.code for r in ps.rules} >= {"GL101", "GL212"}  # everything else still there


def test_gl_prefix_is_reserved_for_govlint():
    class Impostor(Rule):
        code = "GL999"
        name = "impostor"
        severity = "error"

        def check(self, report, context):
            return ()

    mod = types.ModuleType("impostor_plugin")
    mod.govlint_rules = hookimpl(lambda: [Impostor()])
    ps = plugins.build(extra=[mod], entry_points=False)
    assert "GL999" not in {r.code for r in ps.rules}
    assert "reserved" in next(i for i in ps.infos if i.name == "impostor_plugin").error


def _fake_entry_point(name: str, load):
    return types.SimpleNamespace(name=name, value=f"{name}_module", dist=None, load=load)


def test_plugin_that_fails_to_import_is_gl900_and_exit_2(fresh_plugins, tmp_path, capsys):
    def boom():
        raise ImportError("No module named 'requests'")

    fresh_plugins.setattr(plugins, "_entry_points", lambda: [_fake_entry_point("broken", boom)])
    f = tmp_path / "r.txt"
    f.write_text(make_report(title="", headings=SIX[:5]), encoding="utf-8")
    assert main(["--isolated", "--lang", "en", str(f)]) == 2
    out, err = capsys.readouterr()
    assert "<plugins>:1:1: GL900 [error] plugin broken failed to import: ImportError: No module named 'requests'" in out
    assert "GL101" in out and "GL104" in out  # the other rules still ran
    assert "--debug" in err


def test_rule_that_raises_is_gl900_others_run(fresh_plugins, tmp_path, capsys):
    class Broken(Rule):
        code = "BRK101"
        name = "always-raises"
        severity = "error"

        def check(self, report, context):
            raise ZeroDivisionError("division by zero")

    mod = types.ModuleType("brk")
    mod.govlint_rules = hookimpl(lambda: [Broken()])
    fresh_plugins.setattr(plugins, "default", lambda: plugins.build(extra=[mod], entry_points=False))
    f = tmp_path / "r.txt"
    f.write_text(make_report(title=""), encoding="utf-8")
    assert main(["--isolated", "--lang", "en", "--debug", str(f)]) == 2
    out, err = capsys.readouterr()
    assert "GL900" in out and "BRK101" in out and "ZeroDivisionError" in out
    assert "GL104" in out
    assert "Traceback" in err  # --debug


def test_plugins_command_lists_builtins():
    p = run_govlint("plugins", "--all", timeout=60)
    assert p.returncode == 0
    assert "govlint.checks.tables  [built-in]" in p.stdout and "GL212" in p.stdout


# ------------------------------------------------------------------ declarative packs

def test_builtin_packs_load():
    packs = builtin_packs()
    assert set(packs) >= {"hotline-12345", "template-leftovers"}
    codes = [r.code for name in packs for r in load_pack(packs[name])]
    assert {"HL101", "HL102", "TPL101", "TPL102"} <= set(codes)


def _lint_with(text: str, packs: list[str], tmp_path: Path, select=None) -> list:
    """Lint with ``packs`` named in a configuration file, through the API's settings (as the CLI loads them)."""
    named = ", ".join(f'"{p}"' for p in packs)
    (tmp_path / ".govlint.toml").write_text(f"rule-packs = [{named}]\n", encoding="utf-8")
    own = sorted({r.code for r in load_packs(packs, tmp_path)})
    settings = govlint.load_settings(tmp_path, overrides={"select": select or own})
    return govlint.lint_text(text, settings=settings).diagnostics


def test_hotline_pack_fires_and_stays_silent(tmp_path):
    text = make_report()
    (d,) = _lint_with(text, ["builtin:hotline-12345"], tmp_path)
    assert d.code == "HL101" and d.region.start_line == 2 and "12345" in d.text("zh")
    ok = make_report(bodies={0: "2022年，12345热线共受理群众诉求1200件，办结1198件。"})
    assert _lint_with(ok, ["builtin:hotline-12345"], tmp_path) == []
    vague = make_report(bodies={0: "2022年，我县认真办理12345热线转办事项，群众满意。"})
    (d,) = _lint_with(vague, ["builtin:hotline-12345"], tmp_path)
    assert d.code == "HL102" and d.severity == "note"


def test_template_leftovers_pack(tmp_path):
    text = make_report(bodies={0: "2022年，XX县共受理政府信息公开申请XX件，此处填写说明。"})
    got = [(d.code, d.data["match"]) for d in _lint_with(text, ["builtin:template-leftovers"], tmp_path)]
    assert got == [("TPL101", "XX"), ("TPL101", "XX"), ("TPL101", "此处填写")]
    assert _lint_with(make_report(), ["builtin:template-leftovers"], tmp_path) == []
    many = make_report(bodies={4: "存在信息更新不及时等问题、解读不够等问题、渠道不多等问题、队伍不稳等问题、经费不足等问题、培训不够等问题。下一步将加强。"})
    (d,) = _lint_with(many, ["builtin:template-leftovers"], tmp_path)
    assert d.code == "TPL102" and "6" in d.text("en")


def test_user_pack_through_configuration_with_select_and_ignore(tmp_path, capsys):
    (tmp_path / "our.yaml").write_text(
        "pack: our-rules\nrules:\n  - code: CITY101\n    name: no-weekend-work\n    severity: error\n"
        "    summary: {zh: 不得出现“周末加班”, en: No weekend overtime boasts}\n"
        "    message:\n      zh: '出现了“{match}”'\n      en: 'found “{match}”'\n"
        "    check: {kind: must-not-contain, pattern: 周末加班}\n",
        encoding="utf-8",
    )
    (tmp_path / ".govlint.toml").write_text('rule-packs = ["our.yaml"]\nlang = "en"\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(make_report(bodies={0: "2022年，我县工作人员周末加班完成平台改版。"}), encoding="utf-8")
    assert main(["--select", "CITY", str(f)]) == 1
    out = capsys.readouterr().out
    assert "CITY101 [error] found “周末加班”" in out
    assert main(["--select", "CITY", "--ignore", "CITY101", str(f)]) == 0
    capsys.readouterr()
    assert main(["rules", "--config", str(tmp_path / ".govlint.toml")]) == 0
    assert "CITY101" in capsys.readouterr().out


@pytest.mark.parametrize(
    "body,needle",
    [
        ("pack: p\nrules: []\n", ":2: rules: a non-empty list"),
        ("pack: p\nrules:\n  - code: X1\n", ":3: rules[0].code: 'X1' must be capital letters"),
        ("pack: p\nrules:\n  - code: GL777\n", "the GL prefix is reserved"),
        (
            "pack: p\nrules:\n  - code: AB101\n    name: a-b\n    summary: {zh: a, en: b}\n    message: {zh: a, en: b}\n"
            "    check:\n      kind: must-have\n      pattern: x\n",
            ":8: rules[0].check.kind: unknown kind 'must-have'",
        ),
        (
            "pack: p\nrules:\n  - code: AB101\n    name: a-b\n    summary: {zh: a}\n",
            ":5: rules[0].summary.en: is required",
        ),
        (
            "pack: p\nrules:\n  - code: AB101\n    name: a-b\n    summary: {zh: a, en: b}\n    message: {zh: a, en: b}\n"
            "    check: {kind: must-contain, pattern: '(unclosed'}\n",
            "rules[0].check.pattern: not a valid regular expression",
        ),
        ("pack: p\nrulez: []\n", ":2: rulez: unknown key"),
        ("pack: [\n", "not valid YAML"),
    ],
)
def test_pack_errors_name_file_line_and_key(tmp_path, body, needle):
    f = tmp_path / "bad.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(PackError) as e:
        load_pack(f)
    assert str(e.value).startswith(str(f)) and needle in str(e.value), str(e.value)


def test_pack_error_is_a_configuration_error_on_the_command_line(tmp_path, capsys):
    (tmp_path / "bad.yaml").write_text("pack: p\nrules: []\n", encoding="utf-8")
    (tmp_path / ".govlint.toml").write_text('rule-packs = ["bad.yaml"]\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(make_report(), encoding="utf-8")
    assert main([str(f)]) == 2
    assert "bad.yaml:2: rules" in capsys.readouterr().err


# ------------------------------------------------------------------ docs and the example plugin

def test_first_rule_doc_is_the_example_plugin_code():
    doc = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(python|toml)\n(.*?)```", doc, flags=re.S)
    python = [b for lang, b in blocks if lang == "python"]
    toml = [b for lang, b in blocks if lang == "toml"]
    assert python[0] == (PLUGIN_DIR / "govlint_plugin_example" / "plugin.py").read_text(encoding="utf-8")
    assert toml[0] == (PLUGIN_DIR / "pyproject.toml").read_text(encoding="utf-8")


def test_whole_file_example_of_the_plugins_doc_runs():
    doc = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    [snippet] = [b for lang, b in re.findall(r"```(python|toml)\n(.*?)```", doc, flags=re.S) if "whole_file" in b]
    ns: dict = {"Rule": Rule}
    exec("class NoTables(Rule):\n    code = 'EX901'\n    name = 'no-tables'\n    severity = 'warning'\n" + snippet, ns)
    rule = ns["NoTables"]()
    report = api.parse(api.read((EXAMPLES / "good-2021.txt").read_bytes(), "r.pdf"))
    assert report.tables and list(rule.check(report, None)) == []  # a text reading: not a PDF
    report.source = dataclasses.replace(report.source, format="pdf")
    assert list(rule.check(report, None)) == []  # a PDF with its tables
    report.tables = []
    [d] = rule.check(report, None)
    assert (d.code, d.severity, d.path, d.region.start_line, d.region.start_column) == ("EX901", "warning", "r.pdf", 1, 1)
    assert d.text("en") == "no statistics table was read from this PDF" and d.text("zh") == "未从此 PDF 读到任何统计表"


@pytest.mark.slow
def test_example_plugin_installed_in_a_venv(tmp_path, tmp_path_factory):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    py = str(bindir / "python")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    with building_the_checkout(tmp_path_factory):  # pip builds ROOT in place
        p = subprocess.run([py, "-m", "pip", "install", "-q", str(ROOT), str(PLUGIN_DIR)], capture_output=True, text=True, env=env, timeout=900)
    assert p.returncode == 0, p.stderr[-3000:]

    def gl(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([py, "-m", "govlint", *args], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)

    p = gl("plugins")
    assert p.returncode == 0 and "govlint-plugin-example 0.1.0" in p.stdout and "EX101" in p.stdout and "csv" in p.stdout
    p = gl("rules", "--lang", "en")
    assert "EX101" in p.stdout and "missing-signature-date" in p.stdout
    report = tmp_path / "r.txt"
    report.write_text(make_report(), encoding="utf-8")  # no signature date
    p = gl("--isolated", "--lang", "en", "--select", "EX", str(report))
    assert p.returncode == 1 and "EX101 [warning] the report has no signature or publication date" in p.stdout
    assert gl("--isolated", "--select", "EX", "--ignore", "EX101", str(report)).returncode == 0
    p = gl("--isolated", "--lang", "en", "--select", "EX101", "--format", "csv", str(report))
    assert p.stdout.splitlines()[0] == "path,line,column,code,severity,message" and ",EX101,warning," in p.stdout
    (tmp_path / ".govlint.toml").write_text("example-require-date = false\n", encoding="utf-8")
    assert gl("--select", "EX", str(report)).returncode == 0
