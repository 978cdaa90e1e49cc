"""Headings in the Markdown: no second page title (#), and no skipped levels (## then ####)."""

import re

from .report import Problem

ATX = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*\s*$")


def check(project, pages, today):
    findings = []
    for page in pages:
        previous = 1  # the page's Title is its h1
        for number, line in page.body_lines():
            match = ATX.match(line)
            if not match:
                continue
            level, text = len(match[1]), match[2]
            if level == 1:
                findings.append(Problem(
                    page.rel,
                    f"'# {text}' makes a second page title; the Title field is the page's only "
                    f"top heading. Use '## {text}' for a section",
                    line=number))
            elif level > previous + 1:
                findings.append(Problem(
                    page.rel,
                    f"heading '{'#' * level} {text}' skips a level (after a level-{previous} heading "
                    f"comes level {previous + 1} at most); use '{'#' * (previous + 1)} {text}'",
                    line=number))
            previous = level
    return findings
