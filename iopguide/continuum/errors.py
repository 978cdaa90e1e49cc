"""The continuum data's errors: the site's one Problem type (iopguide/problems.py),
gathered by key path for the data file."""

from ..problems import Problem, SiteError, key_path  # noqa: F401 - re-exported for the plugin's modules
from ..problems import Problems as _Problems


class ContinuumError(SiteError):
    """A mistake in the continuum data file (or a page's marker) that stops the build.

    Each problem names the file, the key path, the line and what is expected, e.g.
    ``content/data/continuum.yaml:57: quiz.questions[3].answers[1].id: duplicate id
    'daily'; ids must be unique within a question``.
    """

    kind = "continuum"


class Problems(_Problems):
    """Gathers (key path, message) pairs for one file; raises ContinuumError."""

    def __init__(self, display_path, lines=None):
        super().__init__(display_path, lines, error=ContinuumError)
