"""Every content page: metadata present and valid, review dates sensible,
two or more sources, readability grade 8 or lower, internal links resolve.

The header is read with the one header reader (site_pages.header), but the
rules are checked here on their own, a second check of the plugin's rules.
Links are checked with the one link checker (checks/links.py).
"""

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta

from checks import citations as citation_check
from checks import words as word_check
from checks.project import Project
from checks.links import LinkChecker
from checks.readability import GRADE_LIMIT, grade, word_count
from site_pages.header import parse_header

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "content" / "pages").glob("*.md"))
SOURCES = yaml.safe_load((ROOT / "content" / "data" / "sources.yaml").read_text(encoding="utf-8"))
REQUIRED = ("Title", "Summary", "Reviewed", "Next-review", "Sources", "Order")
GRADES = {}  # page -> (grade, words), printed at the end of the run by conftest
# [@key] or [@key1; @key2]: the citation syntax (docs/editing.md)
CITATION = re.compile(r"\[@([A-Za-z0-9][A-Za-z0-9_-]*(?:\s*;\s*@[A-Za-z0-9][A-Za-z0-9_-]*)*)\]")


def header(path):
    """{Field: value}: the required fields as REQUIRED spells them, the others in lower case."""
    found = parse_header(path.read_text(encoding="utf-8"))
    names = {key.lower(): key for key in REQUIRED}
    return {names.get(key, key): value for key, value in found.metadata.items()}


def built_page(site, path):
    meta = header(path)
    if meta.get("save_as"):
        return Path(site) / meta["save_as"]
    return Path(site) / path.stem / "index.html"


def test_there_are_the_planned_pages():
    assert len(PAGES) >= 14


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_metadata_is_present_and_valid(path):
    meta = header(path)
    hidden = meta.get("status") == "hidden"          # not on the reading path: no Order (site_pages' rule)
    for key in REQUIRED:
        if key == "Order" and hidden:
            continue
        assert meta.get(key), f"{path.name}: {key} missing"
        assert "TODO" not in meta[key], f"{path.name}: {key} says TODO"
    reviewed = dt.date.fromisoformat(meta["Reviewed"])
    next_review = dt.date.fromisoformat(meta["Next-review"])
    assert reviewed <= dt.date.today(), f"{path.name}: Reviewed is in the future"
    assert next_review > reviewed, f"{path.name}: Next-review must come after Reviewed"
    months = int(meta.get("Review-every", "12 months").split()[0])
    assert next_review <= reviewed + relativedelta(months=months), \
        f"{path.name}: Next-review is more than {months} months after Reviewed"
    keys = [k.strip() for k in meta["Sources"].split(",")]
    assert len(set(keys)) >= 2, f"{path.name}: fewer than two sources"
    for key in keys:
        assert key in SOURCES, f"{path.name}: unknown source {key}"
        assert SOURCES[key]["url"].startswith("https://")
    assert hidden or int(meta["Order"]) >= 0
    assert len(meta["Summary"]) <= 200


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_readability_grade_is_8_or_lower(site, path):
    html = built_page(site, path).read_text(encoding="utf-8")
    g = grade(html)
    GRADES[path.stem] = (g, word_count(html))
    assert g <= GRADE_LIMIT, f"{path.name}: Flesch-Kincaid grade {g:.1f} is over {GRADE_LIMIT}"


def test_search_page_reads_at_grade_8_or_lower(site):
    """The search page lists every page's title and summary, so long summaries
    raise its grade: it is held to the same limit as the pages."""
    html = (Path(site) / "search" / "index.html").read_text(encoding="utf-8")
    g = grade(html)
    GRADES["search"] = (g, word_count(html))
    assert g <= GRADE_LIMIT, f"search page: Flesch-Kincaid grade {g:.1f} is over {GRADE_LIMIT}; shorten the pages' summaries"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_page_shows_its_sources_and_review_dates(site, path):
    """The foot-of-page list: the Sources line, then every key cited in the text
    ([@key]) that the line leaves out; each entry's id is source-<key>."""
    soup = BeautifulSoup(built_page(site, path).read_text(encoding="utf-8"), "html.parser")
    meta = header(path)
    listed = [k.strip() for k in meta["Sources"].split(",")]
    body = re.sub(r"```.*?```|`[^`]*`", "", path.read_text(encoding="utf-8"), flags=re.S)
    cited = [k.strip().lstrip("@") for m in CITATION.finditer(body) for k in m.group(1).split(";")]
    if "<!-- site:glossary -->" in body:  # the glossary cites each definition's sources, A to Z
        terms = yaml.safe_load((ROOT / "content" / "data" / "glossary.yaml").read_text(encoding="utf-8"))
        for entry in sorted(terms.values(), key=lambda e: e["term"].lower()):
            source = entry.get("source") or []
            cited += [source] if isinstance(source, str) else source
    keys = list(dict.fromkeys(listed + cited))
    assert [li["id"] for li in soup.select(".sources li")] == [f"source-{k}" for k in keys]
    assert [a["href"] for a in soup.select(".sources li > a")] == [SOURCES[k]["url"] for k in keys]
    assert soup.select_one(".review-dates time")["datetime"] == meta["Reviewed"]
    clinical = soup.select_one(".review-dates .clinical-review")
    if meta.get("Clinical-review"):
        assert meta["Clinical-review"].split(",")[0] in clinical.get_text()
    elif meta.get("Slug", path.stem) == "get-help-now":
        assert clinical is None, "the crisis page leaves off 'Clinical review: Not yet' (review.html)"
    else:
        assert "No clinician has checked this page" in clinical.get_text()
        assert clinical.select_one("a")["href"].endswith("editorial-policy/")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_each_citation_links_to_its_numbered_source(site, path):
    soup = BeautifulSoup(built_page(site, path).read_text(encoding="utf-8"), "html.parser")
    ids = [li["id"] for li in soup.select(".sources li")]
    for a in soup.select("article sup.cite a"):
        number = ids.index(a["href"].lstrip("#")) + 1
        assert a.get_text() == str(number) and a["aria-label"].startswith(f"Source {number}: ")
    assert "[@" not in soup.select_one(".prose").get_text(), f"{path.name}: a citation was not read"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_every_figure_is_cited_at_the_claim(path):
    """The figure rule of `make check` on the real page (docs/editing.md)."""
    project = Project(ROOT)
    page = next(p for p in project.pages() if p.path == path)
    found = citation_check.page_findings(page)
    assert not found, "\n".join(f"{f.file}:{f.line}: {f.message}" for f in found)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_no_words_to_avoid(path):
    """Person-first, non-stigmatizing US English: the word list of `make check`."""
    project = Project(ROOT)
    page = next(p for p in project.pages() if p.path == path)
    rules, allowed = word_check.load_rules()
    found = word_check.page_findings(page, rules, allowed)
    assert not found, "\n".join(f"{f.file}:{f.line}: {f.message}" for f in found)


def test_no_words_to_avoid_in_the_data_files():
    rules, allowed = word_check.load_rules()
    found = word_check.data_findings(Project(ROOT), rules, allowed) + citation_check.glossary_findings(Project(ROOT))
    assert not found, "\n".join(f"{f.file}:{f.line}: {f.message}" for f in found)


def test_glossary_page_lists_every_term_and_pages_link_to_it(site):
    terms = yaml.safe_load((ROOT / "content" / "data" / "glossary.yaml").read_text(encoding="utf-8"))
    soup = BeautifulSoup((Path(site) / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [dt["id"] for dt in soup.select("dl.glossary dt")] == sorted(
        (f"term-{k}" for k in terms), key=lambda i: terms[i.removeprefix("term-")]["term"].lower())
    linked = set()
    for path in PAGES:
        page = BeautifulSoup(built_page(site, path).read_text(encoding="utf-8"), "html.parser")
        linked |= {a["href"].split("#")[1] for a in page.select("a.glossary-term")}
    assert len(linked) >= 10, linked


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_internal_links_resolve(site, path):
    problems, _ = LinkChecker(site).check_page(built_page(site, path), within="main")
    assert not problems, f"{path.name}: " + "; ".join(map(str, problems))


# The site is neutral: it shows only national lines that the federal government runs, funds
# or names as the national line for that need. Each entry says whose line it is, so adding one
# is a decision someone has to write down. (A private referral line, such as a provider's number,
# 1-800-GAMBLER or the Crisis Text Line, does not belong here: see docs/editing.md.)
PUBLIC_LINES = {
    "988": "988 Suicide & Crisis Lifeline (SAMHSA)",
    "911": "emergency services",
    "211": "local community services (FCC-designated dialing code)",
    "711": "Telecommunications Relay Service, for calls by people who are Deaf, hard of hearing or have a speech "
           "disability (FCC-designated dialing code; the call scripts page)",
    "8006624357": "SAMHSA National Helpline",
    "8004874889": "SAMHSA National Helpline, TTY",
    "8002221222": "Poison Help (HRSA)",
    "8007997233": "National Domestic Violence Hotline (HHS-funded)",
    "8338526262": "National Maternal Mental Health Hotline (HRSA), 1-833-TLC-MAMA",
    "8004224453": "Childhelp National Child Abuse Hotline (listed by HHS's Child Welfare Information Gateway)",
    "8007862929": "National Runaway Safeline, 1-800-RUNAWAY (federally designated, HHS FYSB)",
    "8007848669": "1-800-QUIT-NOW, the national quitline portal (NCI and CDC)",
    "8553353569": "1-855-DEJELO-YA, the Spanish national quitline portal (NCI and CDC)",
}
PUBLIC_TEXT_LINES = {
    "988": "988 Suicide & Crisis Lifeline",
    "88788": "National Domestic Violence Hotline (text START)",
    "838255": "Veterans Crisis Line (VA)",
}


def test_no_provider_phone_numbers(site):
    """Neutral: the only phone and text numbers are the national public lines above.
    A text link may prefill its message (sms:988?&body=AYUDA on Spanish pages)."""
    allowed = {f"tel:{n}" if len(n) == 3 else f"tel:+1{n}" for n in PUBLIC_LINES}
    allowed |= {f"sms:{n}" for n in PUBLIC_TEXT_LINES}
    allowed |= {"sms:988?&body=AYUDA"}
    for page in Path(site).rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select('a[href^="tel:"], a[href^="sms:"]'):
            assert a["href"] in allowed, f"{page}: {a['href']}"
        text = soup.get_text(" ")
        for number in re.findall(r"\b1?-?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b", text):
            digits = re.sub(r"\D", "", number)[-10:]
            assert digits in PUBLIC_LINES, f"{page}: phone number {number}"


def test_the_public_line_list_still_refuses_other_numbers():
    """The allow-list is a list, not a pattern: a provider-style number is not on it."""
    assert "8004262537" not in PUBLIC_LINES  # 1-800-GAMBLER, a private nonprofit's line
    assert "741741" not in PUBLIC_TEXT_LINES  # Crisis Text Line, a private nonprofit
    assert all(re.fullmatch(r"\d{3}|\d{10}", n) for n in PUBLIC_LINES)


@pytest.mark.parametrize("folder", ["", "es/"])
def test_get_help_now_starts_with_which_line_to_use_as_care_cards(site, folder):
    """The crisis page (issue 21): "Which one should I use?" first, as the
    emergency, urgent and not-urgent care cards in that order, each with a
    number to tap; it ends with further reading, not with the choice; no
    "Clinical review: Not yet" there."""
    soup = BeautifulSoup((Path(site) / folder / "get-help-now" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    prose = soup.select_one("article .prose")
    h2s = prose.find_all("h2")
    cards = prose.select(".care-card")
    assert h2s[0].get_text() in ("Which one should I use?", "¿Cuál debo usar?")
    assert [c["class"][1] for c in cards] == ["care-card--emergency", "care-card--urgent", "care-card--non-urgent"]
    assert all(c.find_previous("h2") is h2s[0] for c in cards)
    for card in cards:
        assert card.find("h3") and card.select('a[href^="tel:"]'), card.get_text()[:60]
    assert h2s[-1].get_text() in ("Read more", "Lea más")
    assert not soup.select(".clinical-review"), "no review status on the crisis page"
    assert soup.select(".review-dates time"), "its review dates stay"
