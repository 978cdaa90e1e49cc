"""The Spanish edition (issue 14): every English page has its Spanish page
and the reverse, linked both ways (language switch, hreflang, x-default),
with <html lang>, the Spanish crisis strip and an honest translation note
on every Spanish page (their Fernández-Huerta score is `make check`'s)."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import builtsite
from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from iopguide.header import parse_header

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "content" / "pages"
ENGLISH = sorted(PAGES.glob("*.md"))
SPANISH = sorted((PAGES / "es").glob("*.md"))
# Status: hidden pages (the printable self-check and its results) are in neither the sitemap nor the page lists.
LISTED = [p for p in SPANISH if "\nStatus: hidden\n" not in p.read_text(encoding="utf-8")]
ORIGIN = "http://127.0.0.1:8000"
# English pages that may have no Spanish page yet: none (the self-check and
# the glossary, the last two, came with iopguide/continuum/i18n.py).
PENDING = set()
# "Text 988" in Spanish: the link fills in AYUDA, the word 988's Spanish text
# service answers. "?&body=" is the one form both phone systems read: Android
# takes the query after "?" (RFC 5724), iOS looks for "&body=" after the number.
SMS_988_ES = "sms:988?&body=AYUDA"
# Pages whose "text 988" link may still be plain (none: c19-safety's crisis rewrite
# carries the body on get-help-now and helping-a-loved-one).
SMS_BODY_PENDING = set()


def soup_of(path):
    return builtsite.soup(path)  # parsed once per test process


def built(site, md):
    meta = parse_header(md.read_text(encoding="utf-8")).metadata
    if meta.get("save_as"):
        return Path(site) / meta["save_as"]
    prefix = "es/" if md.parent.name == "es" else ""
    return Path(site) / f"{prefix}{meta.get('slug') or md.stem}" / "index.html"


def url_path(site, html_file):
    rel = Path(html_file).relative_to(site).as_posix().removesuffix("index.html")
    return "/" + rel


def alternates(soup):
    return {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)}


def test_every_english_page_has_a_spanish_page_and_the_reverse():
    english = {p.stem for p in ENGLISH}
    spanish = {p.stem for p in SPANISH}
    assert spanish <= english, f"Spanish pages with no English page: {sorted(spanish - english)}"
    missing = english - spanish - PENDING
    assert not missing, f"English pages with no Spanish page: {sorted(missing)}"
    for md in SPANISH:
        meta = parse_header(md.read_text(encoding="utf-8")).metadata
        assert meta.get("lang") == "es", md
        assert meta.get("slug", md.stem) == (parse_header((PAGES / md.name).read_text()).metadata.get("slug")
                                              or md.stem), md
        assert meta.get("translation-of") == md.name, md
        assert re.fullmatch(r"[0-9a-f]{12}", meta.get("translated-from", "")), md


@pytest.mark.parametrize("md", SPANISH, ids=lambda p: p.stem)
def test_switch_hreflang_and_lang_both_ways(site, md):
    es_file, en_file = built(site, md), built(site, PAGES / md.name)
    es_url, en_url = url_path(site, es_file), url_path(site, en_file)
    es, en = soup_of(es_file), soup_of(en_file)
    assert es.html["lang"] == "es" and en.html["lang"] == "en-US"
    for soup, here in ((es, es_url), (en, en_url)):
        alt = alternates(soup)
        assert alt.get("es") == ORIGIN + es_url, (here, alt)
        assert alt.get("en") == ORIGIN + en_url, (here, alt)
        assert alt.get("x-default") == ORIGIN + en_url, (here, alt)
        assert soup.find("link", rel="canonical")["href"] == ORIGIN + here
    # The switch goes to the same page in the other language, and says which language it is in.
    to_en = es.select_one(".lang-switch a")
    assert to_en["lang"] == "en" and to_en.get_text(strip=True) == "English"
    assert (es_file.parent / to_en["href"]).resolve() == en_file.parent.resolve()
    to_es = en.select_one(".lang-switch a")
    assert to_es["lang"] == "es" and to_es.get_text(strip=True) == "Español"
    assert (en_file.parent / to_es["href"]).resolve() == es_file.parent.resolve()


def test_untranslated_pages_switch_to_the_spanish_home_page(site):
    for stem in PENDING:
        en_file = built(site, PAGES / f"{stem}.md")
        soup = soup_of(en_file)
        assert "es" not in alternates(soup)
        switch = soup.select_one(".lang-switch a")
        assert (en_file.parent / switch["href"]).resolve() == (Path(site) / "es").resolve()


@pytest.mark.parametrize("md", SPANISH, ids=lambda p: p.stem)
def test_spanish_page_has_spanish_crisis_strip_and_links_stay_in_spanish(site, md):
    path = built(site, md)
    soup = soup_of(path)
    parts = soup.select("aside[data-crisis-strip]")
    text = " ".join(" ".join(p.get_text(" ") for p in parts).split())
    assert "Llame al 988 y marque 2" in text and "AYUDA" in text and "911" in text
    assert "1-800-662-4357" in text and "español" in text
    hrefs = {a["href"] for p in parts for a in p.find_all("a")}
    assert {"tel:988", SMS_988_ES, "tel:911", "tel:+18006624357", "https://988lifeline.org/chat/"} <= hrefs
    # Navigation, the back link and related pages stay in the Spanish edition.
    for a in soup.select(".site-nav a, .related a, .breadcrumbs a"):
        target = (path.parent / a["href"]).resolve()
        assert target.is_relative_to((Path(site) / "es").resolve()), (md.name, a["href"])


@pytest.mark.parametrize("md", SPANISH, ids=lambda p: p.stem)
def test_spanish_page_says_when_it_was_translated(site, md):
    soup = soup_of(built(site, md))
    note = soup.select_one(".translated-from")
    assert note is not None, md
    assert "Traducido del inglés el" in note.get_text(" ")
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", note.get_text(" "))
    link = note.find("a", lang="en")
    assert link is not None
    assert (built(site, md).parent / link["href"]).resolve() == built(site, PAGES / md.name).parent.resolve()
    dates = [t.get_text() for t in soup.select(".review-dates time, .translated-from time")]
    assert all(" de " in d for d in dates), dates


def test_spanish_search_and_404_pages(site):
    search = soup_of(Path(site) / "es" / "search" / "index.html")
    assert search.html["lang"] == "es"
    listed = [a["href"] for a in search.select(".all-pages a")]
    assert len(listed) == len(LISTED)
    assert all((Path(site) / "es" / "search" / h).resolve().is_relative_to((Path(site) / "es").resolve())
               for h in listed)
    assert alternates(search) == {"en": ORIGIN + "/search/", "es": ORIGIN + "/es/search/",
                                  "x-default": ORIGIN + "/search/"}
    notfound = soup_of(Path(site) / "es" / "404.html")
    assert notfound.html["lang"] == "es" and "No encontramos" in notfound.h1.get_text()
    assert [a["href"] for a in notfound.select("main a")][:2] == ["/es/", "/es/search/"]


def test_sitemap_lists_both_languages_with_alternates(site):
    tree = ET.parse(Path(site) / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {u.find("s:loc", ns).text: u for u in tree.findall("s:url", ns)}
    for md in LISTED:
        es_url = url_path(site, built(site, md))
        en_url = url_path(site, built(site, PAGES / md.name))
        for loc in (es_url, en_url):
            assert loc in entries, loc
            links = {x.get("hreflang"): x.get("href") for x in entries[loc].findall("x:link", ns)}
            assert links == {"en": en_url, "es": es_url, "x-default": en_url}, (loc, links)


def test_spanish_pages_link_terms_to_the_spanish_glossary(site):
    """The first use of a glossary term on a Spanish page links to the Spanish
    glossary's entry, with one of that entry's Spanish forms as the link text;
    no page links to the other language's glossary."""
    import yaml
    glossary_es = yaml.load((ROOT / "content" / "data" / "glossary.es.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
    anchors = {a["id"] for a in soup_of(Path(site) / "es" / "glossary" / "index.html").select("[id^=term-]")}
    assert {f"term-{key}" for key in glossary_es} <= anchors
    linked_pages, links = set(), 0
    for md in SPANISH:
        page = soup_of(built(site, md))
        for a in page.select("main a.glossary-term"):
            href = a["href"]
            assert "/es/glossary/#term-" in href, f"{md.name}: {href} is not the Spanish glossary"
            key = href.split("#term-")[1]
            entry = glossary_es[key]
            forms = [entry["term"].split(" (")[0], *entry.get("forms", [])]
            text = a.get_text(" ").strip().lower()
            assert any(text.startswith(f.lower()) or f.lower().startswith(text) for f in forms), (md.name, text, forms)
            links += 1
            linked_pages.add(md.stem)
    for md in ENGLISH:
        for a in soup_of(built(site, md)).select("main a.glossary-term"):
            assert "/es/" not in a["href"], f"{md.name} links to the Spanish glossary: {a['href']}"
    # Terms like "abstinencia" and "evaluación" are on most pages: linking must not have silently stopped.
    assert len(linked_pages) >= 12 and links >= 30, (sorted(linked_pages), links)


def _spanish_sources():
    import yaml
    data = yaml.load((ROOT / "content" / "data" / "sources.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
    return {key for key, entry in data.items() if (entry or {}).get("lang") == "es"}


def test_english_source_titles_on_spanish_pages_are_marked_english(site):
    """Sources are English documents unless sources.yaml says `lang: es`: on a
    Spanish page the English titles carry lang="en" (WCAG 3.1.2, language of
    parts), so a screen reader reads them as English, and a Spanish source says
    "(en español)". On an English page only a Spanish source is marked."""
    spanish = _spanish_sources()
    assert spanish, "at least one source is in Spanish (the Spanish DV hotline options)"
    checked = seen_spanish = 0
    for md in SPANISH:
        page = soup_of(built(site, md))
        for item in page.select(".sources li, ul.source-registry, .quiz-caution__source a[href^=http]"):
            key = (item.get("id") or "").removeprefix("source-")
            if key in spanish:
                assert item.get("lang") is None and "(en español)" in item.get_text(), f"{md.name}: {str(item)[:120]}"
                seen_spanish += 1
            else:
                assert item.get("lang") == "en", f"{md.name}: {str(item)[:120]}"
            checked += 1
    assert checked >= 50, checked
    assert seen_spanish >= 1, "a Spanish page lists a Spanish source"
    english_marks = soup_of(Path(site) / "about" / "index.html").select(".sources li[lang], ul.source-registry[lang]")
    assert not english_marks


def test_spanish_text_988_links_fill_in_ayuda(site):
    """Every "text 988" link on a Spanish page (the crisis strip, the self-check's
    help lines, links in the text) opens a message that already says AYUDA, so a
    Spanish speaker in crisis does not have to know the word or type it. English
    pages keep a plain sms:988 (988 answers any text in English)."""
    checked = 0
    for md in SPANISH:
        soup = soup_of(built(site, md))
        pending = md.stem in SMS_BODY_PENDING
        for a in soup.select('a[href^="sms:988"]'):
            if pending and a.find_parent("main") is not None:
                continue
            assert a["href"] == SMS_988_ES, f"{md.name}: {a['href']} ({a.get_text(' ', strip=True)!r})"
            checked += 1
    # The strip on every Spanish page, plus the self-check's help lines and page links.
    assert checked >= len(SPANISH) + 3, checked
    quiz_lines = soup_of(built(site, PAGES / "es" / "self-check-guide.md")).select('[data-quiz-lines] a[href^="sms:"]')
    assert quiz_lines and {a["href"] for a in quiz_lines} == {SMS_988_ES}
    from quizdom import read_app_data        # the help lines the self-check shows with JavaScript
    lines = read_app_data(Path(site) / "es" / "self-check" / "quiz-data.js")["lines"]
    assert {p["href"] for line in lines for p in line["parts"] if isinstance(p, dict) and p["href"].startswith("sms:")} \
        == {SMS_988_ES}
    for md in ENGLISH:
        for a in soup_of(built(site, md)).select('a[href^="sms:988"]'):
            assert a["href"] == "sms:988", f"{md.name}: {a['href']}"
