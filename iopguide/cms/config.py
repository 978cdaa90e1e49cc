"""Write cms/config.json, the browser editor's configuration, from the site's own rules.

The forms' rules come from the code the build runs (iopguide/pages/metadata.py:
required fields, the Summary limit, the number of sources, the review cycle,
the clinical-review form, the translation fingerprint), so the editor cannot
accept what the build refuses without this file going stale. `make docs`
rewrites it; a test fails when the committed file differs from what this
script makes (tests/editor/test_cms_config.py), as for docs/data-reference.md.

The choices for Sources are the keys of content/data/sources.yaml, added by
with_sources() when the editor is built (iopguide/cms/build.py), not kept in
this file: an editor who adds a source to sources.yaml (on GitHub's web editor,
say) would otherwise also have to run `make docs` before the checks pass.

Only pages are in forms. The data files (continuum.yaml, sources.yaml, the
glossaries, strings.yaml) keep comments and id-keyed maps that a form would
lose; docs/editing.md says how to edit them.

What depends on where the editor is deployed (the repository, the sign-in
service) is not in this file: iopguide/cms/build.py adds it.

Usage: python -m iopguide.cms.config [--write cms/config.json]
       (without --write it prints to standard output)
"""

import argparse
import json
import sys
from pathlib import Path

from ..pages import metadata  # the rules the build applies
from ..pages.sources import load_sources

ROOT = Path(__file__).resolve().parents[2]

SOURCES = ROOT / "content" / "data" / "sources.yaml"
FORMAT_NAME = "iop-page"  # registered by cms/admin.js with cms/header-format.js

# metadata.parse_date accepts what date.fromisoformat accepts; the forms accept
# YYYY-MM-DD with a real month and day number (test_cms_config.py checks the
# two agree on the dates in the pages and on planted mistakes).
ISO_DATE = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
DATE_MESSAGE = "Write the date as year-month-day, for example 2026-11-23."
NO_TODO = r"^(?![\s\S]*TODO)"
# Spanish-only fields are required on the Spanish page only.
SPANISH = ["es"]


def review_every_pattern(most):
    """'N month(s)', N from 1 to `most` (metadata.REVIEW_EVERY and MAX_REVIEW_MONTHS)."""
    numbers = "|".join(str(n) for n in range(most, 0, -1))
    return rf"^({numbers}) months?$"


def clinical_review_pattern():
    """'Name, credential(s), YYYY-MM-DD' (metadata.parse_clinical_review)."""
    return r"^[^,]*\S[^,]*(,[^,]*\S[^,]*)+, *" + ISO_DATE[1:]


def source_options(sources):
    return [{"value": key, "label": f"{key}: {entry['publisher']}, {entry['title']} ({entry['year']})"}
            for key, entry in sources.items()]


def required(name):
    return name.lower() in metadata.REQUIRED


def date_field(name, label, hint, **extra):
    return {"name": name, "label": label, "widget": "string", "hint": hint,
            "required": required(name), "pattern": [ISO_DATE, DATE_MESSAGE], **extra}


def page_fields():
    """The form, in the order an editor meets it."""
    most = metadata.MAX_REVIEW_MONTHS
    return [
        {"name": "Title", "label": "Title", "widget": "string", "required": required("Title"),
         "hint": "The page's heading: plain words, no HTML. A question or a statement people would search for.",
         "pattern": [NO_TODO + r"[^<>]*$", "Write plain words: no TODO, and no < or > (a title cannot hold HTML)."]},
        {"name": "Summary", "label": "Summary", "widget": "text", "required": required("Summary"),
         "maxlength": metadata.DESCRIPTION_MAX,
         "hint": f"One or two plain sentences on what the page answers, at most {metadata.DESCRIPTION_MAX} "
                 "characters. Shown under the title and in search results. No figures here.",
         "pattern": [NO_TODO, "Replace the TODO with the summary."]},
        date_field("Reviewed", "Reviewed",
                   "The day an editor last checked the whole page against its sources: year-month-day. "
                   "Not a day in the future. Fixing a typo is not a review: leave the dates alone."),
        date_field("Next-review", "Next review",
                   "When the page must be checked again: after Reviewed and no later than the review cycle "
                   "allows (12 months unless Review every says less)."),
        {"name": "Review-every", "label": "Review every", "widget": "string", "required": False,
         "hint": f"Only for pages that go out of date faster: 1 to {most} months, "
                 "written like '3 months'. Empty means every 12 months.",
         "pattern": [review_every_pattern(most), f"Write a whole number of months from 1 to {most}, "
                     "for example: 3 months"]},
        {"name": "Sources", "label": "Sources", "widget": "select", "multiple": True,
         "required": required("Sources"), "min": metadata.MIN_SOURCES,
         "hint": f"At least {metadata.MIN_SOURCES} sources from the list of sources (content/data/sources.yaml). "
                 "A new source is added to that file first (see the editor's guide)."},
        {"name": "Order", "label": "Order", "widget": "number", "value_type": "int", "min": 0,
         "required": False,
         "hint": "A whole number: the page's place on the reading path (the home page is 0). "
                 "Every page needs one, except a page marked hidden."},
        {"name": "Clinical-review", "label": "Clinical review", "widget": "string", "required": False,
         "hint": "Only when a named clinician has really checked this page's clinical facts, with their "
                 f"agreement: name, credential(s), date. For example: {metadata.CLINICAL_REVIEW_EXAMPLE}",
         "pattern": [clinical_review_pattern(), "Write the name, the credential(s) and the date, separated by "
                     f"commas, for example: {metadata.CLINICAL_REVIEW_EXAMPLE}"]},
        {"name": "Lang", "label": "Language (Spanish page only)", "widget": "string", "required": SPANISH,
         "hint": "On the Spanish page: es. Leave it empty on the English page.",
         "pattern": ["^es$", "Write es on the Spanish page."]},
        {"name": "Slug", "label": "Address (Spanish page only)", "widget": "string", "required": SPANISH,
         "hint": "On the Spanish page: the English page's file name without .md, for example what-is-iop.",
         "pattern": [r"^[a-z0-9]+(-[a-z0-9]+)*$", "Use lowercase letters, digits and hyphens, "
                     "for example what-is-iop."]},
        {"name": "Translation-of", "label": "Translation of (Spanish page only)", "widget": "string",
         "required": SPANISH, "hint": "The English file this page translates, for example what-is-iop.md.",
         "pattern": [r"^[a-z0-9]+(-[a-z0-9]+)*\.md$", "Write the English page's file name, for example "
                     "what-is-iop.md."]},
        {"name": "Translated-from", "label": "Translated from (Spanish page only)", "widget": "string",
         "required": SPANISH,
         "hint": "The first 12 characters of the English file's fingerprint when you translated it "
                 "(make check tells you the new value when the English page changes).",
         "pattern": [metadata.HASH12.pattern, "Write the 12 characters (0-9 and a-f) that make check "
                     "gives for the English page."]},
        date_field("Translated-on", "Translated on (Spanish page only)",
                   "The day the translation was made or last brought up to date: year-month-day.",
                   required=SPANISH),
        {"name": "body", "label": "Text", "widget": "markdown", "modes": ["raw"], "required": True,
         "hint": "The page's text in Markdown. Sections start at ##. Cite each figure where you state it: "
                 "[@source-key]."},
    ]


# The order of a header's lines on a new page (metadata.py's docstring; the
# pages in content/pages/es/ put the translation lines after Summary), and
# which fields are comma lists in the file. Fields that are not in the form
# (Status, FAQ, Save_as, URL, Tool) are kept as they are by the format.
HEADER_ORDER = ["Title", "Summary", "Lang", "Slug", "Save_as", "URL", "Translation-of", "Translated-from",
                "Translated-on", "Status", "Reviewed", "Next-review", "Review-every", "Clinical-review",
                "Sources", "Order", "FAQ", "Tool"]
LIST_FIELDS = {"Sources"}


def with_sources(config, sources=None):
    """The config with the Sources choices filled in from content/data/sources.yaml."""
    if sources is None:
        sources = load_sources(SOURCES, "content/data/sources.yaml")
    for collection in config["collections"]:
        for field in collection["fields"]:
            if field["name"] == "Sources":
                field["options"] = source_options(sources)
    return config


def make_config():
    fields = page_fields()
    for field in fields:
        field["i18n"] = True  # each language's page keeps its own values
    return {
        "_generated": "by python -m iopguide.cms.config from iopguide/pages/metadata.py and "
                      "content/data/sources.yaml: run `make docs`, never edit by hand",
        "header_fields": [{"name": n, **({"list": True} if n in LIST_FIELDS else {})} for n in HEADER_ORDER],
        "publish_mode": "editorial_workflow",
        "media_folder": "content/images",
        "i18n": {
            "structure": "multiple_folders",
            "locales": ["en", "es"],
            "default_locale": metadata.DEFAULT_LANG,
            "omit_default_locale_from_file_path": True,
            "initial_locales": "default",
        },
        "collections": [{
            "name": "pages",
            "label": "Pages",
            "label_singular": "Page",
            "description": "Every page, in English and Spanish. Data files: see the editor's guide.",
            "folder": "content/pages",
            "format": FORMAT_NAME,
            "i18n": True,
            "create": True,
            "delete": False,
            "identifier_field": "Title",
            "summary": "{{Title}}",
            "sortable_fields": ["Title", "Reviewed", "Next-review", "Order"],
            "slug": "{{slug}}",
            "fields": fields,
        }],
    }


def render():
    return json.dumps(make_config(), indent=2, ensure_ascii=False) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", help="write the config to this file")
    args = parser.parse_args(argv)
    text = render()
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
