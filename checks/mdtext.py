"""A page's Markdown as the blocks a reader sees: paragraphs, list items,
headings and table rows, each with its line numbers, and its text with the
parts a reader does not see (code, link addresses, HTML tags, comments)
blanked out. The figure and word checks work on these blocks.

Blanking (spaces in place of the hidden characters) keeps every character at
its place, so a match's position gives its line.
"""

import re
from dataclasses import dataclass, field

HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d{1,9}[.)])\s+")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
QUOTE = re.compile(r"^\s{0,3}>\s?")
COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
# Hidden from the reader: `code`, a link's (address), {filename}..., <tags>, <!-- comments -->, bare URLs.
HIDDEN = [re.compile(p) for p in (r"`[^`]*`", r"(?<=\])\([^)]*\)", r"(?<=\])\[[^\]]*\]", r"<!--.*?-->",
                                   r"</?[A-Za-z][^>]*>", r"https?://\S+", r"\{filename\}\S+")]


def blank(text, pattern):
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def visible(line):
    """The line with hidden parts blanked out (same length)."""
    for pattern in HIDDEN:
        line = blank(line, pattern)
    return line


@dataclass
class Block:
    kind: str                                   # paragraph, item, heading, row
    lines: list = field(default_factory=list)   # [(line number, raw text)]
    text: str = ""                              # visible text, lines joined by "\n"

    @property
    def first_line(self):
        return self.lines[0][0]

    def line_at(self, offset):
        """The line number of a character of self.text."""
        return self.lines[0][0] + self.text.count("\n", 0, offset)

    @property
    def raw(self):
        return "\n".join(text for _, text in self.lines)


def blocks(page):
    """Yield the Blocks of a project.Page's body (fenced code left out)."""
    current = None

    def close():
        nonlocal current
        if current is not None and current.lines:
            current.text = "\n".join(visible(t) for _, t in current.lines)
            yield_list.append(current)
        current = None

    yield_list = []
    for number, line in page.body_lines():
        stripped = QUOTE.sub("", line)
        if not stripped.strip() or COMMENT_LINE.match(stripped):
            close()
            continue
        if HEADING.match(stripped):
            close()
            current = Block("heading", [(number, HEADING.sub("", stripped))])
            close()
            continue
        if stripped.lstrip().startswith("|") or (current is not None and current.kind == "row" and "|" in stripped):
            close()
            if not TABLE_RULE.match(stripped):
                current = Block("row", [(number, stripped)])
                close()
            continue
        item = ITEM.match(stripped)
        if item:
            close()
            current = Block("item", [(number, " " * item.end() + stripped[item.end():])])
            continue
        if current is None:
            current = Block("paragraph")
        current.lines.append((number, stripped))
    close()
    return yield_list


def header_block(page, field_name):
    """A header field (e.g. summary) as a one-line Block, or None."""
    line = page.lines.get(field_name)
    if line is None:
        return None
    raw = page.text.splitlines()[line - 1]
    prefix = raw.index(":") + 1
    block = Block("header", [(line, " " * prefix + raw[prefix:])])
    block.text = visible(block.lines[0][1])
    return block
