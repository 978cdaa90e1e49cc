"""Unit tests for iopguide/pages: metadata checks and the source list."""

import datetime as dt
from pathlib import Path

import pytest

from iopguide.problems import ContentError
from iopguide.pages.metadata import check_page
from iopguide.pages.navigation import faq_items, headings, link_reading_path
from iopguide.pages.source_list import MARKER, fill_marker
from iopguide.pages.sources import load_sources

ROOT = Path(__file__).resolve().parents[2]

SOURCES = {
    "a": {"publisher": "SAMHSA", "title": "A <b>title</b>", "year": 2020, "url": "https://a.example/"},
    "b": {"publisher": "ASAM", "title": "B", "year": 2023, "url": "https://b.example/"},
}
TODAY = dt.date(2026, 11, 23)
GOOD = {"title": "T", "summary": "A summary.", "reviewed": "2026-11-01",
        "next-review": "2027-11-01", "sources": "a, b", "order": "3"}


def problems_for(**changes):
    meta = dict(GOOD)
    for key, value in changes.items():
        key = key.replace("_", "-")
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    return [str(p) for p in check_page("content/pages/x.md", meta, SOURCES, TODAY)[1]]


def test_good_metadata_has_no_problems():
    fields, problems = check_page("content/pages/x.md", GOOD, SOURCES, TODAY)
    assert problems == []
    assert fields["reviewed"] == dt.date(2026, 11, 1)
    assert [s["key"] for s in fields["sources"]] == ["a", "b"]
    assert fields["order"] == 3


@pytest.mark.parametrize("changes, expected", [
    ({"summary": None}, "content/pages/x.md: Summary: missing"),
    ({"reviewed": "2026-13-01"}, "Reviewed: '2026-13-01' is not a date; expected YYYY-MM-DD"),
    ({"reviewed": "2026-12-25"}, "Reviewed: 2026-12-25 is in the future"),
    ({"next_review": "2026-10-01"}, "Next-review: 2026-10-01 must be after Reviewed"),
    ({"sources": "a"}, "Sources: 1 listed; every page cites at least 2"),
    ({"sources": "a, nope"}, "Sources: unknown source 'nope'"),
    ({"sources": "a, a, b"}, "Sources: a source is listed twice"),
    ({"order": "three"}, "Order: 'three' is not a whole number"),
    ({"order": None}, "Order: missing"),
    ({"summary": "TODO"}, "Summary: still says TODO"),
    ({"summary": "x" * 250}, "Summary: 250 characters"),
])
def test_each_metadata_mistake_is_named(changes, expected):
    problems = problems_for(**changes)
    assert any(expected in p for p in problems), problems


def test_hidden_pages_need_no_order():
    assert problems_for(order=None, status="hidden") == []


def test_content_error_lists_every_problem():
    err = ContentError(["one", "two"])
    assert "2 content problems found" in str(err) and "  - one" in str(err) and "  - two" in str(err)


def test_source_registry_errors(tmp_path):
    bad = tmp_path / "sources.yaml"
    bad.write_text("a:\n  publisher: X\n  title: Y\n  year: 2020\n  url: http://insecure/\nb: [1\n")
    with pytest.raises(ContentError) as info:
        load_sources(bad)
    assert "sources.yaml:7: not valid YAML" in str(info.value) and "starts on line 6" in str(info.value)
    bad.write_text("a:\n  publisher: X\n  year: 2020\n  url: http://insecure/\n")
    with pytest.raises(ContentError) as info:
        load_sources(bad)
    assert "a.title: missing" in str(info.value) and "must start with https://" in str(info.value)


def test_source_list_marker_escapes_text():
    html = fill_marker(f"<p>x</p>\n{MARKER}\n", SOURCES)
    assert MARKER not in html
    assert "A &lt;b&gt;title&lt;/b&gt;" in html and html.index("ASAM") < html.index("SAMHSA")


def test_headings_and_faq_items():
    body = '<p>intro</p><h2 id="q1">Is it <em>free</em>?</h2><p>Often.</p><h2 id="q2">Q2?</h2><p>Yes &amp; no.</p>'
    assert headings(body) == [("q1", "Is it free?"), ("q2", "Q2?")]
    assert faq_items(body) == [("Is it free?", "Often."), ("Q2?", "Yes & no.")]


def test_reading_path_links_pages_in_order():
    class P:
        def __init__(self, order):
            self.order = order
    a, b, c = P(2), P(0), P(1)
    assert link_reading_path([a, b, c]) == [b, c, a]
    assert b.reading_prev is None and b.reading_next is c and a.reading_next is None and a.reading_prev is c


def test_source_registry_is_left_out_of_the_reading_grade():
    # a list of titles (proper names), not prose
    assert '<ul class="source-registry" data-readability-skip>' in fill_marker(MARKER, SOURCES)


def test_the_two_source_pages_split_the_real_registry_without_gaps_or_repeats():
    """<!-- site:sources government --> and <!-- site:sources other --> together list
    every source in content/data/sources.yaml exactly once (the "Sources we use" page
    and its second page); .gov and .mil addresses are the government ones."""
    import re

    registry = load_sources(ROOT / "content" / "data" / "sources.yaml", "content/data/sources.yaml")
    links = {}
    for marker in ("<!-- site:sources government -->", "<!-- site:sources other -->"):
        links[marker] = re.findall(r'<a href="([^"]+)">', fill_marker(marker, registry))
    government, other = links.values()
    assert government and other
    assert sorted(government + other) == sorted(str(s["url"]).replace("&", "&amp;") for s in registry.values())
    assert all(re.match(r"https?://[^/]*\.(gov|mil)(/|$)", url) for url in government), government
    assert not any(re.match(r"https?://[^/]*\.(gov|mil)(/|$)", url) for url in other), other


def test_related_pages_come_from_the_links_between_pages(tmp_path):
    """Mutual links first, then pages linked from here (most links first), then
    pages linking here; ties by nearness on the reading path; never the home
    page or get-help-now (in every page's header); none on the home page."""
    from iopguide.pages.navigation import related_pages

    class P:
        def __init__(self, slug, order, links):
            self.slug, self.order = slug, order
            self.source_path = str(tmp_path / "pages" / f"{slug}.md")
            self._content = "".join(f'<p><a href="{{filename}}{target}">x</a></p>' for target in links)

    home = P("index", 0, ["a.md", "b.md"])
    a = P("a", 1, ["b.md", "c.md", "c.md", "get-help-now.md", "index.md", "/pages/d.md", "missing.md"])
    b = P("b", 2, ["a.md"])                      # a <-> b: mutual
    c = P("c", 9, [])                            # a -> c twice
    d = P("d", 3, [])                            # a -> d (a path from the content root)
    e = P("e", 4, ["a.md"])                      # e -> a only
    f = P("f", 7, ["a.md"])                      # f -> a only, further away on the path
    help_page = P("get-help-now", 5, ["a.md"])
    related_pages([home, a, b, c, d, e, f, help_page], tmp_path)
    assert [p.slug for p in a.related_pages] == ["b", "c", "d", "e"]        # limit 4: f is left out
    assert home.related_pages == []
    assert [p.slug for p in c.related_pages] == ["a"]
    assert [p.slug for p in help_page.related_pages] == ["a"]
