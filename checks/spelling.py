"""Spelling in pages and data files, with codespell and the project's word lists."""

import re
import subprocess
import sys
from pathlib import Path

from .report import Problem

HERE = Path(__file__).resolve().parent
WORDS = HERE / "words.txt"                          # correct words codespell must accept
MISSPELLINGS = HERE / "medical-misspellings.txt"    # extra 'wrong->right' pairs for medical terms
# codespell's usual lists, plus US spelling: the site is written in US English.
BUILTIN = "clear,rare,en-GB_to_en-US"
# codespell has no Spanish dictionary: the Spanish pages and data files (and the
# strings catalogue, half Spanish) are not spell-checked; see docs/editing.md.
SKIP = "*/pages/es/*,*.es.yaml,*.es.draft.yaml,strings.yaml"
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<wrong>.+?) ==> (?P<right>.+)$")


def run_codespell(paths):
    cmd = [sys.executable, "-m", "codespell_lib", "-I", str(WORDS),
           f"--dictionary=-,{MISSPELLINGS}", "--builtin", BUILTIN, f"--skip={SKIP}", *map(str, paths)]
    return subprocess.run(cmd, capture_output=True, text=True)


def check(project, pages, today):
    targets = [p for p in (project.pages_dir, project.data_dir) if p.exists()]
    result = run_codespell(targets)
    if result.returncode not in (0, 65):  # 65: misspellings found
        return [Problem("(spelling)", "codespell could not run: "
                        + (result.stderr or result.stdout).strip()[-300:])]
    findings = []
    for line in result.stdout.splitlines():
        match = LINE.match(line.strip())
        if not match:
            continue
        right = match["right"].strip()
        advice = (f"did you mean '{right}'?" if "," not in right
                  else f"did you mean one of: {right}?")
        findings.append(Problem(
            project.rel(match["file"]),
            f"spelling: '{match['wrong']}': {advice} If '{match['wrong']}' is right, "
            f"add it to checks/words.txt",
            line=int(match["line"])))
    return findings
