"""Load the site's source registry (content/data/sources.yaml)."""

from pathlib import Path

import yaml

from .errors import ContentError

REQUIRED_FIELDS = ("publisher", "title", "year", "url")


def load_sources(path: Path) -> dict:
    """Return {key: entry} from the registry, or raise ContentError."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError([f"{path}: file not found; expected the list of sources"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        context = getattr(exc, "context_mark", None)
        started = f"; the part that is not closed starts on line {context.line + 1}" if context else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError([f"{path}{where}: not valid YAML: {problem}{started}; check the indentation "
                            "(spaces, not tabs) and put quotes around text that has ': ' in it"]) from None
    if not isinstance(data, dict) or not data:
        raise ContentError([f"{path}: expected a mapping of source keys to entries"])
    problems = []
    for key, entry in data.items():
        if not isinstance(entry, dict):
            problems.append(f"{path}: {key}: expected publisher, title, year and url")
            continue
        for field in REQUIRED_FIELDS:
            if field not in entry or entry[field] in (None, ""):
                problems.append(f"{path}: {key}.{field}: missing; every source needs {', '.join(REQUIRED_FIELDS)}")
        url = str(entry.get("url", ""))
        if url and not url.startswith("https://"):
            problems.append(f"{path}: {key}.url: '{url}' must start with https://")
    if problems:
        raise ContentError(problems)
    return {str(k): v for k, v in data.items()}
