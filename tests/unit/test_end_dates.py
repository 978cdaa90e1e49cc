"""Time-limited facts (iopguide/pages/end_dates.py): an end date a page
states may not fall between its Reviewed date and its Next-review. The rule
lives in iopguide.pages.metadata.check_page, which the build and `make check`
both call; tests/editor/test_check.py plants one in a copied site end to end."""

import datetime as dt

import pytest

from iopguide.pages.end_dates import stated_end_dates
from iopguide.pages.metadata import check_page

SOURCES = {"a": {"publisher": "P", "title": "T", "year": 2020, "url": "https://a"},
           "b": {"publisher": "P", "title": "U", "year": 2021, "url": "https://b"}}
TODAY = dt.date(2026, 11, 23)
HEADER = ("Title: T\nSummary: S.\nReviewed: 2026-11-23\nNext-review: {next}\nSources: a, b\nOrder: 1\n{extra}\n"
          "## Rules\n\nSome text first.\n\n")


def check(body, next_review="2027-01-23", extra=""):
    text = HEADER.format(next=next_review, extra=extra) + body
    meta = {"title": "T", "summary": "S.", "reviewed": "2026-11-23", "next-review": next_review,
            "sources": "a, b", "order": "1"}
    if extra:
        meta.update(lang="es", **{"translation-of": "x.md", "translated-from": "0123456789ab",
                                  "translated-on": "2026-11-23"})
    return check_page("content/pages/x.md", meta, SOURCES, TODAY, lines={"next-review": 4}, text=text)[1]


def test_an_english_end_date_before_next_review_fails_naming_file_line_phrase_and_fix():
    problems = check("- **Temporary rules run through December 31, 2026.** More text.\n")
    assert [str(p) for p in problems] == [
        "content/pages/x.md:12: 'through December 31, 2026': this fact ends on 2026-12-31, before the page's "
        "Next-review (2027-01-23), so the page could still state it after it has ended. Set Next-review to "
        "2026-12-31 or earlier, and check the fact again by then"]
    assert problems[0].file == "content/pages/x.md" and problems[0].line == 12


def test_a_spanish_end_date_before_next_review_fails():
    es = "Lang: es\nTranslation-of: x.md\nTranslated-from: 0123456789ab\nTranslated-on: 2026-11-23\n"
    problems = check("Las reglas temporales siguen hasta el 31 de diciembre de 2026.\n", extra=es)
    assert len(problems) == 1, problems
    assert "'hasta el 31 de diciembre de 2026'" in problems[0].message
    assert "Set Next-review to 2026-12-31 or earlier" in problems[0].message
    assert problems[0].line == 16


@pytest.mark.parametrize("body, phrase, end", [
    ("The waiver runs through December 31, 2026.", "through December 31, 2026", "2026-12-31"),
    ("Coverage lasts until Jan. 15, 2027 for now.", "until Jan. 15, 2027", "2027-01-15"),
    ("The rule ends on January 1, 2027.", "ends on January 1, 2027", "2027-01-01"),
    ("The offer expires on 31 December 2026.", "expires on 31 December 2026", "2026-12-31"),
    ("Clinicians can use them until the end of 2026.", "until the end of 2026", "2026-12-31"),
    ("It is paid through December 2026.", "through December 2026", "2026-12-31"),
    ("It lasts until the end of December 2026.", "until the end of December 2026", "2026-12-31"),
    ("La regla vence el 1 de enero de 2027.", "vence el 1 de enero de 2027", "2027-01-01"),
    ("Hasta fines de 2026, pueden usar las reglas.", "Hasta fines de 2026", "2026-12-31"),
    ("El programa termina el 15 de enero del 2027.", "termina el 15 de enero del 2027", "2027-01-15"),
    ("Sigue hasta diciembre de 2026.", "hasta diciembre de 2026", "2026-12-31"),
    ("The rules **run through**\nDecember 31, 2026.", "through December 31, 2026", "2026-12-31"),
])
def test_end_phrases_are_read_in_both_languages(body, phrase, end):
    found = stated_end_dates(body)
    assert [(p, str(d)) for _, p, d in found] == [(phrase, end)]
    assert check(body), f"{phrase} ends before Next-review: it must fail"


@pytest.mark.parametrize("body", [
    # History: the end date is before the page was reviewed.
    "The old rules ran through December 31, 2025.",
    "Las reglas anteriores siguieron hasta el 31 de diciembre de 2025.",
    # After Next-review: the review comes first.
    "Medicare's wider rules run through December 31, 2027.",
    "Se extendieron hasta el 31 de diciembre de 2027.",
    # On the day of Next-review: reviewed that same day.
    "It runs through January 23, 2027.",
    # Not an end date: a start, a publication date, a span of time, a note to editors.
    "Medicare has paid since January 1, 2024. A rule was published on December 31, 2025.",
    "Since the end of 2022, no waiver is needed. Go through withdrawal safely.",
    "Se puede recetar por hasta 6 meses.",
    "<!-- Check again: the waiver runs through December 31, 2026. -->",
    # Not a real day.
    "It runs through February 30, 2026.",
])
def test_history_later_end_dates_and_other_dates_pass(body):
    assert check(body + "\n") == []


def test_the_review_day_itself_counts_and_a_later_next_review_clears_it():
    assert check("It runs through November 23, 2026.\n")  # ends the day it was reviewed: still current
    assert check("It runs through December 31, 2026.\n", next_review="2026-12-31") == []
    assert check("It runs through December 31, 2026.\n", next_review="2026-12-15") == []
