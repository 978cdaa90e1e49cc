"""The one error type editors see from this plugin: guard's SiteError, named
for the continuum data (guard/errors.py holds Problem, Problems, key_path)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # plugins/, for guard
from guard.errors import Problem, SiteError, key_path  # noqa: E402,F401
from guard.errors import Problems as _Problems  # noqa: E402


class ContinuumError(SiteError):
    """A mistake in the continuum data file (or a page's marker) that stops the build.

    Each problem names the file, the key path and what is expected, e.g.
    ``content/data/continuum.yaml: quiz.questions[3].answers[1].id: duplicate id
    'daily'; ids must be unique within a question (line 57)``.
    """

    kind = "continuum"
    line_style = "suffix"


class Problems(_Problems):
    """Collects (key path, message) pairs for one file; raises ContinuumError."""

    def __init__(self, display_path, lines=None):
        super().__init__(display_path, lines, error=ContinuumError)
