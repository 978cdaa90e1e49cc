"""Live preview for editors: `make serve`.

Serves the site on http://127.0.0.1:8000 and rebuilds it whenever a page, a
data file, the theme, a plugin or the settings change. The browser reloads by
itself after every rebuild, and when a build fails every page shows what is
wrong (file, line, message) at the top, until the file is fixed.

Why not `pelican --autoreload --listen`? In that mode Pelican turns a build
error into a warning, and with --fatal warnings that warning itself ends the
rebuild process, so the preview silently stops updating. Here each rebuild
runs the build `make html` runs (iopguide/build.py: the same checks, the same
plain messages, no Python traceback unless DEBUG=1) in a long-lived worker
process (python -m iopguide.build --worker) into a scratch folder, and reads the
problems it answers as data:

- the build works: the new files are copied into the output folder and every
  open page reloads;
- the build fails: the problems (file, line, message) are printed in the
  terminal and shown on every page the preview serves (over the last good
  version, or on their own when there is no good build yet); saving a fix
  rebuilds as usual;
- the build hangs: it is stopped after --timeout seconds and reported the
  same way; a save while a build runs stops that build and starts a new one.

The worker imports Python, Pelican and the plugins once and keeps Pelican's
reader cache (each unchanged page's HTML), so a save costs only the build:
that is what makes save -> reload quick (`make bench` measures it). An edit to
Python code (a plugin, the settings) starts a new worker, since Python keeps a
module once it is imported; so does a build that has to be stopped.

Reloading uses server-sent events from this server, not the `livereload`
package: livereload talks over a WebSocket on its own port (35729), another
origin, which the site's CSP (`connect-src 'self'`) blocks. Here the script
(/__preview__/reload.js) and its event stream come from the page's own origin,
the `_headers` headers (CSP included) apply to every response as on the host,
and the script is added only to responses this server sends: nothing of it
is ever written to output/.

Usage: python -m iopguide.preview [--output output] [--host 127.0.0.1] [--port 8000] [--timeout 60]
"""

import argparse
import atexit
import errno
import filecmp
import html
import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import watchfiles

from .build import debug, from_data
from .problems import format_problems   # the one formatter, as make html prints
from .serve import TYPES, SiteHandler, parse_headers_file

ROOT = Path(__file__).resolve().parent.parent
WATCH = ["content", "theme", "iopguide", "pelicanconf.py"]
# Files editors' tools leave next to the real ones, and Python's caches.
IGNORE = re.compile(r"(^\.#|~$|\.swp$|\.swx$|^4913$|\.pyc$)")
WATCHED_TYPES = {".md", ".yaml", ".yml", ".json", ".html", ".css", ".js", ".svg", ".png", ".jpg",
                 ".jpeg", ".webp", ".py", ".txt"}
SEARCH_DIR = "pagefind"  # the search index; refreshed after the pages, see Builder.rebuild()
DEFAULT_TIMEOUT = 60  # seconds; a normal build of this site takes a few
PREVIEW_PREFIX = "/__preview__/"
ASSETS = Path(__file__).resolve().parent / "preview_assets"


# ---- building ---------------------------------------------------------------
@dataclass
class Outcome:
    status: str          # "ok", "failed", "timeout" or "cancelled"
    seconds: float
    log: str             # what the build printed (plain messages; a traceback only with DEBUG=1)
    scratch: Path        # removed after the build
    problems: list | None = None  # [{"file", "line", "message", "severity"}] from the build

    @property
    def site(self):
        return self.scratch / "site"


RUNNING = set()  # build processes, stopped when the preview stops


class Worker:
    """The long-lived build process (python -m iopguide.build --worker): Python,
    Pelican and the plugins are imported once, and Pelican's reader cache
    keeps the HTML of every page that did not change, so a save costs only the
    build itself. It is started again (fresh) when a build has to be stopped,
    when it dies, and when code changes: Python keeps a module it has imported,
    so an edited plugin or settings file needs a new process."""

    def __init__(self, root, settings, env, command=None):
        self.root, self.env = root, env
        # `-m` from the project's own folder: the worker imports the code being edited there.
        self.command = command or [sys.executable, "-m", "iopguide.build", "--root", str(root), "--settings",
                                   str(settings), "--worker"]
        self.proc = None
        self.answers = queue.Queue()
        self.log = None

    def start(self):
        if self.proc is not None and self.proc.poll() is None:
            return
        self.log = tempfile.TemporaryFile("w+", encoding="utf-8")
        # Its own process group, so stopping it stops anything it started too.
        self.proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                     text=True, cwd=self.root, env=self.env, start_new_session=True)
        RUNNING.add(self.proc)
        answers, out = self.answers, self.proc.stdout
        threading.Thread(target=lambda: [answers.put(line) for line in out] and None, daemon=True).start()

    def stop(self):
        if self.proc is not None:
            _stop(self.proc)
            RUNNING.discard(self.proc)
            self.proc = None
            self.answers = queue.Queue()

    def said(self):
        """What the worker printed since the last build (its messages; a traceback only with DEBUG=1)."""
        if self.log is None:
            return ""
        self.log.seek(0)
        text = self.log.read()
        self.log.seek(0)
        self.log.truncate()
        return text

    def build(self, output, timeout, cancelled):
        """(status, answer or None): stopped (and restarted later) when it runs
        past `timeout` seconds or `cancelled` (a threading.Event) is set."""
        self.start()
        start = time.perf_counter()
        try:
            self.proc.stdin.write(json.dumps({"output": str(output)}) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self.stop()
            return "failed", None
        while True:
            try:
                return "done", json.loads(self.answers.get(timeout=0.02))
            except queue.Empty:
                pass
            status = ("cancelled" if cancelled.is_set() else "timeout" if time.perf_counter() - start > timeout
                      else "failed" if self.proc.poll() is not None else None)
            if status:
                self.stop()
                return status, None


class WorkerBuild:
    """The preview's build: one long-lived worker, restarted when code changes."""

    CODE = (".py",)   # a change to one of these needs a new worker process

    def __init__(self, root, settings, env, timeout):
        self.worker = Worker(root, settings, env)
        self.timeout = timeout

    def __call__(self, changed, cancelled):
        if any(name.endswith(self.CODE) for name in changed):
            self.worker.stop()
        scratch = Path(tempfile.mkdtemp(prefix="iop-preview-"))
        start = time.perf_counter()
        status, answer = self.worker.build(scratch / "site", self.timeout, cancelled)
        seconds = time.perf_counter() - start
        if status == "done":
            status = "ok" if answer["ok"] else "failed"
        return Outcome(status, seconds, self.worker.said(), scratch, answer and answer["problems"])

    def close(self):
        self.worker.stop()


def _stop(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def sync(scratch, output, keep=(SEARCH_DIR,)):
    """Copy what changed from scratch into output; remove pages that are gone.
    Top-level names in `keep` are left alone both ways. Return files changed."""
    output.mkdir(parents=True, exist_ok=True)
    changed = 0
    fresh = set()
    for src in scratch.rglob("*"):
        rel = src.relative_to(scratch)
        if rel.parts[0] in keep:
            continue
        fresh.add(rel)
        dest = output / rel
        if src.is_dir():
            dest.mkdir(exist_ok=True)
        elif not dest.exists() or not filecmp.cmp(src, dest, shallow=False):
            tmp = dest.with_name(dest.name + ".preview-tmp")
            shutil.copy2(src, tmp)
            os.replace(tmp, dest)  # the server never sees a half-written file
            changed += 1
    for old in sorted(output.rglob("*"), reverse=True):
        rel = old.relative_to(output)
        if rel.parts[0] in keep or rel in fresh:
            continue
        if old.is_dir():
            if not any(old.iterdir()):
                old.rmdir()
        else:
            old.unlink()
            changed += 1
    return changed


def problems_in(outcome):
    """What the box and the terminal show for a failed build: build.py's own
    problems, or (should it have died before writing them) its last words."""
    if outcome.problems:
        return outcome.problems
    said = outcome.log.split("Traceback (most recent call last)", 1)[0].strip().splitlines()[-10:]
    return [{"file": None, "line": None, "message": line.strip()} for line in said if line.strip()] or \
        [{"file": None, "line": None, "message": "the build stopped without a message; run DEBUG=1 make serve"}]


# ---- what the browser is told ------------------------------------------------
class State:
    """The last build's result, shared by the builder and the server. Every
    finished build gets a new id; open pages reload when the id changes."""

    def __init__(self, output):
        self.output = output
        self.changed = threading.Condition()
        self.boot = format(int(time.time() * 1000) % 10**8, "x")  # a restarted server reloads pages too
        self.count = 0
        self.failed = False
        self.good_at = None      # time of the last good build in this session
        self.headline = ""
        self.problems = []
        self.rules = []
        self.load_rules()

    @property
    def build_id(self):
        return f"{self.boot}-{self.count}"

    def load_rules(self):
        headers = self.output / "_headers"
        try:
            self.rules = parse_headers_file(headers.read_text(encoding="utf-8")) if headers.is_file() else []
        except (OSError, ValueError, UnicodeDecodeError):
            self.rules = []

    def publish(self, failed, headline="", problems=()):
        with self.changed:
            self.failed = failed
            self.headline = headline
            self.problems = list(problems)
            if not failed:
                self.good_at = time.strftime("%H:%M:%S")
                self.load_rules()
            self.count += 1
            self.changed.notify_all()

    def wait_for_change(self, seen, timeout):
        with self.changed:
            self.changed.wait_for(lambda: self.build_id != seen, timeout)
            return self.build_id


def problem_box(state):
    """The error box for the top of every page, escaped."""
    if state.good_at:
        status = (f"This page is the last good version (built at {state.good_at}); "
                  "your latest change is not in it yet.")
    else:
        status = "There is no good build yet, so the preview cannot show the site."
    items = []
    for p in state.problems:
        where = ""
        if p["file"]:
            where = f"<code>{html.escape(p['file'])}</code>" + (f", line {p['line']}" if p["line"] else "") + ": "
        items.append(f"<li>{where}{html.escape(p['message'])}</li>")
    return (
        '<div class="preview-problem" role="alert">\n'
        f'<p class="preview-problem__title"><strong>{html.escape(state.headline)}</strong></p>\n'
        f"<p>{html.escape(status)}</p>\n"
        f'<ul class="preview-problem__list">\n{"".join(items)}\n</ul>\n'
        "<p>Fix the file and save it: this page reloads by itself. "
        "<code>make check</code> explains every problem.</p>\n</div>\n")


def head_tags(state):
    return (f'<link rel="stylesheet" href="{PREVIEW_PREFIX}preview.css">'
            f'<script type="module" src="{PREVIEW_PREFIX}reload.js?build={state.build_id}"></script>')


def inject(page, state):
    """A served page plus the reload script and, after a failed build, the error box."""
    tags = head_tags(state)
    at = page.lower().find("</head>")
    page = page[:at] + tags + page[at:] if at >= 0 else tags + page
    if state.failed:
        body = re.search(r"<body[^>]*>", page, re.I)
        at = body.end() if body else 0
        page = page[:at] + "\n" + problem_box(state) + page[at:]
    return page


def error_page(state):
    """The whole page when there is no good build to show."""
    return ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>Build failed | preview</title>\n{head_tags(state)}\n</head>\n<body>\n"
            f'<main class="preview-only">\n<h1>The site could not be built</h1>\n{problem_box(state)}</main>\n'
            "</body>\n</html>\n")


class PreviewHandler(SiteHandler):
    """iopguide.serve's handler (the `_headers` headers on every response, the
    site's 404 page), plus the preview's own script, styles and event stream,
    and the reload script and error box added to every HTML page it sends."""

    state = None  # set by make_server

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.state.output), rules=self.state.rules, **kwargs)

    def do_GET(self):
        if self.path.split("?", 1)[0] == PREVIEW_PREFIX + "events":
            return self.stream_events()
        return super().do_GET()

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(PREVIEW_PREFIX):
            asset = ASSETS / path[len(PREVIEW_PREFIX):]
            if asset.parent != ASSETS or not asset.is_file():
                return self.send_bytes(404, "text/plain; charset=utf-8", b"Not found")
            return self.send_bytes(200, self.guess_type(str(asset)), asset.read_bytes())
        fs_path = Path(self.translate_path(self.path))
        if fs_path.is_dir():
            if not path.endswith("/"):
                return super().send_head()  # redirects to the slash form
            fs_path = fs_path / "index.html"
        if fs_path.suffix == ".html" or not fs_path.exists():
            with self.state.changed:  # the page and the box of the same build (see Builder.rebuild)
                served = self.html_page(fs_path)
            if served:
                return self.send_bytes(*served)
        return super().send_head()

    def html_page(self, fs_path):
        """(status, type, body) of an HTML page with the preview's additions, or None."""
        if self.state.good_at is None and self.state.failed:
            return 200, TYPES[".html"], error_page(self.state).encode("utf-8")
        for code, path in ((200, fs_path), (404, Path(self.directory) / "404.html")):
            if path.is_file():
                page = path.read_text(encoding="utf-8", errors="replace")
                return code, TYPES[".html"], inject(page, self.state).encode("utf-8")
        return None

    def send_bytes(self, code, ctype, body):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def stream_events(self):
        """Server-sent events: the current build id at once, then each new one."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = None
        try:
            self.wfile.write(b"retry: 500\n\n")
            while True:
                current = self.state.wait_for_change(seen, timeout=15)
                if current != seen:
                    self.wfile.write(f"event: build\ndata: {current}\n\n".encode())
                    seen = current
                else:
                    self.wfile.write(b": still here\n\n")  # finds a closed tab, so its thread ends
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        self.close_connection = True


def make_server(state, host, port):
    handler = type("Handler", (PreviewHandler,), {"state": state})
    httpd = ThreadingHTTPServer((host, port), partial(handler))
    httpd.daemon_threads = True
    return httpd


# ---- rebuilding ---------------------------------------------------------------
class Builder:
    """Runs one build at a time. A save while a build runs stops that build
    (its result would be out of date) and starts a new one with both changes.

    `build(changed, cancelled)` makes one build and returns its Outcome: the
    preview's is WorkerBuild (a long-lived worker process); tests give it
    their own, so the server's behaviour is checked without building a site."""

    def __init__(self, root, output, state, timeout, build, index=True):
        self.root, self.output, self.state = root, output, state
        self.timeout, self.index, self.build = timeout, index, build
        self.wake = threading.Condition()
        self.pending = []
        self.cancel = threading.Event()

    def request(self, names):
        with self.wake:
            self.pending += [n for n in names if n not in self.pending]
            self.cancel.set()  # a running build is out of date now
            self.wake.notify()

    def run_forever(self):
        while True:
            with self.wake:
                self.wake.wait_for(lambda: self.pending)
                names, self.pending = self.pending, []
                self.cancel.clear()
            try:
                if self.rebuild("changed " + ", ".join(names), names) == "cancelled":
                    with self.wake:  # build again with these changes and the newer ones
                        self.pending = names + [n for n in self.pending if n not in names]
            except Exception as err:  # never let the builder thread die silently
                report_crash(err)

    def rebuild(self, reason, changed=()):
        stamp = time.strftime("%H:%M:%S")
        outcome = self.build(changed, self.cancel)
        try:
            if outcome.status == "cancelled":
                print(f"[{stamp}] {reason}: a newer save came in; building again.", flush=True)
            elif outcome.status == "ok":
                with self.state.changed:  # no page is served with the new text under the old box
                    changed = sync(outcome.site, self.output)
                    self.state.publish(failed=False)  # pages reload now; search catches up (about 0.1 s)
                print(f"[{stamp}] {reason}: rebuilt in {outcome.seconds:.2f} s, {changed} file(s) updated.",
                      flush=True)
                if self.index:
                    index_search(self.root, outcome.site, self.output, self.timeout)
            else:
                self.report_failure(stamp, reason, outcome)
        finally:
            shutil.rmtree(outcome.scratch, ignore_errors=True)
        return outcome.status

    def report_failure(self, stamp, reason, outcome):
        if outcome.status == "timeout":
            headline = f"The build was stopped after {self.timeout:g} s: it did not finish."
            short = f" (stopped after {self.timeout:g} s: it did not finish)"
            problems = [{"file": None, "line": None, "message": m} for m in (
                f"The last change: {reason.removeprefix('changed ')}.",
                "A very large page, or anchors and aliases (& and *) in a data file, can do this. "
                "Undo the last change and save.")]
        else:
            headline = "The last build failed."
            short = ""
            problems = problems_in(outcome)
        where = ("The preview still shows the last good version, with this error on top."
                 if self.state.good_at else
                 "There is no good build yet: every page of the preview shows this error.")
        # Pages show the error before the terminal says so: whoever reads the log
        # and then opens a page must see the box.
        self.state.publish(failed=True, headline=headline, problems=problems)
        print(f"\n[{stamp}] {reason}: BUILD FAILED{short}. {where}", flush=True)
        for line in format_problems(from_data(problems)):
            print("  " + line, flush=True)
        if debug() and outcome.status == "failed":
            print(outcome.log, flush=True)  # build.py's traceback, with DEBUG=1 only
        print("  Fix the file and save it: the preview rebuilds by itself. "
              "`make check` explains every problem.\n", flush=True)


def index_search(root, scratch, output, timeout):
    """Re-index the new build with Pagefind and swap in the new index, so
    search finds what the editor just wrote."""
    try:
        result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(scratch), "--quiet"],
                                cwd=root, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"  Search index not updated (Pagefind took over {timeout:g} s).", flush=True)
        return False
    if result.returncode != 0:
        print("  Search index not updated (Pagefind failed):", (result.stdout + result.stderr).strip()[-500:],
              flush=True)
        return False
    sync(scratch / SEARCH_DIR, output / SEARCH_DIR, keep=())
    return True


def keep(change, path):
    """Only real site files: editors' swap and backup files do not trigger a rebuild."""
    name = os.path.basename(path)
    if IGNORE.search(name) or "__pycache__" in path:
        return False
    return Path(name).suffix.lower() in WATCHED_TYPES or name == "_headers" or os.path.isdir(path)


def report_crash(err):
    if debug():
        traceback.print_exception(err)
    else:
        print(f"The preview hit a problem it did not expect: {err}. Run `DEBUG=1 make serve` "
              "for the details.", flush=True)


# ---- main -------------------------------------------------------------------------
def main(argv=None):
    parser = argparse.ArgumentParser(description="Live preview: serve the site and rebuild on every edit.")
    parser.add_argument("--root", default=str(ROOT))
    parser.add_argument("--output", default="output")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--timeout", type=float, default=float(os.environ.get("PREVIEW_TIMEOUT", DEFAULT_TIMEOUT)),
                        help=f"stop a build that runs longer than this many seconds (default {DEFAULT_TIMEOUT})")
    parser.add_argument("--no-index", action="store_true", help="skip the search index (faster start)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    output = (root / args.output).resolve()
    settings = (root / args.settings).resolve()

    state = State(output)
    try:  # the port first, so a busy one is reported before a build is waited for
        httpd = make_server(state, args.host, args.port)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            print(f"Port {args.port} on {args.host} is already in use: is another `make serve` running? "
                  f"Stop it (Ctrl-C in its window), or preview on another port: make serve PORT={args.port + 1}",
                  flush=True)
        else:
            print(f"Cannot serve on {args.host}:{args.port}: {err.strerror}. Try another port: "
                  f"make serve PORT={args.port + 1}", flush=True)
        return 2

    # PORT: the settings can make the site's own address follow the preview's port.
    env = dict(os.environ, COLUMNS="200", PORT=str(args.port))
    builder = Builder(root, output, state, args.timeout, WorkerBuild(root, settings, env, args.timeout),
                      index=not args.no_index)
    builder.rebuild("start")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    threading.Thread(target=builder.run_forever, daemon=True).start()
    watched = [str(root / p) for p in WATCH if (root / p).exists()]
    ready = False
    # yield_on_timeout: an empty batch once the watcher is running, so "Preview on"
    # is printed only when a save will be seen.
    for changes in watchfiles.watch(*watched, watch_filter=keep, debounce=400, step=30,
                                    rust_timeout=300, yield_on_timeout=True):
        if not changes:
            if not ready:
                ready = True
                print(f"Preview on http://{args.host}:{args.port}/ - save a page, the data file or "
                      "the theme and it rebuilds; open pages reload by themselves. Ctrl-C stops.", flush=True)
            continue
        builder.request(sorted({Path(p).relative_to(root).as_posix() for _, p in changes}))
    return 0


def _interrupt(*_):
    raise KeyboardInterrupt


def stop_builds():
    for proc in list(RUNNING):
        _stop(proc)


def run(argv=None):
    # `kill` (SIGTERM) stops the preview like Ctrl-C does, so a running build is stopped too.
    signal.signal(signal.SIGTERM, _interrupt)
    atexit.register(stop_builds)
    try:
        return main(argv)
    except KeyboardInterrupt:
        print("\nPreview stopped.", flush=True)
        return 0
    except Exception as err:  # an editor sees one plain line; DEBUG=1 shows the traceback
        report_crash(err)
        return 1


if __name__ == "__main__":
    sys.exit(run())
