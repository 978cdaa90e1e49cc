"""Derived navigation: the reading path, and "On this page" lists."""

import html
import re

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
