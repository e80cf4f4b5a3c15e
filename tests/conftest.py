"""Shared helpers: where the real reports are, and small report builders."""

from __future__ import annotations

from pathlib import Path

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
