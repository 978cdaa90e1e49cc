"""Readability of each built page, via checks/readability.py: the Flesch-Kincaid
grade (limit 8) for English pages, Fernández-Huerta (70 or more) for Spanish ones."""

from . import readability
from .report import Problem


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
                findings.append(Problem(
                    page.source.rel,
                    f"Fernández-Huerta {value:.1f} is under {readability.FH_MIN:g}; use shorter sentences "
                    "and everyday words (see docs/editing.md, 'Translating a page')"))
            continue
        value = readability.grade(html)
        grades.append((page.source.rel, value, "en"))
        if value > readability.GRADE_LIMIT:
            findings.append(Problem(
                page.source.rel,
                f"reading grade {value:.1f} is over {readability.GRADE_LIMIT:g}; use shorter sentences "
                "and everyday words (see docs/editing.md, 'Plain words')"))
    return findings, grades
