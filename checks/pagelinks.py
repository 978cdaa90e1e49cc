"""Links written as [words]({filename}page.md) in the Markdown point at a file that exists."""

import re
from pathlib import Path

from site_pages.paths import translation_fallback

from .report import ERROR, Finding

INTERNAL = re.compile(r"[{|](?P<kind>filename|static|attach)[}|](?P<target>[^)\s#?\"']+)")


def missing_message(target):
    """Shared with the build check, so one broken link gives one message."""
    return (f"link to '{target}': there is no such file. Check the spelling; pages are the .md "
            "files in content/pages/, e.g. [what an IOP is]({filename}what-is-iop.md)")


def resolve(project, page_path, target):
    base = project.content if target.startswith("/") else Path(page_path).parent
    # A translated page may link to a page not translated yet: the build sends it to the English one.
    target = translation_fallback(page_path, target, project.content / "pages")
    return (base / target.lstrip("/")).resolve()


def check(project, pages, today):
    findings = []
    for page in pages:
        for number, line in page.body_lines():
            for match in INTERNAL.finditer(line):
                target = match["target"]
                if not resolve(project, page.path, target).exists():
                    findings.append(Finding(page.rel, number, ERROR, missing_message(target), "links"))
    return findings
