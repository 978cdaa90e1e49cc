"""Readability of built pages: Flesch-Kincaid grade of what a visitor reads.

Measured on the rendered HTML (not the Markdown), on the page's article: the
h1, summary and body, tables and quiz included. Sources, review dates and the
contents list are left out: they are references, not prose (so is the
full source registry on the About page: document titles are proper names).

Each block (paragraph, list item, heading, table cell...) is treated as its
own sentence. Without this, a bulleted list with no full stops would count as
one endless sentence and the grade would mean nothing.

Spanish pages (<html lang="es">) are measured with Fernández-Huerta (the
Flesch reading ease adapted to Spanish: 70 or more is easy). textstat's
language is global, so it is set for each Spanish measurement and put back.

textstat is pinned at 0.7.8: later versions download NLTK data at run time,
which fails offline.

Usage: python -m checks.readability OUTPUT_DIR
"""

import re
import sys
from pathlib import Path

import textstat
from bs4 import BeautifulSoup, Tag

GRADE_LIMIT = 8.0
FH_MIN = 70.0   # Fernández-Huerta, Spanish pages
MAIN = re.compile(r"<main\b.*?</main>", re.S)
# A content page's article: class "page", maybe with others ("page page--toc-side").
CONTENT_PAGE = re.compile(r'<article class="page[" ]')
HTML_LANG = re.compile(r"<html[^>]*\blang=\"(?P<lang>[A-Za-z]{2})")
BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "td", "th", "caption",
          "legend", "label", "summary", "figcaption", "blockquote"]
SKIP = [".sources", ".source-registry", ".review-dates", "nav.toc", "script", "[data-readability-skip]"]
BLOCK_NAMES = set(BLOCKS)
END_PUNCTUATION = (".", "!", "?", ":", ";")


def page_text(html: str) -> str:
    """The article's words, one sentence-ish unit per block."""
    # Only <main> holds the article: parsing just that part is about a third
    # faster (the header, help lines and footer are left out either way).
    main = MAIN.search(html)
    soup = BeautifulSoup(main.group(0) if main else html, "html.parser")
    article = soup.select_one("article.page") or soup.select_one("main")
    if article is None:
        return ""
    for el in article.select(", ".join(SKIP)):   # one pass over the tree, not one per selector
        el.decompose()
    units = []
    for el in article.find_all(BLOCKS):
        if any(isinstance(d, Tag) and d.name in BLOCK_NAMES for d in el.descendants):
            # A block holding other blocks: take only its own loose text.
            own = " ".join(s.strip() for s in el.find_all(string=True, recursive=False) if s.strip())
        else:
            own = " ".join(el.get_text(" ").split())
        if not own:
            continue
        if not own.endswith(END_PUNCTUATION):
            own += "."
        units.append(own)
    return "\n".join(units)


def is_content_page(html: str) -> bool:
    """A page with an article to measure (not the search or 404 page)."""
    return bool(CONTENT_PAGE.search(html))


def grade(html: str) -> float:
    text = page_text(html)
    return textstat.flesch_kincaid_grade(text) if text.strip() else 0.0


def page_lang(html: str) -> str:
    """The page's language from <html lang="...">, two letters ('en' if none)."""
    match = HTML_LANG.search(html[:2000])
    return match["lang"].lower() if match else "en"


def fernandez_huerta(html: str) -> float:
    text = page_text(html)
    if not text.strip():
        return 100.0
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(text)
    finally:
        textstat.set_lang("en_US")


def measure(html: str):
    """(measure's name, value, within the limit) in the page's language."""
    if page_lang(html) == "es":
        value = fernandez_huerta(html)
        return "Fernández-Huerta", value, value >= FH_MIN
    value = grade(html)
    return "Flesch-Kincaid grade", value, value <= GRADE_LIMIT


def word_count(html: str) -> int:
    return textstat.lexicon_count(page_text(html))


def measure_site(output_dir) -> list:
    """[(url_path, grade, words)] for every content page in a built site."""
    rows = []
    root = Path(output_dir)
    for path in sorted(root.rglob("index.html")):
        if "pagefind" in path.parts:
            continue
        html = path.read_text(encoding="utf-8")
        if not is_content_page(html):
            continue
        url = "/" + path.relative_to(root).parent.as_posix().strip(".") + ("/" if path.parent != root else "")
        rows.append((url.replace("//", "/"), measure(html), word_count(html)))
    return rows


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    rows = measure_site(argv[0])
    worst = 0
    print(f"{'page':40} {'score':>6} {'words':>6}")
    for url, (name, value, ok), words in rows:
        flag = "" if ok else f"  <- {name} outside the limit"
        print(f"{url:40} {value:6.1f} {words:6d}{flag}")
        worst += not ok
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
