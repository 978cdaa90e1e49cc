"""Every built page, in a real Chromium, with the host's security headers:
axe finds no WCAG 2.0/2.1/2.2 A or AA violations, the console stays clean,
the CSP is never violated, nothing loads from another origin, and nothing
scrolls sideways. Every page (discovered from the build, both languages) at
320 px, the narrowest screen; at 1280 px one page of each template and
component (TEMPLATE_PAGES), since the wide layout is the same on every page of
a template. Screenshots of every page are `make bench`'s (bench/work/screenshots/).

Each page is loaded once at phone size (`phone_walk`), and everything
measured on a phone is read from that one load: the first screen at 320x568
and 375x667 (tests/browser/firstscreen.py, issue 21), then the gates at 320 px.
Loading a page costs more than most checks on it."""

import pytest

from browserkit import TEMPLATE_PAGES, Auditor, new_watched_page, save_json, settle
from firstscreen import CRISIS_ROWS_MAX, PHONES, TAP_MIN, TITLE_TOP_MAX, contrast, measure, overlaps

pytestmark = pytest.mark.browser


def audit_all(browser, server, urls, width):
    problems = []
    with Auditor(browser, server.origin, width) as auditor:
        for url_path in urls:
            problems += auditor.audit(url_path).problems()
    save_json(f"browser-audit-{width}.json", {"pages": list(urls), "problems": problems})
    return problems


@pytest.fixture(scope="module")
def phone_walk(browser, server, pages):
    """(gate problems at 320 px, {(width, height, url): first-screen measurements})
    from one load of every page at 320x568."""
    problems, screens = [], {}
    width, height = PHONES[0]
    with Auditor(browser, server.origin, width, height=height) as auditor:
        for url, _ in pages:
            response = auditor.open(url)
            screens.update(measure(auditor.page, url))
            problems += auditor.report(url, response).problems()
    save_json(f"browser-audit-{width}.json", {"pages": [u for u, _ in pages], "problems": problems})
    return problems, screens


@pytest.fixture(scope="module")
def phone_screens(phone_walk):
    return phone_walk[1]


def test_every_page_passes_axe_console_csp_and_origin_gates_at_320px(phone_walk, pages):
    problems = phone_walk[0]
    assert not problems, f"{len(problems)} problem(s) on {len(pages)} pages:\n" + "\n".join(problems)


def test_each_template_passes_the_gates_at_1280px(browser, server, pages):
    assert set(TEMPLATE_PAGES) <= {u for u, _ in pages}, "a template page is missing from the build"
    problems = audit_all(browser, server, TEMPLATE_PAGES, 1280)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_a_deep_missing_address_gets_a_styled_404_page(browser, server):
    """A host serves 404.html at whatever address was asked for, however deep:
    its stylesheet, script and links must still work from there."""
    context, page, watcher = new_watched_page(browser, server.origin, width=375)
    missing = server.origin + "/no/such/deep/page/"
    bad = []
    page.on("response", lambda r: r.status >= 400 and r.url != missing and bad.append(f"{r.status} {r.url}"))
    try:
        response = page.goto(missing)
        settle(page)
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        # the site's stylesheet applied: the crisis strip is laid out by it
        styled = page.evaluate("""() => [...document.styleSheets].some((s) => {
            try { return s.href === location.origin + '/theme/css/site.css' && s.cssRules.length > 0; }
            catch (e) { return false; }   // not a stylesheet (e.g. an HTML 404 body)
        })""")
        assert styled, "site.css did not load on the deep 404 page"
        assert not bad, f"resources that failed from the deep 404 page: {bad}"
        page.get_by_role("link", name="Go to the home page").click()
        page.wait_for_load_state("load")
        assert page.url == server.origin + "/"
        # the only console error allowed is Chromium's note of the page's own 404 status
        others = [e for e in watcher.console_errors if "status of 404" not in e]
        assert len(watcher.console_errors) - len(others) <= 1 and not others, watcher.console_errors
        assert not watcher.csp_violations(page)
    finally:
        context.close()


# ---- The first screen on a phone, every page (issue 21) --------------------------
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
