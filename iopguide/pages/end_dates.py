"""Time-limited facts: a page that says a rule runs "through December 31, 2026"
must be checked again by that date, so it never states an ended rule as current.

The build and `make check` both call end_date_problems through
metadata.check_page. A phrase counts when an end word (through, until, ends
on, expires on; hasta, vence el, termina el...) comes right before a date.
An end date before Reviewed is history ("ran until March 1, 2024") and one on
or after Next-review will be checked at that review, so only an end date from
Reviewed up to the day before Next-review is a problem.
"""

import calendar
import datetime as dt
import re

from ..problems import Problem

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan", "enero"), ("february", "feb", "febrero"), ("march", "mar", "marzo"),
    ("april", "apr", "abril"), ("may", "mayo"), ("june", "jun", "junio"), ("july", "jul", "julio"),
    ("august", "aug", "agosto"), ("september", "sept", "sep", "septiembre", "setiembre"),
    ("october", "oct", "octubre"), ("november", "nov", "noviembre"), ("december", "dec", "diciembre"),
), start=1) for name in names}
MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

# English: "through December 31, 2026", "until the end of 2026", "expires on 31 December 2026".
EN_END = (r"(?:through|thru|until|till|(?:ends?|ended|ending|expires?|expired|expiring|lapses?|lapsed)"
          r"(?:\s+on)?|runs?\s+out\s+on)")
EN_DATE = (r"(?:(?P<m1>{M})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
           r"|(?P<d2>\d{{1,2}})\s+(?P<m2>{M}),?\s+(?P<y2>\d{{4}})"
           r"|(?:the\s+)?end\s+of\s+(?P<m3>{M}),?\s+(?P<y3>\d{{4}})"
           r"|(?:the\s+)?end\s+of\s+(?:the\s+year\s+)?(?P<y4>\d{{4}})"
           r"|(?P<m5>{M}),?\s+(?P<y5>\d{{4}}))").format(M=MONTH)
# Spanish: "hasta el 31 de diciembre de 2026", "vence el 1 de enero de 2027", "hasta finales de 2026".
ES_END = (r"(?:hasta|vencen?|venció|vencer[áa]n?|expiran?|expir[óo]|expirar[áa]n?|caducan?|terminan?"
          r"|terminar[áa]n?|finalizan?)")
ES_DATE = (r"(?:(?:el\s+)?(?P<d6>\d{{1,2}})\s+de\s+(?P<m6>{M})\s+del?\s+(?P<y6>\d{{4}})"
           r"|(?:el\s+)?(?:finales|fines|final|fin)\s+de\s+(?P<m7>{M})\s+del?\s+(?P<y7>\d{{4}})"
           r"|(?:el\s+)?(?:finales|fines|final|fin)\s+del?\s+(?:año\s+)?(?P<y8>\d{{4}})"
           r"|(?P<m9>{M})\s+del?\s+(?P<y9>\d{{4}}))").format(M=MONTH)
PHRASE = re.compile(rf"(?<![\w-])(?:{EN_END}\s+{EN_DATE}|{ES_END}\s+{ES_DATE})(?![\w-])", re.I)
# Notes to editors are not shown to visitors; emphasis marks may split a phrase.
COMMENT = re.compile(r"<!--.*?-->", re.S)
MARKS = re.compile(r"[*_]")


def _blank(match):
    return re.sub(r"[^\n]", " ", match.group(0))


def end_date(match):
    """The last day a matched phrase covers, or None if it is not a real date."""
    groups = match.groupdict()
    try:
        for n in ("1", "2", "6"):  # a day, a month and a year
            if groups[f"y{n}"]:
                return dt.date(int(groups[f"y{n}"]), MONTHS[groups[f"m{n}"].lower().rstrip(".")],
                               int(groups[f"d{n}"]))
        for n in ("3", "5", "7", "9"):  # a month and a year: its last day
            if groups[f"y{n}"]:
                year, month = int(groups[f"y{n}"]), MONTHS[groups[f"m{n}"].lower().rstrip(".")]
                return dt.date(year, month, calendar.monthrange(year, month)[1])
        for n in ("4", "8"):  # the end of a year
            if groups[f"y{n}"]:
                return dt.date(int(groups[f"y{n}"]), 12, 31)
    except ValueError:  # "February 30": not a date, so not a deadline to guard
        return None
    return None


def stated_end_dates(text):
    """[(line, phrase as written, date)] for every end date the text states."""
    text = MARKS.sub(" ", COMMENT.sub(_blank, text))
    found = []
    for match in PHRASE.finditer(text):
        when = end_date(match)
        if when is not None:
            line = text.count("\n", 0, match.start()) + 1
            found.append((line, " ".join(match.group(0).split()), when))
    return found


def end_date_problems(source_path, text, reviewed, next_review):
    """A Problem for each end date from Reviewed up to the day before Next-review."""
    problems = []
    for line, phrase, when in stated_end_dates(text):
        if reviewed <= when < next_review:
            problems.append(Problem(source_path, (
                f"'{phrase}': this fact ends on {when}, before the page's Next-review ({next_review}), "
                "so the page could still state it after it has ended. Set Next-review to "
                f"{when} or earlier, and check the fact again by then"), line=line))
    return problems
