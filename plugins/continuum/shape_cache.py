"""Remember which data files passed the two slow checks, across builds.

The JSON Schema pass ("schema") and the walk of every visitor path
("paths", coverage.py) depend on nothing but the data file's bytes and this
plugin's code. A key is the sha256 of both, so any edit to either makes a new
key and a full check. Stored as one line per key per check in Pelican's
CACHE_PATH (never in the repository: a fresh clone, CI and `make publish`
from a clean checkout always run both in full, and `make check` never reads
this cache). The meaning checks that read other files (pages, sources) run on
every build.
"""

import hashlib
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
FILE_NAMES = {"schema": "continuum-schema-passed.txt", "paths": "continuum-paths-passed.txt"}
KEEP = 20  # most recent keys kept


def key_for(data_bytes: bytes) -> str:
    digest = hashlib.sha256(data_bytes)
    for source in sorted(PLUGIN_DIR.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _file(cache_dir, check):
    return Path(cache_dir) / FILE_NAMES[check]


def passed(cache_dir, key, check) -> bool:
    try:
        return key in _file(cache_dir, check).read_text(encoding="ascii").split()
    except OSError:
        return False


def remember(cache_dir, key, check):
    """Record a pass; a cache that cannot be written only costs speed."""
    path = _file(cache_dir, check)
    try:
        keys = [k for k in path.read_text(encoding="ascii").split() if k != key] if path.exists() else []
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join((keys + [key])[-KEEP:]) + "\n", encoding="ascii")
    except OSError:
        pass
