"""`make check` (python -m checks): the build, plus the editorial checks only
`make check` owns, in one report.

The build (iopguide/runner.py, what `make html` runs) reports every rule
the plugins hold: page metadata, sources, the glossary, citations' keys, HTML
in pages, images' alt text, titles, slugs, links between pages, page
markers, the continuum data. The checks here are the ones no build runs: figures cited at
the claim, words to avoid, spelling, headings, TODOs, review dates,
translation status, and, on the built pages, links to sections and the
reading grade. No rule is in both places.

Usage: python -m checks [--root DIR] [--today YYYY-MM-DD] [--keep-output DIR]

Exit status: 0 when there are no errors (warnings are fine), 1 when there are.
"today" (for review dates) is the real date unless --today or CHECK_TODAY sets it.
Nothing under content/ is written: the site is built into a temporary folder.
"""

import argparse
import datetime as dt
import importlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .report import ERROR, format_report

ROOT = Path(__file__).resolve().parent.parent
# Checks on the Markdown and data sources, then checks on the built HTML.
SOURCE_CHECKS = ["reviews", "todos", "headings", "spelling", "citations", "words", "translations"]
HTML_CHECKS = ["links"]


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m checks", description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=str(ROOT), help="project folder (default: this one)")
    parser.add_argument("--today", default=os.environ.get("CHECK_TODAY"),
                        help="the date to check review dates against, YYYY-MM-DD")
    parser.add_argument("--keep-output", help="build into this folder and keep it")
    return parser.parse_args(argv)


def run(root, today, output):
    """Return (problems, pages checked, notes, grades)."""
    from iopguide.runner import build   # the build make html runs

    from .project import Project

    project = Project(root)
    pages = project.pages()
    findings = []
    for name in SOURCE_CHECKS:
        findings += importlib.import_module(f"checks.{name}").check(project, pages, today)

    notes, grades = [], []
    result = build(project.settings_file, project.root, output, today=today)
    findings += result.problems   # Problems with project-relative files, like the checks'
    if result.ok:
        built = Built(Path(output), True, pages_written(pages, result.written))
        for name in HTML_CHECKS:
            findings += importlib.import_module(f"checks.{name}").check(project, built, today)
        from . import grades as grade_check
        grade_findings, grades = grade_check.check(project, built, today)
        findings += grade_findings
    else:
        notes.append("The site did not build, so links to sections and reading grades were not "
                     "checked. Fix the errors above and run `make check` again.")
    return list(dict.fromkeys(findings)), len(pages), notes, grades


@dataclass
class BuiltPage:
    source: object   # project.Page
    save_as: str     # e.g. what-is-iop/index.html


@dataclass
class Built:
    output: Path
    ok: bool
    pages: list = field(default_factory=list)


def pages_written(pages, written):
    by_path = {str(p.path.resolve()): p for p in pages}
    return [BuiltPage(by_path[source], save_as) for source, save_as in written if source in by_path]


def main(argv=None):
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug in the site's code: said so, never as the editor's mistake
        if os.environ.get("DEBUG", "") not in ("", "0"):
            import traceback
            traceback.print_exc()
        print(f"make check stopped: {bug_text(exc)}\nNothing was changed.")
        return 2


def bug_text(exc):
    """The build's bug report (where in the site's code, and that it is a bug), as text."""
    try:
        from iopguide.runner import bug_report
        problem = bug_report(exc, ROOT)
        return f"{problem.file}:{problem.line}: {problem.message}" if problem.line else str(problem)
    except Exception:  # noqa: BLE001 - the plugins themselves cannot be imported
        return (f"the site's code stopped with {type(exc).__name__}: {exc}. This is a bug in the site's code, "
                "not a mistake in your edit: please report it. Run again with DEBUG=1 to see the details.")


def _main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        print(f"--today / CHECK_TODAY: '{args.today}' is not a date; expected YYYY-MM-DD")
        return 2
    if args.keep_output:
        findings, count, notes, grades = run(args.root, today, Path(args.keep_output))
    else:
        with tempfile.TemporaryDirectory(prefix="iop-check-") as tmp:
            findings, count, notes, grades = run(args.root, today, Path(tmp))
    print(format_report(findings, count, notes, grades, today))
    return exit_status(findings)


def exit_status(findings):
    """1 when any problem is an error; warnings alone never stop publishing."""
    return 1 if any(p.severity == ERROR for p in findings) else 0
