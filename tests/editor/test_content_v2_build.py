"""What the build itself enforces for content v2 (it must never publish an
unknown citation key, a review cycle that is too long, a malformed
Clinical-review line or a broken glossary), how citations, the glossary and
clinical review look in the built pages. Each test builds a copy of the
project in process with the build `make html` runs. (`make check`'s own
rules for v2, figures cited and words to avoid, with file and line: their
owners in tests/editor/test_content_rules.py.)"""

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta

from checkrun import digest
from iopguide.runner import build as build_project
from sitebuild import copy_project

pytestmark = pytest.mark.slow  # builds copies of the project


def add_header_field(path, field, after="Next-review:"):
    """Insert 'field' as a header line after the line starting with `after`; return its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(after)) + 1
    lines.insert(at, field)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def append(path, text):
    old = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(old + "\n\n" + text + "\n", encoding="utf-8")
    return old.count("\n") + 3  # the line the appended text starts on


def build(project, out, cache=None):
    """The copy built in this process with the build `make html` runs (iopguide/runner.py);
    cache: a folder for Pelican's reader cache (as the live preview keeps it)."""
    result = build_project(project / "pelicanconf.py", project, out, cache_path=cache, reader_cache=bool(cache))
    return result.ok, "\n".join(str(p) for p in result.problems)


def test_build_stops_on_what_must_never_publish(tmp_path):
    project = copy_project(tmp_path / "project")
    pages = project / "content" / "pages"
    cite_line = append(pages / "about.md", "Programs run at least 9 hours a week [@asam-criteria; @no-such-source].")
    cycle_line = add_header_field(pages / "who-is-iop-for.md", "Review-every: 3 months")
    next_line = next(n for n, t in enumerate((pages / "who-is-iop-for.md").read_text().splitlines(), 1)
                     if t.startswith("Next-review:"))
    clinical_line = add_header_field(pages / "faq.md", "Clinical-review: Dr Somebody")
    glossary = project / "content" / "data" / "glossary.yaml"
    bad_line = append(glossary, "made-up:\n  term: Made up")
    before = digest(project / "content")
    ok, out = build(project, tmp_path / "out")
    assert not ok
    assert (f"content/pages/about.md:{cite_line}: citation [@no-such-source]: 'no-such-source' is not a "
            "source in content/data/sources.yaml") in out, out
    # The page's own dates (editors move them at each review): a 3-month cycle makes its Next-review too late.
    lines = (pages / "who-is-iop-for.md").read_text().splitlines()[:12]
    header = {t.split(":")[0]: t.split(":", 1)[1].strip() for t in lines if t.startswith(("Reviewed:", "Next-review:"))}
    latest = dt.date.fromisoformat(header["Reviewed"]) + relativedelta(months=3)
    assert f"content/pages/who-is-iop-for.md:{next_line}: Next-review: {header['Next-review']} is too late: with " \
           f"Review-every: 3 months after Reviewed ({header['Reviewed']}), the latest allowed is {latest}" in out, out
    assert cycle_line == next_line + 1
    assert f"content/pages/faq.md:{clinical_line}: Clinical-review: 'Dr Somebody' is incomplete" in out, out
    assert f"content/data/glossary.yaml:{bad_line}: made-up.definition: missing" in out, out
    assert digest(project / "content") == before, "the build changed content/"


def test_citations_glossary_and_clinical_review_in_the_built_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    pages = project / "content" / "pages"
    # samhsa-988-faq is cited but not in the page's Sources line: it is added to the list
    append(pages / "what-is-iop.md", "Adults get at least 9 hours a week [@asam-criteria; @samhsa-988-faq]. "
                                     "See `[@not-a-citation]` in code.")
    add_header_field(pages / "faq.md", "Clinical-review: Test Reviewer, MD, 2026-11-01")
    ok, said = build(project, tmp_path / "out")
    assert ok, said
    site = tmp_path / "out"

    soup = BeautifulSoup((site / "what-is-iop/index.html").read_text(encoding="utf-8"), "html.parser")
    entries_ = soup.select(".sources ol > li")
    ids = [li["id"] for li in entries_]
    assert ids[-1] == "source-samhsa-988-faq" and "source-asam-criteria" in ids
    added = next(p for p in soup.select("article p") if "Adults get at least 9 hours a week" in p.get_text())
    cites = added.select("sup.cite a")
    assert len(cites) == 2
    for a in cites:
        key = a["href"].removeprefix("#source-")
        position = ids.index(f"source-{key}") + 1
        assert a.get_text() == str(position)
        assert a["aria-label"].startswith(f"Source {position}: ")
    assert "[@not-a-citation]" in added.select_one("code").get_text()
    assert "[@" not in soup.select_one(".prose").get_text().replace("[@not-a-citation]", "")

    # the glossary page lists every term; other pages link a term's first use to it
    glossary = BeautifulSoup((site / "glossary/index.html").read_text(encoding="utf-8"), "html.parser")
    anchors = {dt["id"] for dt in glossary.select("dl.glossary dt")}
    assert {"term-withdrawal", "term-tty", "term-deductible"} <= anchors
    assert not glossary.select("a.glossary-term")  # the glossary does not link to itself
    linked = 0
    for page in site.rglob("index.html"):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        terms = [a["href"].split("#")[1] for a in doc.select("a.glossary-term")]
        assert len(terms) == len(set(terms)), f"{page}: a term is linked twice"
        assert all(t in anchors for t in terms)
        assert not doc.select("h1 a.glossary-term, h2 a.glossary-term, h3 a.glossary-term, .crisis-strip a.glossary-term")
        linked += len(terms)
    assert linked > 20

    # clinical review: shown when set; otherwise said plainly, linking to the editorial policy
    faq = BeautifulSoup((site / "faq/index.html").read_text(encoding="utf-8"), "html.parser")
    shown = faq.select_one(".review-dates .clinical-review").get_text(" ", strip=True)
    assert "Test Reviewer, MD" in shown and "November 1, 2026" in shown
    ld = next(json.loads(s.string) for s in faq.find_all("script", type="application/ld+json")
              if "MedicalWebPage" in s.string)
    assert ld["reviewedBy"] == {"@type": "Person", "name": "Test Reviewer", "honorificSuffix": "MD"}
    other = soup.select_one(".review-dates .clinical-review--none")
    assert "No clinician has checked this page" in other.get_text()
    assert other.select_one("a")["href"] == "../editorial-policy/"


def test_the_reader_cache_cannot_hide_a_change_to_sources_or_glossary(tmp_path):
    project = copy_project(tmp_path / "project")
    append(project / "content/pages/what-is-iop.md", "At least 9 hours a week [@asam-criteria].")
    cache = tmp_path / "cache"
    ok, said = build(project, tmp_path / "out1", cache)
    assert ok, said
    sources = project / "content/data/sources.yaml"
    sources.write_text(sources.read_text().replace("The ASAM Criteria, 4th edition", "The ASAM Criteria (renamed)"))
    glossary = project / "content/data/glossary.yaml"
    glossary.write_text(glossary.read_text().replace("A text telephone.", "A telephone for text."))
    ok, said = build(project, tmp_path / "out2", cache)
    assert ok, said
    assert any((tmp_path / "cache").iterdir()), "the cache was not used"
    html = (tmp_path / "out2/what-is-iop/index.html").read_text(encoding="utf-8")
    assert 'aria-label="Source 3: American Society of Addiction Medicine (ASAM), The ASAM Criteria (renamed)"' in html
    assert "A telephone for text." in (tmp_path / "out2/glossary/index.html").read_text(encoding="utf-8")
