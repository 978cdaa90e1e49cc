"""Signal wiring: the content scan before reading; the HTML policy, image
alt text and duplicate titles on every page as it is read; and, once every
generator has finished and every other plugin has reported, the links
Pelican could not resolve. Every problem goes to the build's one Collector
(iopguide/problems.py); the last handler stops the build once, before anything is
written, with all of them."""

import logging
import re
from html.parser import HTMLParser
from pathlib import Path

from pelican import signals
from pelican.contents import Page
from pelican.utils import get_relative_path, path_to_url

from . import content_scan, html_policy
from ..problems import ContentError, Problem, collector
from ..contents import every_page


def _shown(path, settings):
    return content_scan._shown(Path(path).resolve(), Path(settings["PATH"]).resolve().parent)


class Titles:
    """Every page needs its own title within its language (search results and
    the browser tab show it). Pages are read in no fixed order, so the problem
    goes on the file whose path sorts later, naming the other."""

    def __init__(self):
        self.first = {}   # (lang, folded title) -> (file, line)

    def add(self, lang, title, shown, line):
        """Record a page's title; a Problem if another page already has it, else None."""
        key = (lang, title.strip().casefold())
        if key not in self.first or self.first[key][0] == shown:
            self.first.setdefault(key, (shown, line))
            return None
        a, b = sorted([self.first[key], (shown, line)])
        return Problem(b[0], f"'{title.strip()}' is also the title of {a[0]}; every page needs its own "
                       "title (search results and the browser tab show it). Change one of them",
                       key="Title", line=b[1])


TITLES = "SITE_TITLES"   # the build's Titles, kept in its settings like its Collector


def on_initialized(pelican):
    settings = pelican.settings
    collector(settings)
    settings[TITLES] = Titles()
    problems = content_scan.scan(settings["PATH"], settings)
    if problems:
        # Nothing may be read: a 5 MB page would stall Markdown, a link could publish /etc/passwd.
        raise ContentError(problems)
    # Connected now, after every plugin registered its own: this runs last.
    signals.all_generators_finalized.connect(on_everything_read)


def _line(text, needle):
    needle = needle.lower()
    header_done = False
    for number, line in enumerate(text.splitlines(), start=1):
        header_done = header_done or not line.strip()
        if header_done and needle in line.lower():
            return number
    return None


def page_problems(content_html, source_text, shown):
    """Problems for HTML in one page that the allow-list refuses."""
    return [Problem(shown, message, line=_line(source_text, needle))
            for needle, message in html_policy.check(content_html or "")]


class _Images(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []   # src of each <img> without alt text

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and not (attrs.get("alt") or "").strip():
            self.found.append(attrs.get("src") or "")

    handle_startendtag = handle_starttag


def no_alt_message(src):
    return (f"image {src} has no alt text; say what it shows, "
            "e.g. ![A counselor talking with a group](group.png)")


def image_problems(content_html, source_text, shown):
    """An image in a page's text needs alt text (what it shows, for screen readers).
    Pelican warns about an empty alt itself; this names the line too."""
    if "<img" not in (content_html or ""):
        return []
    parser = _Images()
    parser.feed(content_html)
    parser.close()
    return [Problem(shown, no_alt_message(src), line=_line(source_text, src.rsplit("/", 1)[-1] or "!["))
            for src in parser.found]


def on_content_object_init(instance):
    if not isinstance(instance, Page) or not getattr(instance, "source_path", None):
        return
    shown = _shown(instance.source_path, instance.settings)
    text = Path(instance.source_path).read_text(encoding="utf-8")
    html = getattr(instance, "_content", "")
    found = collector(instance.settings)
    found.extend(page_problems(html, text, shown) + image_problems(html, text, shown))
    line, _ = content_scan.title_of(text)
    titles = instance.settings.setdefault(TITLES, Titles())
    found.add(*filter(None, [titles.add(getattr(instance, "lang", None), str(getattr(instance, "title", "")),
                                        shown, line)]))


# ---- links Pelican could not resolve -----------------------------------------------
# Pelican leaves an internal link it cannot resolve as it was written:
# href="{filename}no-such-page.md". What is left that way after Pelican's own
# resolution is a broken link (no second copy of Pelican's look-up here).
UNRESOLVED = re.compile(r"""(?:href|src)=(["'])[{|](?:filename|static|attach)[}|](?P<target>[^"'#?]*)""")


def unresolved_targets(html):
    """The target of each link Pelican left unresolved in `html`, once each, in order."""
    # Each such link has a { or a |, which resolved pages rarely have: looking
    # for those two first skips the regex (0.2 ms on a page with a levels
    # table) on nearly every page.
    if "{" not in html and "|" not in html:
        return []
    return list(dict.fromkeys(m["target"] for m in UNRESOLVED.finditer(html)))


def missing_message(target):
    return (f"link to '{target}': there is no such file. Check the spelling; pages are the .md "
            "files in content/pages/, e.g. [what an IOP is]({filename}what-is-iop.md)")


class _Held(logging.Filter):
    """Holds Pelican's own messages while one page's links are resolved here."""

    def __init__(self):
        super().__init__()
        self.records = []

    def filter(self, record):
        self.records.append(record)
        return False


def writer_siteurl(obj):
    """The siteurl Pelican's writer will resolve this page's links against
    (with RELATIVE_URLS, the way up from the page's folder). Pelican keeps a
    page's content per siteurl, so resolving them here with the same one means
    the writer reuses this work instead of resolving every link twice."""
    if obj.settings.get("RELATIVE_URLS") and getattr(obj, "save_as", None):
        return path_to_url(get_relative_path(obj.save_as))
    return obj.get_siteurl()


def link_problems(obj, shown):
    """Resolve a page's internal links the way Pelican does when it writes the
    page, and report each one it could not resolve, with its line. Anything
    else Pelican says about the page meanwhile is reported too, on the page."""
    held = _Held()
    log = logging.getLogger("pelican.contents")
    log.addFilter(held)
    try:
        html = obj.get_content(writer_siteurl(obj))
    finally:
        log.removeFilter(held)
    targets = unresolved_targets(html or "")
    if targets:
        text = Path(obj.source_path).read_text(encoding="utf-8")
        return [Problem(shown, missing_message(t), line=_line(text, t)) for t in targets]
    return [Problem(shown, record.getMessage()) for record in held.records]



def on_everything_read(generators):
    """Last: the links, then stop once if any stage found an error."""
    if not generators:
        return
    settings = generators[0].settings
    found = collector(settings)
    for obj in every_page(generators):
        if getattr(obj, "source_path", None):
            found.extend(link_problems(obj, _shown(obj.source_path, settings)))
    found.stop_if_errors()


def register():
    signals.initialized.connect(on_initialized)
    signals.content_object_init.connect(on_content_object_init)
