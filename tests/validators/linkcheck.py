"""Check that every internal link, resource and #fragment in a built site
resolves to a file (and an element id) in that site. Nothing is fetched:
tel:, sms:, mailto: and links to other sites are skipped; absolute links to
the site's own origin (canonical links) are checked as internal ones."""

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

BASE = "http://site.invalid/"
SKIP_SCHEMES = ("tel:", "sms:", "mailto:", "data:")
# (tag, attribute) pairs that point at something the site must contain.
LINK_ATTRS = (("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
              ("source", "src"), ("iframe", "src"), ("form", "action"), ("video", "src"), ("audio", "src"))


def html_files(root):
    root = Path(root)
    return sorted(p for p in root.rglob("*.html") if p.relative_to(root).parts[0] != "pagefind")


def url_of(root, path):
    return BASE + Path(path).relative_to(root).as_posix()


def target_file(root, path):
    """The file a URL path is served from, or None."""
    rel = unquote(path).lstrip("/")
    candidate = Path(root) / rel
    if rel == "" or rel.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


class LinkChecker:
    def __init__(self, root, site_origin=None):
        self.root = Path(root)
        self.site_origin = (site_origin or "").rstrip("/")
        self._ids = {}

    def ids_in(self, file):
        if file not in self._ids:
            soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
            ids = {el["id"] for el in soup.find_all(id=True)}
            ids |= {el["name"] for el in soup.find_all("a", attrs={"name": True})}
            self._ids[file] = ids
        return self._ids[file]

    def check_url(self, page, raw):
        """A problem message for one link on one page, or None."""
        url = raw.strip()
        if url.lower().startswith(SKIP_SCHEMES):
            return None
        if self.site_origin and (url == self.site_origin or url.startswith(self.site_origin + "/")):
            url = "/" + url[len(self.site_origin):].lstrip("/")
        if url.lower().startswith(("http:", "https:", "//")):
            return None  # another site: never fetched here
        if url == "#":
            return f"{raw!r}: empty fragment"
        resolved = urlsplit(urljoin(url_of(self.root, page), url))
        if resolved.scheme not in ("http", "https") or resolved.netloc != urlsplit(BASE).netloc:
            return f"{raw!r}: unexpected URL"
        target = target_file(self.root, resolved.path)
        if target is None:
            return f"{raw!r}: no file for {resolved.path}"
        if resolved.fragment and target.suffix == ".html":
            fragment = unquote(resolved.fragment)
            if fragment not in self.ids_in(target):
                return f"{raw!r}: no id={fragment!r} in {target.relative_to(self.root)}"
        return None

    def check_page(self, page):
        soup = BeautifulSoup(Path(page).read_text(encoding="utf-8"), "html.parser")
        problems, count = [], 0
        for tag, attr in LINK_ATTRS:
            for el in soup.find_all(tag, attrs={attr: True}):
                count += 1
                problem = self.check_url(page, el[attr])
                if problem:
                    problems.append(f"{Path(page).relative_to(self.root)}: <{tag} {attr}> {problem}")
        for el in soup.find_all(["img", "source"], attrs={"srcset": True}):
            for candidate in el["srcset"].split(","):
                if candidate.strip():
                    count += 1
                    problem = self.check_url(page, candidate.split()[0])
                    if problem:
                        problems.append(f"{Path(page).relative_to(self.root)}: <{el.name} srcset> {problem}")
        return problems, count

    def check_site(self):
        problems, count = [], 0
        for page in html_files(self.root):
            page_problems, page_count = self.check_page(page)
            problems += page_problems
            count += page_count
        return problems, count
