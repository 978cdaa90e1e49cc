"""Before Pelican reads anything: is content/ safe and readable?

- no symlinks anywhere in content/ (a link in content/extra/ to /etc/passwd
  would be published as it is), and no PAGE_PATHS / STATIC_PATHS leaving it;
- every page is at most MAX_PAGE_BYTES (Python-Markdown needs about half a
  minute for 1 MB, so a pasted file would stall the build), UTF-8, and has a
  Title that is plain text (no HTML tags);
- every data file in content/data/ loads through the one YAML loader.
Each finding is a Problem naming the file (and the line where there is one).
"""

import fnmatch
import os
from pathlib import Path

from .. import datafile
from ..header import parse_header
from ..problems import Problem, SiteError
from .html_policy import has_tags

MAX_PAGE_BYTES = 200_000
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def _shown(path, root):
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _inside(path, folder):
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False


def symlinks(content, root, ignore=()):
    problems = []
    for folder, dirs, files in os.walk(content, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if any(fnmatch.fnmatch(name, pattern) for pattern in ignore):
                dirs[:] = [d for d in dirs if d != name]
                continue  # an editor's lock or backup file; Pelican skips it too
            if path.is_symlink():
                target = os.readlink(path)
                problems.append(Problem(_shown(path, root), f"is a link (symlink) to '{target}'; the site "
                                        "publishes only real files inside the project folder. Delete the "
                                        "link and put a copy of the file here instead"))
                if name in dirs:
                    dirs.remove(name)
    return problems


def paths_leave(content, root, settings):
    problems = []
    for setting in ("PAGE_PATHS", "STATIC_PATHS"):
        for sub in settings.get(setting) or []:
            if not _inside(Path(content) / sub, content):
                problems.append(Problem("pelicanconf.py", f"'{sub}' points outside content/; only "
                                        "files inside the project are published", key=setting))
    return problems


def field_of(text, name="title"):
    """(line, value) of a header field of the page, or (None, None)."""
    line = parse_header(text).lines.get(name)   # the one header reader
    if not line:
        return None, None
    return line, text.splitlines()[line - 1].split(":", 1)[1].strip()


def title_of(text):
    return field_of(text, "title")


# Fields that choose where a page is written (index.md uses Save_as) or how it
# is drawn. Pelican honours them, so a '../' in one could write outside output/.
SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")
PATH_CHARS = SLUG_CHARS | set("/._")


def _safe_place(value):
    # Empty is fine: index.md says "Url:" to mean the site root.
    parts = value.split("/")
    return set(value) <= PATH_CHARS and not value.startswith("/") \
        and ".." not in parts and "." not in parts


def placement_problems(text, shown):
    problems = []
    for name in ("save_as", "url"):
        line, value = field_of(text, name)
        if line and not _safe_place(value):
            problems.append(Problem(shown, f"'{value}' must be a plain address inside the site (lower-case "
                                    "letters, digits, dashes and '/'; no '..'). Usually the line is not needed: "
                                    "a page's address comes from its file name", key=name.capitalize(), line=line))
    for name in ("template", "path"):
        line, value = field_of(text, name)
        if line:
            problems.append(Problem(shown, "this field is not used on this site; remove the line",
                                    key=name.capitalize(), line=line))
    line, slug = field_of(text, "slug")
    if line and not (slug and set(slug) <= SLUG_CHARS):
        problems.append(Problem(shown, f"'{slug}' can only have lower-case letters, digits and dashes, "
                                "e.g. 'Slug: cost-of-iop'", key="Slug", line=line))
    return problems


def check_page(path, root, max_bytes=MAX_PAGE_BYTES):
    """Problems with one page file that must stop everything before Markdown reads it."""
    shown = _shown(path, root)
    size = Path(path).stat().st_size
    if size > max_bytes:
        return [Problem(shown, f"the page is {size / 1000:,.0f} KB; a page can be at most "
                               f"{max_bytes // 1000} KB. Split it into two or more pages, or check "
                               "that nothing was pasted in by mistake")]
    try:
        text = datafile.decode(Path(path).read_bytes(), shown, SiteError)
    except SiteError as exc:
        return exc.problems
    line, title = title_of(text)
    if not title:
        return [Problem(shown, "missing; every page starts with a line like 'Title: What is IOP?'",
                        key="Title", line=line)]
    if has_tags(title):
        return [Problem(shown, "is plain text: remove the HTML (the < > tags) from it", key="Title", line=line)]
    return placement_problems(text, shown)


def pages(content, settings):
    for sub in settings.get("PAGE_PATHS") or ["pages"]:
        folder = Path(content) / sub
        if folder.is_dir() and not folder.is_symlink():
            for path in sorted(folder.rglob("*")):
                if path.suffix in PAGE_SUFFIXES and path.is_file() and not path.is_symlink() \
                        and not any(fnmatch.fnmatch(path.name, p) for p in settings.get("IGNORE_FILES") or []):
                    yield path


def data_files(content):
    folder = Path(content) / "data"
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file() and not p.is_symlink()) if folder.is_dir() else []


def scan(content, settings=None):
    """Every Problem found in content/ (see the module doc); [] when all is well."""
    settings = settings or {}
    content = Path(content).resolve()
    root = content.parent
    problems = symlinks(content, root, settings.get("IGNORE_FILES") or []) + paths_leave(content, root, settings)
    for path in pages(content, settings):
        problems += check_page(path, root)
    for path in data_files(content):
        try:
            datafile.load(path, _shown(path, root))
        except SiteError as exc:
            problems += exc.problems
    return problems
