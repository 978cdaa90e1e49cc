"""Readability of each built page, via checks/readability.py: the Flesch-Kincaid
grade (limit 8) for English pages, Fernández-Huerta (70 or more) for Spanish ones."""

from . import readability
from .report import ERROR, Finding


def check(project, built, today):
    findings, grades = [], []
    for page in built.pages:
        html = (built.output / page.save_as).read_text(encoding="utf-8")
        if not readability.is_content_page(html):
            continue
        if readability.page_lang(html) == "es":
            value = readability.fernandez_huerta(html)
            grades.append((page.source.rel, value, "es"))
            if value < readability.FH_MIN:
                findings.append(Finding(page.source.rel, None, ERROR,
                    f"Fernández-Huerta {value:.1f} is under {readability.FH_MIN:g}; use shorter sentences "
                    "and everyday words (see docs/editing.md, 'Translating a page')", "readability"))
            continue
        value = readability.grade(html)
        grades.append((page.source.rel, value, "en"))
        if value > readability.GRADE_LIMIT:
            findings.append(Finding(page.source.rel, None, ERROR,
                f"reading grade {value:.1f} is over {readability.GRADE_LIMIT:g}; use shorter sentences "
                "and everyday words (see docs/editing.md, 'Plain words')", "readability"))
    return findings, grades
