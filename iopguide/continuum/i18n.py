"""Translations of the continuum data: one set of rules, texts in each language.

The English file (content/data/continuum.yaml) holds the levels, the quiz and
its rules. A translation file (e.g. content/data/continuum.es.yaml) holds ONLY
the visible texts, keyed the same way, by ids rather than list positions:

    table:
      caption: "..."
    levels:
      intensive-outpatient:
        name: "..."
        other_names: ["...", "..."]      # lists of texts: one per English item, same order
    quiz:
      questions:
        self-harm:
          text: "..."
          answers:
            plan: {text: "..."}
            "no": {text: "No"}          # quote yes/no ids: YAML reads them as true/false
      outcomes:
        crisis: {title: "...", summary: "...", next_steps: ["...", {text: "..."}]}
                                        # a step with a button in English ({text, call: ...}):
                                        # only its text here
      cautions:
        teen: {title: "...", text: "..."}
      rules:
        self-harm-plan: {reason: "..."}

Which fields are texts is read from the schema (schema.TEXT: the fields an
editor writes in words), so a new text field in the schema is covered at once.
Ids, flags, priorities, pages, sources, conditions and numbers are never in a
translation file: localize() copies them from the English data, so both
languages run the same rules.
"""

import copy

from .. import datafile

from . import schema
from .errors import ContinuumError, Problems
from .validate import HTML  # the same plain-text rule as the English file

DEFAULT_SHOWN = "content/data/continuum.es.yaml"
_TEXT_PATTERN = schema.TEXT["pattern"]
_YES_NO_HINT = ("; YAML reads yes, no, on, off, true and false as true/false, so put ids like these "
                "in quotes, e.g. \"no\": {text: \"No\"}")
_YES_NO_TEXT_HINT = ("; YAML reads yes, no, on, off, true and false as true/false, so put such a text "
                     "in quotes, e.g. text: \"No\"")


def _is_text(node):
    """A schema node for a visible text (TEXT and the copies made with dict(TEXT, ...))."""
    return node.get("type") == "string" and node.get("pattern") == _TEXT_PATTERN


def _branch(value, node):
    """For a schema node with anyOf (a next step: text or {text, call...}), the
    branch that fits this value's type."""
    for option in node.get("anyOf", ()):
        if (option.get("type") == "string") == isinstance(value, str):
            return option
    return node


def _walk(value, node, parts, out):
    node = _branch(value, node)
    if _is_text(node):
        if isinstance(value, str):
            out[parts] = value
        return
    if node.get("type") == "object" and isinstance(value, dict):
        props = node.get("properties", {})
        for key, item in value.items():
            if key in props:
                _walk(item, props[key], parts + (key,), out)
    elif node.get("type") == "array" and isinstance(value, list):
        items = node.get("items", {})
        for i, item in enumerate(value):
            # Objects with an id are addressed by id: a translation survives reordering.
            key = item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str) else i
            _walk(item, items, parts + (key,), out)


def text_paths(data) -> dict:
    """{id path: English text} for every visible text of the parsed continuum data.

    e.g. ('quiz', 'questions', 'self-harm', 'answers', 'plan', 'text'),
    ('levels', 'intensive-outpatient', 'other_names', 0), ('table', 'caption').
    """
    out = {}
    _walk(data, schema.SCHEMA, (), out)
    return out


def _tree(paths):
    """The shape a translation file must have: nested dicts of id path parts."""
    root = {}
    for parts in paths:
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = None          # a text
    return root


def _non_text_fields(data):
    """Every key path of the English data that is not a text, id-addressed (ids, flags, rules...)."""
    found = set()

    def walk(value, parts):
        if isinstance(value, dict):
            for key, item in value.items():
                found.add(parts + (key,))
                walk(item, parts + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                key = item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str) else i
                walk(item, parts + (key,))

    walk(data, ())
    return found


def _shown(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (empty)"
    if isinstance(value, dict):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _check_extra(value, expected, parts, english_keys, problems):
    """Report what the translation has that the English texts do not."""
    if expected is None:            # a text: checked by localize()
        return
    if isinstance(value, list) and expected and all(isinstance(k, int) for k in expected):
        for i, item in enumerate(value):
            if i not in expected:
                problems.add(parts + (i,), f"an extra item (the English list has {len(expected)}); "
                                           "expected one translation per English item, in the same order")
            else:
                _check_extra(item, expected[i], parts + (i,), english_keys, problems)
        return
    if not isinstance(value, dict):
        what = "a list of texts, one per English item" if expected and all(
            isinstance(k, int) for k in expected) else "a mapping keyed by field names and ids"
        problems.add(parts, f"expected {what}, got {_shown(value)}")
        return
    for key, item in value.items():
        if isinstance(key, bool):
            problems.add(parts + (_shown(key),), f"'{_shown(key)}' is not an id of the English file"
                                                  + _YES_NO_HINT)
        elif key not in expected:
            here = parts + (key,)
            if item == [] and here in english_keys:
                continue            # an empty list where English has one (other_names: [])
            if here in english_keys:
                problems.add(here, f"'{key}' is not a text; ids, flags, rules, pages and sources are set "
                                   "only in content/data/continuum.yaml (one set of rules for every "
                                   "language); expected only the texts here")
            else:
                known = ", ".join(str(k) for k in expected)
                problems.add(here, f"'{key}' is not in the English file here (the structure differs); "
                                   f"expected one of: {known}")
        else:
            _check_extra(item, expected[key], parts + (key,), english_keys, problems)


def _lookup(overlay, parts):
    node = overlay
    for part in parts:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return False, None
            node = node[part]
        else:
            if not isinstance(node, dict) or part not in node:
                return False, None
            node = node[part]
    return True, node


def _set(data, parts, text):
    node = data
    for part in parts[:-1]:
        if isinstance(node, list) and not isinstance(part, int):
            node = next(item for item in node if isinstance(item, dict) and item.get("id") == part)
        else:
            node = node[part]
    last = parts[-1]
    if isinstance(node, list) and not isinstance(last, int):
        raise KeyError(last)
    node[last] = text


def check(data, overlay, shown=DEFAULT_SHOWN, lines=None):
    """Raise ContinuumError listing every difference between the translation and
    the English texts: a missing text, an extra id or field, a value that is not text."""
    problems = Problems(shown, lines)
    paths = text_paths(data)
    if not isinstance(overlay, dict):
        problems.add((), f"expected a mapping with the texts of content/data/continuum.yaml "
                         f"(table, levels, quiz), got {_shown(overlay)}")
        problems.raise_if_any()
    _check_extra(overlay, _tree(paths), (), _non_text_fields(data), problems)
    limit = schema.TEXT["maxLength"]
    for parts, english in paths.items():
        found, text = _lookup(overlay, parts)
        if not found:
            problems.add(parts, f"missing translation of {english[:60]!r}; expected the text in this "
                                "language at this id path")
        elif not isinstance(text, str):
            hint = _YES_NO_TEXT_HINT if isinstance(text, bool) else ""
            problems.add(parts, f"expected text, got {_shown(text)}{hint}")
        elif not text.strip():
            problems.add(parts, "is blank; expected the translated text")
        elif len(text) > limit:
            problems.add(parts, f"is {len(text)} characters long; expected at most {limit}")
        else:
            bad = HTML.search(text)
            if bad:
                problems.add(parts, f"contains HTML or an HTML entity ({text[bad.start():bad.start() + 24]!r}); "
                                    "expected plain text: no tags, no &...; codes")
    problems.raise_if_any()
    return paths


def localize(data, overlay, shown=DEFAULT_SHOWN, lines=None) -> dict:
    """A deep copy of the (checked) English data with every text from the translation.

    Everything that is not a text (ids, flags, rules, pages, sources, numbers) is
    the English file's own. Raises ContinuumError naming `shown` and the id path
    of every problem (see check()); `lines` (from load_overlay) adds line numbers.
    """
    paths = check(data, overlay, shown, lines)
    out = copy.deepcopy(data)
    for parts in paths:
        _set(out, parts, _lookup(overlay, parts)[1])
    return out


def load_overlay(path, shown=None):
    """(overlay, lines) from a translation file, through the project's one YAML
    loader (duplicate keys and aliases refused). An empty file is an empty mapping."""
    shown = str(shown or path)
    overlay, lines = datafile.load(path, shown, error=ContinuumError)
    return ({} if overlay is None else overlay), lines


def missing_report(data, overlay):
    """[(id path, English text)] with no translation yet: a to-do list for translators."""
    return [(parts, english) for parts, english in text_paths(data).items()
            if not isinstance(_lookup(overlay, parts)[1], str) or not _lookup(overlay, parts)[1].strip()]
