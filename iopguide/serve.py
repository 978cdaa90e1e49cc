"""Serve a built site on 127.0.0.1 with the headers from its `_headers` file.

The browser tests and the benchmark use this so the Content-Security-Policy
(and the other security headers) that the static host sends are enforced in
the browser while testing. `_headers` uses the Netlify / Cloudflare Pages
format:

    /*
      Content-Security-Policy: default-src 'self'
    /search/
      X-Robots-Tag: noindex

A path line starts at column 0 (`*` matches anything, `:placeholders` are not
supported); header lines below it are indented. Every matching block applies.

Run it by hand:  python -m iopguide.serve output [--port 8000] [--no-headers]
(--no-headers serves as GitHub Pages does: only the pages' <meta> CSP applies.)
"""

import argparse
import fnmatch
import gzip
import http.server
import io
import mimetypes
import threading
from functools import partial
from pathlib import Path

# Types a static host sends; Python's table depends on the system's.
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
}


def parse_headers_file(text):
    """Return [(path_pattern, [(name, value), ...]), ...] from `_headers` text."""
    rules = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            rules.append((raw.strip(), []))
            continue
        if not rules:
            raise ValueError(f"_headers: header line before any path: {raw!r}")
        name, sep, value = raw.strip().partition(":")
        if not sep:
            raise ValueError(f"_headers: not 'Name: value': {raw!r}")
        rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules, url_path):
    """The headers that apply to url_path (all matching blocks, in order)."""
    out = []
    for pattern, headers in rules:
        if fnmatch.fnmatchcase(url_path, pattern):
            out.extend(headers)
    return out


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one folder: directory URLs get index.html, missing files get
    404.html with status 404 (as a static host does), and every response
    carries the `_headers` headers. No directory listings."""

    rules = ()
    # Text types a static host compresses (Netlify, Cloudflare and GitHub Pages do).
    COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

    def __init__(self, *args, directory, rules, cache_control="no-store", compress=False, **kwargs):
        self.rules = rules
        self.cache_control = cache_control
        self.compress = compress
        super().__init__(*args, directory=directory, **kwargs)

    def end_headers(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        headers = headers_for(self.rules, path)
        if self.cache_control:  # the server's own policy (tests, the preview: no-store) replaces the file's
            headers = [(n, v) for n, v in headers if n.lower() != "cache-control"]
            headers.append(("Cache-Control", self.cache_control))
        for name, value in headers:
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        """As the base class, plus gzip for text when compress=True (the
        benchmark uses it so sizes and Lighthouse see what a real host sends)."""
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            index = Path(path) / "index.html"
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash form
            path = str(index)
        ctype = self.guess_type(path)
        if not Path(path).is_file() or not ctype.startswith(self.COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def guess_type(self, path):
        return TYPES.get(Path(str(path)).suffix.lower()) or mimetypes.guess_type(str(path))[0] or "application/octet-stream"

    def list_directory(self, path):
        self.send_error(404)
        return None

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # quiet: tests read the browser, not the log
        pass


class StaticServer:
    """A threaded server on an ephemeral port; use as a context manager.

    headers_file: the `_headers` file to apply (default <root>/_headers);
    pass False to serve with no extra headers. cache_control: the
    Cache-Control every response gets in place of the file's (tests and the
    preview want no-store); None sends the file's own, as the host does.
    """

    def __init__(self, root, host="127.0.0.1", port=0, headers_file=None, cache_control="no-store", compress=False):
        root = Path(root)
        if headers_file is None:
            headers_file = root / "_headers"
        rules = parse_headers_file(Path(headers_file).read_text(encoding="utf-8")) if headers_file else []
        handler = partial(SiteHandler, directory=str(root), rules=rules, cache_control=cache_control,
                          compress=compress)
        self.httpd = http.server.ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.rules = rules
        self.host, self.port = self.httpd.server_address[:2]
        self.origin = f"http://{self.host}:{self.port}"
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default="output")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--gzip", action="store_true", help="compress text, as a real host does")
    parser.add_argument("--no-headers", action="store_true",
                        help="ignore _headers, as GitHub Pages does: only the pages' own <meta> CSP applies")
    args = parser.parse_args()
    # With _headers: its Cache-Control, as the host sends it; without: revalidate on every load.
    server = StaticServer(args.root, host=args.host, port=args.port, compress=args.gzip,
                          cache_control="public, max-age=0, must-revalidate" if args.no_headers else None,
                          headers_file=False if args.no_headers else None)
    how = "without _headers" if args.no_headers else "with its _headers"
    print(f"Serving {args.root} on {server.origin} {how} (Ctrl-C stops)")
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
