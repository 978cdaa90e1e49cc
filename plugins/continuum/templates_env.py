"""One autoescaping Jinja environment for the plugin's templates."""

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"
BYTECODE_DIR = "continuum-jinja"   # under Pelican's CACHE_PATH


@lru_cache(maxsize=1)
def environment():
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def use_bytecode_cache(cache_path):
    """Keep compiled templates in CACHE_PATH so a build skips Jinja's compile
    step (about 12 ms, most of this plugin's fixed cost). Jinja checks each
    template's source checksum, so an edited template is compiled afresh;
    a cache folder that cannot be made only costs speed."""
    folder = Path(cache_path) / BYTECODE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    env = environment()
    if getattr(env.bytecode_cache, "directory", None) != str(folder):
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        env.cache.clear()
