"""govlint's SARIF (``govlint --format sarif``) against the SARIF 2.1.0 schema and GitHub code scanning's rules.

The schema, ``tests/data/sarif-2.1.0.schema.json``, is the OASIS SARIF TC's
file, vendored unchanged: repository oasis-tcs/sarif-spec, path
``Documents/CommitteeSpecifications/2.1.0/sarif-schema-2.1.0.json``, commit
3682e9ee648f2f3e11ba1fcd47fc390a0b8f9dab (title "Static Analysis Results Format
(SARIF) Version 2.1.0 JSON Schema", ``$schema`` JSON Schema draft-07, ``$id``
https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json;
112,318 characters, sha256 80cd7ffb9b62a4162d541aa9170862dd264f6cce0f04c57f1ac9f2337b808958).
It is the file GitHub's SARIF page has linked as ``sarif-schema-2.1.0.json``.
The OASIS errata 01 schema differs from it in descriptions, a few
``"type": "string"`` beside enums, ``runs`` allowing null, the ``language``
pattern, ``suppression.state`` -> ``status`` and a region needing one of
startLine/charOffset/byteOffset, none of which govlint's output touches
differently (its regions always have startLine).

GitHub's rules, from "SARIF support for code scanning",
https://docs.github.com/en/code-security/reference/code-scanning/sarif-files/sarif-support-for-code-scanning
(github/docs ``content/code-security/reference/code-scanning/sarif-files/sarif-support-for-code-scanning.md``),
and its limits table, "SARIF results exceed one or more limits",
https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit:

- Limits (a file over one is rejected): 20 runs per file, 25,000 results per
  run (5,000 shown), 25,000 rules per run, 1,000 locations per result (100
  shown; the result table says ``locations[]`` holds "up to a maximum of 10",
  only the first is used), 20 tags per rule (10 shown); at most 10 MB per
  gzip-compressed file.
- Required, with an explicit non-empty value ("the empty string is not
  supported for required properties"): ``$schema``, ``version`` 2.1.0,
  ``runs[]``; ``tool.driver.name``, ``tool.driver.rules[]``; per rule ``id``,
  ``shortDescription.text`` and ``fullDescription.text`` (each at most 1024
  characters), ``help.text``; ``name`` at most 255 characters;
  ``defaultConfiguration.level`` one of note/warning/error. Per result
  ``message.text``, ``locations[]`` (at least one), ``partialFingerprints``;
  ``ruleId`` (or ``rule``) names the rule, ``ruleIndex`` indexes
  ``tool.driver.rules``. Per physical location ``artifactLocation.uri`` ("we
  recommend that this is a relative path from the root of the GitHub
  repository") and ``region.startLine``, ``startColumn``, ``endLine``,
  ``endColumn``. Relative URIs: ``originalUriBaseIds`` "is required to produce
  a valid SARIF output when using relative URI references" (example: uri with
  ``uriBaseId`` ``%SRCROOT%``).
- ``partialFingerprints``: code scanning matches results across runs by them
  so an alert follows its code when lines move ("the filepath has to be
  consistent across the runs"); "code scanning only uses the
  primaryLocationLineHash", which the upload-sarif action computes when
  missing. govlint adds its own ``govlint/v1``.
- Recommended: ``help.markdown`` (shown instead of ``help.text``),
  ``properties.precision`` (very-high, high, medium or low),
  ``properties.problem.severity`` (error, warning or recommendation, for
  non-security rules); ``properties.security-severity`` only for security
  rules (tags include ``security``), a string score greater than 0.0 up to
  10.0. ``tags[]`` are free strings to filter by.
- ``relatedLocations[]`` are shown when linked from the message: SARIF's
  ``[text](id)`` (brackets of plain text escaped with a backslash), ``id``
  unique within the result.

Every report is linted in-process (``govlint.cli.main``) into a file with
``--output``, then checked as bytes (UTF-8 JSON), against the schema (the
validator its ``$schema`` names: draft-07) and against the rules above.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Optional
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pytest

from govlint.cli import main

from . import sample
from .build_docx import build_docx
from .build_pdf import print_pdf
from .conftest import CORPUS, EXAMPLES, ROOT, SEEDS, SHARED, needs_shared, seed

jsonschema = pytest.importorskip(
    "jsonschema", reason="jsonschema is not installed (it is in the test extras: pip install -e '.[test]')"
)

SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-2.1.0.schema.json"

SRCROOT = "%SRCROOT%"
MAX_RUNS = 20
MAX_RESULTS = 25_000
MAX_RULES = 25_000
MAX_LOCATIONS = 10  # the result table's "up to a maximum of 10" (the limits table allows 1,000)
MAX_TAGS = 20
MAX_GZIP_BYTES = 10 * 1024 * 1024
MAX_DESCRIPTION = 1024
MAX_NAME = 255
LEVELS = {"note", "warning", "error"}
PRECISIONS = {"very-high", "high", "medium", "low"}
PROBLEM_SEVERITIES = {"error", "warning", "recommendation"}

# RFC 3986 relative-ref path characters: unreserved, sub-delims, ":", "@", "/", or a %XX escape.
_URI_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})+\Z")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# A SARIF message link [text](target); "\x" is an escaped character, never the start of a link.
_LINK = re.compile(r"\\.|\[((?:\\.|[^\]\\])*)\]\(([^)]*)\)", re.S)

# The structure-defects example: five findings, two on one line, one naming a line number in its message.
DEFECTS = EXAMPLES / "structure-defects-2021.txt"


# --- running govlint ----------------------------------------------------------------------------


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def lint_sarif(cwd: Path, paths: Iterable[str], out: Path) -> tuple[bytes, dict]:
    """govlint's SARIF for ``paths`` (relative to ``cwd``, where govlint runs): the file's bytes and the log."""
    with _cwd(cwd):
        rc = main(["--format", "sarif", "--no-cache", "--isolated", "--no-progress", "--output", str(out), *paths])
    assert rc in (0, 1), f"govlint exited {rc} (an error, not findings) on {list(paths)}"
    data = out.read_bytes()
    return data, json.loads(data.decode("utf-8"))


# --- the checks ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_utf8_json(data: bytes) -> None:
    assert not data.startswith(b"\xef\xbb\xbf"), "the SARIF file starts with a byte-order mark"
    text = data.decode("utf-8")  # strict: raises on bytes that are not UTF-8
    log = json.loads(text)
    # \ud800-style escapes decode to lone surrogates, which no UTF-8 reader accepts.
    json.dumps(log, ensure_ascii=False).encode("utf-8")
    assert len(gzip.compress(data)) <= MAX_GZIP_BYTES, "over GitHub's 10 MB (gzip-compressed) upload limit"


def assert_schema_valid(log: dict, validator) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        lines = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:300]} (schema: {'/'.join(map(str, e.schema_path))})"
                 for e in errors[:10]]
        pytest.fail(f"{len(errors)} SARIF 2.1.0 schema error(s):\n" + "\n".join(lines))


def _physical_locations(result: dict) -> Iterator[tuple[str, dict]]:
    for i, loc in enumerate(result.get("locations") or []):
        yield f"locations[{i}]", loc
    for i, loc in enumerate(result.get("relatedLocations") or []):
        yield f"relatedLocations[{i}]", loc


def _check_root(run: dict, cwd: Path) -> None:
    bases = run.get("originalUriBaseIds") or {}
    assert SRCROOT in bases, f"run.originalUriBaseIds has no {SRCROOT}: {bases}"
    base = bases[SRCROOT].get("uri", "")
    parts = urlsplit(base)
    assert parts.scheme == "file" and base.endswith("/"), f"{SRCROOT} must be an absolute file URI ending in '/': {base!r}"
    assert Path(url2pathname(parts.path)).resolve() == cwd.resolve(), f"{SRCROOT} is {base!r}, not the folder govlint ran in"


def _check_artifact(where: str, artifact: dict, cwd: Path, missing: set[str]) -> None:
    uri = artifact.get("uri")
    assert uri, f"{where}: artifactLocation.uri is missing or empty"
    assert not _SCHEME.match(uri), f"{where}: {uri!r} has a scheme; a file inside the root needs a relative URI"
    assert not uri.startswith("/"), f"{where}: {uri!r} starts with '/'"
    assert _URI_PATH.match(uri), (
        f"{where}: {uri!r} is not a percent-encoded relative URI (raw space, '#', '?', non-ASCII, or '%' without two hex digits)"
    )
    assert ":" not in uri.split("/", 1)[0], f"{where}: {uri!r}: a ':' in the first segment reads as a scheme"
    assert artifact.get("uriBaseId") == SRCROOT, f"{where}: {uri!r} has uriBaseId {artifact.get('uriBaseId')!r}, not {SRCROOT}"
    name = unquote(uri, errors="strict")
    assert (cwd / name).exists() or name in missing, f"{where}: {uri!r} decodes to {name!r}, which is not a file under {cwd}"


def _check_region(where: str, region: dict) -> None:
    start, col = region.get("startLine"), region.get("startColumn")
    end, end_col = region.get("endLine"), region.get("endColumn")
    assert isinstance(start, int) and start >= 1, f"{where}: region.startLine {start!r} (must be >= 1)"
    assert isinstance(col, int) and col >= 1, f"{where}: region.startColumn {col!r} (must be >= 1)"
    assert isinstance(end, int) and end >= start, f"{where}: region.endLine {end!r} before startLine {start}"
    assert isinstance(end_col, int) and end_col >= 1, f"{where}: region.endColumn {end_col!r}"
    if end == start:
        assert end_col >= col, f"{where}: region ends (column {end_col}) before it starts (column {col})"


def _check_rules(run: dict) -> list[dict]:
    driver = run["tool"]["driver"]
    assert driver.get("name"), "tool.driver.name is missing or empty"
    rules = driver.get("rules")
    assert isinstance(rules, list) and rules, "tool.driver.rules is missing or empty"
    assert len(rules) <= MAX_RULES, f"{len(rules)} rules in a run (GitHub: at most {MAX_RULES})"
    ids = [r.get("id") for r in rules]
    assert all(ids) and len(set(ids)) == len(ids), f"rule ids missing or repeated: {ids}"
    for r in rules:
        w = f"rule {r['id']}"
        for field in ("shortDescription", "fullDescription"):
            text = (r.get(field) or {}).get("text")
            assert text, f"{w}: {field}.text is missing or empty"
            assert len(text) <= MAX_DESCRIPTION, f"{w}: {field}.text has {len(text)} characters (GitHub: at most {MAX_DESCRIPTION})"
        assert (r.get("help") or {}).get("text"), f"{w}: help.text is missing or empty"
        assert (r.get("help") or {}).get("markdown"), f"{w}: help.markdown (recommended) is missing or empty"
        if "name" in r:
            assert r["name"] and len(r["name"]) <= MAX_NAME, f"{w}: name {r['name']!r} empty or over {MAX_NAME} characters"
        if "defaultConfiguration" in r:
            level = r["defaultConfiguration"].get("level", "warning")
            assert level in LEVELS, f"{w}: defaultConfiguration.level {level!r} not in {sorted(LEVELS)}"
        props = r.get("properties") or {}
        tags = props.get("tags") or []
        assert len(tags) <= MAX_TAGS, f"{w}: {len(tags)} tags (GitHub: at most {MAX_TAGS})"
        assert all(isinstance(t, str) and t for t in tags) and len(set(tags)) == len(tags), f"{w}: tags {tags}"
        assert props.get("precision") in PRECISIONS, f"{w}: properties.precision {props.get('precision')!r}"
        assert props.get("problem.severity") in PROBLEM_SEVERITIES, f"{w}: properties.problem.severity {props.get('problem.severity')!r}"
        if "security-severity" in props:
            score = props["security-severity"]
            assert isinstance(score, str) and 0.0 < float(score) <= 10.0, f"{w}: security-severity {score!r}"
            assert "security" in tags, f"{w}: security-severity without the 'security' tag"
    return rules


def _check_result(i: int, res: dict, rules: list[dict], cwd: Path, missing: set[str]) -> None:
    w = f"results[{i}] ({res.get('ruleId')})"
    rule_id = res.get("ruleId")
    assert rule_id, f"{w}: no ruleId"
    ids = [r["id"] for r in rules]
    assert rule_id in ids, f"{w}: ruleId {rule_id!r} is not among tool.driver.rules"
    if "ruleIndex" in res:
        k = res["ruleIndex"]
        assert isinstance(k, int) and 0 <= k < len(rules) and rules[k]["id"] == rule_id, (
            f"{w}: ruleIndex {k} points at {rules[k]['id'] if isinstance(k, int) and 0 <= k < len(rules) else 'no rule'}"
        )
    text = (res.get("message") or {}).get("text")
    assert text, f"{w}: message.text is missing or empty"
    locations = res.get("locations") or []
    assert 1 <= len(locations) <= MAX_LOCATIONS, f"{w}: {len(locations)} locations (GitHub: 1 to {MAX_LOCATIONS})"
    for where, loc in _physical_locations(res):
        physical = loc.get("physicalLocation")
        assert physical, f"{w} {where}: no physicalLocation"
        _check_artifact(f"{w} {where}", physical.get("artifactLocation") or {}, cwd, missing)
        if "region" in physical:
            _check_region(f"{w} {where}", physical["region"])
    prints = res.get("partialFingerprints")
    assert prints and all(isinstance(v, str) and v for v in prints.values()), f"{w}: partialFingerprints {prints!r}"
    related = [loc.get("id") for loc in res.get("relatedLocations") or []]
    assert all(isinstance(n, int) and n >= 0 for n in related), f"{w}: relatedLocations ids {related}"
    assert len(set(related)) == len(related), f"{w}: relatedLocations ids repeat: {related}"
    for m in _LINK.finditer(text):
        target = m.group(2)
        if target is None:  # an escaped character
            continue
        if target.isdigit():
            assert int(target) in related, f"{w}: message links [{m.group(1)}]({target}); relatedLocations ids are {related}"
        else:
            assert _SCHEME.match(target), f"{w}: message link target {target!r} is neither a location id nor a URI"


def assert_github_rules(log: dict, cwd: Path, missing: Iterable[str] = ()) -> None:
    """Everything GitHub documents for an upload, except that every location has a region (assert_regions)."""
    missing = set(missing)
    assert log.get("version") == "2.1.0", f"version {log.get('version')!r}"
    assert _SCHEME.match(log.get("$schema", "")) and "2.1.0" in log["$schema"], f"$schema {log.get('$schema')!r}"
    runs = log.get("runs")
    assert isinstance(runs, list) and 1 <= len(runs) <= MAX_RUNS, f"{len(runs or [])} runs (GitHub: 1 to {MAX_RUNS})"
    for run in runs:
        _check_root(run, cwd)
        rules = _check_rules(run)
        results = run.get("results")
        assert isinstance(results, list), "run.results is missing (it must be present, even if empty)"
        assert len(results) <= MAX_RESULTS, f"{len(results)} results in a run (GitHub: at most {MAX_RESULTS})"
        counts = (run.get("properties") or {}).get("govlint")
        if counts:
            assert counts["written"] == len(results), f"run.properties.govlint {counts} but {len(results)} results"
        seen: dict[tuple[str, str], int] = {}
        for i, res in enumerate(results):
            _check_result(i, res, rules, cwd, missing)
            for key, value in res["partialFingerprints"].items():
                other = seen.setdefault((key, value), i)
                assert other == i, (
                    f"results[{other}] ({results[other]['ruleId']}) and results[{i}] ({res['ruleId']}) share "
                    f"partialFingerprints[{key!r}] = {value!r}: GitHub would take them for one alert"
                )


def assert_regions(log: dict) -> None:
    """GitHub: region.startLine (and startColumn, endLine, endColumn) are required in every physicalLocation."""
    for run in log["runs"]:
        for i, res in enumerate(run["results"]):
            for where, loc in _physical_locations(res):
                physical = loc.get("physicalLocation") or {}
                assert "region" in physical, (
                    f"results[{i}] ({res['ruleId']}) {where} has no region (GitHub requires region.startLine): "
                    f"{json.dumps(loc, ensure_ascii=False)[:300]}"
                )
                _check_region(f"results[{i}] {where}", physical["region"])


def check(data: bytes, log: dict, validator, cwd: Path, missing: Iterable[str] = ()) -> None:
    assert_utf8_json(data)
    assert_schema_valid(log, validator)
    assert_github_rules(log, cwd, missing)
    assert_regions(log)


def _uris(log: dict) -> set[str]:
    return {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for run in log["runs"]
        for res in run["results"]
        for _, loc in _physical_locations(res)
    }


# --- the documents ------------------------------------------------------------------------------

# Each name has a character a URI may not hold raw: a space, CJK, '#', '%' (also before two hex digits), brackets.
AWKWARD = ["报告 2021.txt", "第#1号.txt", "100%完成 %41.txt", "子 目录/[草稿] 报告.txt"]


@pytest.fixture(scope="module")
def office_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("office")


@pytest.fixture(scope="module")
def docx_data() -> bytes:
    pytest.importorskip("docx", reason="python-docx is not installed (test extras): the .docx is built with it")
    # 本年新收 total 106 where the cells add up to 105: table findings with related cells.
    return build_docx(sample.blocks(change={("3", "new", "total"): "106"}))


@pytest.fixture(scope="module")
def docx_report(office_dir, docx_data) -> Path:
    path = office_dir / "报告 #2 (草稿).docx"
    path.write_bytes(docx_data)
    return path


@pytest.fixture(scope="module")
def pdf_report(office_dir, docx_data) -> Path:
    path = office_dir / "打印 版%.pdf"
    path.write_bytes(print_pdf(docx_data, office_dir))
    return path


# --- tests --------------------------------------------------------------------------------------


def test_vendored_schema_is_the_oasis_sarif_2_1_0_schema(schema, validator):
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["$id"].endswith("/sarif-schema-2.1.0.json")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert isinstance(validator, jsonschema.Draft7Validator)
    # The validator is not a pushover: an artifact URI of the wrong type and a missing message are refused.
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "X"}]}]}
    assert not validator.is_valid(bad)


def test_examples_are_valid_sarif_for_github(validator, tmp_path):
    paths = [p.relative_to(ROOT).as_posix() for p in sorted(EXAMPLES.glob("*.txt"))]
    data, log = lint_sarif(ROOT, paths, tmp_path / "out.sarif")
    check(data, log, validator, ROOT)
    assert "examples/structure-defects-2021.txt" in _uris(log)


def test_awkward_file_names_become_percent_encoded_relative_uris(validator, tmp_path):
    work = tmp_path / "repo"
    for name in AWKWARD:
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEFECTS, work / name)
    data, log = lint_sarif(work, AWKWARD, tmp_path / "out.sarif")
    check(data, log, validator, work)
    decoded = {unquote(u) for u in _uris(log)}
    assert decoded == set(AWKWARD), f"findings name {sorted(decoded)}, the reports were {AWKWARD}"
    assert "100%25" in " ".join(_uris(log)) and "%2541" in " ".join(_uris(log)), "a '%' in a file name is not encoded as %25"


def test_missing_file_among_real_ones_is_a_gl001_at_a_valid_location(validator, tmp_path):
    missing = "examples/不存在 的报告 #3.txt"
    paths = ["examples/good-2021.txt", missing, "examples/structure-defects-2021.txt"]
    data, log = lint_sarif(ROOT, paths, tmp_path / "out.sarif")
    check(data, log, validator, ROOT, missing=[missing])
    results = log["runs"][0]["results"]
    gl001 = [r for r in results if r["ruleId"] == "GL001"]
    assert len(gl001) == 1, [r["ruleId"] for r in results]
    uri = gl001[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert unquote(uri) == missing
    assert any(unquote(u) == "examples/structure-defects-2021.txt" for u in _uris(log)), "the real reports' findings are gone"


def test_docx_report_is_valid_sarif_for_github(validator, docx_report, tmp_path):
    data, log = lint_sarif(docx_report.parent, [docx_report.name], tmp_path / "out.sarif")
    check(data, log, validator, docx_report.parent)
    assert log["runs"][0]["results"], "the changed sample gave no findings"
    assert {unquote(u) for u in _uris(log)} == {docx_report.name}


def test_pdf_report_is_valid_sarif_for_github(validator, pdf_report, tmp_path):
    data, log = lint_sarif(pdf_report.parent, [pdf_report.name], tmp_path / "out.sarif")
    check(data, log, validator, pdf_report.parent)
    assert log["runs"][0]["results"], "the changed sample gave no findings"
    assert {unquote(u) for u in _uris(log)} == {pdf_report.name}


@pytest.mark.parametrize("report", ["docx_report", "pdf_report", pytest.param("real_pdf", marks=needs_shared)])
def test_office_locations_have_regions(report, request, tmp_path):
    if report == "real_pdf":
        cwd, paths = SHARED, _shared_reports(office=True)
    else:
        path = request.getfixturevalue(report)
        cwd, paths = path.parent, [path.name]
    _, log = lint_sarif(cwd, paths, tmp_path / "out.sarif")
    assert log["runs"][0]["results"]
    assert_regions(log)


OFFICE = {".docx", ".pdf"}  # no lines: their region is the start of the file, the place in the message


def _shared_reports(office: bool) -> list[str]:
    """Every file under seeds/ and corpus/ (text, Markdown, HTML; or .docx/PDF), relative to SHARED."""
    files = [p for d in (SEEDS, CORPUS) if d.is_dir() for p in sorted(d.rglob("*")) if p.is_file()]
    return [p.relative_to(SHARED).as_posix() for p in files if (p.suffix.lower() in OFFICE) == office]


@needs_shared
def test_real_text_and_html_reports_are_valid_sarif_for_github(validator, tmp_path):
    # All of them (about a second), READMEs included: govlint lints .md too.
    data, log = lint_sarif(SHARED, _shared_reports(office=False), tmp_path / "out.sarif")
    check(data, log, validator, SHARED)
    assert any(unquote(u).startswith("seeds/") for u in _uris(log))


@needs_shared
def test_real_pdf_reports_are_valid_sarif_for_github(validator, tmp_path):
    paths = _shared_reports(office=True)
    if not paths:
        pytest.skip(f"no .pdf/.docx reports under {CORPUS}")
    data, log = lint_sarif(SHARED, paths, tmp_path / "out.sarif")
    check(data, log, validator, SHARED)


INSERTED = "（本报告于2022年3月发布）\n\n\n"  # three lines put before the report's first


@pytest.mark.parametrize("source", [pytest.param(lambda: DEFECTS, id="example"),
                                    pytest.param(lambda: seed("004"), id="seed-004", marks=needs_shared)])
def test_fingerprints_survive_lines_inserted_at_the_top(source, validator, tmp_path):
    text = source().read_text(encoding="utf-8")
    (tmp_path / "报告.txt").write_text(text, encoding="utf-8")
    data, before = lint_sarif(tmp_path, ["报告.txt"], tmp_path / "before.sarif")
    check(data, before, validator, tmp_path)
    (tmp_path / "报告.txt").write_text(INSERTED + text, encoding="utf-8")
    data, after = lint_sarif(tmp_path, ["报告.txt"], tmp_path / "after.sarif")
    check(data, after, validator, tmp_path)

    old, new = before["runs"][0]["results"], after["runs"][0]["results"]
    assert old, "no findings to follow"
    assert [r["ruleId"] for r in old] == [r["ruleId"] for r in new], "the inserted lines changed the findings"
    moved = INSERTED.count("\n")
    for a, b in zip(old, new):
        line_a = a["locations"][0]["physicalLocation"].get("region", {}).get("startLine")
        line_b = b["locations"][0]["physicalLocation"].get("region", {}).get("startLine")
        if line_a is not None:
            assert line_b == line_a + moved, f"{a['ruleId']}: line {line_a} -> {line_b}, not moved by {moved}"
        assert a["partialFingerprints"] == b["partialFingerprints"], (
            f"{a['ruleId']} (line {line_a} -> {line_b}): partialFingerprints changed when lines moved: "
            f"{a['partialFingerprints']} -> {b['partialFingerprints']}"
        )


def test_fingerprints_differ_between_findings(validator, tmp_path):
    # The same defects in two files, and two findings on one line in each: all different findings.
    for name in ("甲.txt", "乙.txt"):
        shutil.copyfile(DEFECTS, tmp_path / name)
    data, log = lint_sarif(tmp_path, ["甲.txt", "乙.txt"], tmp_path / "out.sarif")
    check(data, log, validator, tmp_path)  # includes: no two results share a fingerprint
    results = log["runs"][0]["results"]
    per_file: dict[str, list[dict]] = {}
    for r in results:
        per_file.setdefault(unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]), []).append(r)
    assert sorted(per_file) == ["乙.txt", "甲.txt"]
    a, b = per_file["甲.txt"], per_file["乙.txt"]
    assert [r["ruleId"] for r in a] == [r["ruleId"] for r in b]
    same_line = [r for r in a if r["locations"][0]["physicalLocation"]["region"]["startLine"]
                 == a[0]["locations"][0]["physicalLocation"]["region"]["startLine"]]
    assert len(same_line) >= 2, "the example no longer has two findings on one line"
    fingerprints = [tuple(sorted(r["partialFingerprints"].items())) for r in results]
    assert len(set(fingerprints)) == len(fingerprints)


def _first(xs: list, pred) -> Optional[dict]:
    return next((x for x in xs if pred(x)), None)


def test_related_locations_are_linked_from_the_message(validator, docx_report, tmp_path):
    # The table findings point at the cells they add up; GitHub shows only related locations the message links.
    _, log = lint_sarif(docx_report.parent, [docx_report.name], tmp_path / "out.sarif")
    results = log["runs"][0]["results"]
    with_related = _first(results, lambda r: len(r.get("relatedLocations") or []) >= 2)
    assert with_related is not None, [r["ruleId"] for r in results]
    links = [int(m.group(2)) for m in _LINK.finditer(with_related["message"]["text"]) if m.group(2) and m.group(2).isdigit()]
    ids = [loc["id"] for loc in with_related["relatedLocations"]]
    assert links and set(links) <= set(ids), f"links {links}, related ids {ids}"


def _mutate_uri(log, value):
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = value


MUTATIONS = {
    "raw space": lambda log: _mutate_uri(log, "examples/a b.txt"),
    "raw CJK": lambda log: _mutate_uri(log, "examples/报告.txt"),
    "raw #": lambda log: _mutate_uri(log, "examples/a#b.txt"),
    "bare %": lambda log: _mutate_uri(log, "examples/100%.txt"),
    "leading slash": lambda log: _mutate_uri(log, "/examples/structure-defects-2021.txt"),
    "scheme": lambda log: _mutate_uri(log, (EXAMPLES / "structure-defects-2021.txt").as_uri()),
    "no uriBaseId": lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].pop("uriBaseId"),
    "no originalUriBaseIds": lambda log: log["runs"][0].pop("originalUriBaseIds"),
    "wrong ruleIndex": lambda log: log["runs"][0]["results"][0].update(ruleIndex=log["runs"][0]["results"][0]["ruleIndex"] + 1),
    "empty message": lambda log: log["runs"][0]["results"][0]["message"].update(text=""),
    "startLine 0": lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startLine=0),
    "endLine before startLine": lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(endLine=1),
    "no fingerprint": lambda log: log["runs"][0]["results"][0].pop("partialFingerprints"),
    "shared fingerprint": lambda log: log["runs"][0]["results"][1].update(partialFingerprints=log["runs"][0]["results"][0]["partialFingerprints"]),
    "dangling link": lambda log: log["runs"][0]["results"][0]["message"].update(text="见[表三](7)"),
    "21 tags": lambda log: log["runs"][0]["tool"]["driver"]["rules"][0]["properties"].update(tags=[f"t{i}" for i in range(21)]),
}


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_github_checks_reject_a_broken_log(mutation, tmp_path):
    _, log = lint_sarif(ROOT, ["examples/structure-defects-2021.txt"], tmp_path / "out.sarif")
    assert_github_rules(log, ROOT)  # as govlint wrote it: accepted
    MUTATIONS[mutation](log)
    with pytest.raises(AssertionError):
        assert_github_rules(log, ROOT)
