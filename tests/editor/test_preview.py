"""Live preview (`make serve` runs scripts/preview.py): edits to a page, the
data file and the theme show up fast; a broken file prints a clear error, the
server keeps the last good version, and fixing the file recovers."""

import gzip
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from pathlib import Path

from checkrun import ROOT
from sitebuild import copy_project

# The issue asks for under 1 s on this site; the test allows slack for a busy CI machine
# and prints the figures (pytest -s, or see the report) so a regression is visible.
LIMIT_SECONDS = 3.0


class Preview:
    def __init__(self, project, output, index=False):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "preview.py"), "--root", str(project),
             "--output", str(output), "--port", str(self.port)] + ([] if index else ["--no-index"]),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_log("Preview on", 30)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def log(self):
        return "\n".join(self.lines)

    def wait_for_log(self, text, timeout=10, after=0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(text in line for line in self.lines[after:]):
                return
            assert self.proc.poll() is None, "the preview stopped:\n" + self.log()
            time.sleep(0.02)
        raise AssertionError(f"no {text!r} in the preview's output:\n" + self.log())

    def get(self, path):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
            return response.status, response.read().decode("utf-8")

    def time_until(self, path, text, timeout=10):
        """Seconds until the served page contains text (from when this is called)."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if text in self.get(path)[1]:
                return time.perf_counter() - start
            time.sleep(0.01)
        raise AssertionError(f"{path} never showed {text!r}:\n" + self.log())

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


@pytest.fixture
def preview(tmp_path):
    project = copy_project(tmp_path / "project")
    server = Preview(project, tmp_path / "out")
    yield project, server
    server.stop()


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new, 1))


def test_edits_show_up_fast(preview, capsys):
    project, server = preview
    timings = {}
    edit(project / "content/pages/what-is-iop.md", "\n## ", "\nPreviewMarkerPage one.\n\n## ")
    timings["page"] = server.time_until("/what-is-iop/", "PreviewMarkerPage")
    edit(project / "content/data/continuum.yaml", "name: Intensive outpatient", "name: Intensive outpatient PreviewMarkerData")
    timings["data file"] = server.time_until("/compare-levels-of-care/", "PreviewMarkerData")
    edit(project / "theme/templates/base.html", "</footer>", "<p>PreviewMarkerTheme</p></footer>")
    timings["theme"] = server.time_until("/faq/", "PreviewMarkerTheme")
    with capsys.disabled():
        print("\nlive preview, save to visible: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
    assert all(t < LIMIT_SECONDS for t in timings.values()), timings


def test_a_broken_file_keeps_the_server_and_the_last_good_version(preview):
    project, server = preview
    faq = project / "content/pages/faq.md"
    good = faq.read_text()
    status, before = server.get("/faq/")
    assert status == 200
    mark = len(server.lines)
    faq.write_text(good.replace("Reviewed: ", "Reviewed: 2026-13-", 1).replace("\n## ", "\nNewWords here.\n\n## ", 1))
    server.wait_for_log("BUILD FAILED", after=mark)
    server.wait_for_log("content/pages/faq.md:", after=mark)
    assert "is not a date; expected YYYY-MM-DD" in server.log()
    assert "Traceback" not in server.log()
    status, during = server.get("/faq/")
    assert status == 200 and "NewWords" not in during  # the last good version
    faq.write_text(good.replace("\n## ", "\nFixedWords here.\n\n## ", 1))
    server.time_until("/faq/", "FixedWords")
    assert server.proc.poll() is None


def test_a_broken_link_names_the_page_it_is_on(preview):
    project, server = preview
    mark = len(server.lines)
    about = project / "content/pages/about.md"
    about.write_text(about.read_text() + "\n\nSee [this]({filename}no-such-page.md).\n")
    server.wait_for_log("BUILD FAILED", after=mark)
    server.wait_for_log("(linked from content/pages/about.md line", after=mark)
    assert server.proc.poll() is None


def test_plugin_edits_rebuild(preview):
    project, server = preview
    mark = len(server.lines)
    plugin = project / "plugins/site_pages/navigation.py"
    edit(plugin, "TOC_MIN_SECTIONS = 3", "TOC_MIN_SECTIONS = 3  # edited")
    server.wait_for_log("changed plugins/site_pages/navigation.py: rebuilt", after=mark)


def test_unknown_address_gets_the_404_page(preview):
    project, server = preview
    try:
        server.get("/no-such-page/")
    except urllib.error.HTTPError as err:
        assert err.code == 404
        assert "not found" in err.read().decode("utf-8").lower()
    else:
        raise AssertionError("expected a 404")


def indexed_words(output):
    """The text Pagefind indexed: its fragments are gzip files of 'pagefind_dcd' + JSON."""
    return "".join(gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
                   for f in Path(output, "pagefind", "fragment").glob("*.pf_fragment"))


def test_the_search_index_follows_edits(tmp_path):
    project = copy_project(tmp_path / "project")
    output = tmp_path / "out"
    server = Preview(project, output, index=True)
    try:
        assert "Intensive" in indexed_words(output) and "Searchablemarkerword" not in indexed_words(output)
        edit(project / "content/pages/faq.md", "\n## ", "\nSearchablemarkerword here.\n\n## ")
        end = time.monotonic() + 15
        while "Searchablemarkerword" not in indexed_words(output):
            assert time.monotonic() < end, "the search index never picked up the edit:\n" + server.log()
            time.sleep(0.1)
        # the entry file names the index it belongs to: that index must be there, not a stale one
        entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text())
        hashes = [lang["hash"] for lang in entry["languages"].values()]
        assert hashes and all((output / "pagefind" / f"pagefind.{h}.pf_meta").exists() for h in hashes), hashes
        assert len(list((output / "pagefind").glob("pagefind.*.pf_meta"))) == len(hashes)  # old ones removed
    finally:
        server.stop()
