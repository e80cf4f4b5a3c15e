"""Shared helpers: where the real reports are, and small report builders."""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
EXAMPLES = ROOT / "examples"

needs_shared = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"real reports not found at {SHARED} (the shared/ folder beside the checkout); see README",
)


def seed(name: str) -> Path:
    matches = sorted(SEEDS.glob(f"{name}*.txt"))
    if not matches:
        pytest.skip(f"seed {name} not found in {SEEDS}")
    return matches[0]


def corpus(name: str) -> Path:
    p = CORPUS / name
    if not p.is_file():
        pytest.skip(f"corpus report {name} not found in {CORPUS}")
    return p


SIX = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


_DEFAULT_BODY = {
    "五": "存在的主要问题是政策解读形式还不够丰富。2023年，我县将加强图解和视频解读。",
    "六": "本年度未收取信息处理费。如有疑问，请联系县政府办公室（电话：0571-88886666）。",
}


def make_report(
    title: str = "某县2022年政府信息公开工作年度报告",
    headings: list[str] | None = None,
    bodies: dict[int, str] | None = None,
) -> str:
    """A small plain-text report: a title line and headings each followed by a paragraph."""
    headings = SIX if headings is None else headings
    bodies = bodies or {}
    lines = [title] if title else []
    for i, h in enumerate(headings):
        lines.append(h)
        body = bodies.get(i, _DEFAULT_BODY.get(h[:1], "2022年，我县认真落实政府信息公开各项工作，取得了一定成效。"))
        if body:
            lines.append(body)
    return "\n".join(lines) + "\n"


@pytest.fixture()
def fresh_plugins(monkeypatch):
    """Let a test change what the plugin manager finds; restore afterwards."""
    from govlint import plugins

    plugins.default.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    plugins.default.cache_clear()


_CACHES = itertools.count()


@pytest.fixture(autouse=True)
def _a_cache_of_its_own(tmp_path_factory):
    """Each test lints with an empty result cache of its own, never the user's (~/.cache/govlint).

    Results written by one test (maybe under a monkeypatched rule) are never read by another, whatever the
    order or the pytest-xdist worker; real processes the test starts inherit it. The folder is made only
    when govlint writes to it.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GOVLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "govlint-cache" / str(next(_CACHES))))
        yield


@pytest.fixture(autouse=True)
def _garbage_collector_as_it_was():
    """``govlint.cli.main`` tunes this process's garbage collector (batch.quiet_gc: freeze, thresholds) as a
    command does for its own process; tests that call it in process get the collector back afterwards."""
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    yield
    gc.set_threshold(*threshold)
    if frozen == 0 and gc.get_freeze_count():
        gc.unfreeze()


def pytest_report_header(config):
    if os.environ.get("GOVLINT_TEST_SUBPROCESS") == "1":
        return "govlint CLI tests: a real process each (GOVLINT_TEST_SUBPROCESS=1)"
    return None


@contextlib.contextmanager
def building_the_checkout(tmp_path_factory) -> Iterator[None]:
    """Held while a test builds govlint from this checkout (``python -m build``, ``pip install ROOT``).

    setuptools writes ``build/`` and ``govlint.egg-info`` in the checkout itself: two builds at once
    (pytest-xdist workers) would write the same files. The lock file is in the folder every worker's
    temporary folder is in.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, run such tests without -n
        yield
        return
    lock = tmp_path_factory.getbasetemp().parent / "govlint-checkout-build.lock"
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
