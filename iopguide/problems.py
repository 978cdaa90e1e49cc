"""The one error type of the site, end to end: a Problem (file, line, key,
message, severity), written by every stage of the build and by `make check`'s
own checks; SiteError, which carries a list of them; Problems, which gathers
one data file's by key path; the Collector, which gathers one build's from
every stage so the build stops once with all of them; and the one formatter,
format_problems(), that `make html`, `make check` and the live preview's
terminal print them with. Nothing parses a problem's text back: its fields
are the data.
"""

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"   # reported, never stops a build


@dataclass(frozen=True)
class Problem:
    """One mistake: where (file, line, key) and what is expected (message).

    Problem(file, message, line=..., key=...): message is what the editor
    reads; with a key it starts with it ("Reviewed: '2026-13-01' is not a
    date"), so a message always says which field or key it is about."""

    file: str
    message: str
    line: int | None = None
    key: str | None = None
    severity: str = ERROR

    def __init__(self, file, message, line=None, key=None, severity=ERROR):
        set_ = object.__setattr__
        set_(self, "file", str(file))
        set_(self, "message", f"{key}: {message}" if key else str(message))
        set_(self, "line", line)
        set_(self, "key", key)
        set_(self, "severity", severity)

    def __str__(self):
        """One line: 'file:line: message' (the form compilers and linters use)."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    @property
    def is_error(self):
        return self.severity == ERROR


def format_problems(problems):
    """The problems grouped by file in the order they came (files as they
    first appear), one 'line N: message' under each file; problems with no file
    (Pelican's own words) last. A list of lines."""
    by_file = {}
    for p in problems:
        by_file.setdefault(None if p.file.startswith("(") else p.file, []).append(p)
    lines = []
    for file in sorted(by_file, key=lambda f: f is None):
        items = by_file[file]
        if file:
            lines.append(file)
        for p in items:
            indent = "  " if file else ""
            said = f"warning: {p.message}" if p.severity == WARNING else p.message
            lines.append(f"{indent}line {p.line}: {said}" if p.line else f"{indent}{said}")
    return lines


class SiteError(Exception):
    """Mistakes in the editor's files that stop the build, each a Problem."""

    kind = "content"

    def __init__(self, problems):
        self.problems = list(problems)
        listing = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        super().__init__(f"{len(self.problems)} {self.kind} {noun} found:\n{listing}")


def key_path(parts):
    """('quiz', 'questions', 3, 'id') -> 'quiz.questions[3].id'."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


class Problems:
    """Gathers problems about one data file, by key path, each with the line of
    the nearest enclosing key that has one."""

    def __init__(self, display_path, lines=None, error=SiteError):
        self.display_path = str(display_path)
        # `lines or {}` would swap an empty map the caller fills later for a new one.
        self.lines = {} if lines is None else lines
        self.items = []
        self.error = error

    def add(self, parts, message):
        self.items.append(Problem(self.display_path, message, line=self.line_of(parts), key=key_path(parts)))

    def line_of(self, parts):
        # The nearest enclosing key that has a known line.
        parts = tuple(parts)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return None

    def __bool__(self):
        return bool(self.items)

    def raise_if_any(self):
        if self.items:
            raise self.error(self.items)


class Collector:
    """Every problem one build finds, from every stage (the content scan, the
    reading of each page, the plugins' checks after reading, the links): each
    stage adds what it finds and goes on, and the build stops once, before
    anything is written, with all of them (as MkDocs' strict mode collects
    warnings). Warnings are kept and shown but never stop a build."""

    SETTING = "SITE_PROBLEMS"   # where a build keeps its collector: in its own settings

    def __init__(self):
        self.problems = []

    def add(self, *problems):
        self.extend(problems)

    def extend(self, problems):
        for problem in problems:
            if problem not in self.problems:   # the same mistake met twice is said once
                self.problems.append(problem)

    def errors(self):
        return [p for p in self.problems if p.is_error]

    def stop_if_errors(self):
        if self.errors():
            raise BuildStopped(self.problems)


class BuildStopped(SiteError):
    """The build stopped on the problems its stages collected."""


class ContentError(SiteError):
    """A mistake in a page or a data file."""


def collector(settings):
    """The current build's Collector (kept in its settings: a new build has new settings)."""
    return settings.setdefault(Collector.SETTING, Collector())
