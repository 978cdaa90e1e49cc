"""Catch two pages that would share one address (the same slug).

Pelican on its own only logs a warning that, under --fatal warnings, ends the
build with a traceback. Here one of the two pages gets a stand-in slug so
reading can go on, and the problem, naming both files, is reported with the
others. Files are read in no fixed order, so the message goes on the page
with a 'Slug:' line (the likely cause), else on the file whose path sorts
later, and names the other.
"""


from ..problems import Problem


class SlugRegistry:
    def __init__(self):
        self.first = {}  # (slug, lang) -> (source file, page, line of its Slug field)
        self.problems = []

    def add(self, page, rel_path, line=None):
        key = (page.slug, getattr(page, "lang", None))
        if key not in self.first:
            self.first[key] = (rel_path, page, line)
            return
        kept = self.first[key]
        other = (rel_path, page, line)
        if (other[2] is not None, str(other[0])) < (kept[2] is not None, str(kept[0])):
            kept, other = other, kept
            self.first[key] = kept
        self.problems.append(Problem(
            other[0], f"'{page.slug}' is already used by {kept[0]}; two pages cannot share one address. "
            "Rename one of the files, or give one a different 'Slug: ...' line", line=other[2], key="Slug"))
        other[1].slug = f"{other[1].slug}--duplicate-{len(self.problems)}"
