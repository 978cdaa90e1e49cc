"""Claim-level citations: the Markdown syntax [@key], numbering against the
page's source list, and unknown keys named with file and line."""


import markdown
import pytest

from iopguide.pages import citations
from iopguide.pages.cite_md import CitationExtension

SOURCES = {
    "a": {"publisher": "SAMHSA", "title": "TIP 47 <x>", "year": 2006, "url": "https://a.example/"},
    "b": {"publisher": "ASAM", "title": "The ASAM Criteria", "year": 2023, "url": "https://b.example/"},
    "c": {"publisher": "NIDA", "title": "Principles", "year": 2018, "url": "https://c.example/"},
}


def render(text):
    md = markdown.Markdown(extensions=["extra", "meta", "toc", "smarty", CitationExtension()], output_format="html5")
    return md.convert(text)


def listed(*keys):
    return [dict(SOURCES[k], key=k) for k in keys]


def test_citation_becomes_a_placeholder_naming_its_keys():
    html = render("Adults get 9 hours a week [@a]. Two at once [@b; @c].")
    assert '9 hours a week<sup class="cite" data-cite="a"></sup>.' in html
    assert '<sup class="cite" data-cite="b c"></sup>' in html
    assert "[@" not in html


@pytest.mark.parametrize("text", [
    "Write `[@a]` to cite.",                      # inline code
    "```\n[@a]\n```",                              # fenced code
    "See [the guide [@a]](https://x.example/).",  # link text
])
def test_citation_syntax_in_code_and_link_text_is_left_alone(text):
    html = render(text)
    assert "[@a]" in html and "data-cite" not in html


def test_malformed_citations_are_not_read_as_citations():
    html = render("Wrong [@ a] and [@a, b].")
    assert "data-cite" not in html


def test_numbers_follow_the_source_list_and_name_the_source():
    html = render("One [@b]. Two [@a; @b].")
    source_list = citations.full_source_list(listed("a", "b"), html, SOURCES)
    out = citations.number_citations(html, source_list)
    assert '<a href="#source-b" aria-label="Source 2: ASAM, The ASAM Criteria"' in out
    assert '<a href="#source-a" aria-label="Source 1: SAMHSA, TIP 47 &lt;x&gt;"' in out
    assert out.count('<sup class="cite"') == 2 and "data-cite" not in out
    assert ">1</a>,\u2009<a" in out  # several sources: numbers separated by a comma


def test_cited_keys_missing_from_sources_line_are_added_in_order_cited():
    html = render("X [@c]. Y [@b]. Z [@c].")
    source_list = citations.full_source_list(listed("a"), html, SOURCES)
    assert [s["key"] for s in source_list] == ["a", "c", "b"]
    assert 'href="#source-c" aria-label="Source 2:' in citations.number_citations(html, source_list)


def test_unknown_key_names_file_line_and_key():
    text = "Title: T\n\nFirst line.\n\n```\n[@nope]\n```\n\nIt says 9 hours [@a; @nope].\n"
    html = render(text)
    problems = citations.unknown_key_problems("content/pages/x.md", html, SOURCES, text)
    assert len(problems) == 1
    assert str(problems[0]).startswith("content/pages/x.md:9: citation [@nope]: 'nope' is not a source")
    assert "content/data/sources.yaml" in str(problems[0])


def test_known_keys_give_no_problems_and_are_counted():
    html = render("A [@a]. B [@a; @b].\n\n- C [@c]")
    assert citations.unknown_key_problems("x.md", html, SOURCES) == []
    assert citations.citation_count(html) == 3
    assert citations.cited_keys(html) == ["a", "b", "c"]
