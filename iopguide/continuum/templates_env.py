"""One autoescaping Jinja environment for the plugin's templates: made once per
process, so a build that runs again (the live preview's worker) reuses the
compiled templates; Jinja looks at each template's file again, so an edited
template is compiled afresh."""

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment():
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
