"""Translation status: each translated page (Lang: es) names the English file
it translates (Translation-of) and the start of that file's sha256 when it
was translated (Translated-from). When the English file has changed since,
`make check` warns (a warning, not an error: the Spanish page still says when
it was translated, and links to the English one, until someone updates it).

Usage: python -m checks.translations   (one line per translated page)
"""

import hashlib
import sys
from pathlib import Path

from .report import WARNING, Problem

DEFAULT_LANG = "en"


def english_digest(path):
    """First 12 hex characters of the file's sha256 (what Translated-from holds)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def status(project, page):
    """(english file or None, digest recorded, digest now or None)."""
    source = str(page.metadata.get("translation-of") or "").strip()
    if not source:
        return None, None, None
    english = project.pages_dir / source
    recorded = str(page.metadata.get("translated-from") or "").strip()
    return english, recorded, english_digest(english) if english.is_file() else None


def check(project, pages, today):
    findings = []
    for page in pages:
        lang = str(page.metadata.get("lang") or DEFAULT_LANG).strip()
        if lang == DEFAULT_LANG:
            continue
        english, recorded, now = status(project, page)
        if english is None:
            continue  # the metadata check reports a missing Translation-of
        line = page.lines.get("translation-of")
        if now is None:
            findings.append(Problem(
                page.rel,
                f"Translation-of: '{english.name}' is not a page in content/pages/; name the English "
                "file this page translates",
                line=line))
        elif recorded != now:
            findings.append(Problem(
                page.rel,
                f"the English page {english.name} changed after this translation (Translated-from: "
                f"{recorded}, now {now}). Update the Spanish text, then set Translated-from: {now} "
                "and Translated-on to today (docs/editing.md, 'Translating a page')",
                line=page.lines.get("translated-from"), severity=WARNING))
    return findings


def main():
    from .project import Project
    project = Project(Path.cwd())
    for page in project.pages():
        english, recorded, now = status(project, page)
        if english is not None:
            state = "up to date" if recorded == now else f"English changed ({recorded} -> {now})"
            print(f"{page.rel}: {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
