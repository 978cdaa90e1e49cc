"""Marker comments (<!-- continuum:table -->, <!-- site:sources -->, <!-- site:glossary -->):
only known ones, written so they render."""

import importlib
import re

from .report import ERROR, Finding

# site_pages replaces its marker only when written exactly; this finds near misses.
SITE_LIKE = re.compile(r"<!--\s*site\s*:\s*[\w-]*(?:\s+[\w-]+)?\s*-->", re.I)


def marker_patterns():
    """(continuum MARKER, continuum SUSPECT, site markers): the plugins' own patterns,
    so this check agrees with what the build renders."""
    site = (*importlib.import_module("site_pages.source_list").MARKERS,
            importlib.import_module("site_pages.glossary").MARKER)
    try:
        continuum = importlib.import_module("continuum.markers")
        return continuum.MARKER, continuum.SUSPECT, site, continuum.NAMES
    except ImportError:  # no continuum plugin: only exact markers count
        return (re.compile(r"<!--\s*continuum:([A-Za-z0-9_-]*)\s*-->"),
                re.compile(r"<!--(?:(?!-->).)*?contin\w*(?:(?!-->).)*-->", re.I), site, ("table", "quiz"))


def check(project, pages, today):
    marker, suspect, site, names = marker_patterns()
    known = [f"<!-- continuum:{n} -->" for n in names] + list(site)
    listing = "the markers are: " + ", ".join(known) + ", each on a line of its own"
    findings = []
    for page in pages:
        for number, line in page.body_lines():
            seen = set()
            for match in list(suspect.finditer(line)) + list(SITE_LIKE.finditer(line)):
                written = match.group(0)
                if written in seen:
                    continue
                seen.add(written)
                if written in site:
                    continue
                name = marker.fullmatch(written)
                if name and name.group(1) in names:
                    continue
                squeezed = re.sub(r"\s+", "", written[4:-3])
                exact = next((k for k in known if re.sub(r"\s+", "", k[4:-3]) == squeezed), None)
                hint = f"write it exactly as {exact}" if exact else listing
                findings.append(Finding(page.rel, number, ERROR, f"unknown marker {written}; {hint}", "markers"))
    return findings
