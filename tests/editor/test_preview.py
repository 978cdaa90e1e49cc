"""The live preview's server and builder (iopguide/preview.py, what `make
serve` runs), in process, with an injected build: every served page gets the
reload script and the site's headers; a failed build shows its problems
(escaped) on every page until a good build; with no good build yet the page
says so; a stuck build is reported and a save during a build stops it and
builds again with both changes; a busy port is named; DEBUG=1 prints the
build's traceback; the search index follows the pages. The worker that
really builds (a long-lived process) is checked on its own below, and the
whole preview end to end in test_preview_end_to_end.py and
tests/browser/test_preview_reload.py.

No wall-clock limits: waits are generous. How fast a save reaches the browser
is measured by `make bench`."""

import gzip
import json
import queue
import shutil
import socket
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT


from iopguide import preview
HEADERS = (ROOT / "content" / "extra" / "_headers").read_text(encoding="utf-8")


def page(title, words=""):
    return (f'<!doctype html><html lang="en-US"><head><title>{title}</title></head>'
            f"<body><main><h1>{title}</h1><p>{words}</p></main></body></html>")


SITE = {"faq/index.html": page("Questions people ask"), "about/index.html": page("About"),
        "index.html": page("Home"), "404.html": page("Page not found"), "_headers": HEADERS}


class FakeBuild:
    """Stands in for the worker. Each call takes the next prepared result:
    ("ok", {path: text}), ("failed", [problem, ...], log), ("timeout",), or
    ("block",): wait until the builder cancels it."""

    def __init__(self):
        self.results = queue.Queue()
        self.calls = []
        self.blocking = threading.Event()

    def __call__(self, changed, cancelled):
        self.calls.append(list(changed))
        kind, *rest = self.results.get(timeout=60)
        scratch = Path(tempfile.mkdtemp(prefix="fake-preview-"))
        if kind == "ok":
            for rel, text in rest[0].items():
                (scratch / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
                (scratch / "site" / rel).write_text(text, encoding="utf-8")
            return preview.Outcome("ok", 0.01, "", scratch, [])
        if kind == "failed":
            return preview.Outcome("failed", 0.01, rest[1] if len(rest) > 1 else "", scratch, rest[0])
        if kind == "block":
            self.blocking.set()
            cancelled.wait(60)
            return preview.Outcome("cancelled", 0.01, "", scratch, None)
        return preview.Outcome(kind, 0.01, "", scratch, None)


class Server:
    """The preview's server and builder on a free port, with a FakeBuild."""

    def __init__(self, tmp, index=False, timeout=20):
        self.output = Path(tmp) / "output"
        self.state = preview.State(self.output)
        self.httpd = preview.make_server(self.state, "127.0.0.1", 0)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.build = FakeBuild()
        self.builder = preview.Builder(Path(tmp), self.output, self.state, timeout, self.build, index=index)
        # A short poll: shutdown() waits up to one poll interval (0.5 s by default) per test.
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def rebuild(self, *result, changed=("content/pages/faq.md",)):
        self.build.results.put(result)
        return self.builder.rebuild("changed " + ", ".join(changed), list(changed))

    def get(self, path):
        try:
            with urllib.request.urlopen(self.origin + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8"), response.headers
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8"), err.headers

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path)
    yield srv
    srv.close()


def box(html):
    return BeautifulSoup(html, "html.parser").select_one(".preview-problem")


def test_served_pages_get_the_reload_script_and_the_sites_headers(server):
    server.rebuild("ok", SITE, changed=())
    status, html, headers = server.get("/faq/")
    soup = BeautifulSoup(html, "html.parser")
    src = soup.select_one('script[src^="/__preview__/reload.js"]')["src"]  # same origin: the CSP allows it
    assert status == 200 and src.startswith("/__preview__/reload.js?build=") and box(html) is None
    assert "EventSource" in server.get(src)[1]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    # the script is added as pages are served: nothing of it is written to the site
    for f in server.output.rglob("*.html"):
        assert "__preview__" not in f.read_text(encoding="utf-8"), f


def test_a_failed_build_shows_on_every_page_escaped_and_a_good_one_clears_it(server, capsys):
    server.rebuild("ok", SITE, changed=())
    problem = {"file": "content/pages/faq.md", "line": 3, "severity": "error",
               "message": "Reviewed: '<b>2026-13-01</b>' is not a date; expected YYYY-MM-DD"}
    assert server.rebuild("failed", [problem]) == "failed"
    said = capsys.readouterr().out
    assert "BUILD FAILED" in said and "line 3: Reviewed:" in said and "still shows the last good version" in said
    for path in ("/faq/", "/", "/about/", "/no-such-page/"):
        found = box(server.get(path)[1])
        assert found is not None, path
        text = found.get_text(" ")
        assert "content/pages/faq.md" in text and "line 3" in text and "last good version" in text, text
        assert "<b>2026-13-01</b>" in text and found.find("b") is None, found  # escaped
    assert "Questions people ask" in server.get("/faq/")[1]           # the last good version under the box
    server.rebuild("ok", dict(SITE, **{"faq/index.html": page("Questions people ask", "FixedWords")}))
    html = server.get("/faq/")[1]
    assert "FixedWords" in html and box(html) is None


def test_a_failed_first_build_says_there_is_no_good_build_yet(server, capsys):
    server.rebuild("failed", [{"file": "content/pages/faq.md", "line": 3, "message": "Reviewed: not a date"}],
                   changed=())
    assert "There is no good build yet" in capsys.readouterr().out
    status, html, _ = server.get("/faq/")
    text = box(html).get_text(" ")
    assert status == 200 and "no good build yet" in text and "content/pages/faq.md" in text, text
    server.rebuild("ok", SITE)
    assert box(server.get("/faq/")[1]) is None


def test_a_build_that_ran_too_long_is_reported_with_the_change(server, capsys):
    server.rebuild("ok", SITE, changed=())
    server.rebuild("timeout", changed=("iopguide/pages/navigation.py",))
    said = capsys.readouterr().out
    assert "BUILD FAILED (stopped after 20 s" in said
    text = box(server.get("/faq/")[1]).get_text(" ")
    assert "stopped after 20 s" in text and "iopguide/pages/navigation.py" in text, text


def test_a_save_during_a_build_stops_it_and_builds_again_with_both_changes(server):
    server.rebuild("ok", SITE, changed=())
    thread = threading.Thread(target=server.builder.run_forever, daemon=True)
    thread.start()
    server.build.results.put(("block",))
    server.builder.request(["iopguide/pages/navigation.py"])
    assert server.build.blocking.wait(30)
    server.build.results.put(("ok", dict(SITE, **{"faq/index.html": page("Questions people ask", "SavedWhileStuck")})))
    server.builder.request(["content/pages/faq.md"])
    end = time.monotonic() + 30
    while "SavedWhileStuck" not in server.get("/faq/")[1]:
        assert time.monotonic() < end, server.build.calls
        time.sleep(0.02)
    assert server.build.calls[-1] == ["iopguide/pages/navigation.py", "content/pages/faq.md"]


def test_debug_prints_the_builds_own_words(server, capsys, monkeypatch):
    monkeypatch.setenv("DEBUG", "1")
    server.rebuild("failed", [{"file": "iopguide/pages/navigation.py", "line": 38, "message": "NameError"}],
                   "Traceback (most recent call last):\n  File ...\nNameError: name 'x' is not defined")
    assert "Traceback (most recent call last)" in capsys.readouterr().out


def test_without_debug_no_traceback_reaches_the_terminal(server, capsys, monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    server.rebuild("failed", [{"file": "iopguide/pages/navigation.py", "line": 38, "message": "NameError"}],
                   "Traceback (most recent call last):\n  File ...\nNameError: name 'x' is not defined")
    said = capsys.readouterr().out
    assert "iopguide/pages/navigation.py" in said and "Traceback" not in said and 'File "' not in said


def test_unknown_address_gets_the_404_page(server):
    server.rebuild("ok", SITE, changed=())
    status, html, _ = server.get("/no-such-page/")
    assert status == 404 and "Page not found" in html


def test_a_busy_port_is_named_with_what_to_do(tmp_path, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert preview.main(["--root", str(tmp_path), "--port", str(port)]) == 2
    said = capsys.readouterr().out
    assert f"Port {port} on 127.0.0.1 is already in use" in said and f"PORT={port + 1}" in said, said


def indexed_words(output):
    """The text Pagefind indexed: its fragments are gzip files of 'pagefind_dcd' + JSON."""
    return "".join(gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
                   for f in Path(output, "pagefind", "fragment").glob("*.pf_fragment"))


def test_the_search_index_follows_edits(tmp_path):
    server = Server(tmp_path, index=True)
    try:
        server.rebuild("ok", dict(SITE, **{"faq/index.html": page("Questions people ask", "Intensive")}), changed=())
        assert "Intensive" in indexed_words(server.output)
        server.rebuild("ok", dict(SITE, **{"faq/index.html": page("Questions people ask", "Searchablemarkerword")}))
        assert "Searchablemarkerword" in indexed_words(server.output)
        # the entry file names the index it belongs to: that index must be there, not a stale one
        entry = json.loads((server.output / "pagefind" / "pagefind-entry.json").read_text())
        hashes = [lang["hash"] for lang in entry["languages"].values()]
        assert hashes and all((server.output / "pagefind" / f"pagefind.{h}.pf_meta").exists() for h in hashes)
        assert len(list((server.output / "pagefind").glob("pagefind.*.pf_meta"))) == len(hashes)  # old ones removed
    finally:
        server.close()


# ---- the worker: the long-lived process that really builds ----------------------
HANGS = [sys.executable, "-c", "import sys, time; sys.stdin.readline(); time.sleep(600)"]
ANSWERS = [sys.executable, "-u", "-c", "import json, sys\nfor line in sys.stdin:\n"
           "    print(json.dumps({'ok': True, 'problems': [], 'seconds': 0}), flush=True)"]


def test_a_worker_that_runs_too_long_is_stopped(tmp_path):
    worker = preview.Worker(tmp_path, None, None, command=HANGS)
    try:
        status, answer = worker.build(tmp_path / "site", 0.5, threading.Event())
        assert (status, answer) == ("timeout", None)
        assert worker.proc is None and not preview.RUNNING, "the stuck worker was not stopped"
    finally:
        worker.stop()


def test_a_worker_whose_build_is_out_of_date_is_stopped(tmp_path):
    worker = preview.Worker(tmp_path, None, None, command=HANGS)
    cancelled = threading.Event()
    threading.Timer(0.2, cancelled.set).start()
    try:
        assert worker.build(tmp_path / "site", 60, cancelled) == ("cancelled", None)
    finally:
        worker.stop()


def test_one_worker_answers_build_after_build_and_code_edits_start_a_new_one(tmp_path):
    build = preview.WorkerBuild(tmp_path, None, None, 60)
    build.worker.command = ANSWERS
    try:
        first = build(["content/pages/faq.md"], threading.Event())
        pid = build.worker.proc.pid
        second = build(["content/data/continuum.yaml", "theme/templates/base.html"], threading.Event())
        assert (first.status, second.status) == ("ok", "ok") and build.worker.proc.pid == pid  # the same process
        build(["iopguide/pages/navigation.py"], threading.Event())
        assert build.worker.proc.pid != pid, "an edited plugin needs a new process"
        for outcome in (first, second):
            shutil.rmtree(outcome.scratch, ignore_errors=True)
    finally:
        build.close()
