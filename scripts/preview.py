"""Live preview for editors: `make serve`.

Serves the site on http://127.0.0.1:8000 and rebuilds it whenever a page, a
data file, the theme, a plugin or the settings change.

Why not `pelican --autoreload --listen`? In that mode Pelican turns a build
error into a warning, and with --fatal warnings that warning itself ends the
rebuild process, so the preview silently stops updating. Here each rebuild
runs Pelican, with --fatal warnings like every other build, in a fresh process
into a scratch folder:

- the build works: the new files are copied into the output folder;
- the build fails: the error is printed in the terminal, the server keeps
  showing the last good version, and saving a fix rebuilds as usual.

A fresh process per rebuild also picks up edits to plugins/ (Python caches a
module once it is imported, so a long-lived process would not).

Usage: python scripts/preview.py [--output output] [--host 127.0.0.1] [--port 8000]
"""

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import watchfiles
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

ROOT = Path(__file__).resolve().parent.parent
WATCH = ["content", "theme", "plugins", "pelicanconf.py"]
# Files editors' tools leave next to the real ones, and Python's caches.
IGNORE = re.compile(r"(^\.#|~$|\.swp$|\.swx$|^4913$|\.pyc$)")
WATCHED_TYPES = {".md", ".yaml", ".yml", ".json", ".html", ".css", ".js", ".svg", ".png", ".jpg",
                 ".jpeg", ".webp", ".py", ".txt"}
SEARCH_DIR = "pagefind"  # the search index; refreshed after the pages, see rebuild()
UNABLE_TO_FIND = re.compile(r"Unable to find '(?P<target>[^']*)'")


def build(root, settings, output_dir):
    """Build into a scratch folder; return (ok, seconds, pelican's output, scratch)."""
    scratch = Path(tempfile.mkdtemp(prefix="iop-preview-"))
    cmd = [sys.executable, "-m", "pelican", str(root / "content"), "-o", str(scratch),
           "-s", str(settings), "--fatal", "warnings", "--log-handler", "plain"]
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=root,
                            env=dict(os.environ, COLUMNS="200"))
    return result.returncode == 0, time.perf_counter() - start, result.stdout + result.stderr, scratch


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


def explain(log, root):
    """The lines of Pelican's output an editor needs: the messages, not the traceback."""
    lines = []
    for line in log.splitlines():
        if line.startswith("Traceback (most recent call last)"):
            break
        if "Warning or error encountered" in line or not line.strip():
            continue
        lines.append(line)
        missing = UNABLE_TO_FIND.search(line)
        if missing:
            lines += [f"    (linked from {where})" for where in link_sources(root, missing["target"])]
    return lines or log.strip().splitlines()[-15:]


def link_sources(root, target):
    """'content/pages/faq.md line 12' for each page that links to target."""
    found = []
    pattern = re.compile(r"[}|]" + re.escape(target) + r"\)")
    for path in sorted((root / "content").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line):
                found.append(f"{path.relative_to(root).as_posix()} line {number}")
    return found


def index_search(root, scratch, output):
    """Re-index the new build with Pagefind and swap in the new index, so
    search finds what the editor just wrote. Runs after the pages are copied,
    so a page edit shows without waiting for it (about 0.1 s for this site)."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(scratch), "--quiet"],
                            cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        print("  Search index not updated (Pagefind failed):", (result.stdout + result.stderr).strip()[-500:],
              flush=True)
        return False
    sync(scratch / SEARCH_DIR, output / SEARCH_DIR, keep=())
    return True


def rebuild(root, settings, output, reason, index=True):
    stamp = time.strftime("%H:%M:%S")
    ok, seconds, log, scratch = build(root, settings, output)
    try:
        if ok:
            changed = sync(scratch, output)
            print(f"[{stamp}] {reason}: rebuilt in {seconds:.2f} s, {changed} file(s) updated.", flush=True)
            if index:
                index_search(root, scratch, output)
        else:
            print(f"\n[{stamp}] {reason}: BUILD FAILED. The preview still shows the last good version.",
                  flush=True)
            for line in explain(log, root):
                print("  " + line, flush=True)
            print("  Fix the file and save it: the preview rebuilds by itself. "
                  "`make check` explains every problem.\n", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return ok


def keep(change, path):
    """Only real site files: editors' swap and backup files do not trigger a rebuild."""
    name = os.path.basename(path)
    if IGNORE.search(name) or "__pycache__" in path:
        return False
    return Path(name).suffix.lower() in WATCHED_TYPES or name == "_headers" or os.path.isdir(path)


class Handler(ComplexHTTPRequestHandler):
    """Pelican's preview handler (it finds /page/ as page/index.html), plus the
    site's own 404 page for an address that does not exist, as the host serves it."""

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        for suffix in self.SUFFIXES:
            if suffix == "/" and not path.endswith("/"):
                continue
            if os.path.exists(self.translate_path(path.rstrip("/") + suffix)):
                return super().do_GET()
        page = Path(self.base_path) / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass  # quiet: the terminal is for build messages, not one line per request


def serve(output, host, port):
    RootedHTTPServer.allow_reuse_address = True
    httpd = RootedHTTPServer(str(output), (host, port), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main(argv=None):
    parser = argparse.ArgumentParser(description="Live preview: serve the site and rebuild on every edit.")
    parser.add_argument("--root", default=str(ROOT))
    parser.add_argument("--output", default="output")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-index", action="store_true", help="skip the search index (faster start)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    output = (root / args.output).resolve()
    settings = (root / args.settings).resolve()

    index = not args.no_index
    rebuild(root, settings, output, "start", index=index)
    serve(output, args.host, args.port)
    watched = [str(root / p) for p in WATCH if (root / p).exists()]
    ready = False
    try:
        # yield_on_timeout: an empty batch once the watcher is running, so "Preview on"
        # is printed only when a save will be seen.
        for changes in watchfiles.watch(*watched, watch_filter=keep, debounce=400, step=30,
                                        rust_timeout=300, yield_on_timeout=True):
            if not changes:
                if not ready:
                    ready = True
                    print(f"Preview on http://{args.host}:{args.port}/ - save a page, the data file or "
                          "the theme and it rebuilds. Ctrl-C stops.", flush=True)
                continue
            names = sorted({Path(p).relative_to(root).as_posix() for _, p in changes})
            rebuild(root, settings, output, "changed " + ", ".join(names), index=index)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
