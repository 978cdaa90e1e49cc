"""Number the citation placeholders cite_md.py leaves in a page's HTML.

A page's source list is its `Sources:` keys in order, then every cited key
that is not among them, in the order first cited. Each citation shows the
number of its source in that list, linked to the list entry (id
"source-<key>"), with an accessible name that says which source it is.
"""

import difflib
import re

from markupsafe import escape

from .cite_md import CITATION, keys_of
from ..problems import Problem

PLACEHOLDER = re.compile(r'<sup class="cite" data-cite="([^"]*)"></sup>')
# A rendered citation, for code that needs the page's words without them.
RENDERED = re.compile(r'<sup class="cite"[^>]*>.*?</sup>', re.S)
RAW = re.compile(CITATION)
FENCE = re.compile(r"^\s*(```|~~~)")


def cited_keys(content_html):
    """Every key cited in the HTML, once each, in the order first cited."""
    keys = []
    for match in PLACEHOLDER.finditer(content_html):
        keys += match.group(1).split()
    return list(dict.fromkeys(keys))


def citation_count(content_html):
    """How many citations (cited claims) the HTML holds."""
    return len(RENDERED.findall(content_html))  # placeholders and numbered ones alike


def key_lines(text):
    """{key: first line number} for the citations in a Markdown file's text,
    to say where an unknown key is. Fenced code is left out."""
    found, in_code = {}, False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        for match in RAW.finditer(line):
            for key in keys_of(match.group(1)):
                found.setdefault(key, number)
    return found


def unknown_key_message(key, sources):
    """What is wrong with an unknown key and what to do (without file and line)."""
    close = difflib.get_close_matches(key.lower(), list(sources), n=3, cutoff=0.75)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    return (f"citation [@{key}]: '{key}' is not a source in content/data/sources.yaml{hint}; "
            "use a key from that file, or add the source there")


def unknown_key_problems(where, content_html, sources, text=""):
    """Problems for cited keys that are not in sources.yaml, naming file and line."""
    lines = key_lines(text)
    return [Problem(where, unknown_key_message(key, sources), line=lines.get(key))
            for key in cited_keys(content_html) if key not in sources]


def full_source_list(listed, content_html, sources):
    """The page's sources: the listed ones, then cited ones not listed."""
    have = {s["key"] for s in listed}
    extra = [k for k in cited_keys(content_html) if k in sources and k not in have]
    return list(listed) + [dict(sources[k], key=k) for k in extra]


def _link(number, entry):
    name = f"{entry['publisher']}, {entry['title']}"
    return (f'<a href="#source-{escape(entry["key"])}" aria-label="Source {number}: {escape(name)}" '
            f'title="{escape(name)}">{number}</a>')


def number_citations(content_html, source_list):
    """Replace each placeholder with linked numbers; unknown keys are left out
    (the build has stopped on them already)."""
    position = {s["key"]: (i, s) for i, s in enumerate(source_list, start=1)}

    def render(match):
        links = [_link(*position[k]) for k in match.group(1).split() if k in position]
        if not links:
            return ""
        return ('<sup class="cite" data-pagefind-ignore data-readability-skip>'
                + ",\u2009".join(links) + "</sup>")

    return PLACEHOLDER.sub(render, content_html)
