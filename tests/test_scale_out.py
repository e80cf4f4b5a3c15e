"""The scale-out example (examples/scale_out_dask.py) on a local Dask cluster: the same findings as the CLI."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

import govlint

from .conftest import EXAMPLES


def _example():
    spec = importlib.util.spec_from_file_location("scale_out_dask", EXAMPLES / "scale_out_dask.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_groups_keep_an_issuers_years_together(tmp_path):
    example = _example()
    (tmp_path / "issuer-a").mkdir()
    for name in ("2021.txt", "2022.txt"):
        (tmp_path / "issuer-a" / name).write_text("x", encoding="utf-8")
    (tmp_path / "loose.txt").write_text("x", encoding="utf-8")
    assert example.groups(tmp_path) == [
        [str(tmp_path / "issuer-a" / "2021.txt"), str(tmp_path / "issuer-a" / "2022.txt")],
        [str(tmp_path / "loose.txt")],
    ]


def test_lint_group_returns_plain_data_equal_to_the_api():
    example = _example()
    path = str(EXAMPLES / "structure-defects-2021.txt")
    got = example.lint_group([path])
    want = [d.code for r in govlint.lint_paths([path]) for d in r.diagnostics]
    assert [f["code"] for f in got] == want and want
    assert all(isinstance(v, (str, int, type(None))) for f in got for v in f.values())


@pytest.mark.slow
def test_on_a_local_dask_cluster_the_findings_are_the_apis(tmp_path):
    pytest.importorskip("dask.distributed", reason="Dask is not installed (pip install 'dask[distributed]')")
    example = _example()
    for name in ("good-2021.txt", "structure-defects-2021.txt", "good-2019.txt"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    found = example.run(tmp_path, workers=2)
    want = sorted(
        (d.path, d.code) for r in govlint.lint_paths([str(p) for p in sorted(tmp_path.iterdir())]) for d in r.diagnostics
    )
    assert sorted((f["path"], f["code"]) for f in found) == want and want
