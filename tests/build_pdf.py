"""Print documents to PDF with LibreOffice, for the PDF reader's tests.

The PDFs are built by the tests from text the project owns (the sample
report through ``tests.build_docx``), never copied into the repository.
Where ``soffice`` is absent the test skips with the reason.

Each test process uses a LibreOffice profile of its own, made on its first
print and removed when the process ends: two soffice processes sharing one
profile wait for each other or fail, so tests running in parallel (pytest-xdist
workers) would collide, and a fresh profile per print costs a quarter of a
second more.

A document is printed once per test process: several modules print the same
.docx (the sample, and the sample with a wrong total), and a printing costs
about a second, most of it LibreOffice starting. ``print_files`` prints many
documents in one start (about 0.3 s each after the first): a module that
needs several asks for them together. The PDF is the same whatever the
test, and a test never gets another test's file on disk, only the bytes.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Sequence

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
    return print_files([(data, suffix)], tmp_path)[0]


def print_files(docs: Sequence[tuple[bytes, str]], tmp_path: Path) -> list[bytes]:
    """The PDFs of several documents, those not yet printed in this process printed in one LibreOffice start."""
    exe = soffice()
    keys = [(suffix, _content_key(data)) for data, suffix in docs]
    todo = {key: data for key, (data, _) in zip(keys, docs) if key not in _PRINTED}
    if todo:
        _PRINTED.update(_print(exe, todo, Path(tmp_path)))
    return [_PRINTED[key] for key in keys]


_PROFILE: list[Path] = []  # this process's LibreOffice profile, made on the first print


def _profile() -> Path:
    if not _PROFILE:
        _PROFILE.append(Path(tempfile.mkdtemp(prefix="govlint-tests-soffice-")).resolve())
        atexit.register(shutil.rmtree, _PROFILE[0], True)
    return _PROFILE[0]


def _print(exe: str, todo: dict[tuple[str, str], bytes], tmp_path: Path) -> dict[tuple[str, str], bytes]:
    Path(tmp_path).mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="print-", dir=tmp_path))
    sources = {}
    for i, ((suffix, _), data) in enumerate(todo.items()):
        src = work / f"report{i}{suffix}"
        src.write_bytes(data)
        sources[src] = (suffix, _)
    cmd = [
        exe,
        f"-env:UserInstallation={_profile().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work / "out"),
        *map(str, sources),
    ]
    timeout = TIMEOUT + 10 * (len(sources) - 1)
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=work)
    except subprocess.TimeoutExpired:
        pytest.fail(f"soffice did not print {len(sources)} document(s) within {timeout} s")
    printed = {}
    for src, key in sources.items():
        out = work / "out" / (src.stem + ".pdf")
        if not out.is_file():
            pytest.fail(f"soffice printed nothing for {src.name} (exit {done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
        printed[key] = out.read_bytes()
    return printed


def print_pdf(docx_bytes: bytes, tmp_path: Path) -> bytes:
    """The PDF of a .docx as LibreOffice prints it."""
    return print_file(docx_bytes, ".docx", tmp_path)
