"""Each gate must be able to fail: planted bad pages (fixtures/) are run
through the same audit as the real pages, and every gate has to catch its
planted fault. good.html must pass, so the gates are not simply always red."""

import pytest

from browserkit import READABLE, VISIBILITY_JS, audit, new_watched_page, run_axe, settle

pytestmark = pytest.mark.browser


def test_good_fixture_passes_every_gate(browser, fixture_server):
    report = audit(browser, fixture_server.origin, "/good.html", 320)
    assert report.problems() == []


def test_csp_violations_are_detected_with_axe_injected(browser, fixture_server):
    """The CSP stays enforced (no bypass_csp) while axe is injected, and both
    the console and the securitypolicyviolation listener report breaches."""
    report = audit(browser, fixture_server.origin, "/bad-csp.html", 1280)
    joined = "\n".join(report.csp_violations)
    assert "style-src" in joined, joined          # the style="" attribute
    assert "script-src" in joined, joined         # the inline <script>
    assert any(v.startswith(("style-src-attr blocked inline", "script-src-elem blocked inline")) for v in report.csp_violations), "listener saw nothing"
    assert any("Content Security Policy" in v for v in report.csp_violations), "console saw nothing"
    assert report.axe_violations == []            # axe itself ran despite the CSP


def test_inline_script_is_really_blocked(browser, fixture_server):
    context, page, _ = new_watched_page(browser, fixture_server.origin)
    try:
        page.goto(fixture_server.origin + "/bad-csp.html")
        settle(page)
        assert page.title() == "Planted CSP violations"
    finally:
        context.close()


def test_console_errors_are_detected(browser, fixture_server):
    report = audit(browser, fixture_server.origin, "/bad-console.html", 1280)
    assert any("planted failure" in m for m in report.console_errors), report.console_errors


def test_axe_violations_are_detected(browser, fixture_server):
    report = audit(browser, fixture_server.origin, "/bad-axe.html", 1280)
    ids = {v["id"] for v in report.axe_violations}
    assert {"image-alt", "color-contrast"} <= ids, ids


def test_axe_best_practice_landmark_rules_are_detected(browser, fixture_server):
    """Content outside every landmark, and two search landmarks with no names."""
    report = audit(browser, fixture_server.origin, "/bad-landmarks.html", 1280)
    ids = {v["id"] for v in report.axe_violations}
    assert {"region", "landmark-unique"} <= ids, ids


def test_axe_can_be_scoped_to_part_of_a_page(browser, fixture_server):
    context, page, _ = new_watched_page(browser, fixture_server.origin)
    try:
        page.goto(fixture_server.origin + "/bad-axe.html")
        settle(page)
        assert run_axe(page, "h1") == []
        assert {v["id"] for v in run_axe(page, "img")} == {"image-alt"}
    finally:
        context.close()


def test_requests_to_other_origins_are_detected_even_without_csp(browser, fixture_server_no_csp):
    report = audit(browser, fixture_server_no_csp.origin, "/bad-foreign.html", 1280)
    assert report.foreign_requests == ["https://tracker.invalid/pixel.gif"], report.foreign_requests


def test_other_origins_are_never_reached(browser, fixture_server_no_csp):
    """Chromium resolves no host but the test servers' (CHROMIUM_ARGS), so a
    request to another origin fails before it leaves the machine; an IP address
    too, which without the rule would be tried (and time out here)."""
    context, page, watcher = new_watched_page(browser, fixture_server_no_csp.origin)
    failed = []
    try:
        page.on("requestfailed", lambda req: failed.append((req.url, req.failure)))
        page.goto(fixture_server_no_csp.origin + "/good.html")
        settle(page)
        with page.expect_event("requestfailed"):
            page.evaluate("() => { const img = new Image(); img.src = 'http://192.0.2.1/pixel.gif'; document.body.append(img); }")
    finally:
        context.close()
    assert watcher.foreign_requests() == ["http://192.0.2.1/pixel.gif"]
    assert failed == [("http://192.0.2.1/pixel.gif", "net::ERR_NAME_NOT_RESOLVED")], failed


def test_sideways_scroll_is_detected(browser, fixture_server):
    report = audit(browser, fixture_server.origin, "/bad-wide.html", 320, axe=False)
    assert "scrolls sideways" in report.overflow and "too-wide" in report.overflow, report.overflow


def test_text_hidden_without_javascript_is_detected(browser, fixture_server):
    context, page, _ = new_watched_page(browser, fixture_server.origin, java_script_enabled=False)
    try:
        page.goto(fixture_server.origin + "/bad-nojs.html")
        settle(page)
        result = page.evaluate(VISIBILITY_JS, READABLE)
        assert result["missing"] == ["p: Only a script would show this."], result
    finally:
        context.close()


def test_privacy_check_catches_storage_cookies_late_requests_and_url(browser, fixture_server):
    from quizkit import privacy_problems

    context, page, watcher = new_watched_page(browser, fixture_server.origin)
    try:
        page.goto(fixture_server.origin + "/bad-privacy.html")
        page.wait_for_load_state("load")
        at_load = len(watcher.requests)
        page.wait_for_timeout(1000)
        problems = "\n".join(privacy_problems(page, context, watcher, "/bad-privacy.html", fixture_server.origin, at_load))
        for expected in ("cookies:", "'local': 1", "'session': 1", "'idb': ['answers']",
                         "network requests after page load", "good.html?answer=plan", "URL changed"):
            assert expected in problems, (expected, problems)
    finally:
        context.close()
