"""Readability: the Flesch-Kincaid grade of each built page (limit 8), via checks/readability.py."""

from . import readability
from .report import ERROR, Finding


def check(project, built, today):
    findings, grades = [], []
    for page in built.pages:
        html = (built.output / page.save_as).read_text(encoding="utf-8")
        if 'class="page"' not in html:
            continue
        value = readability.grade(html)
        grades.append((page.source.rel, value))
        if value > readability.GRADE_LIMIT:
            findings.append(Finding(page.source.rel, None, ERROR,
                f"reading grade {value:.1f} is over {readability.GRADE_LIMIT:g}; use shorter sentences "
                "and everyday words (see docs/editing.md, 'Plain words')", "readability"))
    return findings, grades
