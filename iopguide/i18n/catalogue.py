"""The theme's strings: content/data/strings.yaml, one entry per key with
its text in every language of the site (LANGS). Read through the project's
one YAML loader; a key without a language's text stops the build, naming
the key and its line."""

from .. import datafile
from ..problems import Problem, SiteError


class StringsError(SiteError):
    kind = "theme strings"


def load(path, shown, langs):
    """{key: {lang: text}} or raise StringsError listing every gap."""
    data, lines = datafile.load(path, shown, error=StringsError)
    problems = []
    if not isinstance(data, dict):
        raise StringsError([Problem(shown, "expected one entry per key, each with "
                                                 + ", ".join(f"'{lang}:'" for lang in langs))])
    for key, entry in data.items():
        line = lines.get((key,))
        if not isinstance(entry, dict):
            problems.append(Problem(shown, f"expected {', '.join(langs)} texts under it",
                                                 line=line, key=key))
            continue
        for lang in langs:
            if not isinstance(entry.get(lang), str):
                problems.append(Problem(
                    shown, f"no '{lang}' text; add a line '{lang}: ...' under the key", line=line, key=key))
    if problems:
        raise StringsError(problems)
    return data


class Catalogue:
    def __init__(self, strings, default_lang, shown):
        self.strings = strings
        self.default = default_lang
        self.shown = shown

    def text(self, key, lang, **values):
        entry = self.strings.get(key)
        if entry is None:
            raise StringsError([Problem(self.shown, "a template asks for this key; add it with its "
                                                     "text in every language", key=key)])
        text = entry.get(lang)
        if text is None:
            text = entry[self.default]
        return text.format(**values) if values else text

    def date(self, value, lang):
        """'November 23, 2026' / '23 de noviembre de 2026' (no locale needed)."""
        if not value:
            return ""
        month = self.text(f"month_{value.month}", lang)
        return self.text("date_format", lang, day=value.day, month=month, year=value.year)
