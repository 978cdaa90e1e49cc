"""Read the data file: YAML (safe_load only) plus a map of key paths to line
numbers, so every later message can say where to look."""

from pathlib import Path

import yaml

from .errors import ContinuumError, Problems

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path, display_path=None):
    """Return (data, lines) for the data file, or raise ContinuumError.

    lines maps key-path tuples, e.g. ('quiz', 'questions', 3, 'id'), to 1-based
    line numbers. Duplicate keys in a mapping (which YAML would otherwise
    silently merge) are reported as problems.
    """
    path = Path(path)
    shown = str(display_path or path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContinuumError([f"{shown}: file not found; expected the continuum data file "
                              "(levels of care and the self-check quiz)"]) from None
    except UnicodeDecodeError as exc:
        raise ContinuumError([f"{shown}: not UTF-8 text ({exc.reason}); save the file as UTF-8"]) from None
    if not text.strip():
        raise ContinuumError([f"{shown}: the file is empty; expected a mapping with 'levels' and 'quiz'"])
    try:
        # One parse: the node tree gives line numbers, and the same tree is
        # turned into plain data by the safe constructor (libyaml when present).
        loader = SafeLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContinuumError([f"{shown}: not valid YAML: {problem}{where}"]) from None
    lines = {}
    problems = Problems(shown, lines)
    if root is not None:
        _walk(root, (), lines, problems)
    problems.raise_if_any()
    return data, lines


def _walk(node, parts, lines, problems):
    lines.setdefault(parts, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = parts + (key,)
            if key in seen:
                problems.add(child, f"duplicate key '{key}'; each key may appear only once here")
            seen.add(key)
            lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, lines, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, parts + (i,), lines, problems)
