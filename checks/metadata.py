"""Page headers: required fields, date formats, sources, order and field names."""

import difflib

from site_pages.metadata import check_page  # the same rules the build applies
from site_pages.errors import ContentError
from site_pages.sources import load_sources

from .report import ERROR, WARNING, Finding, from_problem

# Fields this site's pages use (lower case), and Pelican's own that are fine to set.
KNOWN = {"title", "summary", "reviewed", "next-review", "sources", "order", "status", "faq",
         "slug", "save_as", "url", "template", "lang", "translation", "date", "modified",
         "review-every", "clinical-review", "translation-of", "translated-from", "translated-on", "tool"}


def load_registry(project):
    """The source registry, or {} when it is broken (the data-file check reports why)."""
    try:
        return load_sources(project.data_dir / "sources.yaml")
    except ContentError:
        return None


def check(project, pages, today):
    findings = []
    sources = load_registry(project)
    for page in pages:
        for number, text in page.stray_header:
            first = text.split()[0].strip(":").lower() if text.split() else ""
            if first in KNOWN:
                shown = text.strip() if len(text.strip()) <= 40 else text.strip()[:40] + "..."
                findings.append(Finding(page.rel, number, ERROR,
                    f"'{shown}' is not a 'Field: value' line; put a colon after "
                    f"'{text.split()[0].rstrip(':')}' (the header stops at this line, so the "
                    "fields below it are not read)", "metadata"))
            else:
                findings.append(Finding(page.rel, number, WARNING,
                    "the text starts straight after the header; leave one blank line between "
                    "the last 'Field: value' line and the text", "metadata"))
        for key, number in page.lines.items():
            if key in KNOWN:
                continue
            written = page.text.splitlines()[number - 1].split(":")[0].strip()
            close = difflib.get_close_matches(key, sorted(KNOWN), n=1, cutoff=0.75)
            if close:
                findings.append(Finding(page.rel, number, ERROR,
                    f"'{written}' is not a field this site knows; did you mean '{close[0].capitalize()}'?",
                    "metadata"))
            else:
                findings.append(Finding(page.rel, number, WARNING,
                    f"'{written}' is not a field this site uses, so it has no effect; "
                    f"the fields are: Title, Summary, Reviewed, Next-review, Sources, Order "
                    "(and, when needed, Review-every, Clinical-review)", "metadata"))
        if sources is None:
            continue  # without the registry, source keys cannot be checked
        _, problems = check_page(page.rel, page.metadata, sources, today, lines=page.lines, text=page.text)
        findings += [from_problem(p, project.root, check="metadata") for p in problems]
    return findings
