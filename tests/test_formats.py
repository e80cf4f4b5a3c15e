"""Output formats (SARIF, JSON, GitHub annotations, text options) and configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govlint.cli import main
from govlint.report.sarif import utf16_column

from .conftest import EXAMPLES, ROOT, SEEDS, SIX, make_report, needs_shared
from .runner import govlint


def run(*args: str, cwd=None):
    return govlint(*args, cwd=cwd, timeout=120)


def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    # The OASIS schema, vendored (where it came from: tests/test_sarif_schema.py).
    schema = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


# ------------------------------------------------------------------ SARIF

@needs_shared
def test_sarif_of_every_seed_is_valid_against_the_oasis_schema(tmp_path):
    validator = sarif_validator()
    for f in sorted(SEEDS.glob("*.txt")):
        out = tmp_path / (f.stem + ".sarif")
        p = run("--format", "sarif", "--output", str(out), "--lang", "en", str(f), cwd=SEEDS.parent.parent)
        assert p.returncode in (0, 1), p.stderr
        log = json.loads(out.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(log), key=str)
        assert not errors, f"{f.name}: {errors[0].message}"


@needs_shared
def test_sarif_content(tmp_path):
    out = tmp_path / "r.sarif"
    root = SEEDS.parent.parent
    p = run("--format", "sarif", "--output", str(out), "--automation-id", "govlint/seeds/", str(SEEDS / "001_81ecb54b46cc6fdb.txt"), cwd=root)
    assert p.returncode == 1 and p.stdout == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    run0 = log["runs"][0]
    driver = run0["tool"]["driver"]
    assert driver["name"] == "govlint" and driver["version"] and driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert "GL212" in ids and "GL101" in ids
    for r in driver["rules"]:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert r["help"]["text"] and r["help"]["markdown"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert r["properties"]["tags"]
    assert run0["columnKind"] == "utf16CodeUnits"
    assert run0["automationDetails"]["id"] == "govlint/seeds/"
    results = run0["results"]
    assert {r["ruleId"] for r in results} >= {"GL202", "GL204", "GL401", "GL403"}
    for r in results:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "shared/seeds/001_81ecb54b46cc6fdb.txt", "uriBaseId": "%SRCROOT%"}
        reg = loc["region"]
        assert reg["startLine"] >= 1 and reg["endColumn"] > reg["startColumn"] or reg["endLine"] > reg["startLine"]
    gl204 = next(r for r in results if r["ruleId"] == "GL204" and len(r.get("relatedLocations", [])) > 10)
    assert all(rel["physicalLocation"]["region"]["startLine"] > 0 for rel in gl204["relatedLocations"])
    prints = [r["partialFingerprints"]["govlint/v1"] for r in results]
    assert len(set(prints)) == len(prints) and all(len(p) == 32 for p in prints)  # one identity per finding
    linked = [r for r in results if r.get("relatedLocations")]
    assert all("](1)" in r["message"]["text"] for r in linked)  # GitHub shows linked related locations only
    precision = {r["id"]: r["properties"]["precision"] for r in run0["tool"]["driver"]["rules"]}
    assert precision["GL210"] == "very-high" and precision["GL501"] == "medium" and precision["GL101"] == "high"


def test_sarif_fingerprints_survive_lines_moving(tmp_path, capsys):
    good = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
    wrong = good.replace("86 |\n9 |", "87 |\n9 |", 1)
    f = tmp_path / "r.txt"

    def prints(text: str) -> dict:
        f.write_text(text, encoding="utf-8")
        main(["--isolated", "--no-cache", "--format", "sarif", "--sarif-root", str(tmp_path), str(f)])
        run0 = json.loads(capsys.readouterr().out)["runs"][0]
        return {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r["partialFingerprints"]["govlint/v1"] for r in run0["results"]}

    before = prints(wrong)
    after = prints(wrong.replace("一、总体情况\n", "一、总体情况\n新增的一段说明文字。\n另一段新增的说明。\n", 1))
    assert set(before.values()) == set(after.values())  # the same findings, two lines further down
    assert sorted(line for _, line in after) == sorted(line + 2 for _, line in before)


def test_sarif_holds_at_most_githubs_limit(tmp_path, capsys, monkeypatch):
    from govlint.report import sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", 3)
    main(["--isolated", "--no-cache", "--format", "sarif", str(EXAMPLES / "structure-defects-2021.txt")])
    captured = capsys.readouterr()
    run0 = json.loads(captured.out)["runs"][0]
    assert len(run0["results"]) == 3 and run0["properties"]["govlint"] == {"results": 5, "written": 3}
    (note,) = run0["invocations"][0]["toolExecutionNotifications"]
    assert "2 of 5 results were left out" in note["message"]["text"] and "2 of 5 results were left out" in captured.err


def test_sarif_columns_are_utf16_code_units(tmp_path):
    # 𠮷 is outside the BMP: one code point, two UTF-16 code units.
    assert utf16_column("𠮷a", 2) == 3
    assert utf16_column("abc", 3) == 3
    text = make_report().replace("三、收到和处理政府信息公开申请情况", "𠮷 三,收到和处理政府信息公开申请情况")
    f = tmp_path / "r.txt"
    f.write_text(text, encoding="utf-8")
    out = tmp_path / "r.sarif"
    assert main(["--isolated", "--format", "sarif", "--output", str(out), "--select", "GL103", str(f)]) == 1
    (res,) = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    # The heading starts after "𠮷 ": code-point column 3, UTF-16 column 4.
    assert region["startColumn"] == 4
    assert region["endColumn"] == 4 + len("三,收到和处理政府信息公开申请情况")


def test_sarif_without_findings_is_valid(tmp_path):
    validator = sarif_validator()
    out = tmp_path / "clean.sarif"
    assert main(["--isolated", "--format", "sarif", "--output", str(out), str(EXAMPLES / "good-2021.txt")]) == 0
    log = json.loads(out.read_text(encoding="utf-8"))
    assert log["runs"][0]["results"] == []
    assert not list(validator.iter_errors(log))


# ------------------------------------------------------------------ JSON and GitHub

def test_json_format_is_the_documented_schema(capsys):
    assert main(["--isolated", "--format", "json", str(EXAMPLES / "structure-defects-2021.txt")]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "govlint/1"
    (f,) = doc["files"]
    assert f["layout"] == "pipe" and f["year"] == 2022 and f["edition"] == "2021"
    d = f["diagnostics"][0]
    assert set(d) == {"code", "name", "severity", "message", "location", "place", "cell", "related", "data"}
    assert d["place"] is None  # a text file: lines and columns only
    assert set(d["message"]) == {"zh", "en"}
    assert set(d["location"]) == {"start_line", "start_column", "end_line", "end_column"}
    assert doc["summary"]["problems"] == len(f["diagnostics"]) == sum(doc["summary"]["by_code"].values())


def test_json_streams_one_line_per_file_over_a_folder(tmp_path, capsys):
    for name in ("good-2021.txt", "structure-defects-2021.txt", "good-2019.txt"):
        (tmp_path / name).write_bytes((EXAMPLES / name).read_bytes())
    assert main(["--isolated", "--no-cache", "--jobs", "2", "--format", "json", str(tmp_path)]) == 1
    text = capsys.readouterr().out
    doc = json.loads(text)
    assert [Path(f["path"]).name for f in doc["files"]] == ["good-2019.txt", "good-2021.txt", "structure-defects-2021.txt"]
    file_lines = [ln for ln in text.splitlines() if ln.startswith('    {"path": ')]
    assert len(file_lines) == 3 and all(json.loads(ln.rstrip(",")) for ln in file_lines)
    assert doc["summary"]["files"] == 3
    assert doc["summary"]["problems"] == sum(len(f["diagnostics"]) for f in doc["files"]) > 0


def test_stream_document_fills_items_and_late_values():
    from govlint.report.jsonstream import ITEMS, later, stream_document

    for items in ([], [{"k": "中"}, {"k": 2}]):
        out: list[str] = []
        skeleton = {"runs": [{"results": ITEMS, "invocations": later("inv")}], "tail": 1}
        stream_document(skeleton, iter(items), lambda: {"inv": [{"ok": True}]}, out.append)
        assert json.loads("".join(out)) == {"runs": [{"results": items, "invocations": [{"ok": True}]}], "tail": 1}


def test_github_annotations(capsys):
    assert main(["--isolated", "--lang", "en", "--format", "github", str(EXAMPLES / "structure-defects-2021.txt")]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines and all(x.startswith(("::error ", "::warning ", "::notice ")) for x in lines)
    first = lines[0]
    assert "file=" in first and ",line=15,col=1," in first and "title=GL105 empty-section::" in first


def test_github_escapes_property_and_data_characters(tmp_path, capsys):
    f = tmp_path / "a,b:c.txt"
    f.write_text(make_report(title=""), encoding="utf-8")
    main(["--isolated", "--format", "github", "--select", "GL104", str(f)])
    line = capsys.readouterr().out.strip()
    assert "a%2Cb%3Ac.txt" in line


# ------------------------------------------------------------------ text options

def test_statistics_and_quiet(capsys):
    path = str(EXAMPLES / "structure-defects-2021.txt")
    assert main(["--isolated", "--lang", "en", "--statistics", path]) == 1
    out = capsys.readouterr().out
    assert "     1  GL101  missing-section" in out and out.strip().endswith("in 1 file")
    assert main(["--isolated", "--lang", "en", "--quiet", path]) == 1
    out = capsys.readouterr().out
    assert "Found" not in out and "GL101" in out


def test_fail_level(tmp_path, capsys):
    path = str(EXAMPLES / "structure-defects-2021.txt")
    # Only warnings selected (GL103): with fail-level error the exit code is 0.
    assert main(["--isolated", "--select", "GL103", "--fail-level", "error", path]) == 0
    assert main(["--isolated", "--select", "GL103", path]) == 1


# ------------------------------------------------------------------ configuration

def _report(tmp_path: Path, name: str = "r.txt", **kw) -> Path:
    f = tmp_path / name
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(make_report(**kw), encoding="utf-8")
    return f


def test_pyproject_severity_override_and_per_file_ignores(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.govlint]\nselect = ["GL1"]\nseverity = { GL104 = "error" }\n'
        'per-file-ignores = { "old/*.txt" = ["GL101"] }\n',
        encoding="utf-8",
    )
    _report(tmp_path, "new/a.txt", title="", headings=SIX[:5])
    _report(tmp_path, "old/b.txt", title="", headings=SIX[:5])
    assert main(["--lang", "en", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "GL104 [error]" in out
    assert "new/a.txt" in out and "old/b.txt" in out
    assert [line for line in out.splitlines() if "GL101" in line and "old/b.txt" in line] == []
    assert [line for line in out.splitlines() if "GL101" in line and "new/a.txt" in line]


def test_yaml_config_exclude_and_extend_select(tmp_path, capsys):
    (tmp_path / ".govlint.yaml").write_text(
        "select: [GL104]\nextend-select: [GL101]\nexclude: [drafts]\nlang: en\n", encoding="utf-8"
    )
    _report(tmp_path, "a.txt", title="", headings=SIX[:5])
    _report(tmp_path, "drafts/b.txt", title="", headings=SIX[:5])
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "GL104" in out and "GL101" in out and "drafts" not in out and "(1 file" not in out


def test_yaml_is_read_with_the_safe_loader(tmp_path, capsys):
    (tmp_path / ".govlint.yaml").write_text("lang: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    _report(tmp_path)
    assert main(["--lang", "en", str(tmp_path / "r.txt")]) == 2
    assert "not valid YAML" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content,needle",
    [
        ('select = ["GL9X9"]\n', "key 'select': unknown rule code or prefix 'GL9X9'"),
        ('severity = { GL101 = "fatal" }\n', "key 'severity'"),
        ('fail-level = 3\n', "key 'fail-level'"),
        ('per-file-ignores = ["x"]\n', "key 'per-file-ignores'"),
        ('colour = "red"\n', "unknown key 'colour'"),
    ],
)
def test_config_errors_name_the_file_and_key(tmp_path, capsys, content, needle):
    (tmp_path / ".govlint.toml").write_text(content, encoding="utf-8")
    _report(tmp_path)
    assert main(["--lang", "en", str(tmp_path / "r.txt")]) == 2
    err = capsys.readouterr().err
    assert ".govlint.toml" in err and needle in err and "Traceback" not in err


def test_config_show_says_where_values_came_from(tmp_path):
    (tmp_path / ".govlint.toml").write_text('ignore = ["GL103"]\nyear = 2022\n', encoding="utf-8")
    p = run("config", "--show", "--lang", "en", cwd=tmp_path)
    assert p.returncode == 0
    lines = {line.split("=")[0].strip(): line for line in p.stdout.splitlines() if "=" in line}
    assert '["GL103"]' in lines["ignore"] and ".govlint.toml" in lines["ignore"]
    assert "# default" in lines["select"]
    assert "2022" in lines["year"]
    p = run("config", "--show", "--lang", "en", "--isolated", cwd=tmp_path)
    assert "(none)" in p.stdout


# ------------------------------------------------------------------ rule docs

def test_rule_reference_is_current():
    from govlint import plugins
    from govlint.report.ruledocs import render_markdown

    current = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render_markdown(plugins.rules()), "regenerate: govlint rules --markdown > docs/rules.md"


def test_rules_listing_shows_enabled_and_severity(tmp_path):
    (tmp_path / ".govlint.toml").write_text('ignore = ["GL5"]\nseverity = { GL104 = "error" }\n', encoding="utf-8")
    p = run("rules", "--lang", "en", cwd=tmp_path)
    rows = {line.split()[0]: line.split() for line in p.stdout.splitlines() if line.startswith("GL")}
    assert rows["GL501"][3] == "off" and rows["GL101"][3] == "on"
    assert rows["GL104"][2] == "error"


def test_every_package_is_in_the_wheel():
    """A package folder pyproject.toml does not list is missing from `pip install .` (the fast check; the
    wheel itself is built and installed by tests/test_wheel.py)."""
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "govlint").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)


def _sarif_uris(capsys, *args):
    assert main(["--isolated", "--no-cache", "--format", "sarif", *args]) in (0, 1)
    doc = json.loads(capsys.readouterr().out)
    run_ = doc["runs"][0]
    return run_, [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run_["results"]]


@pytest.mark.parametrize("name, uri", [
    ("年度 报告#1 100%.txt", "%E5%B9%B4%E5%BA%A6%20%E6%8A%A5%E5%91%8A%231%20100%25.txt"),
    ("a?b[c].txt", "a%3Fb%5Bc%5D.txt"),
])
def test_sarif_uris_are_relative_and_percent_encoded(tmp_path, capsys, monkeypatch, name, uri):
    (tmp_path / "sub").mkdir()
    f = tmp_path / "sub" / name
    f.write_text(make_report(title=""), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run_, locations = _sarif_uris(capsys, "--sarif-root", ".", str(Path("sub") / name))
    assert {loc["uri"] for loc in locations} == {"sub/" + uri}
    assert {loc["uriBaseId"] for loc in locations} == {"%SRCROOT%"}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"


def test_sarif_uri_of_a_report_behind_a_symlinked_folder_is_relative(tmp_path, capsys, monkeypatch):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "r.txt").write_text(make_report(title=""), encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    try:
        (repo / "reports").symlink_to(outside, target_is_directory=True)
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links cannot be made here")
    monkeypatch.chdir(repo)
    _, locations = _sarif_uris(capsys, "reports/r.txt")
    assert {loc["uri"] for loc in locations} == {"reports/r.txt"}
    assert {loc.get("uriBaseId") for loc in locations} == {"%SRCROOT%"}


def test_sarif_uri_outside_the_root_is_an_absolute_file_uri(tmp_path, capsys):
    f = tmp_path / "r.txt"
    f.write_text(make_report(title=""), encoding="utf-8")
    root = tmp_path / "repo"
    root.mkdir()
    _, locations = _sarif_uris(capsys, "--sarif-root", str(root), str(f))
    assert {loc["uri"] for loc in locations} == {f.as_uri()}
    assert all("uriBaseId" not in loc for loc in locations)


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_sarif_root_must_be_a_folder(tmp_path, capsys, kind):
    root = tmp_path / "nope"
    if kind == "file":
        root.write_text("x", encoding="utf-8")
    code = main(["--isolated", "--no-cache", "--lang", "en", "--format", "sarif", "--sarif-root", str(root), str(EXAMPLES / "good-2021.txt")])
    out = capsys.readouterr()
    assert code == 2 and out.out == ""
    assert "--sarif-root" in out.err and ("does not exist" if kind == "missing" else "is not a folder") in out.err
