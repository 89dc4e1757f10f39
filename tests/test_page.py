"""The demo page in a real browser: Debian's chromium driven by Playwright.

The page must work offline (every request goes to the lvnews server itself),
render Latvian diacritics, highlight entities by label and list the facts.
Skips when /usr/bin/chromium is absent (CI installs it with apt); Playwright's
own browser downloads are never used.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from lvnews.service.process import ServerProcess  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path("/tmp/lvnews_page.png")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TEXT = ("Rīgas domes priekšsēdētājs Jānis Bērziņš otrdien apmeklēja Liepāju.\n\n"
        "Biedrība apvieno 120 biedrus no Ventspils un Kuldīgas.")


def test_static_files_ship_in_the_package():
    static = files("lvnews.service") / "static"
    for name in ("index.html", "app.js", "app.css"):
        assert (static / name).is_file(), name
    html = (static / "index.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in html and "apvieno 120 biedrus" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html, "no CDN links"


@pytest.fixture(scope="module")
def server():
    srv = ServerProcess(["--max-bytes", "100000"],
                        env={"LVNEWS_API_KEY": "", "LVNEWS_ACCESS_LOG": "0", "LVNEWS_LOG_LEVEL": "warning"}).start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) "
                    "to run the browser test")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_page_analyses_and_highlights(server, browser):
    page = browser.new_page(viewport={"width": 1100, "height": 1000})
    foreign = []
    page.on("request", lambda r: None if r.url.startswith(server.url) else foreign.append(r.url))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(server.url + "/")
        assert "lvnews" in page.title()
        assert "Biedrība apvieno 120 biedrus" in page.input_value("#text"), "the sample article"

        page.fill("#text", TEXT)
        page.click("#analyse")
        page.wait_for_selector("#annotated mark.ent-PERSON", timeout=30_000)

        person = page.locator("#annotated mark.ent-PERSON").first
        assert person.inner_text().startswith("Jānis Bērziņš")
        gpe = page.locator("#annotated mark.ent-GPE")
        assert gpe.count() >= 1
        assert "Liepāj" in " ".join(gpe.all_inner_texts())
        assert page.inner_text("#annotated") == TEXT, "the text is shown exactly, diacritics included"

        # Tooltip: canonical form (and the KB link when there is one).
        gpe.first.hover()
        page.wait_for_selector("#tip:not([hidden])")
        assert page.inner_text("#tip .tip-canonical")

        # Facts table, and its evidence lit up in the text on hover.
        row = page.locator("#facts tbody tr.fact-member_count").first
        assert "120" in row.inner_text() and "Biedrība apvieno 120 biedrus" in row.inner_text()
        row.hover()
        lit = "".join(page.locator("#annotated .piece.hl").all_inner_texts())
        assert lit == "Biedrība apvieno 120 biedrus"

        # Tokens are collapsed until asked for.
        assert not page.locator("#tokens").is_visible()
        page.click("#tokens-box summary")
        assert page.locator("#tokens tbody tr").count() > 10

        page.click("#tokens-box summary")
        gpe.first.hover()
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    finally:
        page.close()
    assert not errors, errors
    assert not foreign, f"the page fetched from elsewhere: {foreign}"


def test_page_shows_api_errors(server, browser):
    page = browser.new_page()
    try:
        page.goto(server.url + "/")
        page.fill("#text", "x" * 200_000)
        page.click("#analyse")
        page.wait_for_selector("#status.error")
        assert "413" in page.inner_text("#status")
    finally:
        page.close()


def test_page_shows_normalised_values(server, browser):
    page = browser.new_page(viewport={"width": 1100, "height": 1000})
    try:
        page.goto(server.url + "/")
        page.fill("#text", "Projekts 2019. gada 15. martā izmaksāja 3 miljonus eiro.")
        page.click("#analyse")
        page.wait_for_selector("#facts tbody tr.fact-quantity", timeout=30_000)
        assert "2019. gada 15. martā = 2019-03-15" in page.inner_text("#language")
        assert "EUR" in page.locator("#facts tbody tr.fact-quantity").first.inner_text()
    finally:
        page.close()
