"""Derived navigation: the reading path, and "On this page" lists."""

import html
import os
import re
from pathlib import Path

# h2 headings as the Markdown toc extension writes them: <h2 id="slug">Text</h2>
H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
TAG = re.compile(r"<[^>]+>")
# A contents list helps from this many sections up.
TOC_MIN_SECTIONS = 3


def headings(content_html):
    """Return [(id, text)] for each h2 in a page's HTML."""
    return [(hid, html.unescape(TAG.sub("", text)).strip()) for hid, text in H2.findall(content_html)]


def faq_items(content_html):
    """Return [(question, answer_html)]: each h2 and the HTML up to the next h2."""
    parts = H2.split(content_html)
    # split gives [before, id1, text1, body1, id2, text2, body2, ...]
    items = []
    for i in range(1, len(parts) - 2, 3):
        question = html.unescape(TAG.sub("", parts[i + 1])).strip()
        answer = html.unescape(TAG.sub(" ", parts[i + 2]))
        answer = re.sub(r"\s+", " ", answer).strip()
        items.append((question, answer))
    return items


def link_reading_path(pages):
    """Set reading_prev / reading_next on pages ordered by their Order field."""
    path = sorted((p for p in pages if getattr(p, "order", None) is not None), key=lambda p: p.order)
    for i, page in enumerate(path):
        page.reading_prev = path[i - 1] if i > 0 else None
        page.reading_next = path[i + 1] if i + 1 < len(path) else None
    return path


# ---- Related pages ----------------------------------------------------------
# "Related pages" at the end of a page, derived from the links editors already
# write between pages (no new metadata to keep up to date). A page that links
# here and is linked from here is the closest relation; then pages this page
# sends readers to; then pages that send readers here. Ties go to the page
# nearest on the reading path. The home page and get-help-now are in the header
# of every page, so they are never listed, and the home page (a list of every
# topic already) shows none.
RELATED_LIMIT = 4
RELATED_NEVER_LISTED = ("index", "get-help-now")
RELATED_NOT_SHOWN_ON = ("index",)
PAGE_LINK = re.compile(r'<a\b[^>]*\bhref="\{filename\}([^"#?]+)')


def page_links(page, by_path, content_root):
    """{target page: number of links} for the {filename} links the editor wrote
    in a page (page.written_links, noted as the page was read, before the
    glossary's and the levels table's links were added; else its HTML's)."""
    here = Path(page.source_path).parent
    found = {}
    targets = getattr(page, "written_links", None)
    for target in PAGE_LINK.findall(page._content or "") if targets is None else targets:
        path = (Path(content_root) / target.lstrip("/")) if target.startswith("/") else here / target
        other = by_path.get(os.path.normpath(path))
        if other is not None and other is not page:
            found[other] = found.get(other, 0) + 1
    return found


def _order(page):
    order = getattr(page, "order", None)
    return 999 if order is None else order


def rank_related(page, out_links, in_links):
    """The sort key of each candidate q for `page`: mutual links first, then
    pages `page` links to (most links first), then pages linking to it;
    ties go to the nearest page on the reading path."""
    def key(q):
        score = 3 if (q in out_links and q in in_links) else 2 if q in out_links else 1
        return (-score, -out_links.get(q, 0), abs(_order(q) - _order(page)), _order(q), q.slug)
    return key


def related_pages(pages, content_root, limit=RELATED_LIMIT):
    """Set page.related_pages on each page (pages: one language's pages)."""
    by_path = {os.path.normpath(p.source_path): p for p in pages}
    links = {p: page_links(p, by_path, content_root) for p in pages}
    for page in pages:
        page.related_pages = []
        if page.slug in RELATED_NOT_SHOWN_ON:
            continue
        out_links = links[page]
        in_links = {q for q in pages if page in links[q]}
        candidates = [q for q in set(out_links) | in_links if q.slug not in RELATED_NEVER_LISTED]
        page.related_pages = sorted(candidates, key=rank_related(page, out_links, in_links))[:limit]
