"""The report `make check` prints: the reading grades, then every Problem the
build and the checks found, in the one format the build uses too
(iopguide.problems.format_problems), then a summary."""

from iopguide.problems import ERROR, WARNING, Problem, format_problems  # noqa: F401 - the checks' one type


def counts(problems):
    """(errors, warnings)."""
    errors = sum(1 for p in problems if p.severity == ERROR)
    return errors, sum(1 for p in problems if p.severity == WARNING)


def in_order(problems):
    """Each problem once, by file, errors first in each file, then by line."""
    return sorted(set(problems), key=lambda p: (p.file, p.severity != ERROR, p.line or 0, p.message))


def format_report(findings, pages_checked, notes=(), grades=(), today=None) -> str:
    """Group findings by file; errors first in each file, then a summary line."""
    out = []
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
    listing = format_problems(in_order(findings))
    if listing:
        out += listing + [""]
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
