"""Golden findings: every finding govlint makes on a real report is one a reviewer has looked at.

``tests/golden/<file name>.tsv`` lists, for each real report in ``../shared/``,
the findings govlint makes with default settings and a reviewer's verdict
(``tools/golden.py`` explains the columns). A new finding, or a listed one
no longer found, fails here until a reviewer accepts the change:
``python tools/golden.py`` rewrites the lists (keeping the verdicts), and the
new entries, marked ``unreviewed``, need a verdict before this passes.
"""

from __future__ import annotations

import pytest

from tools import golden

from .conftest import SHARED

FILES = golden.real_files(SHARED) if SHARED.is_dir() else []
UPDATE = "python tools/golden.py"

pytestmark = pytest.mark.skipif(
    not FILES,
    reason=f"real reports not found at {SHARED} (the shared/ folder beside the checkout); see README",
)


@pytest.mark.parametrize("real", FILES, ids=[f.name for f in FILES])
def test_findings_match_the_reviewed_list(real):
    path = golden.golden_path(real)
    assert path.is_file(), f"no golden list for {real.name}: run `{UPDATE} {real.name}` and review every entry"
    listed = golden.read_list(path)
    _, added, lost = golden.merge(listed, golden.current(real))
    if added or lost:
        lines = "\n".join(golden.diff(real.name, added, lost))
        pytest.fail(
            f"govlint's findings on {real.name} differ from {path.relative_to(golden.ROOT)}:\n{lines}\n"
            f"If the change is right, run `{UPDATE} {real.name}`, read the report at each new entry and give it "
            f"a verdict (true / false / unsure, with a reason for false and unsure).",
            pytrace=False,
        )


@pytest.mark.parametrize("real", FILES, ids=[f.name for f in FILES])
def test_every_listed_finding_is_reviewed(real):
    path = golden.golden_path(real)
    if not path.is_file():
        pytest.skip(f"no golden list for {real.name} (reported by the test above)")
    entries = golden.read_list(path)
    waiting = [e for e in entries if e.verdict == "unreviewed"]
    assert not waiting, f"{path.name}: {len(waiting)} finding(s) not reviewed yet:\n" + "\n".join(
        f"  {e.short()}" for e in waiting
    )
    unexplained = [e for e in entries if e.verdict in ("false", "unsure") and not e.reason.strip()]
    assert not unexplained, f"{path.name}: a false or unsure verdict needs a reason:\n" + "\n".join(
        f"  {e.short()}" for e in unexplained
    )


def test_no_list_without_a_real_report():
    names = {golden.golden_path(f).name for f in FILES}
    stray = sorted(p.name for p in golden.GOLDEN.glob("*.tsv") if p.name not in names)
    assert not stray, (
        f"golden lists with no real report in {SHARED}: {', '.join(stray)} (delete them or restore the report)"
    )
