"""The one YAML loader: every data file in content/data/ goes through load().

Data files are read with PyYAML's safe loader (libyaml when present) and then
held to stricter rules than YAML's own, each reported with file and line:
- text must be UTF-8;
- a key may appear only once in a mapping (YAML would keep the last one and
  silently drop the other);
- no anchors or aliases (&name / *name): the data files never need them, and
  a few nested aliases can expand to gigabytes (the "billion laughs" file).
  The node tree is checked before it is turned into data, so such a file is
  refused at once;
- at most MAX_BYTES, so a pasted file cannot stall the build.
"""

from pathlib import Path

import yaml

from .problems import Problem, Problems, SiteError

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 1_000_000

SYNTAX_HINT = ("check the indentation (spaces, not tabs) and put quotes around text "
               "that has ': ' in it")


class DataFileError(SiteError):
    kind = "data file"


def read_text(path, shown, error=DataFileError, max_bytes=MAX_BYTES, what="the file"):
    """The file's text, or raise `error` naming the file: missing, too big, not UTF-8."""
    path = Path(path)
    try:
        if path.is_symlink():
            raise error([Problem(shown, "is a link (symlink); data files must be real files "
                                        "inside the project. Put a copy of the file here instead")])
        size = path.stat().st_size
        if size > max_bytes:
            raise error([Problem(shown, f"{what} is {size // 1000:,} KB; the limit is "
                                        f"{max_bytes // 1000:,} KB. Check that nothing was pasted in by mistake")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error([Problem(shown, "file not found")]) from None
    return decode(raw, shown, error)


def decode(raw, shown, error=DataFileError):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise error([Problem(shown, "this file is not UTF-8 text (a character on this line is in "
                                    "another encoding); save it as UTF-8 in your editor", line=line)]) from None


def load(path, display_path=None, error=DataFileError):
    """Return (data, lines) for a YAML data file, or raise `error` (a SiteError).

    lines maps key-path tuples, e.g. ('quiz', 'questions', 3, 'id'), to 1-based
    line numbers, so later checks can say where a value is.
    """
    shown = str(display_path or path)
    text = read_text(path, shown, error)
    return parse(text, shown, error)


def parse(text, shown, error=DataFileError):
    if not text.strip():
        return None, {}
    try:
        loader = SafeLoader(text)
        try:
            root = loader.get_single_node()
            lines = {}
            problems = Problems(shown, lines, error=error)
            if root is not None:
                _walk(root, (), lines, problems, set())
            problems.raise_if_any()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        context = getattr(exc, "context_mark", None)
        started = (f"; the part that is not closed starts on line {context.line + 1}"
                   if context and mark is not context and context.line != mark.line else "")
        problem = getattr(exc, "problem", None) or str(exc)
        if "found undefined alias" in problem or "found duplicate anchor" in problem:
            raise error([_alias_problem(error, shown, mark.line + 1 if mark else None)]) from None
        raise error([Problem(shown, f"not valid YAML: {problem}{started}; {SYNTAX_HINT}",
                             line=mark.line + 1 if mark else None)]) from None
    return data, lines


def _alias_problem(error, shown, line):
    return Problem(shown, "YAML anchors and aliases (&name and *name) are not allowed in data "
                          "files; write the value out in full where it is needed", line=line)


def _walk(node, parts, lines, problems, seen_nodes):
    """Record each key's line; refuse duplicate keys and aliases (a node met twice)."""
    if id(node) in seen_nodes:
        # An alias points back at a node already in the tree. Stop here: walking
        # it again is exactly what makes an alias bomb explode.
        line = problems.line_of(parts) or node.start_mark.line + 1
        problems.items.append(_alias_problem(problems.error, problems.display_path, line))
        problems.raise_if_any()
    seen_nodes.add(id(node))
    lines.setdefault(parts, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            child = parts + (key,)
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.items.append(_alias_problem(problems.error, problems.display_path, key_node.start_mark.line + 1))
                problems.raise_if_any()
            if key in seen:
                first = lines.get(child)
                lines[child] = key_node.start_mark.line + 1
                problems.add(child, f"duplicate key '{key}'; each key may appear only once here "
                                    f"(it is also on line {first})")
            lines[child] = key_node.start_mark.line + 1
            seen.add(key)
            _walk(value_node, child, lines, problems, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, parts + (i,), lines, problems, seen_nodes)
