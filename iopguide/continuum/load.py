"""Read the data file through the project's one YAML loader (iopguide/datafile.py:
safe_load, line numbers, duplicate keys and aliases refused)."""

from .. import datafile

from .errors import ContinuumError, Problem

def load(path, display_path=None):
    """Return (data, lines) for the data file, or raise ContinuumError.

    lines maps key-path tuples, e.g. ('quiz', 'questions', 3, 'id'), to 1-based
    line numbers. Duplicate keys in a mapping (which YAML would otherwise
    silently merge) are reported as problems.
    """
    shown = str(display_path or path)
    try:
        data, lines = datafile.load(path, shown, error=ContinuumError)
    except ContinuumError as exc:
        if [p.message for p in exc.problems] == ["file not found"]:
            raise ContinuumError([Problem(shown, "file not found; expected the continuum data file "
                                                 "(levels of care and the self-check quiz)")]) from None
        raise
    if data is None:
        raise ContinuumError([Problem(shown, "the file is empty; expected a mapping with 'levels' and 'quiz'")])
    return data, lines
