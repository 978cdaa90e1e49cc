"""Words to avoid: person-first, non-stigmatizing language and US English,
and on Spanish pages one term for one concept.

The lists are checks/words-to-avoid.yaml (editors extend it; see
docs/editing.md, "Words to avoid") and checks/spanish-terms.yaml (the
Spanish terminology list, docs/spanish-terms.md: each entry's `avoid` forms
are checked on Spanish text only). Checked: each page's Title, Summary and
text (not code, link addresses or comments), the visible text of
content/data/continuum.yaml and content/data/glossary.yaml (and their .es
files), and the theme's strings in content/data/strings.yaml. Proper names in
the list's `allowed` part (SAMHSA's full name, TIP titles...) are never
flagged; sources.yaml is not checked, as its titles are proper names. Words
in quotation marks are a mention, not a use ('a baby is not "born addicted"'),
so they are left alone.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from iopguide import datafile
from iopguide.problems import SiteError

from .mdtext import blocks, header_block
from .report import Problem

LIST = Path(__file__).resolve().parent / "words-to-avoid.yaml"
TERMS = Path(__file__).resolve().parent / "spanish-terms.yaml"
TERMS_DOC = "docs/spanish-terms.md"
# Data files with text a reader sees, and their language (the Spanish ones come from issue 14).
# strings.yaml holds both languages: each text's language is its key (en: / es:).
DATA_FILES = {"continuum.yaml": "en", "glossary.yaml": "en", "continuum.es.yaml": "es", "glossary.es.yaml": "es",
              "strings.yaml": None}
# A word in quotation marks is mentioned, not used ('not "born addicted"'): left alone.
QUOTED = re.compile(r'"[^"\n]{1,80}"|“[^”\n]{1,80}”')
# Values in the data files that are names for the machine, not words for readers.
NOT_TEXT = {"id", "page", "level", "outcome", "asam", "kind", "source", "url", "when", "priority", "focus",
            "minutes", "key"}


@dataclass(frozen=True)
class Rule:
    regex: re.Pattern
    why: str
    instead: str
    lang: str | None = None   # only pages in this language (None: every page)


class WordListError(Exception):
    pass


def _phrase(words):
    """A regex for whole words or phrases, any spacing between words."""
    return r"\s+".join(re.escape(w) for w in words.split())


def _read_list(path, key):
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise WordListError(f"cannot read {Path(path).name}: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise WordListError(f"{Path(path).name}: expected '{key}:' with a list of entries")
    return data


def _regex(entry, words_key, where):
    """One regex for an entry's whole words / phrases and its pattern (either or both)."""
    parts = []
    if entry.get(words_key):
        words = entry[words_key] if isinstance(entry[words_key], list) else [entry[words_key]]
        parts.append(r"(?<![\w-])(?:" + "|".join(_phrase(str(w)) for w in words) + r")(?![\w-])")
    if entry.get("pattern"):
        parts.append(str(entry["pattern"]))
    try:
        return re.compile("|".join(f"(?:{p})" for p in parts), re.I | re.M) if parts else None
    except re.error as exc:
        raise WordListError(f"{where}: the pattern is not a valid regular expression: {exc}") from None


def load_rules(path=LIST, terms=TERMS):
    """([Rule], allowed regex or None) from the word list and the Spanish
    terminology list (terms=None leaves it out); WordListError says what is wrong."""
    data = _read_list(path, "avoid")
    rules = []
    for number, entry in enumerate(data["avoid"], start=1):
        if not isinstance(entry, dict) or not entry.get("why") or not entry.get("instead"):
            raise WordListError(f"entry {number}: needs 'words' (or 'pattern'), 'why' and 'instead'")
        regex = _regex(entry, "words", f"entry {number}")
        if regex is None:
            raise WordListError(f"entry {number}: needs 'words' or 'pattern'")
        rules.append(Rule(regex, str(entry["why"]).strip(), str(entry["instead"]).strip(),
                          str(entry["lang"]).strip() if entry.get("lang") else None))
    allowed = [str(a) for a in data.get("allowed") or []]
    if terms is not None:
        term_rules, term_allowed = load_terms(terms)
        rules += term_rules
        allowed += term_allowed
    allowed_re = re.compile("|".join(_phrase(a) for a in allowed), re.I) if allowed else None
    return rules, allowed_re


def load_terms(path=TERMS):
    """([Rule] for Spanish text, [allowed names]) from the Spanish terminology
    list: each entry's `avoid` words and `pattern`, with `preferred` as what to
    write instead. Entries with only a `note` are guidance, not rules."""
    data = _read_list(path, "terms")
    rules = []
    for number, entry in enumerate(data["terms"], start=1):
        where = f"{Path(path).name}, term {number}"
        if not isinstance(entry, dict) or not entry.get("concept") or not entry.get("preferred"):
            raise WordListError(f"{where}: needs 'concept' and 'preferred'")
        regex = _regex(entry, "avoid", where)
        if regex is None:
            continue
        if not entry.get("why"):
            raise WordListError(f"{where}: needs 'why' (shown in the message)")
        why = str(entry["why"]).strip()
        rules.append(Rule(regex, f"One term for one concept ({TERMS_DOC}), {entry['concept']}: {why}",
                          str(entry["preferred"]).strip(), "es"))
    return rules, [str(a) for a in data.get("allowed") or []]


def problems_in(text, rules, allowed):
    """[(offset, words found, rule)] in a text, allowed names blanked out first."""
    if allowed is not None:
        text = allowed.sub(lambda m: " " * len(m.group(0)), text)
    text = QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for rule in rules:
        found += [(m.start(), " ".join(m.group(0).strip("()").split()), rule) for m in rule.regex.finditer(text)
                  if m.group(0).strip()]
    return sorted(found, key=lambda f: f[0])


def message(words, rule):
    why = rule.why[0].upper() + rule.why[1:] if rule.why else ""
    return f"word to avoid: '{words}'. {why} Write instead: {rule.instead}"


def page_findings(page, rules, allowed):
    findings = []
    lang = str(page.metadata.get("lang") or "en").strip()
    rules = [r for r in rules if r.lang in (None, lang)]
    parts = [b for b in (header_block(page, "title"), header_block(page, "summary")) if b] + blocks(page)
    for block in parts:
        for offset, words, rule in problems_in(block.text, rules, allowed):
            findings.append(Problem(page.rel, message(words, rule), line=block.line_at(offset)))
    return findings


def _strings(node, parent_key=None):
    """(line, text, key) for every string a reader sees in a YAML document."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name in NOT_TEXT:
                continue
            yield from _strings(value, name)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _strings(item, parent_key)
    elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        yield node.start_mark.line + 1, node.value, parent_key


def data_findings(project, rules, allowed):
    findings = []
    for name, file_lang in DATA_FILES.items():
        path = project.data_dir / name
        try:  # guard's one loader first: not UTF-8, duplicate keys, aliases are refused there
            text = datafile.read_text(path, project.rel(path))
            datafile.parse(text, project.rel(path))
            root = yaml.compose(text, Loader=datafile.SafeLoader)  # the nodes, for each string's line
        except (OSError, SiteError, yaml.YAMLError):
            continue  # missing or broken: the content scan says why
        for line, text, key in _strings(root):
            lang = file_lang or key  # strings.yaml: the text's key is its language
            if lang not in ("en", "es"):
                continue
            lang_rules = [r for r in rules if r.lang in (None, lang)]
            for _, words, rule in problems_in(text, lang_rules, allowed):
                findings.append(Problem(project.rel(path), message(words, rule), line=line))
    return findings


def check(project, pages, today):
    try:
        rules, allowed = load_rules()
    except WordListError as exc:
        return [Problem(project.rel(LIST), str(exc))]
    findings = []
    for page in pages:
        findings += page_findings(page, rules, allowed)
    return findings + data_findings(project, rules, allowed)
