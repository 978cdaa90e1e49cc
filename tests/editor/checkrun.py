"""Run `python -m checks` on a project folder and read its report back."""

import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Review dates are compared with this, so results do not change with the calendar.
# At least the newest Reviewed / Translated-on date in content/ (a later one is "in the future").
TODAY = "2026-12-07"
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
