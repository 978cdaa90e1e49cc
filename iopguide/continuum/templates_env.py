"""One autoescaping Jinja environment for the plugin's templates: made once per
process, so a build that runs again (the live preview's worker) reuses the
compiled templates; Jinja looks at each template's file again, so an edited
template is compiled afresh.

A build in a new process (`make html`, `make check`) finds them compiled in
Pelican's CACHE_PATH (cache/ in the project): compiling the seven templates
was half of the plugin's own time per build (measured with bench/plugin_cost.py
on the 100-page benchmark site, 2026-12-07)."""

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment():
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def use_cache_path(cache_path):
    """Keep the compiled templates under Pelican's CACHE_PATH for this build
    (none without one, or where it cannot be written). Jinja keys each by the
    template's name and checks its source and Jinja's version, so an edited
    template or a new Jinja compiles afresh."""
    cache = None
    if cache_path:
        folder = Path(cache_path) / "continuum-templates"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            cache = FileSystemBytecodeCache(str(folder))
        except OSError:
            pass   # an unwritable cache folder: compile in memory, as without one
    environment().bytecode_cache = cache
