"""Links between pages on the built site: the page exists, and so does the #section."""

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from .report import ERROR, Finding

EXTERNAL = ("http:", "https:", "mailto:", "tel:", "sms:", "javascript:", "data:")


def _ids(path, cache):
    if path not in cache:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cache[path] = {el.get("id") for el in soup.find_all(id=True)} | \
                      {el.get("name") for el in soup.find_all("a", attrs={"name": True})}
    return cache[path]


def target_file(output, page_url, href):
    """The built file an internal link points at, or None for other sites."""
    parts = urlsplit(href)
    if href.startswith(EXTERNAL) or href.startswith("//") or parts.scheme:
        return None, None
    if not parts.path:
        path = page_url
    else:
        base = posixpath.dirname(page_url) + "/"
        path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if parts.path.endswith("/"):
            path += "/"
    if path.endswith("/"):
        path += "index.html"
    return Path(output) / path.lstrip("/"), parts.fragment


def check(project, built, today):
    findings = []
    cache = {}
    source_of = {(built.output / p.save_as).resolve(): p.source.rel for p in built.pages}
    for page in built.pages:
        html_path = built.output / page.save_as
        soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            href = a["href"].strip()
            if href.startswith("{"):
                continue  # an unresolved {filename} link: the build already reported it
            target, fragment = target_file(built.output, "/" + page.save_as, href)
            if target is None:
                continue
            text = " ".join(a.get_text(" ").split())[:50]
            line = page.source.line_of(f"#{fragment}" if fragment else None,
                                       posixpath.basename(href.split("#")[0].rstrip("/")) or None, text)
            if not target.exists():
                findings.append(Finding(page.source.rel, line, ERROR,
                    f"link '{text}' goes to {href}, which is not a page on this site; link to a page "
                    "with [words]({filename}other-page.md)", "links"))
            elif fragment and target.suffix == ".html" and fragment not in _ids(target, cache):
                other = "this page" if target.resolve() == html_path.resolve() else \
                    source_of.get(target.resolve(), href.split("#")[0])
                findings.append(Finding(page.source.rel, line, ERROR,
                    f"link '{text}' goes to section #{fragment}, but {other} "
                    "has no such section; section names come from the heading text, e.g. "
                    "'## Cost and insurance' is #cost-and-insurance", "links"))
    return findings
