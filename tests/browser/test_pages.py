"""Every built page, in a real Chromium, with the host's security headers:
axe finds no WCAG 2.0/2.1/2.2 A or AA violations at 320 px and 1280 px, the
console stays clean, the CSP is never violated, nothing loads from another
origin, and nothing scrolls sideways. Pages are discovered from the build."""

import pytest

from browserkit import ARTIFACTS, audit, new_watched_page, save_json, settle, slug_of

pytestmark = pytest.mark.browser

WIDTHS = (320, 1280)
SCREENSHOT_WIDTH = 375


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_passes_axe_console_csp_and_origin_gates(browser, server, pages, width):
    problems, checked = [], []
    for url_path, _ in pages:
        report = audit(browser, server.origin, url_path, width)
        problems += report.problems()
        checked.append(url_path)
    save_json(f"browser-audit-{width}.json", {"pages": checked, "problems": problems})
    assert checked == [u for u, _ in pages]
    assert not problems, f"{len(problems)} problem(s) on {len(pages)} pages:\n" + "\n".join(problems)


def test_screenshots_of_every_page_at_375px(browser, server, pages):
    """Full-page screenshots for a person to look at (test-artifacts/, not committed)."""
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    for url_path, _ in pages:
        context, page, _watcher = new_watched_page(browser, server.origin, width=SCREENSHOT_WIDTH, height=812)
        try:
            page.goto(server.origin + url_path)
            settle(page)
            path = out / f"{slug_of(url_path)}.png"
            page.screenshot(path=str(path), full_page=True)
        finally:
            context.close()
        # A real PNG of at least the viewport's height, not an empty file.
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000, path
    assert len(list(out.glob("*.png"))) == len(pages)


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
