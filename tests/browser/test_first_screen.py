"""The first screen on a phone, on a few pages (issue 21). Every page's
first screen is measured by test_pages.py while it has the page open:
title within 260 px, crisis help first in at most two rows, 44 px tap
targets, Exit this page whole, h1 bigger than h2, short ledes
(tests/browser/firstscreen.py). Here: once the page scrolls, a slim bar with
Exit this page and the 988 lines stays at the top; the self-check's Start is
on the first screen with and without JavaScript; from 768 to 1440 px the
header's search box is on its first row, the language link is the size of
the main links, and Exit this page sits inside the content column.
"""

import pytest

from browserkit import new_watched_page, settle
from firstscreen import PHONES

pytestmark = pytest.mark.browser

STICKY_JS = """() => {
  window.scrollTo(0, document.documentElement.scrollHeight);
  const box = (el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
  const hit = (el) => { const r = el.getBoundingClientRect(); const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return el.contains(at); };
  const exit = document.querySelector('[data-exit-page-link]');
  const call = document.querySelector('.crisis-bar a[href^="tel:988"]');
  const text = document.querySelector('.crisis-bar a[href^="sms:"]');
  return {scrolled: scrollY, bar: box(document.querySelector('.crisis-bar')), strip: box(document.querySelector('.crisis-strip')),
          reachable: [exit, call, text].map((el) => el && hit(el))};
}"""

START_JS = """() => {
  const start = document.querySelector('[data-quiz-start-link]');
  if (!start) return null;
  const r = start.getBoundingClientRect();
  return {kind: 'Start button', top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY)};
}"""


@pytest.mark.parametrize("url", ["/what-is-iop/", "/es/what-is-iop/"])
@pytest.mark.parametrize("size", PHONES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_slim_bar_with_exit_and_988_stays_in_view(browser, server, url, size):
    context, page, _ = new_watched_page(browser, server.origin, width=size[0], height=size[1])
    try:
        page.goto(server.origin + url)
        settle(page)
        found = page.evaluate(STICKY_JS)
        assert found["scrolled"] > 1000, found
        assert found["bar"]["top"] == 0 and found["bar"]["bottom"] <= 60, f"the bar after scrolling: {found}"
        assert found["strip"]["bottom"] <= 0, f"the second row should scroll away: {found}"
        assert found["reachable"] == [True, True, True], f"Exit, call 988, text 988 on top: {found}"
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_self_checks_start_is_on_the_first_screen(browser, server, javascript):
    context, page, _ = new_watched_page(browser, server.origin, width=320, height=568, java_script_enabled=javascript)
    late = []
    try:
        for width, height in PHONES:
            page.set_viewport_size({"width": width, "height": height})
            for url in ("/self-check/", "/es/self-check/"):
                page.goto(server.origin + url)
                settle(page)
                start = page.evaluate(START_JS)
                assert start is not None, url
                edge = start["bottom"] if start["kind"] == "Start button" else start["top"]
                if edge > height:
                    late.append(f"{width}x{height} {url}: {start['kind']} at {start['top']}-{start['bottom']} px")
    finally:
        context.close()
    assert not late, "\n".join(late)


HEADER_JS = """() => {
  const box = (sel) => { const el = document.querySelector(sel); if (!el) return null; const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const font = (sel) => { const s = getComputedStyle(document.querySelector(sel)); return `${s.fontSize} ${s.fontWeight}`; };
  return {name: box('.site-name'), nav: box('.site-nav'), search: box('.site-search'), exit: box('[data-exit-page-link]'),
          main: box('main'), navFont: font('.site-nav a'), langFont: font('.lang-switch a')};
}"""


@pytest.mark.parametrize("url", ["/what-is-iop/", "/es/what-is-iop/"])
def test_desktop_header_keeps_search_on_its_first_row(browser, server, url):
    context, page, _ = new_watched_page(browser, server.origin, width=768, height=800)
    bad = []
    try:
        for width in (768, 1024, 1280, 1440):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(server.origin + url)
            settle(page)
            h = page.evaluate(HEADER_JS)
            if h["search"] is None or h["search"]["top"] >= h["name"]["bottom"]:
                bad.append(f"{width}: the search box is not on the header's first row: {h}")
            if h["navFont"] != h["langFont"]:
                bad.append(f"{width}: language link {h['langFont']}, main links {h['navFont']}")
            if h["exit"]["right"] > h["main"]["right"] + 1 or h["exit"]["left"] < h["main"]["left"] - 1:
                bad.append(f"{width}: Exit this page {h['exit']} outside the content column {h['main']}")
    finally:
        context.close()
    assert not bad, "\n".join(bad)
