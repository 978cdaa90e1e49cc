"""Write `make check`'s report as a pull-request comment, in the editors' words.

.github/workflows/check-report.yml runs this on every pull request that
changes the site (the browser editor opens one per page) and posts the file
it writes. The report is the one `make check` prints (checks/cli.py); this
adds a plain first line (ready, or how many things to fix), the errors as a
list, and what the words mean.

Usage: python -m checks.comment [--root .] [--out check-comment.md]
Exit status: 1 when there are errors (as `make check`), else 0.
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from .report import ERROR, WARNING, counts, format_report

ROOT = Path(__file__).resolve().parent.parent

MARK = "<!-- iop-guide: make check report -->"  # the workflow edits its own comment, not a new one each push
GUIDE = "docs/editing.md#check-your-changes"


def no_fences(text):
    """A report or message cannot close the comment's code block early."""
    return text.replace("`" * 3, "'" * 3)


def plural(n, word):
    return f"{n} {word}{'s' * (n != 1)}"


def comment(findings, pages, notes, grades, today):
    errors, warnings = counts(findings)
    if errors:
        head = (f"### Not ready yet: {plural(errors, 'thing')} to fix\n\n"
                "The checks found mistakes that would stop this change from being published. "
                "Open each page named below, fix the line, and save again: the checks run again by themselves.")
    elif warnings:
        head = ("### Ready for review, with notes\n\n"
                f"No mistakes. {plural(warnings, 'note')} below {'is' if warnings == 1 else 'are'} worth a look "
                "(for example a review date coming up) but do not stop publishing.")
    else:
        head = "### Ready for review\n\nThe checks found nothing to fix."
    out = [MARK, head, ""]
    shown = sorted((f for f in set(findings) if f.severity == ERROR), key=lambda f: (f.file, f.line or 0, f.message))
    for f in shown[:30]:
        where = f"`{f.file}`" + (f", line {f.line}" if f.line else "")
        out.append(f"- {where}: {no_fences(f.message)}")
    if len(shown) > 30:
        out.append(f"- ... and {len(shown) - 30} more in the full report below.")
    for note in notes:
        out += ["", note]
    report = no_fences(format_report(findings, pages, notes, grades, today))
    out += ["", "<details><summary>The full report (what <code>make check</code> prints)</summary>", "",
            "```text", report, "```", "</details>", "",
            f"**{ERROR}** must be fixed before the change can be published. **{WARNING}** is worth a look "
            f"and does not stop publishing. What each check means: [the editor's guide]({GUIDE})."]
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=str(ROOT))
    parser.add_argument("--out", default="check-comment.md")
    args = parser.parse_args(argv)
    from .cli import run

    today_text = os.environ.get("CHECK_TODAY")
    today = dt.date.fromisoformat(today_text) if today_text else dt.date.today()
    with tempfile.TemporaryDirectory(prefix="iop-check-") as tmp:
        findings, pages, notes, grades = run(args.root, today, Path(tmp))
    Path(args.out).write_text(comment(findings, pages, notes, grades, today), encoding="utf-8")
    print(format_report(findings, pages, notes, grades, today))
    return 1 if counts(findings)[0] else 0


if __name__ == "__main__":
    sys.exit(main())
