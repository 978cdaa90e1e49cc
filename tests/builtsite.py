"""A built site's pages, each parsed once: `soup(path)` and the `built`
fixture (tests/conftest.py).

The parsed trees are shared by every test in the process, so tests only read
them (select, find, get_text); a test that needs to change a tree parses its
own copy. Every build a test makes goes to its own new folder, so a path
names one version of a page."""

from pathlib import Path

from bs4 import BeautifulSoup

_parsed = {}


def soup(path):
    """The page at `path`, parsed once per test process: read it, never change it."""
    key = Path(path).resolve()
    if key not in _parsed:
        _parsed[key] = BeautifulSoup(key.read_text(encoding="utf-8"), "html.parser")
    return _parsed[key]


class BuiltSite:
    def __init__(self, root):
        self.root = Path(root)

    def path(self, rel):
        path = Path(rel)
        return path if path.is_absolute() else self.root / path

    def html(self, rel):
        return self.path(rel).read_text(encoding="utf-8")

    def soup(self, rel):
        return soup(self.path(rel))

    def pages(self):
        """Every HTML page of the site, Pagefind's own files left out."""
        return sorted(p for p in self.root.rglob("*.html") if "pagefind" not in p.relative_to(self.root).parts)
