"""Every built page at phone size, in a real Chromium, with the host's
security headers. Its tests run once per language: test_every_page_en.py and
test_every_page_es.py each import them and set LANGUAGE, so two test
processes can share the walk (one module runs in one process).

Each page is loaded once at 320x568 (`phone_walk`), and everything measured
on a phone is read from that one load (loading a page costs more than most
checks on it):
- the first screen at 320x568 and 375x667 (tests/browser/firstscreen.py,
  issue 21): the title starts within 260 px, crisis help is first and takes at
  most two rows, each of its lines is a 44 px tap target, Exit this page is
  whole and stands out, h1 is bigger than h2, ledes are short;
- then the gates at 320 px, the narrowest screen: axe finds no WCAG
  2.0/2.1/2.2 A or AA violations, the console stays clean, the CSP is never
  violated, nothing loads from another origin, and nothing scrolls sideways.
test_pages.py checks each template at 1280 px.
"""

import pytest

from browserkit import Auditor, save_json
from firstscreen import CRISIS_ROWS_MAX, PHONES, TAP_MIN, TITLE_TOP_MAX, contrast, measure, overlaps

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def walked(request, pages):
    """The pages of the test module's LANGUAGE ("en" or "es"), as [url]."""
    language = request.module.LANGUAGE
    urls = [url for url, _ in pages if url.startswith("/es/") == (language == "es")]
    assert urls, f"no {language} pages in the build"
    return urls


@pytest.fixture(scope="module")
def phone_walk(request, browser, server, walked):
    """(gate problems at 320 px, {(width, height, url): first-screen measurements})
    from one load of every page of the module's language at 320x568."""
    problems, screens = [], {}
    width, height = PHONES[0]
    with Auditor(browser, server.origin, width, height=height) as auditor:
        for url in walked:
            response = auditor.open(url)
            screens.update(measure(auditor.page, url))
            problems += auditor.report(url, response).problems()
    save_json(f"browser-audit-{width}-{request.module.LANGUAGE}.json", {"pages": walked, "problems": problems})
    return problems, screens


@pytest.fixture(scope="module")
def phone_screens(phone_walk):
    return phone_walk[1]


def test_every_page_passes_axe_console_csp_and_origin_gates_at_320px(phone_walk, walked):
    problems = phone_walk[0]
    assert not problems, f"{len(problems)} problem(s) on {len(walked)} pages:\n" + "\n".join(problems)


def report(phone_screens, check):
    """Every (viewport, page) where check(measurements) returns a complaint."""
    bad = []
    for (w, h, url), m in phone_screens.items():
        problem = check(m)
        if problem:
            bad.append(f"{w}x{h} {url}: {problem}")
    return bad


def test_every_page_title_starts_within_260_px(phone_screens, walked):
    assert {url for _, _, url in phone_screens} == set(walked), "every page measured"
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
