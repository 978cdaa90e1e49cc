"""Words to avoid: person-first, non-stigmatizing language and US English.

The list is checks/words-to-avoid.yaml (editors extend it; see
docs/editing.md, "Words to avoid"). Checked: each page's Title, Summary and
text (not code, link addresses or comments), and the visible text of
content/data/continuum.yaml and content/data/glossary.yaml. Proper names in
the list's `allowed` part (SAMHSA's full name, TIP titles...) are never
flagged; sources.yaml is not checked, as its titles are proper names. Words
in quotation marks are a mention, not a use ('a baby is not "born addicted"'),
so they are left alone.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from guard import datafile  # checks/__init__ puts plugins/ on sys.path
from guard.errors import SiteError

from .mdtext import blocks, header_block
from .report import ERROR, Finding

LIST = Path(__file__).resolve().parent / "words-to-avoid.yaml"
# Data files with text a reader sees, and their language (the Spanish ones come from issue 14).
DATA_FILES = {"continuum.yaml": "en", "glossary.yaml": "en", "continuum.es.yaml": "es", "glossary.es.yaml": "es"}
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


def load_rules(path=LIST):
    """([Rule], allowed regex or None) from the word list; WordListError says what is wrong."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise WordListError(f"cannot read the word list: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("avoid"), list):
        raise WordListError("expected 'avoid:' with a list of entries")
    rules = []
    for number, entry in enumerate(data["avoid"], start=1):
        if not isinstance(entry, dict) or not entry.get("why") or not entry.get("instead"):
            raise WordListError(f"entry {number}: needs 'words' (or 'pattern'), 'why' and 'instead'")
        if entry.get("words"):
            words = entry["words"] if isinstance(entry["words"], list) else [entry["words"]]
            pattern = r"(?<![\w-])(?:" + "|".join(_phrase(str(w)) for w in words) + r")(?![\w-])"
        elif entry.get("pattern"):
            pattern = str(entry["pattern"])
        else:
            raise WordListError(f"entry {number}: needs 'words' or 'pattern'")
        try:
            regex = re.compile(pattern, re.I | re.M)
        except re.error as exc:
            raise WordListError(f"entry {number}: the pattern is not a valid regular expression: {exc}") from None
        rules.append(Rule(regex, str(entry["why"]).strip(), str(entry["instead"]).strip(),
                          str(entry["lang"]).strip() if entry.get("lang") else None))
    allowed = [str(a) for a in data.get("allowed") or []]
    allowed_re = re.compile("|".join(_phrase(a) for a in allowed), re.I) if allowed else None
    return rules, allowed_re


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
            findings.append(Finding(page.rel, block.line_at(offset), ERROR, message(words, rule), "words"))
    return findings


def _strings(node, parent_key=None):
    """(line, text) for every string a reader sees in a YAML document."""
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
        yield node.start_mark.line + 1, node.value


def data_findings(project, rules, allowed):
    findings = []
    for name, lang in DATA_FILES.items():
        path = project.data_dir / name
        lang_rules = [r for r in rules if r.lang in (None, lang)]
        try:  # guard's one loader first: not UTF-8, duplicate keys, aliases are refused there
            text = datafile.read_text(path, project.rel(path))
            datafile.parse(text, project.rel(path))
            root = yaml.compose(text, Loader=datafile.SafeLoader)  # the nodes, for each string's line
        except (OSError, SiteError, yaml.YAMLError):
            continue  # missing or broken: the content scan says why
        for line, text in _strings(root):
            for _, words, rule in problems_in(text, lang_rules, allowed):
                findings.append(Finding(project.rel(path), line, ERROR, message(words, rule), "words"))
    return findings


def check(project, pages, today):
    try:
        rules, allowed = load_rules()
    except WordListError as exc:
        return [Finding(project.rel(LIST), None, ERROR, str(exc), "words")]
    findings = []
    for page in pages:
        findings += page_findings(page, rules, allowed)
    return findings + data_findings(project, rules, allowed)
