"""Run `python -m checks` on a project folder and read its report back."""

import contextlib
import hashlib
import io
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Review dates are compared with this, so results do not change with the calendar.
# At least the newest Reviewed / Translated-on date in content/ (a later one is "in the future").
TODAY = "2026-12-07"
# One problem under its file, as iopguide.problems.format_problems writes it.
ENTRY = re.compile(r"^  (?:line (?P<line>\d+): )?(?P<warning>warning: )?(?P<message>.+)$")


@dataclass(frozen=True)
class Entry:
    file: str
    line: int | None
    severity: str   # error or warning
    message: str


def run_check(root, today=TODAY):
    return subprocess.run([sys.executable, "-m", "checks", "--root", str(root), "--today", today],
                          capture_output=True, text=True, cwd=ROOT)


def run_check_in_process(root, today=TODAY):
    """The same report from checks.cli.main in this process (the fast tier:
    no new Python, and the libraries this worker has loaded stay loaded). The
    command itself is run by the end-to-end tests (run_check)."""
    from checks import cli
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--root", str(root), "--today", today])
    return subprocess.CompletedProcess(["checks"], code, out.getvalue(), err.getvalue())


def entries(report):
    """[Entry] from the report: a file's name on a line of its own, then its
    problems indented under it (the readability tables before them are not entries)."""
    found, current = [], None
    for line in report.splitlines():
        if line.startswith(("Readability", "Checked", "Fix ", "No errors", "All good", "The site")):
            current = None
        elif line and not line.startswith(" "):
            current = line.strip()
        elif current and (match := ENTRY.match(line)):
            found.append(Entry(current, int(match["line"]) if match["line"] else None,
                               "warning" if match["warning"] else "error", match["message"]))
    return found


def digest(folder):
    """{relative path: sha256} of every file under folder."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def page_errors(project, rel, today=TODAY):
    """Every error one page's own rules give (the build's header and metadata
    rules, and make check's own source checks: words, spelling, figures cited,
    headings, TODOs, review dates), as (rule, message), in this process."""
    import datetime as dt
    import importlib

    from checks.cli import SOURCE_CHECKS
    from checks.project import Project
    from iopguide.pages.metadata import check_page, header_problems
    from iopguide.pages.sources import load_sources
    today = dt.date.fromisoformat(today) if isinstance(today, str) else today
    found = Project(project)
    page = next(p for p in found.pages() if p.rel == rel)
    sources = load_sources(project / "content/data/sources.yaml", "content/data/sources.yaml")
    errors = [("build", p.message) for p in header_problems(page.text, rel)
              + check_page(rel, page.metadata, sources, today, lines=page.lines)[1] if p.severity == "error"]
    for name in SOURCE_CHECKS:
        errors += [(name, f.message) for f in importlib.import_module(f"checks.{name}").check(found, [page], today)
                   if f.severity == "error" and f.file == rel]
    return errors
