"""Internal links on a built site: every link, image, stylesheet, script and
#section a page points at is there. The one link checker: `make check` (check()
below), tests/validators/test_links.py and tests/site/test_content.py all use
LinkChecker, so they cannot disagree.

Nothing is fetched: tel:, sms:, mailto:, data: and links to other sites are
skipped; absolute links to the site's own origin (canonical links) are checked
as internal ones when that origin is given.
"""

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from . import parsed
from .report import Problem

BASE = "http://site.invalid/"
SKIP_SCHEMES = ("tel:", "sms:", "mailto:", "data:")
# (tag, attribute) pairs that point at something the site must contain.
LINK_ATTRS = (("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
              ("source", "src"), ("iframe", "src"), ("form", "action"), ("video", "src"), ("audio", "src"))


def html_files(root):
    """Every HTML page of a built site, Pagefind's own files left out."""
    root = Path(root)
    return sorted(p for p in root.rglob("*.html") if p.relative_to(root).parts[0] != "pagefind")


def target_file(root, path):
    """The file a URL path is served from (a folder serves its index.html), or None."""
    rel = unquote(path).lstrip("/")
    candidate = Path(root) / rel
    if rel == "" or rel.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@dataclass(frozen=True)
class BrokenLink:
    page: str          # the built page, relative to the site: faq/index.html
    tag: str           # a, img, link, ...
    attr: str          # href, src, srcset, ...
    url: str           # as written in the page
    kind: str          # "missing", "no-section", "empty" or "unexpected"
    detail: str        # the file or the #id that is not there
    text: str = ""     # the link's words, to find it in the page's Markdown

    def __str__(self):
        what = {"missing": f"no file for {self.detail}", "no-section": f"no id={self.detail!r}",
                "empty": "empty fragment", "unexpected": "unexpected URL"}[self.kind]
        return f"{self.page}: <{self.tag} {self.attr}> {self.url!r}: {what}"


class LinkChecker:
    def __init__(self, root, site_origin=None):
        self.root = Path(root)
        self.site_origin = (site_origin or "").rstrip("/")
        self._ids = {}

    def ids_in(self, file):
        if file not in self._ids:
            soup = parsed.soup(file)
            ids = {el["id"] for el in soup.find_all(id=True)}
            ids |= {el["name"] for el in soup.find_all("a", attrs={"name": True})}
            self._ids[file] = ids
        return self._ids[file]

    def check_url(self, page, raw):
        """(kind, detail) for one broken URL on one page, or None when it is fine."""
        url = raw.strip()
        if url.lower().startswith(SKIP_SCHEMES):
            return None
        if self.site_origin and (url == self.site_origin or url.startswith(self.site_origin + "/")):
            url = "/" + url[len(self.site_origin):].lstrip("/")
        if url.lower().startswith(("http:", "https:", "//")):
            return None  # another site: never fetched here
        if url == "#":
            return "empty", ""
        page_url = BASE + Path(page).relative_to(self.root).as_posix()
        resolved = urlsplit(urljoin(page_url, url))
        if resolved.scheme not in ("http", "https") or resolved.netloc != urlsplit(BASE).netloc:
            return "unexpected", url
        target = target_file(self.root, resolved.path)
        if target is None:
            return "missing", resolved.path
        if resolved.fragment and target.suffix == ".html":
            fragment = unquote(resolved.fragment)
            if fragment not in self.ids_in(target):
                return "no-section", fragment
        return None

    def check_page(self, page, within=None):
        """([BrokenLink], number of URLs checked) for one built page; `within`
        (a CSS selector) limits the check to part of it, e.g. "main"."""
        page = Path(page)
        soup = parsed.soup(page)
        scope = soup.select_one(within) if within else soup
        rel = page.relative_to(self.root).as_posix()
        urls = [(el, tag, attr, el[attr]) for tag, attr in LINK_ATTRS
                for el in (scope.find_all(tag, attrs={attr: True}) if scope else [])]
        for el in (scope.find_all(["img", "source"], attrs={"srcset": True}) if scope else []):
            urls += [(el, el.name, "srcset", c.split()[0]) for c in el["srcset"].split(",") if c.strip()]
        problems = []
        for el, tag, attr, url in urls:
            found = self.check_url(page, url)
            if found:
                text = " ".join(el.get_text(" ").split())[:50] or el.get("alt", "")
                problems.append(BrokenLink(rel, tag, attr, url.strip(), *found, text=text))
        return problems, len(urls)

    def check_site(self):
        problems, count = [], 0
        for page in html_files(self.root):
            page_problems, page_count = self.check_page(page)
            problems += page_problems
            count += page_count
        return problems, count


# ---- `make check`: the same checker, its findings put in the editor's words --------
def _message(broken, other_page):
    if broken.kind == "no-section":
        return (f"link '{broken.text}' goes to section #{broken.detail}, but {other_page} has no such "
                "section; section names come from the heading text, e.g. '## Cost and insurance' is "
                "#cost-and-insurance")
    if broken.kind == "empty":
        return f"link '{broken.text}' goes to '#', which is nowhere; link to a page or a section"
    if broken.tag == "a":
        return (f"link '{broken.text}' goes to {broken.url}, which is not a page on this site; link to a "
                "page with [words]({filename}other-page.md)")
    what = "image" if broken.tag in ("img", "source") else f"<{broken.tag} {broken.attr}>"
    return (f"{what} {broken.url} is not a file on this site; check the file name and that the "
            "file is in the project")


def check(project, built, today):
    findings = []
    checker = LinkChecker(built.output)
    source_of = {(built.output / p.save_as).resolve(): p.source.rel for p in built.pages}
    for page in built.pages:
        html_path = built.output / page.save_as
        for broken in checker.check_page(html_path)[0]:
            if broken.url.startswith("{"):
                continue  # an unresolved {filename} link: the build already reported it
            fragment = broken.url.partition("#")[2]
            line = page.source.line_of(f"#{fragment}" if fragment else None,
                                       posixpath.basename(broken.url.split("#")[0].rstrip("/")) or None,
                                       broken.text or None)
            other = "this page"
            if broken.kind == "no-section" and broken.url.split("#")[0]:
                target = target_file(built.output, urlsplit(urljoin(
                    BASE + page.save_as, broken.url)).path)
                if target is not None and target.resolve() != html_path.resolve():
                    other = source_of.get(target.resolve(), broken.url.split("#")[0])
            findings.append(Problem(page.source.rel, _message(broken, other), line=line))
    return findings
