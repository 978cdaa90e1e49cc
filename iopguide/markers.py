"""What both kinds of page marker (<!-- site:NAME --> and <!-- continuum:NAME -->)
say about a comment that looks like a marker but is not one: the one message,
with the line it is on."""

import re

from .problems import Problem


def unknown(written, known, text, shown):
    """A Problem for the comment `written` (not one of `known`, the exact
    markers) on its line of the page's source `text`."""
    squeezed = re.sub(r"\s+", "", written[4:-3]).lower()
    exact = next((k for k in known if re.sub(r"\s+", "", k[4:-3]).lower() == squeezed), None)
    hint = (f"write it exactly as {exact}" if exact else
            "the markers are: " + ", ".join(known) + ", each on a line of its own")
    line = next((n for n, line in enumerate(text.splitlines(), start=1) if written in line), None)
    return Problem(shown, f"unknown marker {written}; {hint}", line=line)
