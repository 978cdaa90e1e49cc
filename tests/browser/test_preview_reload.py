"""The live preview in a real browser (`make serve`): a bad edit shows the
error in the open page by itself, and the fixed page reloads by itself, with
the site's CSP (from `_headers`, sent by the preview too) enforced throughout.
Waits are generous; `make bench` measures how long save -> reload takes."""

import pytest
from playwright.sync_api import expect

from browserkit import new_watched_page, settle
from previewkit import Preview, edit
from sitebuild import copy_project

pytestmark = pytest.mark.browser
WAIT_MS = 30_000  # a loaded CI machine can be slow; this is a limit, not a speed goal


def test_a_bad_edit_shows_in_the_page_and_the_fix_reloads_by_itself(browser, tmp_path):
    project = copy_project(tmp_path / "project")
    server = Preview(project, tmp_path / "out")
    context, page, watcher = new_watched_page(browser, server.origin)
    faq = project / "content/pages/faq.md"
    try:
        page.goto(server.origin + "/faq/")
        settle(page)
        expect(page.locator(".preview-problem")).to_have_count(0)
        page.evaluate("() => { window.__notReloaded = true; }")

        edit(faq, "Reviewed: ", "Reviewed: 2026-13-")
        box = page.locator(".preview-problem")
        expect(box).to_contain_text("content/pages/faq.md", timeout=WAIT_MS)
        expect(box).to_contain_text("line 3")
        expect(box).to_contain_text("is not a date")
        assert page.evaluate("() => window.__notReloaded") is None  # the page reloaded itself

        page.evaluate("() => { window.__notReloaded = true; }")
        edit(faq, "Reviewed: 2026-13-", "Reviewed: ")
        edit(faq, "\n## ", "\nFixedInTheBrowser here.\n\n## ")
        expect(page.locator("main")).to_contain_text("FixedInTheBrowser", timeout=WAIT_MS)
        expect(box).to_have_count(0)
        assert page.evaluate("() => window.__notReloaded") is None
        assert watcher.csp_violations(page) == []
        assert watcher.console_errors == []
        assert watcher.foreign_requests() == []
    finally:
        context.close()
        server.stop()
