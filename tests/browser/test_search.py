"""Site search in a real browser, under the site's CSP: the header box leads
to results, the words never reach the server, and the page is usable by
keyboard. Pagefind's index is built by the `site` fixture."""

import pytest
from playwright.sync_api import expect

from browserkit import new_watched_page, run_axe, settle

pytestmark = pytest.mark.browser


def test_header_search_finds_pages_without_sending_the_words(browser, server):
    context, page, watcher = new_watched_page(browser, server.origin, width=375)
    try:
        page.goto(server.origin + "/what-is-iop/")
        settle(page)
        page.locator("#site-search-q").focus()
        page.keyboard.type("Medicare")
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-search-list] li a", timeout=10_000)
        status = page.locator("[data-search-status]").inner_text()
        assert "result" in status and "Medicare" in status, status
        hrefs = page.eval_on_selector_all("[data-search-list] a", "els => els.map(a => a.pathname)")
        assert "/cost-and-insurance/" in hrefs, hrefs
        # The words are only in the #fragment, which is never sent to the server.
        assert page.url.endswith("/search/#q=Medicare"), page.url
        assert not [u for u in watcher.requests if "Medicare" in u.split("#")[0]], watcher.requests
        assert watcher.csp_violations(page) == [] and watcher.console_errors == []
        assert watcher.foreign_requests() == []
        violations = run_axe(page)
        assert violations == [], violations
    finally:
        context.close()


def test_search_page_says_when_nothing_matches(browser, server):
    context, page, watcher = new_watched_page(browser, server.origin)
    try:
        page.goto(server.origin + "/search/#q=zzqxv")
        expect(page.locator("[data-search-status]")).to_contain_text("No results", timeout=10_000)
        assert page.locator(".all-pages a").count() >= 10  # the full list is still there
        assert watcher.csp_violations(page) == []
    finally:
        context.close()


def test_the_two_search_boxes_on_the_search_page_have_their_own_names(browser, server):
    """Screen reader users list landmarks by name: two nameless search landmarks
    cannot be told apart (axe's landmark-unique only sees named forms)."""
    context, page, _ = new_watched_page(browser, server.origin)
    try:
        page.goto(server.origin + "/search/")
        settle(page)
        assert page.get_by_role("search").count() == 2
        expect(page.get_by_role("search", name="Site", exact=True)).to_have_count(1)
        expect(page.get_by_role("search", name="Search all pages", exact=True)).to_have_count(1)
    finally:
        context.close()
