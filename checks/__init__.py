"""Content checks shared by `make check`, the test suite and the benchmark."""

import sys
from pathlib import Path

# The checks share the plugins' helpers (guard.header, site_pages.paths).
_PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if _PLUGINS not in sys.path:
    sys.path.insert(0, _PLUGINS)
