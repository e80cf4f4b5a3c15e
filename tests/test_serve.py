"""`govlint serve` on a free local port: the upload page, the report, the limits, concurrency, no files left."""

from __future__ import annotations

import os
import tempfile
import threading
import urllib.error
import urllib.request
import uuid

import pytest

from .conftest import EXAMPLES, corpus, needs_shared
from .test_html_report import _browser

pytest.importorskip("werkzeug", reason="govlint serve needs the web extra (pip install -e '.[web]')")
pytest.importorskip("waitress", reason="govlint serve needs the web extra (pip install -e '.[web]')")

from govlint.serve.run import make_server  # noqa: E402

GOOD = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
WRONG_TOTAL = GOOD.replace("86 |\n9 |", "87 |\n9 |", 1)
LIMIT = 2 * 1024 * 1024


@pytest.fixture()
def server():
    srv = make_server("127.0.0.1", 0, None, LIMIT, "zh")
    # waitress's loop sees that the server was closed when its select() times out (1 s by default):
    # a shorter wait ends each test's server at once instead of a second later.
    srv.adj.asyncore_loop_timeout = 0.05
    stopping = threading.Event()

    def run() -> None:
        try:
            srv.run()
        except OSError:  # the loop's select() meeting the socket close() just shut: the end, not a failure
            if not stopping.is_set():
                raise

    t = threading.Thread(target=run, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    stopping.set()
    srv.close()
    t.join(5)


def _multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = []
    for name, data in files:
        out.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        out.append(data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def _post(base: str, files: list[tuple[str, bytes]]) -> tuple[int, str]:
    body, ctype = _multipart(files)
    req = urllib.request.Request(base + "/lint", data=body, headers={"Content-Type": ctype}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def test_the_page_and_a_report(server):
    with urllib.request.urlopen(server + "/", timeout=10) as r:
        page = r.read().decode("utf-8")
    assert r.status == 200 and 'type="file" name="file"' in page and 'action="/lint"' in page
    status, report = _post(server, [("bad.txt", WRONG_TOTAL.encode("utf-8"))])
    assert status == 200 and 'data-codes="GL210 GL212"' in report


def test_a_file_that_cannot_be_read_is_its_gl001(server):
    status, report = _post(server, [("r.docx", b"PK\x03\x04 not really a zip"), ("good.txt", GOOD.encode("utf-8"))])
    assert status == 200 and "GL001" in report and "good.txt" in report


def test_an_upload_over_the_limit_is_413_and_the_server_goes_on(server):
    status, page = _post(server, [("big.txt", b"x" * (LIMIT + 1))])
    assert status == 413 and "2 MB" in page
    status, _ = _post(server, [("good.txt", GOOD.encode("utf-8"))])
    assert status == 200


def test_concurrent_uploads_both_answer(server):
    got: list[int] = []

    def one(text: str) -> None:
        got.append(_post(server, [("r.txt", text.encode("utf-8"))])[0])

    threads = [threading.Thread(target=one, args=(t,)) for t in (GOOD, WRONG_TOTAL)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert got == [200, 200]


def test_nothing_is_written_to_disk(server, monkeypatch, tmp_path):
    # An upload over Werkzeug's 500 KB would go to a temporary file by default (an unnamed one, so a
    # listing of the folder cannot see it): every way to make one is refused during the request.
    import werkzeug.formparser

    made: list[str] = []

    def refuse(*a, **k):
        made.append("temporary file")
        raise OSError("a temporary file was asked for")

    for mod, name in ((tempfile, "SpooledTemporaryFile"), (tempfile, "TemporaryFile"), (tempfile, "NamedTemporaryFile"),
                      (tempfile, "mkstemp"), (werkzeug.formparser, "SpooledTemporaryFile"), (werkzeug.formparser, "TemporaryFile")):
        if hasattr(mod, name):
            monkeypatch.setattr(mod, name, refuse)
    # A private temporary folder: the system's is shared with every other process on the machine.
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    before = set(os.listdir(folder))
    status, report = _post(server, [("big-but-allowed.txt", (GOOD * 200).encode("utf-8")[: LIMIT - 8192])])
    assert status == 200 and made == [] and "big-but-allowed.txt" in report
    assert set(os.listdir(folder)) - before == set()


@needs_shared
def test_one_issuers_two_years_are_compared(server):
    h23 = corpus("hongze-2023-district-pdftotext.txt").read_bytes()
    h24 = corpus("hongze-2024-district-pdftotext.txt").read_text(encoding="utf-8").split("\n")
    for label in ("二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"):
        at = h24.index(label)
        for k in (1, 7):
            h24[at + 2 * k] = "2"
    status, report = _post(server, [("2023.txt", h23), ("2024.txt", "\n".join(h24).encode("utf-8"))])
    assert status == 200 and "GL601" in report


def test_in_a_browser_an_upload_shows_the_report(server, tmp_path):
    from selenium.webdriver.common.by import By

    browser = _browser()
    try:
        f = tmp_path / "bad.txt"
        f.write_text(WRONG_TOTAL, encoding="utf-8")
        browser.get(server + "/")
        browser.find_element(By.ID, "file").send_keys(str(f))
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        browser.implicitly_wait(30)  # the report comes once the file is linted
        cell = browser.find_element(By.CSS_SELECTOR, 'td.marked[data-codes~="GL210"]')
        assert cell.is_displayed() and "bad.txt" in browser.page_source
    finally:
        browser.quit()


def test_without_the_extra_serve_says_how_to_install(monkeypatch, capsys):
    import builtins

    from govlint.cli import main

    real = builtins.__import__

    def no_waitress(name, *a, **k):
        if name in ("waitress", "werkzeug"):
            raise ImportError(f"No module named {name!r}")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_waitress)
    assert main(["serve", "--isolated"]) == 2
    assert "pip install 'govlint[web]'" in capsys.readouterr().err
