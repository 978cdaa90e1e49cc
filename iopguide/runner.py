"""The one build runner: run Pelican once, in this process, and return every
problem the build met as a Problem. `make html` and `make publish`
(iopguide/build.py), `make check` (checks/cli.py), the live preview and the
tests all build through build().

- The plugins add what they find to the build's Collector (problems.py) and the
  build stops once, before writing, with all of it.
- Every warning Pelican itself logs stops the build too (as with --fatal
  warnings): each becomes a Problem with Pelican's own words. Pelican's
  warning about an image's empty alt text is left out: guard reports the same
  rule with the page's line (plugin.image_problems).
- Anything else that goes wrong is a bug in the site's code (a plugin, a
  template, the settings), never the editor's mistake: it is reported as such,
  with the file and line of the code where it happened and a request to report
  it. DEBUG=1 (iopguide/build.py) also prints the traceback.
"""

import contextlib
import io
import logging
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Collector, Problem, SiteError

# Pelican's warning about an empty alt attribute comes from this function
# (pelican/readers.py); guard's image rule reports the same, with a line.
PELICAN_EMPTY_ALT = "find_empty_alt"


@dataclass
class Result:
    ok: bool                                     # the site was written
    problems: list = field(default_factory=list)  # Problems; errors stopped the build, warnings did not
    written: list = field(default_factory=list)   # [(source file, save_as)] of every page written
    error: BaseException | None = None          # what stopped it, for DEBUG=1


class _Records(logging.Handler):
    """Pelican's own warnings and errors, as Problems (the message as Pelican wrote it)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.problems = []

    def emit(self, record):
        if record.funcName == PELICAN_EMPTY_ALT:
            return
        self.problems.append(Problem("(site build)", record.getMessage()))


def bug_report(exc, root):
    """A Problem for an unexpected exception: where in the site's code, and that it is a bug."""
    file, line = located(exc, root)
    said = str(exc).rstrip(".")
    return Problem(file or "(site build)", f"the site's code stopped with {type(exc).__name__}: {said}. This is "
                   "a bug in the site's code (a plugin, a template or the settings), not a mistake in your "
                   "edit: please report it to the site's developers with this message. Run again with DEBUG=1 "
                   "to see the details.", line=line)


def located(exc, root):
    """(file, line) for an error with no Problem of its own: where a template,
    settings or plugin file went wrong, as the project's own path (the last
    place in the project's files, not in Pelican's or a library's); (None, None)
    when there is none."""
    root = Path(root).resolve()

    def inside(filename):
        if not isinstance(filename, str) or not filename:
            return None
        try:
            rel = Path(filename).resolve().relative_to(root)
        except (ValueError, OSError):
            return None
        return rel.as_posix() if rel.parts and not rel.parts[0].startswith(".") else None  # not .venv/

    # Jinja's TemplateSyntaxError and Python's SyntaxError say where themselves.
    file = inside(getattr(exc, "filename", None))
    if file:
        return file, getattr(exc, "lineno", None)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        file = inside(frame.filename)
        if file:
            return file, frame.lineno
    return None, None


def _reset_pelican_log_limits():
    """Pelican's log filter says each message once per process and only the
    first few of a kind; a second build in one process (make check, the
    preview, the tests) must hear every warning again."""
    from pelican.log import LimitFilter
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def _reset_sitemap():
    """pelican-sitemap 1.2 remembers the first Pelican it meets and writes the
    sitemap at that one's `finalized` signal only. A build stopped by a mistake
    never gets there, so every later build in the same process (the preview's
    worker after a failed save, make check, the tests) would write no
    sitemap.xml at all. Each build starts it afresh."""
    try:
        from pelican.plugins.sitemap.sitemap import generator
    except ImportError:     # a project without the sitemap plugin
        return
    generator._main_pelican = None
    generator.page_queue = []


def settings_for(settings_file, root, output, today=None, cache_path=None, reader_cache=False):
    """The build's settings. reader_cache: keep Pelican's reader cache (each
    page's Markdown as HTML, by file and time stamp) and the theme's compiled
    templates (Jinja checks each template's source, so an edited one is
    compiled again) in cache_path, for a process that builds again and again
    (the live preview's worker)."""
    from pelican.settings import read_settings
    override = {
        "PATH": str(Path(root) / "content"),
        "OUTPUT_PATH": str(output),
        "CACHE_CONTENT": reader_cache,
        "LOAD_CONTENT_CACHE": reader_cache,
        "GZIP_CACHE": False,
        "CACHE_PATH": str(cache_path or Path(output) / ".cache"),
        Collector.SETTING: Collector(),
    }
    if today is not None:
        override["SITE_TODAY"] = today.isoformat()
    settings = read_settings(str(settings_file), override=override)
    if reader_cache:
        from jinja2 import FileSystemBytecodeCache
        folder = Path(cache_path) / "theme-templates"
        folder.mkdir(parents=True, exist_ok=True)
        settings["JINJA_ENVIRONMENT"] = dict(settings["JINJA_ENVIRONMENT"], bytecode_cache=FileSystemBytecodeCache(str(folder)))
    return settings


def build(settings_file, root, output, today=None, cache_path=None, reader_cache=False):
    """Build the project at root with settings_file into output; a Result. Prints nothing."""
    from pelican import Pelican, signals

    try:
        settings = settings_for(settings_file, root, output, today, cache_path, reader_cache)
    except SystemExit as exc:   # publishconf.py: SITEURL missing or not a web address
        return Result(False, [Problem(Path(settings_file).name, str(exc))], error=exc)
    except Exception as exc:  # noqa: BLE001 - a mistake in the settings file itself is a bug report
        return Result(False, [bug_report(exc, root)], error=exc)
    found = settings[Collector.SETTING]
    written = []

    def on_write(generator, content=None):
        written.append((str(Path(content.source_path).resolve()), content.save_as))

    handler = _Records()
    logging.getLogger().addHandler(handler)
    signals.page_generator_write_page.connect(on_write)
    _reset_pelican_log_limits()
    _reset_sitemap()
    error = None
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            Pelican(settings).run()
    except SiteError as exc:
        error = exc
        found.extend(exc.problems)
    except Exception as exc:  # noqa: BLE001 - never a traceback for an editor: a bug report instead
        error = exc
        found.add(bug_report(exc, root))
    finally:
        logging.getLogger().removeHandler(handler)
        signals.page_generator_write_page.disconnect(on_write)
    found.extend(handler.problems)
    ok = error is None and not found.errors()
    return Result(ok, found.problems, written, error)
