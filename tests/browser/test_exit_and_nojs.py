"""Exit this page (button and Shift x3), and the site with JavaScript off.

EXIT_PAGE_URL (pelicanconf.py) is another site: its request is intercepted
by a Playwright route and answered locally, so no real network is used."""

import pytest

from browserkit import EXIT_PAGE_URL, READABLE, TEMPLATE_PAGES, VISIBILITY_JS, Auditor, new_watched_page, settle

pytestmark = pytest.mark.browser

NEUTRAL = "<!doctype html><title>Neutral page</title><p>Weather</p>"

def content_page(pages):
    """A discovered page other than the home page, 404 and search (any will do)."""
    for url, _ in pages:
        if url not in ("/", "/404.html", "/search/"):
            return url
    return "/"


def open_page(browser, server, url, **kwargs):
    context, page, watcher = new_watched_page(browser, server.origin, fulfil={EXIT_PAGE_URL: NEUTRAL}, **kwargs)
    page.goto(server.origin + url)
    settle(page)
    return context, page, watcher


def assert_left_for_exit_page(page, watcher, server):
    page.wait_for_url(EXIT_PAGE_URL, timeout=5000)
    assert page.title() == "Neutral page"
    assert watcher.foreign == [EXIT_PAGE_URL]  # intercepted, and the only other-site request
    # location.replace(): Back must not return to the page that was left.
    page.go_back()
    assert not page.url.startswith(server.origin), page.url


def test_exit_button_leaves_the_page(browser, server, pages):
    context, page, watcher = open_page(browser, server, content_page(pages))
    try:
        page.get_by_role("link", name="Exit this page").click()
        assert_left_for_exit_page(page, watcher, server)
    finally:
        context.close()


def test_exit_button_works_from_the_keyboard(browser, server, pages):
    context, page, watcher = open_page(browser, server, "/")
    try:
        page.keyboard.press("Tab")  # skip link
        page.keyboard.press("Tab")  # exit button: second in the tab order
        assert page.evaluate("document.activeElement.matches('[data-exit-page-link]')")
        page.keyboard.press("Enter")
        assert_left_for_exit_page(page, watcher, server)
    finally:
        context.close()


def test_shift_three_times_leaves_the_page(browser, server, pages):
    context, page, watcher = open_page(browser, server, content_page(pages))
    try:
        for _ in range(3):
            page.keyboard.press("Shift")
        assert_left_for_exit_page(page, watcher, server)
    finally:
        context.close()


def test_shift_twice_or_interrupted_does_not_leave(browser, server, pages):
    url = content_page(pages)
    context, page, watcher = open_page(browser, server, url)
    try:
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        page.keyboard.press("a")  # another key resets the count
        page.keyboard.press("Shift")
        page.wait_for_timeout(300)
        assert page.url == server.origin + url
        assert watcher.foreign == []
    finally:
        context.close()


def test_exit_link_works_without_javascript(browser, server, pages):
    context, page, watcher = open_page(browser, server, content_page(pages), java_script_enabled=False)
    try:
        page.get_by_role("link", name="Exit this page").click()
        page.wait_for_url(EXIT_PAGE_URL, timeout=5000)
        assert watcher.foreign == [EXIT_PAGE_URL]
    finally:
        context.close()


def reads_fully_without_javascript(browser, server, urls, width):
    problems = []
    with Auditor(browser, server.origin, width, java_script_enabled=False) as reader:
        for url in urls:
            reader.open(url)
            page, watcher = reader.page, reader.watcher
            result = page.evaluate(VISIBILITY_JS, READABLE)
            problems += [f"{url}: hidden without JS: {m}" for m in result["missing"]]
            if result["shown"] < 3 or result["text"] < 100:
                problems.append(f"{url}: almost nothing to read without JS ({result})")
            if not page.locator("aside[data-crisis-strip] a[href='tel:988']").is_visible():
                problems.append(f"{url}: 988 not visible without JS")
            # Data shown in two views (data-view): one of them is always on screen.
            views = page.evaluate("""() => [...document.querySelectorAll('.continuum-table')].map((box) =>
                [...box.querySelectorAll('[data-view]')].filter((v) => getComputedStyle(v).display !== 'none').length)""")
            problems += [f"{url}: no view of the levels table is shown" for n in views if n < 1]
            problems += [f"{url}: {m}" for m in watcher.console_errors + watcher.foreign_requests()]
    return problems


def test_every_page_reads_fully_without_javascript_at_320px(browser, server, pages):
    problems = reads_fully_without_javascript(browser, server, [u for u, _ in pages], 320)
    assert not problems, "\n".join(problems)


def test_each_template_reads_fully_without_javascript_at_1280px(browser, server):
    problems = reads_fully_without_javascript(browser, server, TEMPLATE_PAGES, 1280)
    assert not problems, "\n".join(problems)
