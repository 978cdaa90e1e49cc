"""The pull-request comment with `make check`'s report (checks/comment.py)."""

import datetime as dt

from checks.comment import MARK, comment
from checks.report import ERROR, WARNING, Problem


def Finding(file, line, severity, message):
    return Problem(file, message, line=line, severity=severity)


TODAY = dt.date(2026, 12, 7)
TITLE = Finding("content/pages/faq.md", 1, ERROR, "Title: missing; add a line like 'Title: ...'")
DATE = Finding("content/pages/faq.md", 3, ERROR, "Reviewed: 'next spring' is not a date; expected YYYY-MM-DD")
SOON = Finding("content/pages/online-iop.md", 4, WARNING, "review due soon: Next-review is 2026-12-28 (in 21 days)")


def test_errors_come_first_as_a_list_with_file_and_line():
    text = comment([SOON, DATE, TITLE], 56, [], [], TODAY)
    assert text.startswith(MARK)
    assert "### Not ready yet: 2 things to fix" in text
    assert "- `content/pages/faq.md`, line 1: Title: missing" in text
    assert text.index("line 1: Title") < text.index("line 3: Reviewed")
    assert "- `content/pages/online-iop.md`" not in text.split("<details>")[0], "warnings stay in the report"
    assert "review due soon" in text.split("<details>")[1]
    assert "[the editor's guide](docs/editing.md#check-your-changes)" in text


def test_a_clean_change_says_it_is_ready():
    assert "### Ready for review\n\nThe checks found nothing to fix." in comment([], 56, [], [], TODAY)
    assert "### Ready for review, with notes" in comment([SOON], 56, [], [], TODAY)
    assert "1 note below is worth a look" in comment([SOON], 56, [], [], TODAY)


def test_the_report_cannot_break_out_of_its_code_block():
    odd = Finding("content/pages/faq.md", 9, ERROR, "text with ``` fences")
    text = comment([odd], 1, [], [], TODAY)
    assert text.count("```") == 2
