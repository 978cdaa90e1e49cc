"""`make check` (python -m checks): every content check, one report.

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
from pathlib import Path

from .report import ERROR, format_report

ROOT = Path(__file__).resolve().parent.parent
# Checks on the Markdown and data sources, then checks on the built HTML.
SOURCE_CHECKS = ["metadata", "reviews", "todos", "headings", "markers", "pagelinks", "spelling", "datafile",
                 "citations", "words", "translations"]
HTML_CHECKS = ["links", "images"]


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m checks", description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=str(ROOT), help="project folder (default: this one)")
    parser.add_argument("--today", default=os.environ.get("CHECK_TODAY"),
                        help="the date to check review dates against, YYYY-MM-DD")
    parser.add_argument("--keep-output", help="build into this folder and keep it")
    return parser.parse_args(argv)


def run(root, today, output):
    """Return (findings, pages checked, notes, grades)."""
    from .project import Project  # puts the project's plugins/ on sys.path first

    from .report import from_problem

    project = Project(root)
    # First what would stop the build before it reads a page (symlinks, size,
    # encoding, Title, data files): the same code the build runs.
    findings = [from_problem(p, project.root, check="scan") for p in project.scan()]
    pages = project.pages()
    for name in SOURCE_CHECKS:
        findings += importlib.import_module(f"checks.{name}").check(project, pages, today)

    notes, grades = [], []
    if findings and any(f.check == "scan" for f in findings):
        notes.append("The site was not built: the files above must be fixed first. Then run "
                     "`make check` again for links, images and reading grades.")
        return tidy(findings), len(pages), notes, grades
    from .build import build
    built, build_findings = build(project, pages, output, today)
    findings += build_findings
    if built.ok:
        for name in HTML_CHECKS:
            findings += importlib.import_module(f"checks.{name}").check(project, built, today)
        from . import grades as grade_check
        grade_findings, grades = grade_check.check(project, built, today)
        findings += grade_findings
    else:
        notes.append("The site did not build, so links, images and reading grades were not "
                     "checked. Fix the errors above and run `make check` again.")
    return tidy(findings), len(pages), notes, grades


def tidy(findings):
    """One finding per problem: the same message from a source check and the
    build is shown once, and the build's line-less report of a marker the
    markers check already placed on a line is left out."""
    unique = list(dict.fromkeys(findings))
    placed = {f.file for f in unique if f.check == "markers"}
    return [f for f in unique if not (f.check == "build" and f.file in placed
                                      and f.message.startswith("unknown marker"))]


def main(argv=None):
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - an editor sees a sentence, a developer sets DEBUG=1
        if os.environ.get("DEBUG", "") not in ("", "0"):
            import traceback
            traceback.print_exc()
        print(f"make check stopped unexpectedly: {type(exc).__name__}: {exc}\n"
              "Nothing was changed. Run it again with DEBUG=1 to see the details.")
        return 2


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
    return 1 if any(f.level == ERROR for f in findings) else 0
