"""Review dates: pages whose Next-review date has passed or falls within 60 days."""

from iopguide.pages.metadata import parse_date

from .report import WARNING, Problem

DUE_SOON_DAYS = 60


def check(project, pages, today):
    findings = []
    for page in pages:
        due = parse_date(page.metadata.get("next-review", ""))
        if due is None:
            continue  # a missing or bad date is the metadata check's job
        days = (due - today).days
        line = page.lines.get("next-review")
        if days < 0:
            findings.append(Problem(
                page.rel,
                f"review overdue: Next-review was {due} ({-days} day{'s' * (days != -1)} ago). Check the page against "
                "its sources, then set Reviewed to today and Next-review to a date no further ahead than "
                "the page's review cycle (Review-every; 12 months when not set)",
                line=line, severity=WARNING))
        elif days <= DUE_SOON_DAYS:
            findings.append(Problem(
                page.rel,
                f"review due soon: Next-review is {due} (in {days} day{'s' * (days != 1)})",
                line=line, severity=WARNING))
    return findings
