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

from checks.links import LinkChecker
from checks.readability import GRADE_LIMIT, grade, word_count
from site_pages.header import parse_header

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "content" / "pages").glob("*.md"))
SOURCES = yaml.safe_load((ROOT / "content" / "data" / "sources.yaml").read_text(encoding="utf-8"))
REQUIRED = ("Title", "Summary", "Reviewed", "Next-review", "Sources", "Order")
GRADES = {}  # page -> (grade, words), printed at the end of the run by conftest


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
    for key in REQUIRED:
        assert meta.get(key), f"{path.name}: {key} missing"
        assert "TODO" not in meta[key], f"{path.name}: {key} says TODO"
    reviewed = dt.date.fromisoformat(meta["Reviewed"])
    next_review = dt.date.fromisoformat(meta["Next-review"])
    assert reviewed <= dt.date.today(), f"{path.name}: Reviewed is in the future"
    assert next_review > reviewed, f"{path.name}: Next-review must come after Reviewed"
    keys = [k.strip() for k in meta["Sources"].split(",")]
    assert len(set(keys)) >= 2, f"{path.name}: fewer than two sources"
    for key in keys:
        assert key in SOURCES, f"{path.name}: unknown source {key}"
        assert SOURCES[key]["url"].startswith("https://")
    assert int(meta["Order"]) >= 0
    assert len(meta["Summary"]) <= 200


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_readability_grade_is_8_or_lower(site, path):
    html = built_page(site, path).read_text(encoding="utf-8")
    g = grade(html)
    GRADES[path.stem] = (g, word_count(html))
    assert g <= GRADE_LIMIT, f"{path.name}: Flesch-Kincaid grade {g:.1f} is over {GRADE_LIMIT}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_page_shows_its_sources_and_review_dates(site, path):
    soup = BeautifulSoup(built_page(site, path).read_text(encoding="utf-8"), "html.parser")
    meta = header(path)
    shown = {a["href"] for a in soup.select(".sources a")}
    expected = {SOURCES[k.strip()]["url"] for k in meta["Sources"].split(",")}
    assert shown == expected
    assert soup.select_one(".review-dates time")["datetime"] == meta["Reviewed"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_internal_links_resolve(site, path):
    problems, _ = LinkChecker(site).check_page(built_page(site, path), within="main")
    assert not problems, f"{path.name}: " + "; ".join(map(str, problems))


def test_no_provider_phone_numbers(site):
    """Neutral: the only phone numbers are national public lines: 988, 911, 211,
    SAMHSA's helpline and TTY, Poison Help and the National Domestic Violence Hotline."""
    allowed = {"tel:988", "sms:988", "tel:911", "tel:211", "tel:+18006624357", "tel:+18004874889",
               "tel:+18002221222", "tel:+18007997233", "sms:88788"}
    for page in Path(site).rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select('a[href^="tel:"], a[href^="sms:"]'):
            assert a["href"] in allowed, f"{page}: {a['href']}"
        text = soup.get_text(" ")
        for number in re.findall(r"\b1?-?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b", text):
            digits = re.sub(r"\D", "", number)[-10:]
            assert digits in {"8006624357", "8004874889", "8002221222", "8007997233"}, f"{page}: phone number {number}"
