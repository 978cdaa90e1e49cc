"""The one reader of a Markdown page's header (its metadata block), used by
guard's content scan, iopguide/pages, `make check` (checks/project.py),
the tests and the bench.

The header is the block of 'Key: value' lines at the top, read the way
Python-Markdown's meta extension reads it: a line indented by 4 or more spaces
continues the previous value; the header ends at the first blank line, or at
the first line that is neither (fields below that line are not read: they
are body text, which `make check` reports as a stray header line).
"""

import re
from dataclasses import dataclass, field

META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")


@dataclass
class Header:
    metadata: dict = field(default_factory=dict)  # lower-case field -> value (string)
    lines: dict = field(default_factory=dict)     # lower-case field -> line number (1-based)
    end: int = 0                                   # number of the last header line (0 if none)
    stray: list = field(default_factory=list)      # [(line number, text)] the line that ended it early


def parse_header(text):
    """Return the Header of a page's Markdown text."""
    header = Header()
    key = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        match = META_LINE.match(line)
        more = META_MORE.match(line)
        if match:
            key = match["key"].lower()
            if key not in header.metadata:
                header.metadata[key] = match["value"].strip()
                header.lines[key] = number
        elif more and key:
            header.metadata[key] = (header.metadata[key] + " " + more["value"].strip()).strip()
        else:
            header.stray.append((number, line))
            break
        header.end = number
    return header
