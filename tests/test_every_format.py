"""The same report in every format a clerk has: the same findings, at the same cell.

The sample report (tests/sample.py) is written as .docx, a web page (plain,
and as Word's span soup inside site chrome, in GBK), Markdown (plain, and
as a converter breaks it), a PDF printed from the .docx by LibreOffice, and
govlint's own text. Each reading must find nothing wrong with the good one,
and exactly the one wrong total, at 本年新收's 总计 cell, in the changed one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from govlint import api
from tests import sample
from tests.build_docx import build_docx
from tests.build_html import build_html
from tests.build_markdown import build_markdown
from tests.build_pdf import print_files, soffice

WRONG = {("3", "new", "total"): "106"}
CELL = "表三/一、本年新收政府信息公开申请数量/总计"
ARITHMETIC = {"GL003", "GL202", "GL203", "GL204", "GL210", "GL211", "GL212", "GL213"}


def _docx(change):
    return build_docx(sample.blocks(change), numbering=True), "r.docx"


def _html(change):
    return build_html(sample.blocks(change)), "r.html"


def _html_soup(change):
    return build_html(sample.blocks(change), soup=True, chrome=True, encoding="gbk", layout_table=True), "r.htm"


def _markdown(change):
    return build_markdown(sample.blocks(change)).encode("utf-8"), "r.md"


def _markdown_broken(change):
    # One table per row under a generic header, and merged cells written out again in every position.
    data = build_markdown(sample.blocks(change), per_row_tables=True, wrong_header=True, repeat_merged=True)
    return data.encode("utf-8"), "r.md"


def _text(change):
    """The example the sample comes from, in the pipe layout of a web-table export."""
    text = (sample.EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
    if change:
        head, row, rest = text.partition("一、本年新收政府信息公开申请数量 |\n")
        cells = rest.split("\n")
        assert cells[6] == "105 |"
        cells[6] = "106 |"
        text = head + row + "\n".join(cells)
    return text.encode("utf-8"), "r.txt"


BUILDERS = [_docx, _html, _html_soup, _markdown, _markdown_broken, _text]


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__.strip("_"))
def test_the_good_report_has_no_arithmetic_finding_and_the_wrong_total_is_found_at_its_cell(build):
    data, name = build(None)
    good = api.lint_bytes(data, name)
    assert good.report is not None and all(t.readable for t in good.report.tables), [(t.id, t.reason) for t in good.report.tables]
    assert not {d.code for d in good.diagnostics} & ARITHMETIC, good.diagnostics
    data, name = build(WRONG)
    bad = api.lint_bytes(data, name)
    (found,) = [d for d in bad.diagnostics if d.code == "GL210"]
    assert found.logical == CELL
    assert {d.code for d in bad.diagnostics} & ARITHMETIC == {"GL210", "GL212"}  # the total, and the balance it breaks
    src = bad.report.source
    if src.format in ("html", "markdown"):
        # A line and column of the file's own source, where the wrong number is written.
        line = src.original.splitlines()[found.region.start_line - 1]
        assert line[found.region.start_column - 1 :].lstrip("> ").startswith("106")
    elif src.format == "docx":
        assert found.place.describe() == "表2 第4行 第10列" and found.region is None
    else:
        assert src.format == "text"
        assert src.text.splitlines()[found.region.start_line - 1] == "106 |"


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[bytes, bytes]:
    if not soffice():
        pytest.skip("LibreOffice (soffice) is not installed: no PDF can be printed from the .docx")
    tmp = tmp_path_factory.mktemp("pdf")
    good, bad = print_files([(build_docx(sample.blocks()), ".docx"), (build_docx(sample.blocks(WRONG)), ".docx")], tmp)
    return good, bad


def test_a_pdf_printed_from_the_docx_reads_the_same(printed):
    good, bad = printed
    res = api.lint_bytes(good, "r.pdf")
    assert res.report.source.format == "pdf" and all(t.readable for t in res.report.tables)
    assert not {d.code for d in res.diagnostics} & ARITHMETIC
    res = api.lint_bytes(bad, "r.pdf")
    (found,) = [d for d in res.diagnostics if d.code == "GL210"]
    assert found.logical == CELL
    assert (found.place.table, found.place.row, found.place.column) == (2, 4, 10) and found.place.page >= 1


def test_a_text_run_does_not_import_the_format_libraries(tmp_path: Path):
    f = tmp_path / "r.txt"
    f.write_bytes(_text(None)[0])
    probe = (
        "import sys\n"
        "from govlint.cli import main\n"
        f"rc = main(['--isolated', '--no-cache', '-q', {str(f)!r}])\n"
        "loaded = sorted(m for m in ('lxml', 'pdfplumber', 'pdfminer', 'markdown_it', 'docx') if m in sys.modules)\n"
        "print(rc, loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "0 []", out.stdout + out.stderr


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    "name, data, advice_en, advice_zh",
    [
        ("r.doc", OLE, "Word 97-2003 document (.doc)", "另存为 Word 文档（.docx）"),
        ("r.wps", OLE, "WPS text document (.wps)", "另存为 Word 文档（.docx）"),
        ("r.bin", OLE, "legacy binary Office or WPS file", "另存为 Word 文档（.docx）"),
        ("r.docx", OLE + "EncryptedPackage".encode("utf-16-le"), "password-protected Word document", "取消密码"),
        ("r.rtf", b"{\\rtf1\\ansi 2022}", "Rich Text Format", "另存为 Word 文档（.docx）"),
    ],
)
def test_files_govlint_cannot_read_say_what_to_do(name, data, advice_en, advice_zh):
    res = api.lint_bytes(data, name)
    (d,) = res.diagnostics
    assert d.code == "GL001"
    assert advice_en in d.text("en") and ".docx" in d.text("en")
    assert advice_zh in d.text("zh")


def test_a_folder_of_every_format_is_linted_and_counted(tmp_path: Path, capsys):
    import json

    from govlint.cli import main

    for build in (_docx, _html, _markdown, _text):
        data, name = build(WRONG)
        (tmp_path / f"{build.__name__.strip('_')}{Path(name).suffix}").write_bytes(data)
    (tmp_path / "old.doc").write_bytes(OLE)
    (tmp_path / "budget.xlsx").write_bytes(b"PK\x03\x04")
    assert main(["--isolated", "--no-cache", "--lang", "en", "--select", "GL001,GL210", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert sum("GL210" in line for line in out) == 4 and sum("GL001" in line for line in out) == 1
    assert out[-2] == "Skipped 1 file in folders: 1 .xlsx (not a format govlint reads; --include GLOB lints them anyway)"
    assert out[-1].endswith("in 5 files (1 .docx, 1 web page, 1 Markdown, 1 text, 1 unreadable)")
    assert main(["--isolated", "--no-cache", "--format", "json", "--select", "GL001,GL210", str(tmp_path)]) == 1
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["by_format"] == {"docx": 1, "html": 1, "markdown": 1, "text": 1, "unread": 1}
    assert summary["skipped"] == [str(tmp_path / "budget.xlsx")]
