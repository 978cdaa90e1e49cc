"""Values an editor types come out escaped everywhere the theme shows them
(Jinja autoescaping), and the CSP travels in every page.

A Title may hold quotes and '&' (they are plain text), so a break-out attempt
like  Questions" onmouseover="alert(1)  builds, and must land as text in the
<h1>, <title>, og:title, other pages' links to it (the search page's list of pages included) and
the JSON-LD. Code an editor shows in
a code span (`<script>`) must stay text in the page and in the FAQ JSON-LD.
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from iopguide.runner import build
from sitebuild import ROOT, copy_project

pytestmark = pytest.mark.slow  # builds a copy of the project

BREAKOUT = 'Questions" onmouseover="alert(1)" x="'
CODE = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("escaping") / "project")
    faq = project / "content/pages/faq.md"
    text = faq.read_text(encoding="utf-8")
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith("Title:"))
    lines[i] = f"Title: {BREAKOUT} & <3"
    text = "\n".join(lines)
    # A question whose answer shows code: it stays text, also in the FAQ JSON-LD.
    text = text.rstrip("\n") + f"\n\n## What does `{CODE}` mean?\n\nIt is code: `{CODE}`.\n"
    faq.write_text(text, encoding="utf-8")
    result = build(project / "pelicanconf.py", project, project / "output")   # in process, as make html builds
    assert result.ok, [str(p) for p in result.problems]
    return project / "output"


def soup(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def test_no_page_gets_the_attribute_or_the_script(built):
    for page in built.rglob("*.html"):
        doc = soup(page)
        assert not doc.find(attrs={"onmouseover": True}), f"{page}: the title broke out of an attribute"
        for script in doc.find_all("script"):
            assert script.get("type") in ("module", "application/ld+json", "application/json"), page
            assert "alert(1)" not in (script.get("src") or ""), page


def test_title_is_text_in_every_place(built):
    doc = soup(built / "faq/index.html")
    expected = f"{BREAKOUT} & <3"
    assert doc.h1.get_text() == expected
    assert doc.title.get_text().startswith(expected)
    assert doc.find("meta", property="og:title")["content"].startswith(expected)
    # Other pages' links to it (reading path, related pages, the home page's list) show it as text.
    links = {a.get_text(" ", strip=True) for page in built.rglob("*.html") for a in soup(page).select("main a, nav a")
             if "onmouseover" in a.get_text()}
    assert links and all(expected in text for text in links), links
    # The footer lists only a few pages since the design v2 layout; the search page lists them all.
    listed = [a.get_text() for a in soup(built / "search/index.html").select('main a[href="../faq/"]')]
    assert listed == [expected]
    ld = json.loads(doc.find("script", type="application/ld+json").string)
    assert ld["name"] == expected


def test_json_ld_escapes_closing_tags(built):
    raw = (built / "faq/index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
    assert len(blocks) == 2, "expected the page and the FAQ JSON-LD"
    for block in blocks:
        assert "</" not in block and "<script" not in block.lower()
        json.loads(block)
    faq = json.loads(blocks[1])
    assert any(CODE in q["name"] for q in faq["mainEntity"]), "the code in the question is kept as text"


def test_code_spans_stay_text(built):
    doc = soup(built / "faq/index.html")
    assert any(code.get_text() == CODE for code in doc.select("main code"))


def test_meta_csp_on_every_page_matches_headers(built):
    from pelican.settings import read_settings
    policy = read_settings(str(ROOT / "pelicanconf.py"))["CONTENT_SECURITY_POLICY"]
    headers = (ROOT / "content/extra/_headers").read_text(encoding="utf-8")
    header_policy = re.search(r"Content-Security-Policy: (.+)", headers)[1].strip()
    # The header carries what a <meta> cannot (frame-ancestors); the rest is the same.
    assert header_policy == policy + "; frame-ancestors 'none'"
    for page in built.rglob("*.html"):
        head = soup(page).head
        metas = head.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert [m["content"] for m in metas] == [policy], page
        first = head.find_all(["meta", "link", "script", "style"])[:2]
        assert metas[0] in first, f"{page}: the CSP must come before anything it governs"
