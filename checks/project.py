"""The project being checked: where things are, and each page's Markdown
split into its header (metadata) and body, with line numbers."""

import re
from dataclasses import dataclass
from pathlib import Path

from iopguide.header import parse_header as read
from iopguide.paths import relative

FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Page:
    path: Path            # absolute path of the .md file
    rel: str              # as the editor sees it: content/pages/x.md
    text: str
    metadata: dict        # lower-case field -> value (strings), as Pelican reads them
    lines: dict           # lower-case field -> line number
    header_end: int       # number of the last header line (0 if none)
    stray_header: list    # [(line number, text)] lines that broke the header

    @property
    def slug(self):
        """The page's address, as Pelican makes it (SLUGIFY_SOURCE = basename)."""
        from pelican.settings import DEFAULT_CONFIG
        from pelican.utils import slugify
        return self.metadata.get("slug") or slugify(
            self.path.stem, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])

    def body_lines(self, skip_code=True):
        """Yield (line number, text) for the body, leaving out fenced code blocks."""
        in_code = False
        for number, line in enumerate(self.text.splitlines(), start=1):
            if number <= self.header_end:
                continue
            if skip_code and FENCE.match(line):
                in_code = not in_code
                continue
            if not in_code:
                yield number, line

    def line_of(self, *needles):
        """First body line holding any of the needles, or None."""
        for needle in needles:
            if not needle:
                continue
            for number, line in enumerate(self.text.splitlines(), start=1):
                if needle in line:
                    return number
        return None


def parse_header(text):
    """Return (metadata, lines, header_end, stray): iopguide.header reads it."""
    header = read(text)
    return header.metadata, header.lines, header.end, header.stray


class Project:
    def __init__(self, root):
        self.root = Path(root).resolve()
        self.content = self.root / "content"
        self.pages_dir = self.content / "pages"
        self.data_dir = self.content / "data"
        self.settings_file = self.root / "pelicanconf.py"

    def rel(self, path):
        return relative(path, self.root)

    def pages(self):
        from iopguide.guard.content_scan import MAX_PAGE_BYTES
        pages = []
        for path in sorted(self.pages_dir.rglob("*.md")):
            if path.is_symlink() or path.stat().st_size > MAX_PAGE_BYTES:
                continue  # the content scan reports it; reading it could stall the checks
            try:
                text = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                continue  # reported by the content scan, with "save it as UTF-8"
            metadata, lines, end, stray = parse_header(text)
            pages.append(Page(path, self.rel(path), text, metadata, lines, end, stray))
        return pages
