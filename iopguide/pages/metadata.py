"""Check and parse the editorial metadata every page carries.

Fields (in the Markdown header):
    Title:        the page's one h1
    Summary:      one or two sentences; the meta description
    Reviewed:     YYYY-MM-DD, the date an editor last checked the page
    Next-review:  YYYY-MM-DD, after Reviewed
    Sources:      comma-separated keys from content/data/sources.yaml (2 or more)
    Order:        a whole number: the page's place on the reading path
Pages with "Status: hidden" skip Order.

Translations (a page with 'Lang: es', docs/editing.md "Translating a page"):
    Translation-of:   the English file it translates, e.g. what-is-iop.md
    Translated-from:  the first 12 hex characters of that file's sha256 when
                      it was translated (make check warns when it changed)
    Translated-on:    YYYY-MM-DD

Optional:
    Review-every:     "N months" (1 to 12; 12 when not set): Next-review must
                      be no later than Reviewed + N months
    Clinical-review:  "Name, credential(s), YYYY-MM-DD": who checked the page's
                      clinical facts, and when. Only ever a real person.
    Tool:             the page's tool script, one of TOOLS: the theme loads
                      theme/static/js/tools/<name>.js on that page only.
"""

import datetime as dt
import difflib
import html
import re

from dateutil.relativedelta import relativedelta
from ..header import parse_header
from ..problems import WARNING, Problem
from .end_dates import end_date_problems

REQUIRED = ("title", "summary", "reviewed", "next-review", "sources")
MIN_SOURCES = 2
DESCRIPTION_MAX = 200
DEFAULT_REVIEW_MONTHS = 12
MAX_REVIEW_MONTHS = 12
HASH12 = re.compile(r"^[0-9a-f]{12}$")
DEFAULT_LANG = "en"
REVIEW_EVERY = re.compile(r"^(?P<n>\d+)\s+months?$", re.I)
# The tools a page can load with 'Tool: <name>' (theme/static/js/tools/<name>.js; a test
# holds this list equal to the files there, less the shared helpers).
TOOLS = ("fill-in", "option-grid")
# "Jane Doe, MD, 2026-11-01" or "Jane Doe, PhD, LCSW, 2026-11-01"
CLINICAL_REVIEW_EXAMPLE = "Jane Doe, MD, 2026-11-01"
# Every header field a page may have (lower case): this site's, and Pelican's own that are fine to set.
KNOWN = {"title", "summary", "reviewed", "next-review", "sources", "order", "status", "faq",
         "slug", "save_as", "url", "template", "lang", "translation", "date", "modified",
         "review-every", "clinical-review", "translation-of", "translated-from", "translated-on", "tool"}


def parse_date(value):
    """Return a date for YYYY-MM-DD, or None."""
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def header_lines(text):
    """Return {field (lower case): line number} for a Markdown page's header."""
    return parse_header(text).lines


def check_page(source_path, metadata, sources, today, lines=None, text=None):
    """Return (fields, problems) for one page's metadata.

    fields holds parsed values for the theme; problems is a list of messages,
    each naming the file and the field. lines ({field: line number}, from
    header_lines) adds the line to each message: 'page.md:4: Reviewed: ...'.
    text (the page's Markdown) adds the time-limited facts check
    (end_dates.py): no end date the page states may fall before Next-review.
    """
    problems = []
    lines = lines or {}

    def problem(field, message):
        problems.append(Problem(source_path, message, line=lines.get(field.lower()), key=field))

    check_required(metadata, problem)
    check_summary(metadata, problem)
    fields = check_review(metadata, today, problem)
    reviewed, next_review = fields.get("reviewed"), fields.get("next_review")
    if text and reviewed and next_review and next_review > reviewed:
        problems.extend(end_date_problems(source_path, text, reviewed, next_review))
    if metadata.get("clinical-review") is not None:
        fields["clinical_review"] = parse_clinical_review(metadata["clinical-review"], today, problem)
    fields["sources"] = check_sources(metadata, sources, problem)
    if metadata.get("tool") is not None:
        tool = check_tool(metadata["tool"], problem)
        if tool:
            fields["tool"] = tool
    lang = str(metadata.get("lang") or DEFAULT_LANG).strip()
    if lang != DEFAULT_LANG:
        fields.update(check_translation(metadata, today, problem))
    if metadata.get("status") != "hidden":
        order = check_order(metadata.get("order"), problem)
        if order is not None:
            fields["order"] = order
    return fields, problems


def check_required(metadata, problem):
    """Title, Summary, Reviewed, Next-review and Sources are filled in."""
    for key in REQUIRED:
        value = metadata.get(key)
        if value is None or not str(value).strip():
            problem(key.capitalize(), "missing; add a line like "
                    f"'{key.capitalize()}: ...' to the page's header")
        elif "TODO" in str(value):
            problem(key.capitalize(), "still says TODO; fill it in")


def check_summary(metadata, problem):
    # Pelican hands over the Summary as HTML (<p>...</p>, &rsquo;); measure the words a reader sees.
    summary = html.unescape(re.sub(r"<[^>]+>", "", str(metadata.get("summary", "")))).strip()
    if summary and len(summary) > DESCRIPTION_MAX:
        problem("Summary", f"{len(summary)} characters; keep it under {DESCRIPTION_MAX} "
                "(it is shown in search results)")


def check_review(metadata, today, problem):
    """{reviewed, next_review, review_months}: the dates, in order, with
    Next-review within the page's review cycle (Review-every)."""
    fields = {}
    for key in ("reviewed", "next-review"):
        raw = metadata.get(key)
        if raw is None or "TODO" in str(raw):
            continue
        parsed = parse_date(raw)
        if parsed is None:
            problem(key.capitalize(), f"'{raw}' is not a date; expected YYYY-MM-DD, e.g. 2026-11-23")
        fields[key.replace("-", "_")] = parsed

    reviewed, next_review = fields.get("reviewed"), fields.get("next_review")
    if reviewed and reviewed > today:
        problem("Reviewed", f"{reviewed} is in the future; use the date the page was checked")
    if reviewed and next_review and next_review <= reviewed:
        problem("Next-review", f"{next_review} must be after Reviewed ({reviewed})")

    months = review_months(metadata.get("review-every"), problem)
    fields["review_months"] = months
    if months and reviewed and next_review and next_review > reviewed + relativedelta(months=months):
        latest = reviewed + relativedelta(months=months)
        cycle = ("the usual 12 months" if metadata.get("review-every") is None
                 else f"Review-every: {months} month{'s' * (months != 1)}")
        problem("Next-review", f"{next_review} is too late: with {cycle} after Reviewed ({reviewed}), "
                f"the latest allowed is {latest}. Set Next-review to {latest} or earlier")
    return fields


def check_sources(metadata, sources, problem):
    """The page's sources (each entry with its key), every key known, at least MIN_SOURCES."""
    raw_sources = metadata.get("sources")
    keys = []
    if raw_sources and "TODO" not in str(raw_sources):
        keys = [k.strip() for k in str(raw_sources).split(",") if k.strip()]
        for key in keys:
            if key not in sources:
                problem("Sources", f"unknown source '{key}'; add it to content/data/sources.yaml "
                        f"or use one of: {', '.join(sorted(sources))}")
        if len(set(keys)) < MIN_SOURCES:
            problem("Sources", f"{len(set(keys))} listed; every page cites at least {MIN_SOURCES}")
        if len(keys) != len(set(keys)):
            problem("Sources", "a source is listed twice")
    return [dict(sources[k], key=k) for k in dict.fromkeys(keys) if k in sources]


def check_tool(tool, problem):
    """'Tool: <name>': one of the scripts in theme/static/js/tools/ (TOOLS); the name, or None."""
    name = str(tool).strip()
    if name not in TOOLS:
        problem("Tool", f"'{tool}' is not a tool this site has; expected one of: {', '.join(TOOLS)}")
        return None
    return name


def check_order(order, problem):
    """The page's place on the reading path, a whole number (None when it has a problem)."""
    if order is None:
        problem("Order", "missing; add 'Order: N' (a whole number) for the reading path")
    elif "TODO" in str(order):
        problem("Order", "still says TODO; fill in a whole number for the page's place on the reading path")
    else:
        try:
            return int(str(order))
        except ValueError:
            problem("Order", f"'{order}' is not a whole number")
    return None


def check_translation(metadata, today, problem):
    """Translation-of, Translated-from and Translated-on of a translated page."""
    fields = {}
    source = str(metadata.get("translation-of") or "").strip()
    if not source:
        problem("Translation-of", "missing; add the English file this page translates, "
                "e.g. 'Translation-of: what-is-iop.md'")
    elif not source.endswith(".md") or "/" in source:
        problem("Translation-of", f"'{source}' is not a page file name; expected e.g. what-is-iop.md")
    else:
        fields["translation_of"] = source
    digest = str(metadata.get("translated-from") or "").strip()
    if not HASH12.match(digest):
        problem("Translated-from", f"'{digest}' is not 12 hex characters; use the start of the English "
                "file's sha256: sha256sum content/pages/<slug>.md | cut -c1-12")
    else:
        fields["translated_from"] = digest
    raw = metadata.get("translated-on")
    when = parse_date(raw) if raw else None
    if when is None:
        problem("Translated-on", f"'{raw or ''}' is not a date; expected YYYY-MM-DD, e.g. 2026-11-23")
    elif when > today:
        problem("Translated-on", f"{when} is in the future; use the date the page was translated")
    else:
        fields["translated_on"] = when
    return fields


def review_months(raw, problem):
    """The page's review cycle in months (12 when the field is not set)."""
    if raw is None:
        return DEFAULT_REVIEW_MONTHS
    match = REVIEW_EVERY.match(str(raw).strip())
    if not match:
        problem("Review-every", f"'{raw}' is not understood; write a number of months, "
                "e.g. 'Review-every: 3 months'")
        return None
    months = int(match["n"])
    if not 1 <= months <= MAX_REVIEW_MONTHS:
        problem("Review-every", f"{months} months is out of range; every page is reviewed at least "
                f"once a year, so use 1 to {MAX_REVIEW_MONTHS} months")
        return None
    return months


def parse_clinical_review(raw, today, problem):
    """{'name', 'credentials', 'date'} from 'Name, credential(s), YYYY-MM-DD', or None."""
    parts = [p.strip() for p in str(raw).split(",")]
    expected = (f"expected 'Name, credential, YYYY-MM-DD', e.g. '{CLINICAL_REVIEW_EXAMPLE}'. "
                "Only add this line when a named clinician has checked the page")
    if "TODO" in str(raw):
        problem("Clinical-review", "still says TODO; fill it in or remove the line")
        return None
    if len(parts) < 3 or not all(parts):
        problem("Clinical-review", f"'{raw}' is incomplete; {expected}")
        return None
    date = parse_date(parts[-1])
    if date is None:
        problem("Clinical-review", f"'{parts[-1]}' is not a date; {expected}")
        return None
    if date > today:
        problem("Clinical-review", f"{date} is in the future; use the date the clinician checked the page")
        return None
    return {"name": parts[0], "credentials": ", ".join(parts[1:-1]), "date": date}


def header_problems(text, shown):
    """The header itself: a line that is not 'Field: value' (it ends the header
    early, so the fields below it are not read) and field names this site does
    not know (a misspelling of a known one is an error: the field is ignored)."""
    header = parse_header(text)
    problems = []
    for number, line in header.stray:
        first = line.split()[0].strip(":").lower() if line.split() else ""
        if first in KNOWN:
            written = line.strip() if len(line.strip()) <= 40 else line.strip()[:40] + "..."
            problems.append(Problem(shown, f"'{written}' is not a 'Field: value' line; put a colon after "
                                    f"'{line.split()[0].rstrip(':')}' (the header stops at this line, so the "
                                    "fields below it are not read)", line=number))
        else:
            problems.append(Problem(shown, "the text starts straight after the header; leave one blank line "
                                    "between the last 'Field: value' line and the text", line=number,
                                    severity=WARNING))
    lines = text.splitlines()
    for key, number in header.lines.items():
        if key in KNOWN:
            continue
        written = lines[number - 1].split(":")[0].strip()
        close = difflib.get_close_matches(key, sorted(KNOWN), n=1, cutoff=0.75)
        if close:
            problems.append(Problem(shown, f"'{written}' is not a field this site knows; did you mean "
                                    f"'{close[0].capitalize()}'?", line=number))
        else:
            problems.append(Problem(shown, f"'{written}' is not a field this site uses, so it has no effect; the "
                                    "fields are: Title, Summary, Reviewed, Next-review, Sources, Order (and, when "
                                    "needed, Review-every, Clinical-review)", line=number, severity=WARNING))
    return problems
