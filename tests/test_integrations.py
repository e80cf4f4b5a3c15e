"""Integrations: the pre-commit hook (with the real pre-commit) and the GitHub workflow example."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import resources

import pytest

from .conftest import EXAMPLES, ROOT


def test_github_workflow_example_is_valid():
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("check_jsonschema")
    ruamel = pytest.importorskip("ruamel.yaml")
    schema = json.loads(
        resources.files("check_jsonschema").joinpath("builtin_schemas/vendor/github-workflows.json").read_text(encoding="utf-8")
    )
    # YAML 1.2, as GitHub reads it: `on:` is a key, not the boolean true.
    workflow = ruamel.YAML(typ="safe").load((EXAMPLES / "github-code-scanning.yml").read_text(encoding="utf-8"))
    errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(workflow))
    assert not errors, errors[0].message
    steps = workflow["jobs"]["govlint"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
    assert any("--format sarif" in s.get("run", "") for s in steps)


def test_pre_commit_hooks_file_declares_the_hook():
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "govlint" and hook["entry"] == "govlint" and hook["language"] == "python"


def _git(*args: str, cwd, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.slow
def test_pre_commit_refuses_a_bad_report(tmp_path):
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of govlint")
    rev = _git("rev-parse", "HEAD", cwd=ROOT)
    if rev.returncode != 0 or _git("cat-file", "-e", f"{rev.stdout.strip()}:.pre-commit-hooks.yaml", cwd=ROOT).returncode:
        pytest.skip("the checkout has no committed .pre-commit-hooks.yaml")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    env.pop("PYTHONPATH", None)
    repo = tmp_path / "reports"
    repo.mkdir()
    assert _git("init", "-q", cwd=repo, env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {rev.stdout.strip()}\n    hooks:\n"
        "      - id: govlint\n        args: [--lang, en]\n",
        encoding="utf-8",
    )
    p = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr

    shutil.copy(EXAMPLES / "good-2021.txt", repo / "good.txt")
    _git("add", ".", cwd=repo, env=env)
    good = _git("commit", "-q", "-m", "good report", cwd=repo, env=env)
    assert good.returncode == 0, good.stdout + good.stderr

    shutil.copy(EXAMPLES / "structure-defects-2021.txt", repo / "bad.txt")
    _git("add", "bad.txt", cwd=repo, env=env)
    bad = _git("commit", "-q", "-m", "bad report", cwd=repo, env=env)
    assert bad.returncode != 0
    output = bad.stdout + bad.stderr
    assert "govlint" in output and "bad.txt:" in output and "GL101" in output and "section 6 (other matters to report) is missing" in output
    assert _git("log", "--oneline", cwd=repo, env=env).stdout.count("\n") == 1  # the bad commit was refused
