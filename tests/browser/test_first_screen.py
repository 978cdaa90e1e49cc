"""The first screen on a phone, measured in Chromium (issue 21).

At 320x568 and 375x667, on every built page in English and Spanish: the page
title (h1) starts within 260 px of the top; crisis help is first and takes at
most two rows; each of its lines (988 call and text, 911, the treatment
helpline) and Exit this page is a tap target at least 44 px high and wide;
Exit this page is whole (not clipped, not over another line) and stands out
from the strip; h1 is clearly bigger than h2; the lede is at most 3 lines
at 375 px (4 at 320). Once the page scrolls, a slim
bar with Exit this page and the 988 lines stays at the top. From 768 to
1440 px the header's search box is on its first row, the language link is the
size of the main links, and Exit this page sits inside the content column.

Fast by design: one browser, one page reused per viewport, every number for a
page read with one page.evaluate (MEASURE_JS).
"""

import re

import pytest

from browserkit import new_watched_page, settle

pytestmark = pytest.mark.browser

PHONES = ((320, 568), (375, 667))
TITLE_TOP_MAX = 260
TAP_MIN = 44
CRISIS_ROWS_MAX = 2

MEASURE_JS = """() => {
  const visible = (el) => { const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0; };
  const hidden = (el) => el.closest('.visually-hidden, .crisis-wide');
  const parts = [...document.querySelectorAll('[data-crisis-strip]')];
  const items = [], targets = [];
  const range = document.createRange();
  for (const part of parts) {
    for (const a of part.querySelectorAll('a')) {
      if (!visible(a)) continue;
      const r = a.getBoundingClientRect();
      items.push(r);
      targets.push({text: a.textContent.replace(/\\s+/g, ' ').trim(), href: a.getAttribute('href'),
                    width: Math.round(r.width), height: Math.round(r.height), box: [r.left, r.top, r.right, r.bottom]});
    }
    // Words outside the links take room too (a lead line, a note).
    const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, el = node.parentElement;
      if (!node.textContent.trim() || el.closest('a') || hidden(el) || !visible(el)) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) items.push(r);
    }
  }
  // A row: boxes that overlap by at least half the smaller one's height.
  const rows = [];
  for (const r of items.sort((a, b) => a.top - b.top)) {
    const row = rows.find((w) => Math.min(w.bottom, r.bottom) - Math.max(w.top, r.top) >= Math.min(w.bottom - w.top, r.height) / 2);
    if (row) { row.top = Math.min(row.top, r.top); row.bottom = Math.max(row.bottom, r.bottom); }
    else rows.push({top: r.top, bottom: r.bottom});
  }
  const exit = document.querySelector('[data-exit-page-link]');
  const bar = document.querySelector('.crisis-bar');
  const h1 = document.querySelector('h1');
  const h2 = document.querySelector('main h2');
  const lede = document.querySelector('main .lede');
  return {
    ledeLines: lede ? Math.round(lede.getBoundingClientRect().height / parseFloat(getComputedStyle(lede).lineHeight)) : 0,
    titleTop: h1 ? Math.round(h1.getBoundingClientRect().top + scrollY) : null,
    h1Size: h1 ? parseFloat(getComputedStyle(h1).fontSize) : null,
    h2Size: h2 ? parseFloat(getComputedStyle(h2).fontSize) : null,
    rows: rows.length,
    stripHeight: Math.round(Math.max(...parts.map((p) => p.getBoundingClientRect().bottom)) - parts[0].getBoundingClientRect().top),
    stripTop: Math.round(parts[0].getBoundingClientRect().top + scrollY),
    targets,
    exit: {clipped: exit.scrollWidth > exit.clientWidth + 1 || exit.scrollHeight > exit.clientHeight + 1,
           background: getComputedStyle(exit).backgroundColor, strip: getComputedStyle(bar).backgroundColor},
    overflow: document.documentElement.scrollWidth > innerWidth,
  };
}"""

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


def luminance(css_color):
    r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", css_color)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def overlaps(a, b):
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


@pytest.fixture(scope="module")
def phone_screens(browser, server, pages):
    """{(width, height, url): measurements} for every page at both phone sizes."""
    found = {}
    context, page, _ = new_watched_page(browser, server.origin, width=PHONES[0][0], height=PHONES[0][1])
    try:
        for url, _ in pages:
            # One load per page: the second phone size is the same page resized
            # (the layout is recomputed; nothing has scrolled), half the loads.
            page.set_viewport_size({"width": PHONES[0][0], "height": PHONES[0][1]})
            page.goto(server.origin + url)
            settle(page)
            for width, height in PHONES:
                page.set_viewport_size({"width": width, "height": height})
                # Two frames: media-query listeners (the contents list) run after a resize.
                page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
                found[(width, height, url)] = page.evaluate(MEASURE_JS)
    finally:
        context.close()
    return found


def report(phone_screens, check):
    """Every (viewport, page) where check(measurements) returns a complaint."""
    bad = []
    for (w, h, url), m in phone_screens.items():
        problem = check(m)
        if problem:
            bad.append(f"{w}x{h} {url}: {problem}")
    return bad


def test_every_page_title_starts_within_260_px(phone_screens):
    langs = {url.startswith("/es/") for _, _, url in phone_screens}
    assert langs == {True, False}, "both languages measured"
    bad = report(phone_screens, lambda m: m["titleTop"] is None and "no h1"
                 or m["titleTop"] > TITLE_TOP_MAX and f"h1 starts at {m['titleTop']} px")
    assert not bad, "\n".join(bad)


def test_crisis_help_is_first_and_at_most_two_rows(phone_screens):
    bad = report(phone_screens, lambda m: m["stripTop"] != 0 and f"crisis help starts at {m['stripTop']} px"
                 or m["rows"] > CRISIS_ROWS_MAX and f"{m['rows']} rows ({m['stripHeight']} px)"
                 or m["overflow"] and "the page scrolls sideways")
    assert not bad, "\n".join(bad)


def test_every_crisis_line_is_a_44_px_tap_target(phone_screens):
    def small(m):
        hrefs = {t["href"].split("?")[0] for t in m["targets"]}   # Spanish: sms:988?&body=AYUDA
        missing = {"tel:988", "sms:988", "tel:911", "tel:+18006624357"} - hrefs
        if missing:
            return f"lines not shown: {sorted(missing)}"
        tiny = [f"{t['text']} {t['width']}x{t['height']}" for t in m["targets"]
                if t["height"] < TAP_MIN or t["width"] < TAP_MIN]
        return tiny and f"smaller than {TAP_MIN} px: {tiny}"
    bad = report(phone_screens, small)
    assert not bad, "\n".join(bad)


def test_exit_this_page_is_whole_and_stands_out(phone_screens):
    def exit_problem(m):
        exit_box = next(t for t in m["targets"] if not t["href"].startswith(("tel:", "sms:")))["box"]
        covered = [t["text"] for t in m["targets"] if t["box"] != exit_box and overlaps(t["box"], exit_box)]
        ratio = contrast(m["exit"]["background"], m["exit"]["strip"])
        return (m["exit"]["clipped"] and "Exit this page is cut off" or covered and f"Exit this page overlaps {covered}"
                or ratio < 3 and f"Exit this page against the strip: {ratio:.2f}:1 (3:1 needed)")
    bad = report(phone_screens, exit_problem)
    assert not bad, "\n".join(bad)


def test_h1_and_h2_are_clearly_different_on_phones(phone_screens):
    bad = report(phone_screens, lambda m: m["h2Size"] and m["h1Size"] < 1.2 * m["h2Size"]
                 and f"h1 {m['h1Size']} px, h2 {m['h2Size']} px")
    assert not bad, "\n".join(bad)


LEDE_LINES_MAX = {320: 4, 375: 3}


def test_no_lede_is_longer_than_three_lines_on_a_phone(phone_screens):
    """The summary under the title (also the page's description) is short: at
    most 3 lines at 375 px and 4 at 320 px (some were 5 or 6), so the text starts
    on the first screen."""
    bad = [f"{w}x{h} {url}: the lede takes {m['ledeLines']} lines" for (w, h, url), m in phone_screens.items()
           if m["ledeLines"] > LEDE_LINES_MAX[w]]
    assert not bad, "\n".join(bad)


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
