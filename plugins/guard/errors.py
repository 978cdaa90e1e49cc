"""The one error type of this project: a Problem (file, line, key, message,
severity) and SiteError, which carries a list of them; and the Collector that
gathers one build's problems from every stage, so the build stops once with
all of them.

`make check`, the build (guard/build.py) and the tests read the fields;
nothing parses the text back. A Problem is also a str (its text is the
message an editor reads), so code that prints or compares problems as text
keeps working.
"""

ERROR = "error"
WARNING = "warning"   # reported, never stops a build


class Problem(str):
    """One mistake: where (file, line, key) and what is expected (message)."""

    def __new__(cls, file, message, line=None, key=None, text=None, severity=ERROR):
        if text is None:
            where = f"{file}:{line}" if line else f"{file}"
            text = f"{where}: {key}: {message}" if key else f"{where}: {message}"
        self = super().__new__(cls, text)
        self.file = str(file)
        self.line = line
        self.key = key
        self.message = f"{key}: {message}" if key else str(message)
        self.severity = severity
        return self

    def __reduce__(self):  # keeps the fields through pickling (multiprocessing, caches)
        return (_rebuild, (self.file, self.message, self.line, self.key, str(self), self.severity))


def _rebuild(file, message, line, key, text, severity=ERROR):
    p = str.__new__(Problem, text)
    p.file, p.message, p.line, p.key, p.severity = file, message, line, key, severity
    return p


class SiteError(Exception):
    """Mistakes in the editor's files that stop the build, each a Problem
    (plain strings are accepted too, for older callers)."""

    kind = "content"
    # How a problem's text shows its line: "file:7: message" (pages, sources)
    # or "file: message (line 7)" (the continuum plugin's messages).
    line_style = "colon"

    @classmethod
    def problem(cls, file, message, line=None, key=None):
        if cls.line_style == "suffix":
            where = f" (line {line})" if line else ""
            head = f"{file}: {key}: " if key else f"{file}: "
            return Problem(file, message, line=line, key=key, text=f"{head}{message}{where}")
        return Problem(file, message, line=line, key=key)

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
    """Collects problems about one data file, by key path, with the line of
    the nearest enclosing key that has one ('file: a.b[2]: message (line 7)')."""

    def __init__(self, display_path, lines=None, error=SiteError):
        self.display_path = str(display_path)
        # `lines or {}` would swap an empty map the caller fills later for a new one.
        self.lines = {} if lines is None else lines
        self.items = []
        self.error = error

    def add(self, parts, message):
        parts = tuple(parts)
        line = self.line_of(parts)
        where = f" (line {line})" if line else ""
        path = key_path(parts)
        self.items.append(Problem(self.display_path, message, line=line, key=path,
                                  text=f"{self.display_path}: {path}: {message}{where}"))

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
        return [p for p in self.problems if getattr(p, "severity", ERROR) == ERROR]

    def stop_if_errors(self):
        if self.errors():
            raise BuildStopped(self.problems)


class BuildStopped(SiteError):
    """The build stopped on the problems its stages collected."""

    kind = "content"


def collector(settings):
    """The current build's Collector (kept in its settings: a new build has new settings)."""
    return settings.setdefault(Collector.SETTING, Collector())
