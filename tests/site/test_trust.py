"""Trust and feedback on the built site (issue 19): dates in each language's
form, the accessibility statement, the "Report a problem with this page" link
and the host headers in content/extra/_headers."""

import json
import re
from pathlib import Path

import pytest

import builtsite
from sitebuild import TEST_REPOSITORY

MONTHS_EN = ("January|February|March|April|May|June|July|August|September|October|November|December")
MONTHS_ES = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
US_DATE = re.compile(rf"^(?P<month>{MONTHS_EN}) (?P<day>[1-9]\d?), (?P<year>\d{{4}})$")
ES_DATE = re.compile(rf"^(?P<day>[1-9]\d?) de (?P<month>{MONTHS_ES}) de (?P<year>\d{{4}})$")


def html_pages(site):
    return sorted(p for p in Path(site).rglob("*.html") if "pagefind" not in p.parts)


def soup_of(path):
    return builtsite.soup(path)  # parsed once per test process: read, never change


def test_dates_are_us_form_in_english_and_spanish_form_in_spanish(site):
    """'November 23, 2026' on English pages, '23 de noviembre de 2026' on
    Spanish ones, each the same day as its <time datetime> (ISO, for machines)."""
    seen = {"en": 0, "es": 0}
    for path in html_pages(site):
        soup = soup_of(path)
        lang = "es" if soup.html["lang"].startswith("es") else "en"
        for time in soup.select(".review-dates time, .translated-from time"):
            shown = time.get_text(strip=True)
            match = (ES_DATE if lang == "es" else US_DATE).match(shown)
            assert match, f"{path.relative_to(site)}: '{shown}' is not a {lang} date"
            year, month, day = (int(x) for x in time["datetime"].split("-"))
            names = (MONTHS_ES if lang == "es" else MONTHS_EN).split("|")
            assert (int(match["year"]), names.index(match["month"]) + 1, int(match["day"])) == (year, month, day)
            seen[lang] += 1
        for block in soup.find_all("script", type="application/ld+json"):
            data = json.loads(block.string)
            for key in ("lastReviewed", "dateModified"):
                if key in data:
                    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", data[key]), (path, key, data[key])
    assert seen["en"] > 40 and seen["es"] > 40, seen


REPORT_TEXT = {"en": "Report a problem with this page", "es": "Informar un problema con esta página"}


@pytest.mark.slow  # a second build (publishconf.py): make test only
def test_every_page_has_one_report_link_carrying_its_own_address_and_nothing_else(published_site):
    """The published build (GitHub Actions: the repository's new-issue form).
    The link's only value is the page's own address: no form, no script, no
    other data about the visitor."""
    from urllib.parse import parse_qs, urlsplit

    pages = html_pages(published_site)
    assert len(pages) > 40
    for path in pages:
        soup = soup_of(path)
        lang = "es" if soup.html["lang"].startswith("es") else "en"
        links = [a for a in soup.find_all("a") if a.get_text(" ", strip=True) in REPORT_TEXT.values()]
        where = path.relative_to(published_site)
        assert len(links) == 1, f"{where}: {len(links)} report links"
        assert links[0].get_text(" ", strip=True) == REPORT_TEXT[lang], where
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical.startswith("https://iop-guide.test/") and "?" not in canonical and "#" not in canonical
        href = urlsplit(links[0]["href"])
        assert (href.scheme, href.netloc, href.path) == ("https", "github.com", f"/{TEST_REPOSITORY}/issues/new")
        assert parse_qs(href.query, keep_blank_values=True) == {"title": [canonical]}, (where, links[0]["href"])
        assert not href.fragment and not links[0].get("onclick") and links[0].find_parent("form") is None


@pytest.mark.slow  # three publish runs, each a new Python: make test only
def test_publish_stops_without_a_report_destination_or_with_a_bad_one(tmp_path):
    from sitebuild import build_site

    for value, expected in (("", "REPORT_PROBLEM_URL is not set"),
                            ("https://example.org/report", "must start with https:// or mailto: and hold {url}"),
                            ("javascript:alert(1)//{url}", "must start with https:// or mailto:")):
        result = build_site(tmp_path / "out", settings="publishconf.py", search_index=False,
                            env={"SITEURL": "https://iop-guide.test", "GITHUB_REPOSITORY": "",
                                 "REPORT_PROBLEM_URL": value})
        assert result.returncode != 0 and expected in result.stdout + result.stderr, value
        assert "Traceback" not in result.stdout + result.stderr


def test_accessibility_statement_in_both_languages_linked_from_footer_and_about(site):
    statements = {"en": Path(site) / "accessibility" / "index.html",
                  "es": Path(site) / "es" / "accessibility" / "index.html"}
    for lang, path in statements.items():
        soup = soup_of(path)
        assert soup.html["lang"].startswith(lang)
        text = soup.select_one("main").get_text(" ", strip=True)
        # the standard, how it was tested, known limits, how to report, and when it was written
        assert "WCAG" in text and "2.2" in text and "AA" in text
        for tool in ("axe-core", "Chromium", "320", "1,280", "JavaScript", "Nu HTML Checker", "Lighthouse"):
            assert tool in text, (lang, tool)
        assert REPORT_TEXT[lang] in text
        assert ("December 7, 2026" if lang == "en" else "7 de diciembre de 2026") in text
        assert len(soup.select("main h2")) >= 5
    def targets(path, links):
        """The built files the page's relative folder links (href="../x/") go to."""
        return {(path.parent / a["href"]).resolve() / "index.html" for a in links
                if a["href"].endswith("/") and not a["href"].startswith(("http", "/"))}

    for path in html_pages(site):
        soup = soup_of(path)
        lang = "es" if soup.html["lang"].startswith("es") else "en"
        if path.name == "404.html":
            continue  # its links start at the root (/accessibility/); the link checker follows them
        assert statements[lang].resolve() in targets(path, soup.select("footer.site-footer a")), path
    for lang, about in (("en", "about/index.html"), ("es", "es/about/index.html")):
        page = Path(site) / about
        assert statements[lang].resolve() in targets(page, soup_of(page).select("main a")), lang


def test_editorial_policy_states_a_response_time_it_only_aims_for(site):
    for path, words in (("editorial-policy/index.html", "we aim to reply within 10 business days"),
                        ("es/editorial-policy/index.html", "tratamos de responder en 10 días hábiles o menos")):
        text = " ".join(soup_of(Path(site) / path).select_one("main").get_text(" ").split())
        assert words in text, path


HEADERS_FILE = Path(__file__).resolve().parents[2] / "content" / "extra" / "_headers"


def _serve_static():
    from iopguide import serve
    return serve


def test_headers_file_revalidates_every_file_adds_corp_and_drops_interest_cohort():
    """content/extra/_headers (Netlify, Cloudflare Pages): HTML and every other
    file must be checked with the host before each use (a new crisis number
    reaches returning visitors at once), each header is set once per path
    (hosts merge a repeated header differently), CORP is same-origin, and the
    obsolete FLoC permission is gone."""
    serve_static = _serve_static()
    rules = serve_static.parse_headers_file(HEADERS_FILE.read_text(encoding="utf-8"))
    for path in ("/", "/get-help-now/", "/es/get-help-now/", "/404.html", "/es/404.html", "/search/",
                 "/theme/css/site.css", "/theme/js/quiz/quiz.js", "/pagefind/pagefind.js", "/sitemap.xml"):
        headers = serve_static.headers_for(rules, path)
        names = [name.lower() for name, _ in headers]
        assert len(names) == len(set(names)), (path, names)
        values = dict(headers)
        assert values["Cache-Control"] == "no-cache", path
        assert values["Cross-Origin-Resource-Policy"] == "same-origin", path
        assert values["Cross-Origin-Opener-Policy"] == "same-origin", path
        assert "interest-cohort" not in values["Permissions-Policy"], path
        assert "camera=()" in values["Permissions-Policy"] and "geolocation=()" in values["Permissions-Policy"]


def test_the_served_site_sends_one_cache_policy(site):
    """iopguide/serve.py (tests, the bench, `python -m iopguide.serve`)
    still reads the file: served as the host would, an HTML page gets no-cache
    and CORP; with the tests' own no-store, exactly one Cache-Control is sent."""
    import urllib.request

    serve_static = _serve_static()
    for cache_control, expected in ((None, "no-cache"), ("no-store", "no-store")):
        with serve_static.StaticServer(site, cache_control=cache_control) as srv:
            for path in ("/get-help-now/", "/es/get-help-now/", "/theme/css/site.css"):
                with urllib.request.urlopen(srv.origin + path) as response:
                    assert response.status == 200
                    assert response.headers.get_all("Cache-Control") == [expected], (path, cache_control)
                    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
