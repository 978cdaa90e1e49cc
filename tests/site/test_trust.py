"""Trust and feedback on the built site (issue 19): dates in each language's
form, the accessibility statement, the "Report a problem with this page" link
and the host headers in content/extra/_headers."""

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

MONTHS_EN = ("January|February|March|April|May|June|July|August|September|October|November|December")
MONTHS_ES = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
US_DATE = re.compile(rf"^(?P<month>{MONTHS_EN}) (?P<day>[1-9]\d?), (?P<year>\d{{4}})$")
ES_DATE = re.compile(rf"^(?P<day>[1-9]\d?) de (?P<month>{MONTHS_ES}) de (?P<year>\d{{4}})$")


def html_pages(site):
    return sorted(p for p in Path(site).rglob("*.html") if "pagefind" not in p.parts)


def soup_of(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


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
