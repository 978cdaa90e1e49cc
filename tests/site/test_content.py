"""Every content page as built: its sources and citations, the glossary, and
no provider's phone number.

The page rules the build enforces (metadata, review dates, sources) hold
because the `site` fixture built; the editorial rules (figures cited, words
to avoid, reading grade, links) are `make check`'s, which the suite runs once
on the real tree (tests/editor/test_check.py). docs/test-coverage-map.md says
where each assertion that used to be repeated here lives now.
"""

import re
from pathlib import Path

import pytest
import yaml

import builtsite
from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from checks.readability import GRADE_LIMIT, grade
from iopguide.header import parse_header

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "content" / "pages").glob("*.md"))
SOURCES = yaml.load((ROOT / "content" / "data" / "sources.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
REQUIRED = ("Title", "Summary", "Reviewed", "Next-review", "Sources", "Order")
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


def test_search_page_reads_at_grade_8_or_lower(site):
    """The search page lists every page's title and summary, so long summaries
    raise its grade: it is held to the same limit as the pages."""
    html = (Path(site) / "search" / "index.html").read_text(encoding="utf-8")
    g = grade(html)
    assert g <= GRADE_LIMIT, f"search page: Flesch-Kincaid grade {g:.1f} is over {GRADE_LIMIT}; shorten the pages' summaries"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_page_shows_its_sources_and_review_dates(site, path):
    """The foot-of-page list: the Sources line, then every key cited in the text
    ([@key]) that the line leaves out; each entry's id is source-<key>."""
    soup = builtsite.soup(built_page(site, path))
    meta = header(path)
    listed = [k.strip() for k in meta["Sources"].split(",")]
    body = re.sub(r"```.*?```|`[^`]*`", "", path.read_text(encoding="utf-8"), flags=re.S)
    cited = [k.strip().lstrip("@") for m in CITATION.finditer(body) for k in m.group(1).split(";")]
    if "<!-- site:glossary -->" in body:  # the glossary cites each definition's sources, A to Z
        terms = yaml.load((ROOT / "content" / "data" / "glossary.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
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
    soup = builtsite.soup(built_page(site, path))
    ids = [li["id"] for li in soup.select(".sources li")]
    for a in soup.select("article sup.cite a"):
        number = ids.index(a["href"].lstrip("#")) + 1
        assert a.get_text() == str(number) and a["aria-label"].startswith(f"Source {number}: ")
    assert "[@" not in soup.select_one(".prose").get_text(), f"{path.name}: a citation was not read"


def test_glossary_page_lists_every_term_and_pages_link_to_it(site):
    terms = yaml.load((ROOT / "content" / "data" / "glossary.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
    soup = builtsite.soup(Path(site) / "glossary" / "index.html")
    assert [dt["id"] for dt in soup.select("dl.glossary dt")] == sorted(
        (f"term-{k}" for k in terms), key=lambda i: terms[i.removeprefix("term-")]["term"].lower())
    linked = set()
    for path in PAGES:
        page = builtsite.soup(built_page(site, path))
        linked |= {a["href"].split("#")[1] for a in page.select("a.glossary-term")}
    assert len(linked) >= 10, linked


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
        soup = builtsite.soup(page)
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
    soup = builtsite.soup(Path(site) / folder / "get-help-now" / "index.html")
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
