"""Load the site's source registry (content/data/sources.yaml) through the
project's one YAML loader (iopguide/datafile.py), then check each entry."""

from pathlib import Path

from .. import datafile
from ..guard.html_policy import has_tags
from ..problems import ContentError, Problem, Problems

REQUIRED_FIELDS = ("publisher", "title", "year", "url")
PLAIN_TEXT = ("publisher", "title")


def _shown(path):
    path = Path(path)
    try:
        return path.resolve().relative_to(path.resolve().parents[2]).as_posix()  # content/data/x.yaml
    except (ValueError, IndexError):
        return str(path)


def load_sources(path: Path, display_path=None) -> dict:
    """Return {key: entry} from the registry, or raise ContentError."""
    shown = display_path or _shown(path)
    try:
        data, lines = datafile.load(path, shown, error=ContentError)
    except ContentError as exc:
        if [p.message for p in exc.problems] == ["file not found"]:
            raise ContentError([Problem(shown, "file not found; expected the list of sources")]) from None
        raise
    if not isinstance(data, dict) or not data:
        raise ContentError([Problem(shown, "expected a mapping of source keys to entries")])
    problems = Problems(shown, lines, error=ContentError)
    for key, entry in data.items():
        if not isinstance(entry, dict):
            problems.add((key,), "expected publisher, title, year and url")
            continue
        for field in REQUIRED_FIELDS:
            if field not in entry or entry[field] in (None, ""):
                problems.add((key, field), f"missing; every source needs {', '.join(REQUIRED_FIELDS)}")
        for field in PLAIN_TEXT:
            if has_tags(str(entry.get(field) or "")):
                problems.add((key, field), "is plain text: remove the HTML (the < > tags) from it")
        url = str(entry.get("url", ""))
        if url and not url.startswith("https://"):
            problems.add((key, "url"), f"'{url}' must start with https://")
    problems.raise_if_any()
    return {str(k): v for k, v in data.items()}
