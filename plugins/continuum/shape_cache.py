"""Remember which data files passed the JSON Schema, across builds.

A key is the sha256 of the data file's bytes and of this plugin's own source
files, so any edit to either makes a new key and a full check. Stored as one
line per key in Pelican's CACHE_PATH. Only the schema pass is skipped on a
hit; the meaning and every-combination checks run on every build.
"""

import hashlib
from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
FILE_NAME = "continuum-schema-passed.txt"
KEEP = 20  # most recent keys kept


def key_for(data_bytes: bytes) -> str:
    digest = hashlib.sha256(data_bytes)
    for source in sorted(PLUGIN_DIR.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _file(cache_dir):
    return Path(cache_dir) / FILE_NAME


def passed(cache_dir, key) -> bool:
    try:
        return key in _file(cache_dir).read_text(encoding="ascii").split()
    except OSError:
        return False


def remember(cache_dir, key):
    """Record a pass; a cache that cannot be written only costs speed."""
    path = _file(cache_dir)
    try:
        keys = [k for k in path.read_text(encoding="ascii").split() if k != key] if path.exists() else []
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join((keys + [key])[-KEEP:]) + "\n", encoding="ascii")
    except OSError:
        pass
