"""Review-every (the page's review cycle) and Clinical-review: the rules the
build and `make check` share (iopguide.pages.metadata.check_page)."""

import datetime as dt

import pytest

from iopguide.pages.metadata import check_page

SOURCES = {"a": {"publisher": "P", "title": "T", "year": 2020, "url": "https://a"},
           "b": {"publisher": "P", "title": "U", "year": 2021, "url": "https://b"}}
TODAY = dt.date(2026, 11, 23)
BASE = {"title": "T", "summary": "S.", "reviewed": "2026-11-23", "next-review": "2027-11-23",
        "sources": "a, b", "order": "1"}
LINES = {"reviewed": 3, "next-review": 4, "review-every": 7, "clinical-review": 8}


def check(**changes):
    meta = dict(BASE, **{k.replace("_", "-"): v for k, v in changes.items()})
    fields, problems = check_page("content/pages/x.md", meta, SOURCES, TODAY, lines=LINES)
    return fields, [str(p) for p in problems]


def test_default_cycle_is_twelve_months():
    fields, problems = check()
    assert problems == [] and fields["review_months"] == 12
    _, problems = check(next_review="2027-11-24")
    assert problems == ["content/pages/x.md:4: Next-review: 2027-11-24 is too late: with the usual 12 months "
                        "after Reviewed (2026-11-23), the latest allowed is 2027-11-23. Set Next-review to "
                        "2027-11-23 or earlier"]


def test_three_month_cycle():
    fields, problems = check(review_every="3 months", next_review="2027-02-23")
    assert problems == [] and fields["review_months"] == 3
    _, problems = check(review_every="3 months", next_review="2027-11-23")
    assert len(problems) == 1
    assert "Next-review: 2027-11-23 is too late: with Review-every: 3 months" in problems[0]
    assert "the latest allowed is 2027-02-23" in problems[0]


def test_month_ends_are_handled():
    _, problems = check(reviewed="2026-08-31", next_review="2026-11-30", review_every="3 months")
    assert problems == []
    _, problems = check(reviewed="2026-08-31", next_review="2026-12-01", review_every="3 months")
    assert "too late" in problems[0]


@pytest.mark.parametrize("value, expected", [
    ("3", "content/pages/x.md:7: Review-every: '3' is not understood; write a number of months"),
    ("quarterly", "Review-every: 'quarterly' is not understood"),
    ("18 months", "Review-every: 18 months is out of range"),
    ("0 months", "Review-every: 0 months is out of range"),
])
def test_bad_review_every_is_named(value, expected):
    _, problems = check(review_every=value)
    assert any(expected in p for p in problems), problems


def test_one_month_singular_is_fine():
    _, problems = check(review_every="1 month", next_review="2026-12-23")
    assert problems == []


def test_clinical_review_is_parsed():
    fields, problems = check(clinical_review="Jane Doe, MD, MPH, 2026-11-01")
    assert problems == []
    assert fields["clinical_review"] == {"name": "Jane Doe", "credentials": "MD, MPH", "date": dt.date(2026, 11, 1)}


def test_no_clinical_review_field_means_none():
    fields, _ = check()
    assert fields.get("clinical_review") is None


@pytest.mark.parametrize("value, expected", [
    ("Jane Doe", "content/pages/x.md:8: Clinical-review: 'Jane Doe' is incomplete; expected 'Name, credential, YYYY-MM-DD'"),
    ("Jane Doe, MD", "is incomplete"),
    ("Jane Doe, MD, 1 Nov 2026", "Clinical-review: '1 Nov 2026' is not a date"),
    ("Jane Doe, MD, 2027-01-01", "Clinical-review: 2027-01-01 is in the future"),
    ("TODO", "Clinical-review: still says TODO"),
    (", MD, 2026-11-01", "is incomplete"),
])
def test_bad_clinical_review_is_named(value, expected):
    _, problems = check(clinical_review=value)
    assert any(expected in p for p in problems), problems
