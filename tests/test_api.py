"""The Python API and the command line share one rule set and reject the same mistakes."""

from __future__ import annotations

import json

import pytest

import govlint
from govlint import ruleset
from govlint.cli import main

from .conftest import SEEDS, make_report, needs_shared

TEXT = make_report()


@pytest.mark.parametrize(
    "kwargs, needle",
    [
        ({"selection": govlint.Selection(select=["GL2O1"])}, "selection.select: unknown rule code or prefix 'GL2O1' (did you mean GL201?"),
        ({"selection": govlint.Selection(ignore=["GL9X9"])}, "selection.ignore: unknown rule code or prefix 'GL9X9'"),
        ({"selection": govlint.Selection(severities={"GL20": "note"})}, "selection.severities: unknown rule code or prefix 'GL20'"),
        ({"selection": govlint.Selection(severities={"GL201": "fatal"})}, "'fatal' is not one of error, warning, note"),
        ({"selection": govlint.Selection(per_file_ignores={"*.txt": ["XYZ1"]})}, "per_file_ignores['*.txt']"),
        ({"options": {"yaer": 2022}}, "options: unknown key 'yaer' (known: contact-required, issuer-kind, repeat-threshold, repeated-word-allow, year)"),
        ({"options": {"year": "2022"}}, "options: key 'year' must be a whole number, not '2022'"),
        ({"options": {"issuer-kind": "county"}}, "must be one of government, department"),
        ({"options": {"select": ["GL1"]}}, "options: unknown key 'select'"),  # a selection is not a rule option
        ({"options": ["year"]}, "options must be a dict"),
        ({"selection": ["GL1"]}, "selection must be a govlint.Selection"),
    ],
)
def test_the_api_rejects_what_names_nothing(kwargs, needle):
    with pytest.raises(govlint.ConfigError) as e:
        govlint.lint_text(TEXT, **kwargs)
    assert needle in str(e.value)
    assert isinstance(e.value, ValueError)  # callers may catch the built-in type


def test_every_entry_point_checks_before_reading(tmp_path):
    bad = govlint.Selection(select=["NOPE"])
    missing = str(tmp_path / "gone.txt")
    with pytest.raises(govlint.ConfigError):
        govlint.lint_path(missing, selection=bad)  # not a GL001 for the missing file: the call is wrong
    with pytest.raises(govlint.ConfigError):
        govlint.lint_bytes(b"", selection=bad)
    with pytest.raises(govlint.ConfigError):
        govlint.lint_paths([missing], selection=bad)  # at the call, not at the first result


def test_the_cli_and_the_api_word_an_unknown_code_alike(capsys):
    assert main(["--select", "GL2O1", "--isolated", "--lang", "en", "-"]) == 2
    cli = capsys.readouterr().err
    with pytest.raises(govlint.ConfigError) as e:
        govlint.lint_text(TEXT, selection=govlint.Selection(select=["GL2O1"]))
    tail = "unknown rule code or prefix 'GL2O1' (did you mean GL201? see 'govlint rules')"
    assert tail in cli and tail in str(e.value)
    assert main(["--select", "GL2O1", "--isolated", "--lang", "zh", "-"]) == 2
    cli = capsys.readouterr().err
    tail = "未知的规则代码或前缀“GL2O1”（是否指 GL201？见 govlint rules）"
    assert tail in cli and tail in e.value.text("zh")


def test_good_arguments_pass():
    res = govlint.lint_text(TEXT, selection=govlint.Selection(select=["GL1", "GL2"], ignore=["GL103"]), options={"year": 2022})
    assert all(d.code[:3] in ("GL1", "GL2") and d.code != "GL103" for d in res.diagnostics)


def test_the_default_rule_set_is_the_unconfigured_clis():
    isolated = govlint.load_settings(isolated=True)
    assert ruleset.default().codes == isolated.rule_set.codes == {r.code for r in isolated.rules}


def test_settings_bring_the_configurations_packs_and_selection(tmp_path):
    (tmp_path / ".govlint.toml").write_text(
        'rule-packs = ["builtin:template-leftovers"]\nselect = ["TPL"]\nyear = 2022\n', encoding="utf-8"
    )
    text = make_report(bodies={0: "2022年，XX县共受理政府信息公开申请XX件。"})
    settings = govlint.load_settings(tmp_path)
    assert "TPL101" in settings.rule_set.codes and settings["year"] == 2022
    res = govlint.lint_text(text, settings=settings)
    assert [d.code for d in res.diagnostics] == ["TPL101", "TPL101"]
    # an explicit argument wins over the settings
    res = govlint.lint_text(text, settings=settings, selection=govlint.Selection(select=["GL1"]))
    assert not any(d.code.startswith("TPL") for d in res.diagnostics)
    # without the settings the pack's rules do not exist, and naming them is an error
    with pytest.raises(govlint.ConfigError, match="'TPL'"):
        govlint.lint_text(text, selection=govlint.Selection(select=["TPL"]))


def test_settings_refuse_what_the_command_line_refuses(tmp_path):
    with pytest.raises(govlint.ConfigError, match="--select: unknown rule code or prefix 'GL9X9'"):
        govlint.load_settings(tmp_path, overrides={"select": ["GL9X9"]})
    with pytest.raises(govlint.ConfigError, match="--timeout must be a number of seconds"):
        govlint.load_settings(tmp_path, overrides={"timeout": -1})
    with pytest.raises(govlint.ConfigError, match="--max-size must be a positive number of bytes, not 0"):
        govlint.load_settings(tmp_path, overrides={"max-size": 0})


@needs_shared
def test_the_cli_and_the_api_find_the_same(tmp_path, capsys):
    (tmp_path / ".govlint.toml").write_text(
        'rule-packs = ["builtin:template-leftovers", "builtin:hotline-12345"]\nignore = ["GL5"]\n', encoding="utf-8"
    )
    config = str(tmp_path / ".govlint.toml")
    main(["--format", "json", "--no-cache", "--config", config, str(SEEDS)])
    out = json.loads(capsys.readouterr().out)
    cli = sorted(
        (f["path"], d["code"], json.dumps(d["location"]), d["message"]["en"]) for f in out["files"] for d in f["diagnostics"]
    )
    settings = govlint.load_settings(config_file=tmp_path / ".govlint.toml")
    api = []
    for r in govlint.lint_paths([SEEDS], settings=settings):
        for d in r.diagnostics:
            reg = d.region
            api.append((r.path, d.code, reg, d.text("en")))
    assert len(api) == len(cli) and len(api) > 5
    assert sorted((p, c, m) for p, c, _, m in api) == sorted((p, c, m) for p, c, _, m in cli)
    assert not any(c.startswith("GL5") for _, c, _, _ in api)
