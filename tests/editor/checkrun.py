"""Run `python -m checks` on a project folder and read its report back."""

import datetime as dt
import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Review dates are compared with the real date: pages say Reviewed: <the day an
# editor checked them>, so any fixed date would soon be "before" a real page's
# Reviewed date (an error). Tests that plant dates plant them relative to this.
TODAY = dt.date.today().isoformat()
ENTRY = re.compile(r"^  (?P<level>ERROR|WARNING) +(?:line (?P<line>\d+))? +(?P<message>.+)$")


@dataclass(frozen=True)
class Entry:
    file: str
    line: int | None
    level: str
    message: str


def run_check(root, today=TODAY):
    return subprocess.run([sys.executable, "-m", "checks", "--root", str(root), "--today", today],
                          capture_output=True, text=True, cwd=ROOT)


def entries(report):
    """[Entry] from the grouped report: a file name line, then its indented findings."""
    found, current = [], None
    for line in report.splitlines():
        if line and not line.startswith(" ") and not line.startswith(("Readability", "Checked", "Fix ",
                                                                       "No errors", "All good", "The site")):
            current = line.strip()
            continue
        match = ENTRY.match(line)
        if match:
            found.append(Entry(current, int(match["line"]) if match["line"] else None,
                               match["level"], match["message"]))
    return found


def digest(folder):
    """{relative path: sha256} of every file under folder."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
