"""Build the site once, the way `make html` does, into a temporary folder; turn
every warning and error of the build into a finding (the build runs with
--fatal warnings, so any warning would stop it)."""

import contextlib
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from .crash import located
from .images import no_alt_message
from .pagelinks import missing_message, resolve
from .report import ERROR, Finding, from_problem, relative

UNABLE_TO_FIND = re.compile(r"Unable to find '(?P<target>[^']*)'")
EMPTY_ALT = re.compile(r"Empty alt attribute for image (?P<src>\S+) in (?P<path>.+)$")
# Pelican's own words for a page it cannot read; guard's content scan should
# have stopped the build before, this is the fallback.
SKIPPING = re.compile(r"Skipping (?P<path>\S+): could not find information about '(?P<field>\w+)'")


@dataclass
class BuiltPage:
    source: object   # project.Page
    save_as: str     # e.g. what-is-iop/index.html


@dataclass
class Built:
    output: Path
    ok: bool                        # the build finished (maybe with warnings)
    pages: list = field(default_factory=list)
    error: BaseException | None = None  # what stopped it, for DEBUG=1


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def _finding_for_record(record, project, pages):
    """Pelican's warnings, said the way an editor needs them, with file and line."""
    message = record.getMessage()
    missing = UNABLE_TO_FIND.search(message)
    if missing:
        target = missing["target"]
        found = [Finding(page.rel, number, ERROR, missing_message(target), "links")
                 for page in pages for number, line in page.body_lines()
                 if re.search(r"[}|]" + re.escape(target) + r"[)#?]", line)
                 and not resolve(project, page.path, target).exists()]
        return found or [Finding("(site build)", None, ERROR, missing_message(target), "build")]
    skipped = SKIPPING.search(message)
    if skipped:
        return [Finding(relative(skipped["path"], project.root), None, ERROR,
                        f"{skipped['field'].capitalize()}: missing; every page starts with a line like "
                        "'Title: What is IOP?'", "build")]
    no_alt = EMPTY_ALT.search(message)
    if no_alt:
        page = next((p for p in pages if str(p.path) == str(Path(no_alt["path"]).resolve())), None)
        if page is not None:
            return [Finding(page.rel, page.line_of(no_alt["src"]), ERROR, no_alt_message(no_alt["src"]), "images")]
    return [from_problem(message, project.root, check="build")]


def build(project, pages, output, today=None, settings_file=None, cache_path=None):
    """Run Pelican in this process; return (Built, findings). Every warning is
    a finding (as with --fatal warnings); nothing is printed.

    Used by `make check` (into a temporary folder, today pinned) and by
    scripts/build.py (`make html`, `make publish`)."""
    from pelican import Pelican, signals
    from pelican.settings import read_settings

    override = {
        "PATH": str(project.content),
        "OUTPUT_PATH": str(output),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "CACHE_PATH": str(cache_path or Path(output) / ".cache"),
    }
    if today is not None:
        override["SITE_TODAY"] = today.isoformat()
    settings = read_settings(str(settings_file or project.settings_file), override=override)
    by_path = {str(p.path.resolve()): p for p in pages}
    written = []

    def on_write(generator, content=None):
        source = by_path.get(str(Path(content.source_path).resolve()))
        if source is not None:
            written.append(BuiltPage(source, content.save_as))

    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    signals.page_generator_write_page.connect(on_write)
    findings = []
    ok = True
    error = None
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            Pelican(settings).run()
    except Exception as exc:  # noqa: BLE001 - every build failure becomes a finding
        ok = False
        error = exc
        problems = getattr(exc, "problems", None)
        if problems:
            findings += [from_problem(p, project.root, check="build") for p in problems]
        else:
            file, line = located(exc, project.root)
            findings.append(Finding(file or "(site build)", line, ERROR,
                                    f"the site did not build: {type(exc).__name__}: {exc}", "build"))
    finally:
        root.removeHandler(handler)
        signals.page_generator_write_page.disconnect(on_write)
    for record in handler.records:
        findings += _finding_for_record(record, project, pages)
    return Built(Path(output), ok, written, error), findings
