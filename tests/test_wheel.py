"""The wheel ships the grammar and the template: build it, install it in a fresh venv, lint from elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, building_the_checkout

pytestmark = pytest.mark.slow


def test_wheel_installs_and_lints_from_another_directory(tmp_path, tmp_path_factory):
    pytest.importorskip("build")
    dist = tmp_path / "dist"
    with building_the_checkout(tmp_path_factory):
        p = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    (wheel,) = dist.glob("govlint-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "govlint/grammars/report.lark" in names
    assert "govlint/templates/template.yaml" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    p = subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    report = elsewhere / "report.txt"
    report.write_bytes((EXAMPLES / "structure-defects-2021.txt").read_bytes())
    p = subprocess.run(
        [str(py), "-m", "govlint", "--lang", "en", "report.txt"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert p.returncode == 1, p.stderr
    assert "report.txt:" in p.stdout and "GL101" in p.stdout
    # The installed package, not this checkout, did the work.
    p = subprocess.run(
        [str(py), "-c", "import govlint, pathlib; print(pathlib.Path(govlint.__file__).resolve())"],
        capture_output=True, text=True, cwd=elsewhere,
    )
    assert Path(p.stdout.strip()).is_relative_to(env_dir.resolve())  # type: ignore[attr-defined]
