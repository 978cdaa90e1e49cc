"""The CSP holds where the host sends no headers (GitHub Pages ignores
_headers): every page carries it as <meta http-equiv>, and a real browser
enforces it. The site's own scripts still run; an injected inline script and
a style= attribute are blocked."""

import pytest

from browserkit import StaticServer, new_watched_page, settle

pytestmark = pytest.mark.browser

PAGES = ["/", "/faq/", "/self-check/", "/search/", "/404.html"]
INJECT = """() => {
  window.__ran = false;
  const s = document.createElement('script');
  s.textContent = 'window.__ran = true';
  document.body.appendChild(s);
  const p = document.createElement('p');
  p.setAttribute('style', 'color: rgb(255, 0, 0)');
  p.textContent = 'x';
  document.body.appendChild(p);
  return {ran: window.__ran, color: getComputedStyle(p).color};
}"""


@pytest.fixture(scope="module")
def bare_server(site):
    """The built site with NO extra headers, as GitHub Pages serves it."""
    with StaticServer(site, headers_file=False) as srv:
        yield srv


@pytest.mark.parametrize("path", PAGES)
def test_meta_csp_is_enforced_without_headers(browser, bare_server, path):
    context, page, watcher = new_watched_page(browser, bare_server.origin)
    try:
        response = page.goto(bare_server.origin + path)
        assert "content-security-policy" not in {k.lower() for k in response.headers}
        settle(page)
        assert watcher.csp_violations(page) == [], "the site's own page breaks its CSP"
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        result = page.evaluate(INJECT)
        settle(page)
        assert result["ran"] is False, "an inline script ran: the meta CSP is not enforced"
        assert result["color"] != "rgb(255, 0, 0)", "a style= attribute applied: the meta CSP is not enforced"
        assert any("script-src" in v for v in watcher.csp_violations(page))
    finally:
        context.close()


def test_site_scripts_still_run_under_the_meta_csp(browser, bare_server):
    """The Exit button's script adds its keyboard shortcut hint handler; the
    search page's module loads Pagefind (WebAssembly) without a violation."""
    context, page, watcher = new_watched_page(browser, bare_server.origin)
    try:
        page.goto(bare_server.origin + "/search/#q=iop")
        settle(page)
        page.wait_for_timeout(500)
        assert watcher.console_errors == [], watcher.console_errors
        assert watcher.csp_violations(page) == []
    finally:
        context.close()
