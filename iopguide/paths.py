"""The one "path as the editor sees it" helper: messages name files relative
to the project folder (content/pages/faq.md), whoever writes them: every
part of iopguide, and `make check` (checks/project.py)."""

import os
from pathlib import Path


def relative(path, root):
    """path relative to root with / separators; as given when it is outside root."""
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()  # already as the editor sees it
    try:
        # The folder resolved, not the file: a symlink is named as itself, not its target.
        return (path.parent.resolve() / path.name).relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def project_relative(path, settings):
    """relative() to the project folder: the one that holds Pelican's content folder (PATH)."""
    return relative(path, Path(settings["PATH"]).parent)


def translation_fallback(page_path, target, default_root):
    """For a page in a language folder (content/pages/es/x.md): a {filename}
    link to a page not yet translated goes to the default-language page
    (content/pages/<target>), as GOV.UK's Welsh pages link to English ones.
    Returns the target to use: as written when it exists (or nothing does)."""
    here = Path(page_path).parent
    if (here / target).exists() or target.startswith("/"):
        return target
    fallback = Path(default_root) / target
    if here.resolve() != Path(default_root).resolve() and fallback.exists():
        return Path(os.path.relpath(fallback, here)).as_posix()
    return target
