"""`--format html`: one self-contained page; read as HTML here, and opened in a real browser.

The browser tests use Debian's chromium through chromium-driver and Selenium,
and are skipped, with the reason, where either is missing (`.ci/run`
installs them where apt is available).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from govlint.cli import main

from .conftest import EXAMPLES

GOOD = (EXAMPLES / "good-2021.txt").read_text(encoding="utf-8")
WRONG_TOTAL = GOOD.replace("86 |\n9 |", "87 |\n9 |", 1)  # 本年新收: 总计 105, but the row adds up to 106
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _page(tmp_path: Path, texts: dict[str, str], *args: str) -> tuple[Path, str]:
    paths = []
    for name, text in texts.items():
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    out = tmp_path / "report.html"
    code = main(["--isolated", "--no-cache", "--format", "html", "-o", str(out), *args, *paths])
    assert code in (0, 1)
    return out, out.read_text(encoding="utf-8")


def test_the_wrong_total_is_marked_with_its_codes(tmp_path):
    _, page = _page(tmp_path, {"bad.txt": WRONG_TOTAL})
    doc = lxml_html.fromstring(page)
    (table,) = doc.xpath('//table[@data-table="3"]')
    total = table.xpath('.//tr[th[starts-with(., "一、本年新收")]]/td')[-1]
    assert total.text.strip() == "105" and "GL210" in total.get("data-codes") and "marked" in total.get("class")
    assert total.get("tabindex") == "0"
    tip = doc.get_element_by_id(total.get("aria-describedby"))
    assert "GL210" in tip.text_content() and "87 + 9 + 1 + 2 + 4 + 3 = 106" in tip.text_content()
    # the findings list, with the rule's explanation one click away
    (item,) = [li for li in doc.xpath('//li[@class="finding"]') if "GL210" in li.text_content()]
    assert item.xpath(".//details/summary")


def test_a_clean_report_has_no_marked_cell(tmp_path):
    _, page = _page(tmp_path, {"good.txt": GOOD})
    doc = lxml_html.fromstring(page)
    assert not doc.xpath('//td[contains(@class, "marked")]') and doc.xpath('//table[@data-table="3"]')
    assert "未发现问题" in page


def test_uncertain_cells_look_uncertain(tmp_path):
    cut = GOOD.replace("86 |\n9 |\n1 |", "86 |\n9 |", 1)  # a dropped cell: table 三 is GL003
    _, page = _page(tmp_path, {"cut.txt": cut})
    doc = lxml_html.fromstring(page)
    assert doc.xpath('//table[@data-table="3"]//td[contains(@class, "uncertain")]')
    assert "GL003" in page


def test_report_text_stays_text(tmp_path):
    text = GOOD.replace("申请内容主要涉及", HOSTILE + "申请内容主要涉及", 1).replace("86 |\n9 |", "87 |\n9 |", 1)
    text = text.replace("2023年，我县将重点抓好", "2022年，我县将加强" + HOSTILE + "，重点抓好", 1)  # quoted by GL301
    _, page = _page(tmp_path, {"x<script>.txt": text})
    doc = lxml_html.fromstring(page)
    assert len(doc.xpath("//script")) == 1  # govlint's own, nothing from the report
    assert not doc.xpath("//img") and not doc.xpath("//*[@onerror]")
    assert "&lt;script&gt;" in page


def test_the_page_needs_nothing_from_elsewhere(tmp_path):
    _, page = _page(tmp_path, {"a.txt": WRONG_TOTAL, "b.txt": GOOD})
    doc = lxml_html.fromstring(page)
    for el in doc.iter():
        for attr in ("src", "href"):
            v = el.get(attr)
            assert v is None or v.startswith("#"), (el.tag, attr, v)
    assert not doc.xpath('//link') and "@import" not in page and "url(" not in page


def test_a_batch_starts_with_an_overview(tmp_path):
    _, page = _page(tmp_path, {"a.txt": WRONG_TOTAL, "b.txt": GOOD}, "--lang", "en")
    doc = lxml_html.fromstring(page)
    rows = doc.xpath('//table[@id="overview"]/tbody/tr')
    assert len(rows) == 2
    for row in rows:
        (link,) = row.xpath(".//a")
        assert doc.get_element_by_id(link.get("href")[1:]) is not None
    assert "Overview" in page and "Statistics tables" in page and doc.get("lang") == "en"


# ------------------------------------------------------------------ in a real browser


def _browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("Debian's chromium and chromium-driver are not installed (apt install chromium chromium-driver)")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1600"):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(driver), options=opts)


@pytest.fixture(scope="module")
def browser():
    # One browser for the module's tests (a start costs half a second); each test loads a page of its own.
    b = _browser()
    yield b
    b.quit()


def test_in_a_browser_the_marked_cell_shows_its_detail(tmp_path, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    out, _ = _page(tmp_path, {"a.txt": WRONG_TOTAL, "b.txt": GOOD})
    browser.get(out.as_uri())
    cell = browser.find_element(By.CSS_SELECTOR, 'table[data-table="3"] td.marked[data-codes~="GL210"][tabindex="0"]')
    tip = browser.find_element(By.ID, cell.get_attribute("aria-describedby"))
    assert cell.is_displayed() and not tip.is_displayed()
    ActionChains(browser).move_to_element(cell).perform()  # hover
    assert tip.is_displayed() and "GL210" in tip.text
    ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
    assert not tip.is_displayed()
    for _ in range(400):  # keyboard focus: Tab through the page until the cell has it
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.switch_to.active_element == cell:
            break
    assert browser.switch_to.active_element == cell and tip.is_displayed()
    # nothing was fetched: the page is whole
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_in_a_browser_the_overview_sorts(tmp_path, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    out, _ = _page(tmp_path, {"a.txt": GOOD, "b.txt": WRONG_TOTAL, "c.txt": GOOD.replace("86 |\n9 |", "88 |\n9 |", 1)})
    browser.get(out.as_uri())

    def errors() -> list[int]:
        return [int(td.text) for td in browser.find_elements(By.CSS_SELECTOR, "#overview tbody tr td:nth-child(4)")]

    assert errors() == [0, 2, 2]
    head = browser.find_elements(By.CSS_SELECTOR, "#overview th[data-sort]")[3]
    head.click()
    assert errors() == [0, 2, 2] and head.get_attribute("aria-sort") == "ascending"
    head.send_keys(Keys.ENTER)  # from the keyboard too
    assert errors() == [2, 2, 0] and head.get_attribute("aria-sort") == "descending"


def test_in_a_browser_report_text_does_not_run(tmp_path, browser):
    text = GOOD.replace("申请内容主要涉及", HOSTILE + "申请内容主要涉及", 1)
    text = text.replace("2023年，我县将重点抓好", "2022年，我县将加强" + HOSTILE + "，重点抓好", 1)
    out, _ = _page(tmp_path, {"x.txt": text})
    browser.get(out.as_uri())
    assert browser.execute_script("return document.images.length") == 0
    assert HOSTILE[:20] in browser.find_element("tag name", "body").text


def test_a_finding_across_reports_links_to_the_other_report(tmp_path):
    from .test_cross import H23, H24, _alter_carry_over

    if not H23.exists():
        pytest.skip("the real Hongze pair is not in ../shared")
    out, page = _page(tmp_path, {"2024.txt": _alter_carry_over(H24.read_text(encoding="utf-8")), "2023.txt": H23.read_text(encoding="utf-8")})
    doc = lxml_html.fromstring(page)
    (item,) = [li for li in doc.xpath('//li[@class="finding"]') if "GL601" in li.text_content() and "natural" not in li.text_content()][:1]
    (link,) = item.xpath('.//a[starts-with(@href, "#f")]')
    target = doc.get_element_by_id(link.get("href")[1:])
    assert "2023.txt" in target.xpath("./h2")[0].text_content()
