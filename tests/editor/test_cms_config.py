"""cms/config.json (the browser editor's forms) is generated from the site's rules and cannot drift from them."""

import functools
import json
import re
import subprocess
import sys

from checkrun import ROOT

from iopguide.header import parse_header
from iopguide.pages import metadata


@functools.cache
def generated():
    result = subprocess.run([sys.executable, "-m", "iopguide.cms.config"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def fields():
    return {f["name"]: f for f in json.loads(generated())["collections"][0]["fields"]}


def test_committed_config_matches_the_rules():
    committed = (ROOT / "cms" / "config.json").read_text(encoding="utf-8")
    assert committed == generated(), "cms/config.json is out of date: run `make docs`"


def test_the_forms_require_what_the_build_requires():
    form = fields()
    for key in metadata.REQUIRED:
        name = next(n for n in form if n.lower() == key)
        assert form[name]["required"] is True, name
    assert form["Summary"]["maxlength"] == metadata.DESCRIPTION_MAX
    assert form["Sources"]["min"] == metadata.MIN_SOURCES
    assert form["Order"]["value_type"] == "int"
    for name in ("Lang", "Slug", "Translation-of", "Translated-from", "Translated-on"):
        assert form[name]["required"] == ["es"], name


def test_the_built_editor_offers_the_keys_of_sources_yaml_as_sources(tmp_path):
    """The choices are added when the editor is built, so a new source needs no `make docs`."""
    from iopguide.cms.config import with_sources
    from iopguide.pages.sources import load_sources

    keys = list(load_sources(ROOT / "content" / "data" / "sources.yaml"))
    assert "options" not in fields()["Sources"], "the committed config would go stale with every new source"
    built = with_sources(json.loads(generated()))
    sources = next(f for f in built["collections"][0]["fields"] if f["name"] == "Sources")
    assert [o["value"] for o in sources["options"]] == keys
    one = with_sources(json.loads(generated()), {"a-b": {"publisher": "P", "title": "T", "year": 2020}})
    assert [f for f in one["collections"][0]["fields"] if f["name"] == "Sources"][0]["options"] == \
        [{"value": "a-b", "label": "a-b: P, T (2020)"}]


def test_every_header_field_a_page_uses_is_known_to_the_editor():
    """The format keeps the pages' header order; a field it does not know would be
    placed last on a new page, so every field used in content/pages/ is listed."""
    known = {f["name"].lower() for f in json.loads(generated())["header_fields"]}
    for page in sorted((ROOT / "content" / "pages").rglob("*.md")):
        used = set(parse_header(page.read_text(encoding="utf-8")).metadata)
        assert used <= known, f"{page.relative_to(ROOT)}: {sorted(used - known)}"


def pattern(name):
    return re.compile(fields()[name]["pattern"][0])


def test_the_date_pattern_agrees_with_the_build():
    """The form accepts every date the pages use and refuses what the build refuses; it is
    stricter in one way (only YYYY-MM-DD, as the guide says; Python also reads 20261123) and
    looser in one: a day the month does not have (2026-02-30), which the build then refuses."""
    dates = pattern("Reviewed")
    used = []
    for page in (ROOT / "content" / "pages").rglob("*.md"):
        meta = parse_header(page.read_text(encoding="utf-8")).metadata
        used += [meta[k] for k in ("reviewed", "next-review", "translated-on") if k in meta]
    assert used and all(dates.match(d) for d in used)
    for wrong in ["2026-13-01", "2026-00-10", "2026-11-32", "2026-11-00", "23/11/2026", "Nov 23, 2026",
                  "next spring", "2026-1-5", " 2026-11-23", "2026-11-23 ", ""]:
        assert not dates.match(wrong), wrong
        assert metadata.parse_date(wrong) is None or wrong != wrong.strip(), wrong
    assert metadata.parse_date("20261123") and not dates.match("20261123")
    assert dates.match("2026-02-30") and metadata.parse_date("2026-02-30") is None


def test_review_every_and_clinical_review_patterns_agree_with_the_build():
    every = pattern("Review-every")
    for months in range(0, metadata.MAX_REVIEW_MONTHS + 3):
        for unit in ("month", "months"):
            text = f"{months} {unit}"
            problems = []
            metadata.review_months(text, lambda *a, found=problems: found.append(a))
            assert bool(every.match(text)) == (not problems), text
    clinical = pattern("Clinical-review")
    today = metadata.parse_date("2026-12-07")
    for text in ["Jane Doe, MD, 2026-11-01", "Jane Doe, PhD, LCSW, 2026-11-01", "Jane Doe, 2026-11-01",
                 "Jane Doe, MD", "Jane Doe, MD, 2026-13-01", ", MD, 2026-11-01", "Jane Doe, , 2026-11-01"]:
        problems = []
        metadata.parse_clinical_review(text, today, lambda *a, found=problems: found.append(a))
        assert bool(clinical.match(text)) == (not problems), text
