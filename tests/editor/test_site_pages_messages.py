"""The page-metadata layer's messages that `make check` and the build share:
line numbers for header fields, and duplicate slugs naming both files."""

import datetime as dt
from types import SimpleNamespace

from iopguide.pages.metadata import check_page, header_lines
from iopguide.pages.slugs import SlugRegistry

SOURCES = {"a": {"publisher": "P", "title": "T", "year": 2020, "url": "https://a"},
           "b": {"publisher": "P", "title": "U", "year": 2021, "url": "https://b"}}


def test_header_lines_follow_the_markdown_meta_rules():
    text = "Title: A\nSummary: one\n    more\nReviewed 2026-01-01\nSources: a, b\n\nBody: not a field\n"
    # the line without a colon ends the header, as in Python-Markdown: Sources is not read
    assert header_lines(text) == {"title": 1, "summary": 2}


def test_check_page_puts_the_line_in_each_message():
    meta = {"title": "A", "summary": "S", "reviewed": "2026-13-01", "next-review": "2027-01-01",
            "sources": "a, b", "order": "1"}
    _, problems = check_page("content/pages/x.md", meta, SOURCES, dt.date(2026, 11, 23),
                             lines={"reviewed": 3})
    assert [str(p) for p in problems] == ["content/pages/x.md:3: Reviewed: '2026-13-01' is not a date; "
                        "expected YYYY-MM-DD, e.g. 2026-11-23"]


def test_check_page_without_lines_keeps_the_old_format():
    meta = {"title": "A", "summary": "S", "reviewed": "2026-01-01", "next-review": "2027-01-01",
            "sources": "a, b", "order": "TODO"}
    _, problems = check_page("x.md", meta, SOURCES, dt.date(2026, 11, 23))
    assert [str(p) for p in problems] == ["x.md: Order: still says TODO; fill in a whole number for the page's "
                        "place on the reading path"]


def page(slug):
    return SimpleNamespace(slug=slug, lang="en")


def test_duplicate_slug_names_both_files_whatever_the_reading_order():
    for order in ([("content/pages/a.md", None), ("content/pages/b.md", 2)],
                  [("content/pages/b.md", 2), ("content/pages/a.md", None)]):
        registry = SlugRegistry()
        pages = {}
        for path, line in order:
            pages[path] = page("same")
            registry.add(pages[path], path, line)
        # reported on the page whose Slug: line caused it, naming the other
        assert [str(p) for p in registry.problems] == ["content/pages/b.md:2: Slug: 'same' is already used by "
                                     "content/pages/a.md; two pages cannot share one address. Rename "
                                     "one of the files, or give one a different 'Slug: ...' line"]
        assert pages["content/pages/a.md"].slug == "same"
        assert pages["content/pages/b.md"].slug != "same"


def test_different_slugs_are_fine():
    registry = SlugRegistry()
    registry.add(page("one"), "a.md")
    registry.add(page("two"), "b.md")
    assert registry.problems == []
