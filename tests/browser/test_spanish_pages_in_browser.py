"""The Spanish edition in a real Chromium (issue 14): a Spanish search on
/es/search/ finds Spanish pages only (Pagefind indexes each <html lang> on its
own); the language switch works by keyboard. (tests/browser/test_pages.py
audits every Spanish page with axe at 320 px, and the Spanish home, search,
404 and self-check pages at 1280 px.)"""

import pytest
from playwright.sync_api import expect

from browserkit import new_watched_page, settle

pytestmark = pytest.mark.browser


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
