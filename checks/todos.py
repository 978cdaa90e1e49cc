"""Leftover TODO notes in a page's text (header TODOs are reported by the metadata check)."""

import re

from .report import Problem

TODO = re.compile(r"\bTODO\b")


def check(project, pages, today):
    findings = []
    for page in pages:
        for number, line in page.body_lines(skip_code=False):
            if TODO.search(line):
                findings.append(Problem(
                    page.rel,
                    f"still has a TODO: '{line.strip()[:70]}'; finish that part or remove the note",
                    line=number))
    return findings
