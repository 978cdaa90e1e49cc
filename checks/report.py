"""The findings every check returns, and the one report `make check` prints."""

from dataclasses import dataclass, field

from site_pages.paths import relative  # a path as the editor sees it

ERROR = "ERROR"
WARNING = "WARNING"


@dataclass(frozen=True, order=True)
class Finding:
    file: str           # path relative to the project, e.g. content/pages/faq.md
    line: int | None    # 1-based line in that file, when known
    level: str          # ERROR or WARNING
    message: str        # what is wrong and what to do
    check: str = field(default="", compare=False)


def from_problem(problem, root, check="") -> Finding:
    """A plugin's or the build's Problem (guard/errors.py: file, line, key,
    message, severity) as a Finding: its fields, never its text read back."""
    level = WARNING if getattr(problem, "severity", "error") == "warning" else ERROR
    file = relative(problem.file, root) if problem.file else "(site)"
    return Finding(file, problem.line, level, problem.message, check)


def counts(findings):
    errors = sum(1 for f in findings if f.level == ERROR)
    return errors, sum(1 for f in findings if f.level == WARNING)


def format_report(findings, pages_checked, notes=(), grades=(), today=None) -> str:
    """Group findings by file; errors first in each file, then a summary line."""
    out = []
    by_file = {}
    for f in sorted(set(findings), key=lambda f: (f.file, f.level != ERROR, f.line or 0, f.message)):
        by_file.setdefault(f.file, []).append(f)
    english = [g[:2] for g in grades if (g[2] if len(g) > 2 else "en") == "en"]
    spanish = [g[:2] for g in grades if len(g) > 2 and g[2] == "es"]
    if english:
        out.append("Readability (Flesch-Kincaid grade of the built page; the limit is 8)")
        for file, value in english:
            flag = "  <- over 8: use shorter sentences and everyday words" if value > 8.0 else ""
            out.append(f"  {value:5.1f}  {file}{flag}")
        out.append("")
    if spanish:
        out.append("Readability of Spanish pages (Fernández-Huerta of the built page; 70 or more)")
        for file, value in spanish:
            flag = "  <- under 70: use shorter sentences and everyday words" if value < 70.0 else ""
            out.append(f"  {value:5.1f}  {file}{flag}")
        out.append("")
    for file, items in by_file.items():
        out.append(file)
        for f in items:
            where = f"line {f.line}" if f.line else ""
            out.append(f"  {f.level:<7} {where:<9} {f.message}".rstrip())
        out.append("")
    for note in notes:
        out.append(note)
        out.append("")
    errors, warnings = counts(findings)
    day = f" (today is {today})" if today else ""
    out.append(f"Checked {pages_checked} pages{day}: {errors} error{'s' * (errors != 1)}, "
               f"{warnings} warning{'s' * (warnings != 1)}.")
    if errors:
        out.append("Fix the errors above, then run `make check` again. Warnings do not stop publishing.")
    elif warnings:
        out.append("No errors. The warnings above are worth a look but do not stop publishing.")
    else:
        out.append("All good.")
    return "\n".join(out) + "\n"
