"""Browser test helpers (imported by tests/browser/*.py and the bench):
serve, watch and audit pages."""

import json
import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path

from iopguide.serve import StaticServer  # noqa: F401 (conftest.py imports it from here)

ROOT = Path(__file__).resolve().parents[2]

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "test-artifacts"
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# Debian's chromium-headless-shell: the same Chromium build without the desktop
# browser's user interface (what Playwright calls "headless shell"). It loads a
# page with about 40 % less processor time (measured: 30 pages at 320 px, 5.6 s
# against 9.8 s), and the browser tests are bound by processor time on 2 cores.
# scripts/ensure-chromium.sh installs it; the full browser is the fallback.
HEADLESS_SHELL = Path("/usr/lib/chromium/chromium-headless-shell")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 # Other origins are never reached: every host name and address but the
                 # test servers' resolves to nothing (IP addresses too). The Watcher
                 # records each such request from the context's request events.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

# axe-core, pinned in package.json (node_modules/ comes with `make test`). 4.14
# runs our rule set with about 30 % less processor time than the 4.12 bundled
# in axe-playwright-python (measured: 20 pages at 320 px, 10.0 s against
# 14.3 s), and is the version Lighthouse uses in `make bench`. It is injected
# with page.evaluate (CDP Runtime.evaluate), which the page's CSP does not govern,
# so the policy stays fully enforced for everything the page itself does
# (no bypass_csp). test_gates.py proves violations are still caught.
AXE_FILE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE_FILE.read_text(encoding="utf-8") if AXE_FILE.is_file() else None
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Best-practice rules run too, so what was fixed stays fixed: all content inside
# a landmark (the Exit button was outside), landmarks of one kind told apart by name.
AXE_EXTRA_RULES = ["region", "landmark-unique"]

# Recorded in the page before any of its own scripts run.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(none)'}`
    + (e.sample ? ` sample=${JSON.stringify(e.sample)}` : '') + (e.lineNumber ? ` line ${e.lineNumber}` : ''));
});
"""

SETTINGS = runpy.run_path(str(ROOT / "pelicanconf.py"))
EXIT_PAGE_URL = SETTINGS["EXIT_PAGE_URL"]


# One page of each template and component, in each language: what the wide
# (1280 px) checks visit. Every page is checked at 320 px.
TEMPLATE_PAGES = ["/", "/what-is-iop/", "/compare-levels-of-care/", "/self-check/", "/glossary/", "/search/",
                  "/404.html", "/es/", "/es/self-check/", "/es/search/", "/es/404.html"]


def site_pages(root):
    """[(url_path, file)] for every HTML page in a built site (not Pagefind's)."""
    root = Path(root)
    pages = []
    for f in sorted(root.rglob("*.html")):
        rel = f.relative_to(root)
        if rel.parts[0] == "pagefind":
            continue
        url = "/" + rel.as_posix()
        if url.endswith("/index.html"):
            url = url[: -len("index.html")]
        pages.append((url, f))
    return pages


def slug_of(url_path):
    return url_path.strip("/").replace("/", "_").removesuffix(".html") or "home"


# ---- Auditing one page ----------------------------------------------------
@dataclass
class PageReport:
    url: str
    width: int
    console_errors: list = field(default_factory=list)
    csp_violations: list = field(default_factory=list)
    foreign_requests: list = field(default_factory=list)
    axe_violations: list = field(default_factory=list)
    overflow: str = ""

    def problems(self):
        out = [f"console error: {m}" for m in self.console_errors]
        out += [f"CSP violation: {m}" for m in self.csp_violations]
        out += [f"request to another origin: {u}" for u in self.foreign_requests]
        out += [f"axe: {format_violation(v)}" for v in self.axe_violations]
        if self.overflow:
            out.append(self.overflow)
        return [f"{self.url} @ {self.width}px: {p}" for p in out]


def format_violation(v):
    targets = ", ".join(" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                        for n in v["nodes"][:3])
    more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
    return f"{v['id']} [{v.get('impact')}] {v['help']}: {targets}{more}"


def run_axe(page, context=None):
    """axe-core's violations for the WCAG 2.0/2.1/2.2 A and AA rules, plus AXE_EXTRA_RULES.

    Listing rules by id would also switch on axe's experimental rules (a tag run
    leaves them off); they guess from styling and are not part of the standard."""
    assert AXE_SOURCE, f"{AXE_FILE.relative_to(ROOT)} is missing: run `make test` (it runs npm ci)"
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate("""([ctx, tags, extra]) => {
        const rules = axe.getRules(tags).filter((r) => !r.tags.includes("experimental"))
            .map((r) => r.ruleId).concat(extra);
        return axe.run(ctx || document, {runOnly: {type: "rule", values: rules}, resultTypes: ["violations"]});
    }""", [context, AXE_TAGS, AXE_EXTRA_RULES])
    return result["violations"]


def is_foreign(url, origin):
    return bool(re.match(r"(?i)(https?|wss?|ftp):", url)) and not url.startswith(origin + "/") and url != origin


class Watcher:
    """Records console errors, page errors, CSP violations and requests for a
    context's pages, from before the first byte. Requests to other origins are
    recorded and never reached (CHROMIUM_ARGS: their hosts do not resolve), or
    answered by `fulfil` (url -> body).

    Nothing else is routed: routing every request through Playwright costs a
    round trip to Python per request (about 15 % of a page load's processor
    time, measured on 30 pages)."""

    def __init__(self, context, origin, fulfil=None):
        self.origin = origin
        self.console_errors, self.csp_console, self.requests = [], [], []
        self.fulfil = dict(fulfil or {})
        context.add_init_script(CSP_LISTENER)
        context.on("request", lambda req: self.requests.append(req.url))
        if self.fulfil:   # a pattern, matched by Playwright without asking Python about each request
            context.route(re.compile("^(" + "|".join(map(re.escape, self.fulfil)) + ")$"), self._fulfil)

    def attach(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        return page

    def _console(self, msg):
        if msg.type == "error":
            self.console_errors.append(msg.text)
            if "Content Security Policy" in msg.text or msg.text.startswith("Refused to"):
                self.csp_console.append(msg.text)

    def _fulfil(self, route):
        route.fulfill(status=200, content_type="text/html", body=self.fulfil[route.request.url])

    @property
    def foreign(self):
        """Every request to another origin, answered by `fulfil` or not."""
        return [u for u in self.requests if is_foreign(u, self.origin)]

    def foreign_requests(self):
        return [u for u in self.foreign if u not in self.fulfil]

    def csp_violations(self, page):
        seen = list(self.csp_console)
        try:
            seen += page.evaluate("() => window.__cspViolations || []")
        except Exception as exc:  # a page that navigated away mid-check
            seen.append(f"(could not read the page's violation list: {exc})")
        return seen


def new_watched_page(browser, origin, width=1280, height=900, fulfil=None, **context_args):
    context = browser.new_context(viewport={"width": width, "height": height}, **context_args)
    context.set_default_timeout(15_000)  # a stuck step fails instead of hanging the suite
    watcher = Watcher(context, origin, fulfil=fulfil)
    page = watcher.attach(context.new_page())
    page.javascript_on = context_args.get("java_script_enabled", True)   # read by settle()
    return context, page, watcher


def settle(page):
    """Wait until the page and its module scripts have loaded and run."""
    # Module scripts run before DOMContentLoaded; "load" covers them. The short
    # wait is on the Python side: page timers do not run with JavaScript off.
    page.wait_for_load_state("load")
    page.wait_for_timeout(20)
    if getattr(page, "javascript_on", True):
        quiz_ready(page)


def quiz_ready(page):
    """On a self-check page, wait until quiz.js has started (site.js loads it
    after the first paint; until then Start is a link to the printable guide)."""
    if page.locator("[data-quiz-module]").count():
        page.locator("[data-quiz-module][data-quiz-ready]").first.wait_for(state="attached")


def horizontal_overflow(page, width):
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll > width:
        wide = page.evaluate("""(w) => [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > w + 1 && !el.closest('.table-scroll'))
            .slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))""", width)
        return f"page scrolls sideways: {scroll}px wide at {width}px (WCAG 1.4.10 reflow): {wide}"
    return ""


def audit(browser, origin, url_path, width, axe=True):
    """Load one page at one width, in a new browser context, and report every gate's findings."""
    with Auditor(browser, origin, width) as auditor:
        return auditor.audit(url_path, axe)


class Auditor:
    """One browser context (at one width) for auditing many pages in turn: a new
    context per page costs more than the checks themselves. Each page is a new
    document (the CSP listener and axe are set up again); what the watcher
    recorded is cleared before each page."""

    def __init__(self, browser, origin, width, height=900, **context_args):
        self.origin, self.width = origin, width
        self.context, self.page, self.watcher = new_watched_page(browser, origin, width=width, height=height,
                                                                  **context_args)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.context.close()

    def open(self, url_path):
        w = self.watcher
        for seen in (w.console_errors, w.csp_console, w.requests):
            seen.clear()
        response = self.page.goto(self.origin + url_path)
        settle(self.page)
        return response

    def audit(self, url_path, axe=True):
        return self.report(url_path, self.open(url_path), axe)

    def report(self, url_path, response, axe=True):
        """Every gate's findings on the page open now (after `open`)."""
        report = PageReport(url=url_path, width=self.width)
        if response is None or response.status >= 400 and not url_path.endswith("404.html"):
            report.console_errors.append(f"HTTP {response.status if response else 'no response'}")
        if axe:
            report.axe_violations = run_axe(self.page)
        report.overflow = horizontal_overflow(self.page, self.width)
        settle(self.page)
        report.csp_violations = self.watcher.csp_violations(self.page)
        report.console_errors += self.watcher.console_errors
        report.foreign_requests = self.watcher.foreign_requests()
        return report


# Text-bearing elements a reader needs; each must be rendered with JS off.
READABLE = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,summary,label,legend,pre"
VISIBILITY_JS = """(sel) => {
  const main = document.querySelector('main');
  const missing = [];
  let shown = 0;
  for (const el of main.querySelectorAll(sel)) {
    if (!el.textContent.trim()) continue;
    const closed = el.closest('details:not([open])');
    if (closed && !(el.tagName === 'SUMMARY' && el.parentElement === closed)) continue;  // opens on demand
    if (el.closest('[hidden]')) continue;  // script-only UI (e.g. live search results)
    // One of two views of the same data (the levels table: cards on phones, the
    // table from 48 em up): the view the width does not use is not shown.
    // test_every_page_reads_fully_without_javascript checks one view always is.
    const view = el.closest('[data-view]');
    if (view && getComputedStyle(view).display === 'none') continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width < 1 || box.height < 1 || style.visibility !== 'visible' || Number(style.opacity) === 0) {
      missing.push(el.tagName.toLowerCase() + ': ' + el.textContent.trim().slice(0, 60));
    } else {
      shown += 1;
    }
  }
  return {missing, shown, text: main.innerText.length};
}"""


def save_json(name, data):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_text(json.dumps(data, indent=2), encoding="utf-8")
