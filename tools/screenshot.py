"""The README's picture of the HTML report, taken by the browser the tests use.

    python tools/screenshot.py            # writes docs/images/html-report.png

The page is the HTML report of this project's own example with one wrong
total (the 自然人 cell of 本年新收), beside the structure-defects example;
the wrong total's detail is shown as a person hovering over it sees it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govlint.cli import main  # noqa: E402


def run() -> Path:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    work = Path(tempfile.mkdtemp(prefix="govlint-shot-"))
    good = (ROOT / "examples" / "good-2021.txt").read_text(encoding="utf-8")
    (work / "云溪县-2022.txt").write_text(good.replace("86 |\n9 |", "87 |\n9 |", 1), encoding="utf-8")
    shutil.copy(ROOT / "examples" / "structure-defects-2021.txt", work / "structure-defects-2021.txt")
    page = work / "report.html"
    main(["--isolated", "--no-cache", "--format", "html", "-o", str(page), str(work / "云溪县-2022.txt"), str(work / "structure-defects-2021.txt")])
    opts = Options()
    opts.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,900", "--hide-scrollbars"):
        opts.add_argument(flag)
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=opts)
    try:
        browser.get(page.as_uri())
        cell = browser.find_element(By.CSS_SELECTOR, 'table[data-table="3"] td.marked[data-codes~="GL210"]')
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", cell)
        target = ROOT / "docs" / "images" / "html-report.png"
        browser.save_screenshot(str(target))
    finally:
        browser.quit()
        shutil.rmtree(work, ignore_errors=True)
    return target


if __name__ == "__main__":
    print(run())
