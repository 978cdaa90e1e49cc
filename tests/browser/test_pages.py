"""Every template in a real Chromium at 1280 px, with the host's security
headers: axe finds no WCAG 2.0/2.1/2.2 A or AA violations, the console stays
clean, the CSP is never violated, nothing loads from another origin, and
nothing scrolls sideways. One page of each template and component
(TEMPLATE_PAGES): the wide layout is the same on every page of a template.
Every page is checked at 320 px, the narrowest screen, by
test_every_page_en.py and test_every_page_es.py (pagewalk.py). Screenshots of
every page are `make bench`'s (bench/work/screenshots/)."""

import pytest

from browserkit import TEMPLATE_PAGES, Auditor, new_watched_page, save_json, settle

pytestmark = pytest.mark.browser


def audit_all(browser, server, urls, width):
    problems = []
    with Auditor(browser, server.origin, width) as auditor:
        for url_path in urls:
            problems += auditor.audit(url_path).problems()
    save_json(f"browser-audit-{width}.json", {"pages": list(urls), "problems": problems})
    return problems


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
