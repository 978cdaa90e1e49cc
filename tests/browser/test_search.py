"""Site search in a real browser, under the site's CSP: the header box leads
to results, the words never reach the server, and the page is usable by
keyboard; one search box per page; an address with the words in its query,
an empty search and a search with no results each get a clear message, and
on a phone the first result is on the first screen. Pagefind's index is
built by the `site` fixture."""

import pytest
from playwright.sync_api import expect

from browserkit import new_watched_page, run_axe, settle

pytestmark = pytest.mark.browser


def test_header_search_finds_pages_without_sending_the_words(browser, server):
    # The header box is there from 48 em up; on phones "All topics" opens the search page.
    context, page, watcher = new_watched_page(browser, server.origin, width=1024)
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


# A word nothing on the site starts with. Pagefind (v1) answers a word it has not
# indexed with the longest prefix it has: "zzqxv" found "Z" once the sources page
# said "A to Z" (Pagefind/pagefind#315, #793). No page has a word "q", "qj" or "qjx".
NO_MATCH = "qjxv"


def test_search_page_says_when_nothing_matches(browser, server):
    context, page, watcher = new_watched_page(browser, server.origin)
    try:
        page.goto(server.origin + f"/search/#q={NO_MATCH}")
        expect(page.locator("[data-search-status]")).to_contain_text("No results", timeout=10_000)
        assert page.locator(".all-pages a").count() >= 10  # the full list is still there
        assert watcher.csp_violations(page) == []
    finally:
        context.close()


def test_one_search_box_per_page(browser, server):
    """The search page's own form is its only box; other pages have the
    header's from 48 em up and none on phones (the title stays on the first screen)."""
    context, page, _ = new_watched_page(browser, server.origin, width=1280)
    try:
        for url, boxes in (("/search/", 1), ("/es/search/", 1), ("/what-is-iop/", 1)):
            page.goto(server.origin + url)
            settle(page)
            expect(page.get_by_role("search")).to_have_count(boxes)
            assert page.locator("input[type=search]:visible").count() == boxes, url
        page.set_viewport_size({"width": 375, "height": 667})
        page.goto(server.origin + "/what-is-iop/")
        settle(page)
        assert page.locator("input[type=search]:visible").count() == 0
        expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="All topics")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("address,status", [
    ("/search/?q=insurance", "results for “insurance”"),         # the words in the query: searched, and moved
    ("/search/#q=", "Type a word to search."),                   # an empty search
    (f"/search/#q={NO_MATCH}", f"No results for “{NO_MATCH}”"),
    ("/es/search/?q=seguro", "resultados para “seguro”"),
])
def test_every_search_address_gets_a_clear_message(browser, server, address, status):
    context, page, watcher = new_watched_page(browser, server.origin, width=375, height=667)
    try:
        page.goto(server.origin + address)
        expect(page.locator("[data-search-status]")).to_contain_text(status, timeout=10_000)
        expect(page.locator("[data-search-status]")).to_be_visible()
        # Words from the query end up in the #fragment, which is never sent again.
        assert "?" not in page.url, page.url
        if not status.startswith(("No ", "Type")):
            first = page.locator("[data-search-list] li").first.bounding_box()
            assert first["y"] + first["height"] <= 667, f"first result ends at {first['y'] + first['height']} px"
        assert watcher.csp_violations(page) == [] and watcher.console_errors == []
    finally:
        context.close()
