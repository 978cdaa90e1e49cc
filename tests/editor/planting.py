"""Ways to plant a mistake in a copy of the project (or of part of it), shared
by the bad-input cases checked in process (test_bad_input_rules.py) and the
few that run the real commands end to end (test_bad_input.py).

Each plant(p) changes files under the folder p, which has the project's own
layout (content/pages/faq.md, content/data/sources.yaml, ...)."""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = "content/pages/faq.md"
OTHER = "content/pages/what-is-iop.md"
SOURCES = "content/data/sources.yaml"
CONTINUUM = "content/data/continuum.yaml"
GLOSSARY = "content/data/glossary.yaml"
NEW_PAGE = "content/pages/new-page.md"
GOOD_HEADER = ("Summary: A short plain summary.\nReviewed: 2026-11-23\nNext-review: 2027-11-23\n"
               "Sources: samhsa-tip47, asam-criteria\nOrder: 40\n")
SOURCE_ENTRY = ("\nextra-source:\n  publisher: {publisher}\n  title: \"{title}\"\n  year: 2024\n"
                "  url: https://www.samhsa.gov/\n")


def copy_content(dest):
    """Copy content/ (pages and data files, no theme or plugins) into dest/content."""
    shutil.copytree(ROOT / "content", Path(dest) / "content")
    return Path(dest)


def append(rel, text):
    def plant(p):
        path = p / rel
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
    return plant


def set_field(rel, name, line):
    def plant(p):
        path = p / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        i = next(i for i, text in enumerate(lines) if text.lower().startswith(name.lower() + ":"))
        if line is None:
            del lines[i]
        else:
            lines[i] = line
        path.write_text("\n".join(lines), encoding="utf-8")
    return plant


def write(rel, data):
    def plant(p):
        path = p / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return plant


def replace(rel, old, new):
    def plant(p):
        path = p / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} no longer contains {old!r}; update the corpus"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return plant


def symlink(rel, target):
    """Put a link at rel (replacing the file there, as an editor's tool might)."""
    def plant(p):
        (p / rel).parent.mkdir(parents=True, exist_ok=True)
        (p / rel).unlink(missing_ok=True)
        os.symlink(target if str(target).startswith("/") else p / target, p / rel)
    return plant


def both(*plants):
    def plant(p):
        for one in plants:
            one(p)
    return plant


def new_page(title, body="Some plain words.\n", extra=""):
    return write(NEW_PAGE, f"Title: {title}\n{GOOD_HEADER}{extra}\n{body}")


def copy_page(src, dest):
    def plant(p):
        (p / dest).write_bytes((p / src).read_bytes())
    return plant


def utf16(rel):
    def plant(p):
        (p / rel).write_bytes((p / rel).read_text(encoding="utf-8").encode("utf-16"))
    return plant


def nothing(p):
    """For mistakes that are not in a file (a publish setting)."""


def alias_bomb(levels=9, width=9):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * width) + "]")
    return "\n".join(lines) + "\n"


def latin1(rel):
    """Re-save a file in Latin-1 with an accented letter in it, as an old editor might."""
    def plant(p):
        path = p / rel
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        lines.insert(len(lines) // 2, "# café" if rel.endswith(".yaml") else "A café nearby.")
        path.write_bytes("\n".join(lines).encode("latin-1", errors="replace"))
    return plant


def tree(folder):
    """{relative path: bytes, or 'link -> target'} for everything under folder, links not followed."""
    folder = Path(folder)
    found = {}
    for here, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(here) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = "link -> " + os.readlink(path)
            elif path.is_file():
                found[rel] = path.read_bytes()
    return found
