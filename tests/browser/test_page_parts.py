"""The parts around a page's text, in Chromium (issue 21): the folded sources
still show the source a citation points to (with and without JavaScript);
"On this page" is folded on a phone and open beside the text on a wide
screen (folded above the levels table); the levels are cards on a phone and a
table on a wide screen and on paper; the back link is one line; related pages
replace next/previous; the footer is short; a printed page has no language
link or navigation."""

import pytest

from browserkit import new_watched_page, settle

pytestmark = pytest.mark.browser

PAGE_WITH_CITATIONS = "/what-is-iop/"
PAGE_WITHOUT_TABLE = "/faq/"
PAGE_WITH_TABLE = "/compare-levels-of-care/"

SOURCES_JS = """() => {
  const details = document.querySelector('[data-sources]');
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  const r = target && target.getBoundingClientRect();
  return {open: details.open, target: id, inView: !!r && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight};
}"""


def test_a_citation_opens_the_folded_sources_at_its_source(browser, server):
    context, page, watcher = new_watched_page(browser, server.origin, width=375, height=667)
    try:
        page.goto(server.origin + PAGE_WITH_CITATIONS)
        settle(page)
        assert page.evaluate(SOURCES_JS)["open"] is False, "the list starts folded"
        cite = page.locator(".cite a").first
        cite.click()
        page.wait_for_timeout(100)
        found = page.evaluate(SOURCES_JS)
        assert found["open"] and found["target"].startswith("source-") and found["inView"], found
        # Folded again by hand, the same citation opens it again (the address does not change).
        page.locator("[data-sources] summary").click()
        page.evaluate("() => window.scrollTo(0, 0)")
        cite.click()
        page.wait_for_timeout(100)
        assert page.evaluate(SOURCES_JS)["open"], "the second click on the same citation"
        # A shared link to a source opens the list too.
        target = found["target"]
        page.goto(server.origin + PAGE_WITH_CITATIONS + "#" + target)
        settle(page)
        again = page.evaluate(SOURCES_JS)
        assert again["open"] and again["inView"], again
        assert watcher.console_errors == [] and watcher.csp_violations(page) == []
    finally:
        context.close()


def test_without_javascript_the_sources_are_open_and_a_citation_lands_on_its_source(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=375, height=667, java_script_enabled=False)
    try:
        page.goto(server.origin + PAGE_WITH_CITATIONS)
        settle(page)
        page.locator(".cite a").first.click()
        page.wait_for_timeout(100)
        found = page.evaluate(SOURCES_JS)
        assert found["open"] and found["inView"], found
    finally:
        context.close()


TOC_JS = """() => {
  const toc = document.querySelector('.toc'), details = toc.querySelector('details');
  const page = document.querySelector('.page').getBoundingClientRect(), r = toc.getBoundingClientRect();
  return {open: details.open, side: r.left > page.left + page.width / 2, position: getComputedStyle(toc).position};
}"""


def test_on_this_page_is_folded_on_a_phone_and_beside_the_text_on_a_wide_screen(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=375, height=667)
    try:
        page.goto(server.origin + PAGE_WITHOUT_TABLE)
        settle(page)
        phone = page.evaluate(TOC_JS)
        assert phone == {"open": False, "side": False, "position": "static"}, phone
        page.set_viewport_size({"width": 1280, "height": 800})
        page.wait_for_timeout(100)                       # site.js follows the width
        wide = page.evaluate(TOC_JS)
        assert wide == {"open": True, "side": True, "position": "sticky"}, wide
        page.goto(server.origin + PAGE_WITH_TABLE)     # the table needs the width: folded, above the text
        settle(page)
        table_page = page.evaluate(TOC_JS)
        assert table_page == {"open": False, "side": False, "position": "static"}, table_page
    finally:
        context.close()


VIEWS_JS = """() => {
  const shown = (sel) => { const el = document.querySelector(sel); return !!el && getComputedStyle(el).display !== 'none'; };
  const cards = [...document.querySelectorAll('.continuum-card')];
  return {cards: shown('.continuum-cards'), table: shown('.continuum-table .table-scroll'),
          count: cards.length, open: cards.filter((c) => c.querySelector('details').open).map((c) => c.dataset.level),
          rows: document.querySelectorAll('.continuum-table tbody tr').length};
}"""


def test_the_levels_are_cards_on_a_phone_and_a_table_on_a_wide_screen_and_on_paper(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=375, height=667)
    try:
        page.goto(server.origin + PAGE_WITH_TABLE)
        settle(page)
        phone = page.evaluate(VIEWS_JS)
        assert phone["cards"] and not phone["table"], phone
        assert phone["count"] == phone["rows"] and phone["open"] == ["intensive-outpatient"], phone
        page.emulate_media(media="print")
        paper = page.evaluate(VIEWS_JS)
        assert paper["table"] and not paper["cards"], paper
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1280, "height": 800})
        wide = page.evaluate(VIEWS_JS)
        assert wide["table"] and not wide["cards"], wide
    finally:
        context.close()


ENDINGS_JS = """() => {
  const crumbs = document.querySelector('.breadcrumbs');
  const line = parseFloat(getComputedStyle(crumbs).lineHeight);
  return {crumbLinks: [...crumbs.querySelectorAll('a')].map((a) => a.textContent.trim()),
          crumbHeight: crumbs.getBoundingClientRect().height, line,
          title: document.querySelector('h1').textContent.trim(), crumbText: crumbs.textContent.trim(),
          related: document.querySelectorAll('.related a').length,
          prevNext: document.querySelectorAll('a[rel=next], a[rel=prev], .prev-next').length,
          footer: Math.round(document.querySelector('.site-footer').getBoundingClientRect().height)};
}"""


@pytest.mark.parametrize("url", ["/what-is-iop/", "/es/what-is-iop/", "/get-help-now/"])
def test_back_link_related_pages_and_a_short_footer(browser, server, url):
    context, page, _ = new_watched_page(browser, server.origin, width=320, height=568)
    try:
        page.goto(server.origin + url)
        settle(page)
        found = page.evaluate(ENDINGS_JS)
        assert len(found["crumbLinks"]) == 1 and found["crumbHeight"] < 2 * found["line"], found
        assert found["title"] not in found["crumbText"], found
        assert 1 <= found["related"] <= 4 and found["prevNext"] == 0, found
        assert found["footer"] <= 400, f"footer {found['footer']} px at 320 px (it was 1,191 px at 375)"
    finally:
        context.close()


def test_a_printed_page_has_no_language_link_or_navigation(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=700, height=900)
    try:
        for url in ("/what-is-iop/", "/es/what-is-iop/"):
            page.goto(server.origin + url)
            settle(page)
            page.emulate_media(media="print")
            printed = page.evaluate("() => document.body.innerText")
            for clutter in ("Español", "English", "(text)", "Exit this page", "Salir de esta página",
                            "All topics", "Temas", "Related pages", "Páginas relacionadas"):
                assert clutter not in printed, f"{url}: '{clutter}' on paper"
            for needed in ("988", "911", "1-800-662-4357"):
                assert needed in printed, f"{url}: {needed} missing on paper"
            page.emulate_media(media="screen")
    finally:
        context.close()
