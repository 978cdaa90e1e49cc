"""The continuum plugin's marker comments (<!-- continuum:table -->, <!-- continuum:quiz -->,
<!-- continuum:quiz-guide -->, <!-- continuum:quiz-results -->): a near miss (a typo, a
missing space) is named with its line. The build reports it too, without a line
(plugins/continuum); the site's own markers (<!-- site:sources -->,
<!-- site:glossary -->) are the build's alone (plugins/site_pages)."""

import importlib
import re

from .report import ERROR, Finding


def marker_patterns():
    """(continuum MARKER, continuum SUSPECT, the marker names): the plugin's own
    patterns and list, so this check agrees with what the build renders."""
    try:
        continuum = importlib.import_module("continuum.markers")
        return continuum.MARKER, continuum.SUSPECT, continuum.NAMES
    except ImportError:  # no continuum plugin: only exact markers count
        return (re.compile(r"<!--\s*continuum:([A-Za-z0-9_-]*)\s*-->"),
                re.compile(r"<!--(?:(?!-->).)*?contin\w*(?:(?!-->).)*-->", re.I), ("table", "quiz"))


def check(project, pages, today):
    marker, suspect, names = marker_patterns()
    known = [f"<!-- continuum:{n} -->" for n in names]
    listing = "the markers are: " + ", ".join(known) + ", each on a line of its own"
    findings = []
    for page in pages:
        for number, line in page.body_lines():
            for written in dict.fromkeys(m.group(0) for m in suspect.finditer(line)):
                if re.search(r"<!--\s*site\s*:", written, re.I):
                    continue   # the site's own markers: the build names those
                name = marker.fullmatch(written)
                if name and name.group(1) in names:
                    continue
                squeezed = re.sub(r"\s+", "", written[4:-3])
                exact = next((k for k in known if re.sub(r"\s+", "", k[4:-3]) == squeezed), None)
                hint = f"write it exactly as {exact}" if exact else listing
                findings.append(Finding(page.rel, number, ERROR, f"unknown marker {written}; {hint}", "markers"))
    return findings
