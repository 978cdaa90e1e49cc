"""The one error type editors see from this plugin."""


class ContinuumError(Exception):
    """A mistake in the continuum data file (or a page's marker) that stops the build.

    Each problem names the file, the key path and what is expected, e.g.
    ``content/data/continuum.yaml: quiz.questions[3].answers[1].id: duplicate id
    'daily'; ids must be unique within a question (line 57)``.
    """

    def __init__(self, problems):
        self.problems = list(problems)
        listing = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        super().__init__(f"{len(self.problems)} continuum {noun} found:\n{listing}")


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
    """Collects (key path, message) pairs and formats them for one file."""

    def __init__(self, display_path, lines=None):
        self.display_path = str(display_path)
        self.lines = lines or {}
        self.items = []

    def add(self, parts, message):
        parts = tuple(parts)
        line = self._line(parts)
        where = f" (line {line})" if line else ""
        self.items.append(f"{self.display_path}: {key_path(parts)}: {message}{where}")

    def _line(self, parts):
        # The nearest enclosing key that has a known line.
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return None

    def __bool__(self):
        return bool(self.items)

    def raise_if_any(self):
        if self.items:
            raise ContinuumError(self.items)
