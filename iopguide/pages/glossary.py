"""The glossary: load content/data/glossary.yaml, render the glossary page
(where a page holds the marker <!-- site:glossary -->), and link the first use
of each term on every other page to its entry (#term-<key>).

Each entry (see docs/editing.md, "The glossary"):

    withdrawal:                  # the key: lower case, digits, hyphens
      term: Withdrawal           # the words shown on the glossary page
      forms: [withdrawal symptoms]   # other words that link here (optional)
      definition: One to three short, plain sentences.
      source: samhsa-tip47       # optional: a key of sources.yaml, or a list

Linking works on the HTML of each page after Markdown: never inside
headings, links, code, citations or other markup that must stay as it is.
A form written with two or more capitals (TTY, MOUD) matches only in
capitals; others match in any case. A plural "s" or "es" also matches.
"""

import datetime as dt
import re
from pathlib import Path

from markupsafe import escape

from .. import datafile  # the one YAML loader
from ..problems import ContentError, Problem

MARKER = "<!-- site:glossary -->"
FIELDS = ("term", "forms", "definition", "source")
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
MAX_SENTENCES = 3
# Terms are never linked inside these elements.
SKIP_TAGS = {"a", "abbr", "button", "code", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
             "option", "pre", "samp", "script", "select", "style", "sup", "svg", "textarea", "title",
             "dt", "summary", "th", "caption", "figcaption"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")


def _text(value):
    """A scalar as the editor wrote it (numbers and dates too); None for lists, maps, yes/no."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return None


def load_glossary(path, sources, shown=None):
    """Return [entry dict] (key, term, forms, definition, sources, line), or raise
    ContentError listing every problem with its line. No file: no glossary.

    The file is read by guard's one YAML loader (UTF-8, no duplicate keys, no
    anchors or aliases, a size limit); `shown` is its path as the editor sees it."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return []
    where = str(shown or path)
    data, lines = datafile.load(path, where, error=ContentError)
    if data is None:
        return []

    def fail(parts, message):
        # The line of the nearest key that has one ('copay', 'forms') -> the forms line.
        parts = tuple(parts)
        while parts and parts not in lines:
            parts = parts[:-1]
        return Problem(where, message, line=lines.get(parts))

    if not isinstance(data, dict):
        raise ContentError([fail((), "expected one entry per term: 'key:' and, indented "
                                 "under it, term, definition and (optional) forms and source")])
    problems, entries, forms_seen = [], [], {}
    for key, value in data.items():
        entry = _entry(key, value, lines, sources, problems, fail)
        if entry is None:
            continue
        for form in entry["forms"]:
            other = forms_seen.setdefault(_fold(form), key)
            if other != key:
                problems.append(fail((key, "forms"),
                                     f"{key}: '{form}' is also a form of '{other}'; a word can link to one term only"))
        entries.append(entry)
    if problems:
        raise ContentError(problems)
    return entries


def _entry(key, value, lines, sources, problems, fail):
    """One term's entry, checked (its problems added to `problems`); None when it is not an entry at all."""
    if not isinstance(key, str) or not KEY.match(key):
        problems.append(fail((key,), f"'{key}' is not a good key; use lower-case "
                             "letters, digits and hyphens, e.g. out-of-pocket-maximum"))
        return None
    if not isinstance(value, dict):
        problems.append(fail((key,), f"{key}: expected term and definition indented under it"))
        return None
    fields = {}
    for name, field_value in value.items():
        if name not in FIELDS:
            problems.append(fail((key, name), f"{key}: '{name}' is not a glossary field; "
                                 f"the fields are: {', '.join(FIELDS)}"))
            continue
        fields[name] = field_value
    entry = {"key": key, "line": lines.get((key,))}
    for name in ("term", "definition"):
        value_text = _text(fields.get(name))
        if not value_text or not value_text.strip():
            problems.append(fail((key, name), f"{key}.{name}: missing; every term needs "
                                 "a term (the words shown) and a definition"))
        elif "<" in value_text or "TODO" in value_text:
            problems.append(fail((key, name), f"{key}.{name}: plain text only (no HTML, no TODO)"))
        else:
            entry[name] = " ".join(value_text.split())
    definition = entry.get("definition", "")
    sentences = len(SENTENCE_END.findall(definition))
    if definition and not 1 <= sentences <= MAX_SENTENCES:
        problems.append(fail((key, "definition"), f"{key}.definition: {sentences} sentences; "
                             f"write 1 to {MAX_SENTENCES} short sentences, each ending with a full stop"))
    entry["forms"] = _forms(key, fields, entry.get("term"), problems, fail)
    entry["sources"] = _sources(key, fields, sources, problems, fail)
    return entry


def _words(value):
    """A list of non-empty words (one word alone counts as a list), or None."""
    items = value if isinstance(value, list) else [value]
    texts = [_text(i) for i in items]
    return texts if all(t and t.strip() for t in texts) else None


def _forms(key, fields, term, problems, fail):
    forms = [term] if term else []
    if "forms" not in fields:
        return forms
    words = _words(fields["forms"])
    if words is None:
        problems.append(fail((key, "forms"), f"{key}.forms: expected a list of words, e.g. [copay, copays]"))
        return forms
    return list(dict.fromkeys(forms + [" ".join(w.split()) for w in words]))


def _sources(key, fields, sources, problems, fail):
    if "source" not in fields:
        return []
    words = _words(fields["source"])
    if words is None:
        problems.append(fail((key, "source"), f"{key}.source: expected a source key, or a list of them"))
        return []
    keys = [w.strip() for w in words]
    for k in keys:
        if k not in sources:
            problems.append(fail((key, "source"), f"{key}.source: '{k}' is not a source in "
                                 "content/data/sources.yaml; use a key from that file, or add the source there"))
    return [k for k in keys if k in sources]


def _fold(form):
    """How a form is compared: acronyms as written, other words in lower case."""
    return form if _is_acronym(form) else form.lower()


def _is_acronym(form):
    return sum(1 for c in form if c.isupper()) >= 2


def render(entries):
    """The glossary page's list, A to Z. Sources become citation placeholders
    (numbered with the page's other citations)."""
    items = []
    for e in sorted(entries, key=lambda e: e["term"].lower()):
        cite = (f'<sup class="cite" data-cite="{escape(" ".join(e["sources"]))}"></sup>'
                if e["sources"] else "")
        items.append(f'<div class="glossary__entry"><dt id="term-{escape(e["key"])}">{escape(e["term"])}</dt>'
                     f'<dd>{escape(e["definition"])}{cite}</dd></div>')
    return '<dl class="glossary">\n' + "\n".join(items) + "\n</dl>"


def fill_marker(content_html, entries):
    if MARKER not in content_html:
        return content_html
    return content_html.replace(MARKER, render(entries))


def term_pattern(entries):
    """(compiled regex, {folded form: key}); the longest form is tried first."""
    forms = {}
    for e in entries:
        for form in e["forms"]:
            forms.setdefault(_fold(form), e["key"])
    if not forms:
        return None, {}
    ordered = sorted(forms, key=len, reverse=True)
    alternatives = "|".join(f"(?-i:{re.escape(f)})" if _is_acronym(f) else re.escape(f) for f in ordered)
    return re.compile(rf"(?<![\w-])({alternatives})(?:s|es)?(?![\w-])", re.I), forms


def _follow(token, stack):
    """Keep `stack` (the open elements: (name, skipped)) up to date with one tag token."""
    tag = TAG.match(token)
    if not tag:
        return
    closing, name = tag.group(1) == "/", tag.group(2).lower()
    if closing:
        while stack:
            if stack.pop()[0] == name:
                break
    elif name not in VOID and not token.endswith("/>"):
        stack.append((name, name in SKIP_TAGS))


def link_terms(content_html, entries, href_base, pattern=None):
    """Link the first use of each term in the HTML to href_base + '#term-<key>'.

    Returns (html, [keys linked]). Text inside SKIP_TAGS is left alone."""
    regex, forms = pattern or term_pattern(entries)
    if regex is None:
        return content_html, []
    linked = []
    stack = []  # open elements: (name, skipped)
    out = []

    def link(match):
        key = forms.get(match.group(1)) or forms.get(match.group(1).lower())
        if key is None or key in linked:
            return match.group(0)
        linked.append(key)
        return f'<a class="glossary-term" href="{href_base}#term-{key}">{match.group(0)}</a>'

    for token in TOKENS.split(content_html):
        if token.startswith("<"):
            _follow(token, stack)
            out.append(token)
        elif token and not any(skipped for _, skipped in stack):
            out.append(regex.sub(link, token))
        else:
            out.append(token)
    return "".join(out), linked
