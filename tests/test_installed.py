"""The installed plugins as govlint remembers them equal what importlib.metadata finds, and a change is seen."""

from __future__ import annotations

import json
import os
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

from govlint import installed

GROUP = "govlint"
OLD = time.time() - 3600  # a time the key trusts (not within the last seconds)


@pytest.fixture()
def site(tmp_path, monkeypatch):
    """Two folders on sys.path holding distributions; the compiled cache in tmp_path."""
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    first, second = tmp_path / "site-a", tmp_path / "site-b"
    for d in (first, second):
        d.mkdir()
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    return first, second


def _dist(folder: Path, stem: str, entry_points: str, name: str, version: str, egg: bool = False) -> Path:
    meta = folder / (stem + (".egg-info" if egg else ".dist-info"))
    meta.mkdir()
    (meta / ("PKG-INFO" if egg else "METADATA")).write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    (meta / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return meta


_TICKS = iter(range(1, 10**6))


def _settle(*paths: Path) -> None:
    """Give everything under ``paths`` a time in the past, a later one at each call (as an install would:
    importlib.metadata, too, trusts a folder whose time has not changed)."""
    t = OLD + next(_TICKS)
    for p in paths:
        for q in [p, *p.rglob("*")]:
            os.utime(q, (t, t))


def _rows(eps) -> list[tuple]:
    return [(ep.name, ep.value, getattr(ep.dist, "name", None), getattr(ep.dist, "version", None)) for ep in eps]


def _truth() -> list[tuple]:
    return _rows(metadata.entry_points().select(group=GROUP))


def _populate(first: Path, second: Path) -> None:
    (first / "plug_one.py").write_text("def hooks():\n    return 'one'\nclass K:\n    attr = 'deep'\n", encoding="utf-8")
    _dist(first, "govlint_plug_one-1.2.0", "[console_scripts]\nx = y:z\n\n[govlint]\n# a comment\none = plug_one\n one_k =plug_one:K.attr [extra]\n", "govlint-plug-one", "1.2.0")
    _dist(first, "Plug.Two-0.1", "[govlint]\ntwo = plug_one:hooks\n", "Plug.Two", "0.1", egg=True)
    _dist(first, "other-3.0", "[other.group]\nnot = ours\n", "other", "3.0")
    # The same distribution again, later on the path: importlib.metadata takes the first only.
    _dist(second, "govlint_plug_one-0.9", "[govlint]\nold = plug_one\n", "govlint-plug-one", "0.9")
    _dist(second, "plug_three-2.0", "[govlint]\nthree = plug_one:hooks\n", "plug-three", "2.0")
    _settle(first, second)


def test_the_remembered_answer_is_importlib_metadatas(site, monkeypatch):
    first, second = site
    _populate(first, second)
    want = _truth()
    assert sorted(r[0] for r in want) == ["one", "one_k", "three", "two"]  # the fixture means what it says
    fresh = _rows(installed.entry_points(GROUP))
    assert fresh == want
    kept = list((Path(os.environ["GOVLINT_CACHE_DIR"]) / "compiled").glob("plugins-*.json"))
    assert len(kept) == 1
    def not_asked(group):
        raise AssertionError("importlib.metadata asked although nothing changed")

    monkeypatch.setattr(installed, "_ask", not_asked)
    again = installed.entry_points(GROUP)
    assert _rows(again) == want
    loaded = {ep.name: ep.load() for ep in again}
    assert loaded["one"].hooks() == "one" and loaded["one_k"] == "deep" and loaded["two"]() == "one"


def test_an_install_and_an_uninstall_are_seen_on_the_next_run(site):
    first, second = site
    _populate(first, second)
    installed.entry_points(GROUP)
    meta = _dist(second, "plug_four-1.0", "[govlint]\nfour = plug_one\n", "plug-four", "1.0")
    _settle(second)
    assert _rows(installed.entry_points(GROUP)) == _truth() and "four" in [r[0] for r in _truth()]
    (meta / "entry_points.txt").write_text("[govlint]\nfour_b = plug_one\n", encoding="utf-8")  # written in place
    _settle(second)  # writing a file in the folder changes its time
    assert _rows(installed.entry_points(GROUP)) == _truth() and "four_b" in [r[0] for r in _truth()]
    for f in meta.iterdir():
        f.unlink()
    meta.rmdir()
    _settle(second)
    assert _rows(installed.entry_points(GROUP)) == _truth()
    assert len(list((Path(os.environ["GOVLINT_CACHE_DIR"]) / "compiled").glob("plugins-*.json"))) == 1  # replaced, not added


def test_a_change_within_the_last_seconds_is_never_kept(site):
    first, second = site
    _populate(first, second)
    _dist(first, "plug_new-1.0", "[govlint]\nnew = plug_one\n", "plug-new", "1.0")  # its time is now
    assert _rows(installed.entry_points(GROUP)) == _truth()
    assert not list((Path(os.environ["GOVLINT_CACHE_DIR"]) / "compiled").glob("plugins-*.json"))


def test_a_damaged_or_foreign_entry_is_asked_again(site):
    first, second = site
    _populate(first, second)
    installed.entry_points(GROUP)
    (kept,) = (Path(os.environ["GOVLINT_CACHE_DIR"]) / "compiled").glob("plugins-*.json")
    for junk in ('{"path": 1, "rows": 2}', "[1, 2]", '{"path": "x"}', "not json", '{"path": null, "rows": [[1, 2, 3, 4]]}'):
        kept.write_text(junk, encoding="utf-8")
        assert _rows(installed.entry_points(GROUP)) == _truth()
    stored = installed._path_key()
    kept.write_text(json.dumps({"path": stored, "rows": [[1, 2, 3, 4]]}), encoding="utf-8")
    assert _rows(installed.entry_points(GROUP)) == _truth()  # rows of the wrong types: asked again


def test_a_finder_that_knows_distributions_of_its_own_is_asked_every_time(site, monkeypatch):
    first, second = site
    _populate(first, second)

    class Finder:
        @staticmethod
        def find_spec(*args, **kwargs):
            return None

        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [Finder, *sys.meta_path])
    assert installed._path_key() is None
    assert _rows(installed.entry_points(GROUP)) == _truth()
    assert not list((Path(os.environ["GOVLINT_CACHE_DIR"]) / "compiled").glob("plugins-*.json"))


def test_an_entry_point_value_that_is_no_module_fails_to_load():
    with pytest.raises(ValueError):
        installed.EntryPoint("bad", "not a module!", GROUP).load()
