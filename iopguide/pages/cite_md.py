"""The Markdown side of claim-level citations: `[@key]` and `[@key1; @key2]`.

A Python-Markdown inline pattern turns each citation into an empty placeholder
that names only the keys:

    <sup class="cite" data-cite="key1 key2"></sup>

The placeholder depends on nothing but the page's own text, so a cached
reading of the page can never hold a stale number or title: citations.py
numbers the placeholders and checks the keys against sources.yaml on every
build, after all pages are read.

Why an inline pattern and not a text search: Python-Markdown has already set
code spans aside (they are never handed to inline patterns), and
ANCESTOR_EXCLUDES keeps a citation written inside link text as plain text,
so neither is mangled. The priority (155) is just below links (160): a link
whose text holds "[@key]" is read as a link first.
"""

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

KEY = r"[A-Za-z0-9][A-Za-z0-9_-]*"
# [@a] or [@a; @b] (spaces around ';' optional)
# A space before the citation is dropped: "9 hours [@a]." reads "9 hours¹."
CITATION = rf"\s?\[@({KEY}(?:\s*;\s*@{KEY})*)\]"
KEYS = re.compile(rf"@?({KEY})")
PRIORITY = 155


def keys_of(inner):
    """['a', 'b'] from the inside of a citation, 'a; @b'."""
    return [k for k in (part.strip().lstrip("@") for part in inner.split(";")) if k]


class CitationProcessor(InlineProcessor):
    ANCESTOR_EXCLUDES = ("a", "code", "pre")

    def handleMatch(self, m, data):
        el = etree.Element("sup")
        el.set("class", "cite")
        el.set("data-cite", " ".join(keys_of(m.group(1))))
        return el, m.start(0), m.end(0)


class CitationExtension(Extension):
    def extendMarkdown(self, md):
        md.inlinePatterns.register(CitationProcessor(CITATION, md), "site_citation", PRIORITY)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return CitationExtension(**kwargs)
