"""The Spanish edition in a real Chromium (issue 14): a Spanish search on
/es/search/ finds Spanish pages only (Pagefind indexes each <html lang> on its
own); the Spanish home page and get-help-now (and the self-check once it is
translated) are axe-clean at 320 and 1280 px; the language switch works by
keyboard. (tests/browser/test_pages.py also audits every Spanish page: it
walks the whole build.)"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from browserkit import audit, new_watched_page, settle

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SPANISH_PAGES = ["/es/", "/es/get-help-now/"] + (
    ["/es/self-check/"] if (ROOT / "content" / "pages" / "es" / "self-check.md").exists() else [])


def test_spanish_search_returns_spanish_pages(browser, server):
    context, page, watcher = new_watched_page(browser, server.origin, width=1024)  # the header box: 48 em up
    try:
        page.goto(server.origin + "/es/what-is-iop/")
        settle(page)
        page.locator("#site-search-q").focus()
        page.keyboard.type("seguro")
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-search-list] li a", timeout=10_000)
        assert page.url.endswith("/es/search/#q=seguro"), page.url
        status = page.locator("[data-search-status]").inner_text()
        assert "resultado" in status and "seguro" in status, status
        hrefs = page.eval_on_selector_all("[data-search-list] a", "els => els.map(a => a.pathname)")
        assert hrefs and all(h.startswith("/es/") for h in hrefs), hrefs
        assert "/es/cost-and-insurance/" in hrefs, hrefs
        assert watcher.csp_violations(page) == [] and watcher.console_errors == []
    finally:
        context.close()


def test_english_search_still_returns_english_pages(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=375)
    try:
        page.goto(server.origin + "/search/#q=insurance")
        page.wait_for_selector("[data-search-list] li a", timeout=10_000)
        hrefs = page.eval_on_selector_all("[data-search-list] a", "els => els.map(a => a.pathname)")
        assert hrefs and not any(h.startswith("/es/") for h in hrefs), hrefs
    finally:
        context.close()


@pytest.mark.parametrize("width", (320, 1280))
@pytest.mark.parametrize("url_path", SPANISH_PAGES)
def test_spanish_pages_pass_axe_and_the_gates(browser, server, url_path, width):
    report = audit(browser, server.origin, url_path, width)
    assert not report.problems(), report.problems()


def test_language_switch_by_keyboard_goes_to_the_same_page(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=320, height=568)
    try:
        page.goto(server.origin + "/es/get-help-now/")
        settle(page)
        switch = page.locator(".lang-switch a")
        expect(switch).to_have_text("English")
        switch.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == server.origin + "/get-help-now/"
        assert page.locator("html").get_attribute("lang") == "en-US"
        back = page.locator(".lang-switch a")
        expect(back).to_have_text("Español")
        assert back.get_attribute("lang") == "es"
    finally:
        context.close()
