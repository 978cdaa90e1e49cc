"""The page editor (cms/, Sveltia CMS) driven in Chromium against a local repository.

The editor is built as `make cms` builds it and served with its own headers
(cms/_headers: its own CSP), on its own origin. It works on a temporary copy
of the project, never on content/.

How the "local repository" is given to it: the editor's local mode opens the
project folder with the File System Access API (showDirectoryPicker). Headless
Chromium cannot show that dialog, and Playwright cannot answer the write
permission prompt Chromium shows for a folder on disk (CDP's
Browser.setPermission knows no file-system permission: tried). So the test puts
the copy's pages into the browser's origin-private file system (the same
FileSystemDirectoryHandle API, no prompt) and hands that folder to the editor
as the one picked; after saving, it copies what the editor wrote back into the
temporary project, where the file is compared and `make check` runs on it.
"""

import difflib
import re
import shutil
import pytest

from browserkit import ROOT, ARTIFACTS, StaticServer, new_watched_page
from sitebuild import copy_project

from checkrun import page_errors  # the page's own rules, as make check runs them, with the editor tests' fixed today
from iopguide.cms import build as cms_build

pytestmark = pytest.mark.browser

PAGE = "content/pages/what-is-iop.md"
PAGE_TITLE = "What is an intensive outpatient program?"
OTHER = "content/pages/glossary.md"
OTHER_TITLE = "Glossary: words you may hear"
NEW_SUMMARY = "What an IOP is, how many hours it takes and how long it lasts, in plain words."

# Gives the editor a folder holding the project's pages, in the origin-private
# file system, as the folder the editor's "Work with Local Repository" picks.
SEED = """async (files) => {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry("project", { recursive: true }).catch(() => {});
  const project = await root.getDirectoryHandle("project", { create: true });
  await project.getDirectoryHandle(".git", { create: true });  // the editor checks it is a repository
  for (const [path, text] of files) {
    let dir = project;
    const parts = path.split("/");
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
    const out = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
    await out.write(text);
    await out.close();
  }
  window.showDirectoryPicker = async () => project;
}"""

# Reads files from that folder. The editor may still be writing one (it saves the
# English and the Spanish page of an entry one after the other, each by writing a
# temporary file and moving it over the old one): a file replaced between
# getFile() and text() raises NotReadableError, and one caught during the move
# NotFoundError (seen in CI), so a read is retried for up to 5 s, and the answer
# is given only once two reads a moment apart agree.
READ = """async (paths) => {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle("project");
  const pause = (ms) => new Promise((done) => setTimeout(done, ms));
  const readOnce = async (path) => {
    let dir = root;
    const parts = path.split("/");
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
    return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
  };
  const readAll = async () => {
    const out = {};
    for (const path of paths) {
      for (let attempt = 1; ; attempt++) {
        try { out[path] = await readOnce(path); break; }
        catch (error) {
          const midWrite = error.name === "NotReadableError" || error.name === "NotFoundError";
          if (!midWrite || attempt === 50) throw new Error(`${path}: ${error.name}: ${error.message}`);
          await pause(100);
        }
      }
    }
    return out;
  };
  let last = await readAll();
  for (let round = 0; round < 50; round++) {
    await pause(250);
    const now = await readAll();
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}"""

# True once the file holds the text (false while it is missing or being replaced).
HOLDS = """async ([path, text]) => {
  try {
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle("project");
    const parts = path.split("/");
    for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p);
    return (await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text()).includes(text);
  } catch (error) {
    return false;
  }
}"""


@pytest.fixture(scope="module")
def admin(tmp_path_factory):
    """The editor, built as `make cms` builds it, on its own origin with its own headers."""
    if not cms_build.BUNDLE.is_file():
        pytest.fail("cms/node_modules is missing: `make test` installs it (cd cms && npm ci)")
    out = cms_build.build(tmp_path_factory.mktemp("cms") / "build")
    with StaticServer(out) as server:  # applies out/_headers, the editor's own policy
        yield server


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def page_files(project):
    pages = project / "content" / "pages"
    return [[p.relative_to(project).as_posix(), p.read_text(encoding="utf-8")] for p in sorted(pages.rglob("*.md"))]


def open_editor(browser, admin, project):
    context, page, watcher = new_watched_page(browser, admin.origin)
    page.goto(admin.origin + "/")
    local = page.get_by_role("button", name="Work with Local Repository")
    local.wait_for()
    page.evaluate(SEED, page_files(project))
    local.click()
    return context, page, watcher


def field(page, key):
    return page.locator(f'section.field[data-key-path="{key}"]')  # the form, not the preview


def find_in_list(page, title):
    """The page's entry in the editor's list, scrolled to: the list draws its rows as they
    come into view, so with 30+ pages one near the end of the alphabet is not there yet."""
    entry = page.get_by_text(title, exact=True).first
    for _ in range(40):
        if entry.count() and entry.is_visible():
            return entry
        page.mouse.move(700, 500)
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(150)
    entry.wait_for()
    return entry


def open_page(page, title):
    find_in_list(page, title).click()
    field(page, "Title").locator("input").wait_for()


def save(page):
    page.get_by_role("button", name="Save", exact=True).click()


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_change_a_summary_saves_exactly_that_line_and_the_page_passes_its_checks(browser, admin, project):
    before = (project / PAGE).read_text(encoding="utf-8")
    spanish_before = (project / "content/pages/es/what-is-iop.md").read_text(encoding="utf-8")
    context, page, watcher = open_editor(browser, admin, project)
    try:
        page.get_by_role("button", name="New").first.wait_for()
        shot(page, "cms-1-pages.png")
        open_page(page, PAGE_TITLE)
        summary = field(page, "Summary").locator('textarea[lang="en"]')  # the English pane
        assert summary.input_value().startswith("What an IOP is, how many hours it takes")
        # The Spanish page is linked to the English one: it opens beside it.
        page.locator('[role="radiogroup"][aria-controls="second-pane-body"]').get_by_text("Spanish", exact=True).click()
        page.wait_for_function("""() => [...document.querySelectorAll('section.field[data-key-path="Title"] input')]
            .some((i) => i.value === '¿Qué es un programa ambulatorio intensivo?')""")
        shot(page, "cms-4-spanish.png")
        summary.fill(NEW_SUMMARY)
        shot(page, "cms-2-edit.png")
        save(page)
        page.wait_for_function(HOLDS, arg=[PAGE, "in plain words."], timeout=15_000)
        written = page.evaluate(READ, [PAGE, "content/pages/es/what-is-iop.md"])
        csp = watcher.csp_violations(page)
        foreign = watcher.foreign_requests()
    finally:
        context.close()

    after = written[PAGE]
    diff = "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), n=0))
    changed = [(a, b) for a, b in zip(before.splitlines(keepends=True), after.splitlines(keepends=True)) if a != b]
    assert len(before.splitlines()) == len(after.splitlines()), f"the editor added or removed lines:\n{diff}"
    assert changed == [(re.search(r"^Summary: .*\n", before, re.M)[0], f"Summary: {NEW_SUMMARY}\n")], diff
    assert written["content/pages/es/what-is-iop.md"] == spanish_before, "the Spanish page changed too"
    assert csp == [], f"the editor broke its own Content-Security-Policy: {csp}"
    # The only other origin the editor calls in local mode is GitHub's status page
    # (allowed by its policy; the test never lets a request leave the machine).
    assert set(foreign) <= {"https://www.githubstatus.com/api/v2/status.json"}, foreign

    # The saved page passes every rule make check runs on a page's source (the
    # rest of the tree is unchanged, and make check on it is test_check.py's).
    (project / PAGE).write_text(after, encoding="utf-8")
    assert page_errors(project, PAGE) == []


def test_planted_mistakes_are_refused_in_the_form_before_saving(browser, admin, project):
    context, page, watcher = open_editor(browser, admin, project)
    try:
        open_page(page, OTHER_TITLE)
        field(page, "Title").locator("input").fill("")
        field(page, "Reviewed").locator("input").fill("next spring")
        field(page, "Next-review").locator("input").fill("2027-13-45")
        save(page)
        title_error = field(page, "Title").locator('[role="alert"], .validation, [id$="-error"]').first
        title_error.wait_for()
        shot(page, "cms-3-mistakes.png")
        messages = {key: field(page, key).inner_text() for key in ("Title", "Reviewed", "Next-review")}
        written = page.evaluate(READ, [OTHER])[OTHER]
        csp = watcher.csp_violations(page)
    finally:
        context.close()
    assert re.search(r"required", messages["Title"], re.I), messages["Title"]
    for key in ("Reviewed", "Next-review"):
        assert "Write the date as year-month-day, for example 2026-11-23." in messages[key], messages[key]
    assert written == (project / OTHER).read_text(encoding="utf-8"), "a page with mistakes was saved"
    assert csp == [], csp


def test_the_editor_is_never_part_of_the_public_site(admin):
    """Built on its own, with its own headers; the public site's _headers and settings do not mention it."""
    public_headers = (ROOT / "content" / "extra" / "_headers").read_text(encoding="utf-8")
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    assert "cms" not in public_headers.lower() and "sveltia" not in public_headers.lower()
    assert "cms/" not in settings and "sveltia" not in settings.lower()
    headers = _headers_of(admin.origin + "/")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "'unsafe-eval'" not in headers["content-security-policy"]
    assert headers["cross-origin-opener-policy"] == "same-origin-allow-popups"
    assert headers["cache-control"] == "no-store"
    assert "noindex" in headers["x-robots-tag"]


def _headers_of(url):
    import urllib.request
    with urllib.request.urlopen(url) as response:  # noqa: S310 (127.0.0.1)
        return {k.lower(): v for k, v in response.headers.items()}


def test_the_built_editor_names_no_cdn(tmp_path):
    """No file of the built editor names a CDN: fonts and bundle are served from its own origin."""
    out = cms_build.build(tmp_path / "build")
    for path in out.rglob("*"):
        if path.suffix in {".js", ".mjs", ".html", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert "cdn.jsdelivr.net" not in text, path
    shutil.rmtree(out)
