"""Remember, across builds, which inputs passed the data file's two slow checks.

The JSON Schema pass (with jsonschema's import) and the walk of every visitor
path (coverage.py) are most of the plugin's fixed cost in a build: without
this cache `make bench` measured the plugin-overhead budget at +25 % (100
pages, 2026-12-07; -1 % with it on 2026-12-05). Both checks are pure
functions of their inputs, so a pass is remembered under a key made of all of
them: the data file's digest, the code of the whole iopguide package, the
versions of PyYAML and jsonschema, the page slugs, the source keys and the
help lines. Any change to any of them is a new key and a full check.

Only passes are remembered, and only in Pelican's CACHE_PATH (never in the
repository): a fresh clone, CI and `make publish` from a clean checkout always
check in full, and `make check` builds with a new, empty cache every time.
The checks that are cheap still run on every build. A cache that cannot be
read or written costs only speed.
"""

import hashlib
import json
from importlib import metadata
from pathlib import Path

# The whole site package, not only this part: the YAML loader and the problem
# types live one level up. And the libraries that parse and check the file.
PACKAGE = Path(__file__).resolve().parent.parent
LIBRARIES = ("PyYAML", "jsonschema")
FILE_NAME = "continuum-passed.txt"
KEEP = 20   # the most recent keys kept


def key_for(data_digest, pages, sources, lines):
    """The key for a data file whose bytes have the sha256 `data_digest` (hex)."""
    digest = hashlib.sha256(data_digest.encode())
    for source in sorted(PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(PACKAGE).as_posix().encode() + b"\0" + source.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    digest.update(json.dumps([sorted(pages), sorted(sources) if sources is not None else None, lines],
                             sort_keys=True, default=str).encode())
    return digest.hexdigest()


def passed(cache_dir, key):
    if not cache_dir:
        return False
    try:
        return key in (Path(cache_dir) / FILE_NAME).read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return False


def remember(cache_dir, key):
    if not cache_dir:
        return
    path = Path(cache_dir) / FILE_NAME
    try:
        keys = [k for k in path.read_text(encoding="ascii").split() if k != key] if path.exists() else []
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join((keys + [key])[-KEEP:]) + "\n", encoding="ascii")
    except (OSError, UnicodeDecodeError):
        pass
