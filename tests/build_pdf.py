"""Print documents to PDF with LibreOffice, for the PDF reader's tests.

The PDFs are built by the tests from text the project owns (the sample
report through ``tests.build_docx``), never copied into the repository.
Where ``soffice`` is absent the test skips with the reason.

Each conversion uses a private LibreOffice profile in ``tmp_path``: two
soffice processes sharing one profile wait for each other or fail, so tests
running in parallel would collide.

A document is printed once per test process: several modules print the same
.docx (the sample, and the sample with a wrong total), and a printing costs
one to two seconds. The PDF is the same whatever the test, and a test never
gets another test's file on disk, only the bytes.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

TIMEOUT = 120  # seconds: a cold LibreOffice start with a fresh profile takes a few


def soffice() -> str:
    """The LibreOffice program, or skip the test."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed: printed-PDF tests need it")
    return exe


_PRINTED: dict[tuple[str, str], bytes] = {}


def _content_key(data: bytes) -> str:
    """What the document holds: a .docx built twice differs only in its zip entries' times, which print the same."""
    h = hashlib.sha256()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                h.update(info.filename.encode() + b"\0" + hashlib.sha256(z.read(info)).digest())
    except zipfile.BadZipFile:
        h.update(data)
    return h.hexdigest()


def print_file(data: bytes, suffix: str, tmp_path: Path) -> bytes:
    """The PDF LibreOffice prints from a document of type ``suffix`` (".docx", ".html"), once per process."""
    exe = soffice()
    key = (suffix, _content_key(data))
    if key not in _PRINTED:
        _PRINTED[key] = _print(exe, data, suffix, tmp_path)
    return _PRINTED[key]


def _print(exe: str, data: bytes, suffix: str, tmp_path: Path) -> bytes:
    work = Path(tmp_path) / f"print-{suffix.strip('.')}"
    work.mkdir(parents=True, exist_ok=True)
    src = work / f"report{suffix}"
    src.write_bytes(data)
    profile = (work / "profile").resolve()
    cmd = [
        exe,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work),
        str(src),
    ]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, cwd=work)
    except subprocess.TimeoutExpired:
        pytest.fail(f"soffice did not print {src.name} within {TIMEOUT} s")
    out = work / "report.pdf"
    if not out.is_file():
        pytest.fail(f"soffice printed nothing (exit {done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    return out.read_bytes()


def print_pdf(docx_bytes: bytes, tmp_path: Path) -> bytes:
    """The PDF of a .docx as LibreOffice prints it."""
    return print_file(docx_bytes, ".docx", tmp_path)
