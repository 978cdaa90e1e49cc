"""Signal wiring: the content scan before reading, the HTML policy on every
page as it is read, duplicate titles once all pages are read. The page
problems are raised once every generator has finished (before anything is
written), so site_pages' messages about the same pages come first."""

from pathlib import Path

from pelican import signals
from pelican.contents import Page

from . import content_scan, html_policy
from .errors import Problem, SiteError

_found = []    # problems of the current build (the live preview rebuilds)


class ContentError(SiteError):
    kind = "content"


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


_titles = Titles()


def on_initialized(pelican):
    _found.clear()
    _titles.first.clear()
    problems = content_scan.scan(pelican.settings["PATH"], pelican.settings)
    if problems:
        raise ContentError(problems)


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


def on_content_object_init(instance):
    if not isinstance(instance, Page) or not getattr(instance, "source_path", None):
        return
    shown = _shown(instance.source_path, instance.settings)
    text = Path(instance.source_path).read_text(encoding="utf-8")
    _found.extend(page_problems(getattr(instance, "_content", ""), text, shown))
    line, _ = content_scan.title_of(text)
    duplicate = _titles.add(getattr(instance, "lang", None), str(getattr(instance, "title", "")), shown, line)
    if duplicate:
        _found.append(duplicate)


def on_all_generators_finalized(generators):
    if _found:
        problems = list(dict.fromkeys(_found))
        _found.clear()
        raise ContentError(problems)


def register():
    signals.initialized.connect(on_initialized)
    signals.content_object_init.connect(on_content_object_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
