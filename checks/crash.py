"""Where an unexpected error happened, as a file and line an editor or
developer can open: never a traceback. Imports nothing from plugins/, so it
works even when a plugin itself cannot be imported."""

import traceback
from pathlib import Path


def located(exc, root):
    """(file, line) for an error with no Problem of its own: where a template,
    settings or plugin file went wrong, as the project's own path (the last
    place in the project's files, not in Pelican's or a library's); (None, None)
    when there is none."""
    root = Path(root).resolve()

    def inside(filename):
        if not isinstance(filename, str) or not filename:
            return None
        try:
            rel = Path(filename).resolve().relative_to(root)
        except (ValueError, OSError):
            return None
        return rel.as_posix() if rel.parts and not rel.parts[0].startswith(".") else None  # not .venv/

    # Jinja's TemplateSyntaxError and Python's SyntaxError say where themselves.
    file = inside(getattr(exc, "filename", None))
    if file:
        return file, getattr(exc, "lineno", None)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        file = inside(frame.filename)
        if file:
            return file, frame.lineno
    return None, None
