"""The one error type editors see from this plugin: guard's SiteError (see
plugins/guard/errors.py; each problem is a Problem with file, line, key)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # plugins/, for guard
from guard.errors import ERROR, WARNING, Problem, SiteError, collector  # noqa: E402,F401
from guard.plugin import ContentError  # noqa: E402,F401
