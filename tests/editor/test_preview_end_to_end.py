"""The live preview end to end (`make serve` on a copy of the project, with
its real worker): edits to a page, the data file, the theme and a plugin show
up; a bad edit is shown with its file and line, and the fix clears it; no
Python traceback reaches the terminal. (tests/browser/test_preview_reload.py
is the other end-to-end run: the open page reloads itself in Chromium.)"""

import pytest

from previewkit import Preview, edit
from sitebuild import copy_project

pytestmark = pytest.mark.slow  # runs the live preview on a copy of the project


def test_edits_show_up_and_a_bad_edit_is_shown_until_it_is_fixed(tmp_path):
    project = copy_project(tmp_path / "project")
    server = Preview(project, tmp_path / "out")
    try:
        edit(project / "content/pages/what-is-iop.md", "\n## ", "\nPreviewMarkerPage one.\n\n## ")
        server.wait_until("/what-is-iop/", "PreviewMarkerPage")
        edit(project / "content/data/continuum.yaml", "name: Intensive outpatient",
             "name: Intensive outpatient PreviewMarkerData")
        server.wait_until("/compare-levels-of-care/", "PreviewMarkerData")
        edit(project / "theme/templates/base.html", "</footer>", "<p>PreviewMarkerTheme</p></footer>")
        server.wait_until("/faq/", "PreviewMarkerTheme")
        # A plugin edit: Python keeps an imported module, so the preview starts a new worker.
        mark = len(server.lines)
        edit(project / "iopguide/pages/navigation.py", "TOC_MIN_SECTIONS = 3", "TOC_MIN_SECTIONS = 3  # edited")
        server.wait_for_log("changed iopguide/pages/navigation.py: rebuilt", after=mark)
        # A bad edit: the terminal and every page say where; the fix clears it.
        mark = len(server.lines)
        edit(project / "content/pages/faq.md", "Reviewed: ", "Reviewed: 2026-13-")
        server.wait_for_log("BUILD FAILED", after=mark)
        server.wait_for_log("line 3: Reviewed:", after=mark)
        server.wait_until("/about/", "content/pages/faq.md")
        mark = len(server.lines)
        edit(project / "content/pages/faq.md", "Reviewed: 2026-13-", "Reviewed: ")
        server.wait_for_log("changed content/pages/faq.md: rebuilt", after=mark)
        assert "preview-problem" not in server.get("/faq/")[1]
        assert "Traceback" not in server.log() and 'File "' not in server.log(), server.log()
    finally:
        server.stop()
