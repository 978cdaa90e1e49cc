"""Find and replace the markers pages use: <!-- continuum:NAME -->.

A marker on its own line reaches the HTML as a bare comment; written inside a
paragraph it comes wrapped in <p>...</p>, and the whole paragraph is replaced
(a table or a form cannot sit inside a <p>). A comment that looks like a
marker but is not one (a typo) is a problem, so it never slips through
unrendered.
"""

import re

from .. import markers as site_markers

# The markers pages may use (plugin.py renders each; `make check` lists them).
NAMES = ("table", "quiz", "quiz-guide", "quiz-results", "quiz-sheet", "option-grid")

# Written to start with a literal '<' so the regex engine jumps from '<' to
# '<' instead of trying the optional <p> at every character (10x faster).
MARKER = re.compile(r"<(?:p>\s*<)?!--\s*continuum:([A-Za-z0-9_-]*)\s*-->(?:\s*</p>)?")
# Comments that look like a marker attempt: 'continuum' anywhere, or WORD:table / WORD:quiz.
SUSPECT = re.compile(r"<!--(?:(?!-->).)*?(?:contin\w*|\w+\s*:\s*(?:table|quiz)\b)(?:(?!-->).)*-->", re.S | re.I)

SITE = re.compile(r"<!--\s*site\s*:", re.I)   # the site's own markers (<!-- site:sources -->): iopguide/pages names those


def replace(html, renderers):
    """Return (html, counts, unknown): counts {name: times replaced};
    unknown: the text of comments left that look like markers (typos, or a
    name with no renderer)."""
    counts = {}

    def swap(match):
        name = match.group(1)
        if name not in renderers:
            return match.group(0)
        counts[name] = counts.get(name, 0) + 1
        return renderers[name](counts[name])

    out = MARKER.sub(swap, html)
    return out, counts, leftover(out)


def leftover(html):
    """Marker-like comments still in finished HTML (the plugin did not run)."""
    return [m.group(0) for m in SUSPECT.finditer(html or "")]


def problems(html, text, shown, rendered=NAMES):
    """A Problem, with its line in the page's source `text`, for each comment
    in `html` that looks like a marker but is not one of `rendered`."""
    known = [f"<!-- continuum:{name} -->" for name in NAMES]
    return [site_markers.unknown(written, known, text, shown) for written in dict.fromkeys(leftover(html))
            if not SITE.match(written) and not ((exact := MARKER.fullmatch(written)) and exact.group(1) in rendered)]
