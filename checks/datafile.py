"""The data files in content/data/: the source registry (sources.yaml) and the
continuum data (continuum.yaml), each checked by the plugin that reads it, so
`make check` applies exactly the rules the build applies."""

import importlib

from site_pages.errors import ContentError
from site_pages.sources import load_sources

from .report import ERROR, Finding, from_problem


def yaml_problem(project, path):
    """A Finding for a data file the one YAML loader refuses (syntax, duplicate
    keys, aliases, encoding), with its line, or None (for data files no plugin
    reads yet)."""
    from guard import datafile as loader
    from guard.errors import SiteError
    try:
        loader.load(path, project.rel(path))
    except SiteError as exc:
        return from_problem(exc.problems[0], project.root, check="datafile")
    return None


def problems_of(exc):
    return getattr(exc, "problems", None) or [line for line in str(exc).splitlines() if line.strip()]


def continuum_check(project, pages, sources=None):
    """Findings from the continuum plugin's own loader and validator (the same
    code the build runs), or None if the project has no continuum plugin."""
    if not (project.root / "plugins" / "continuum").is_dir():
        return None
    try:
        load = importlib.import_module("continuum.load")
        validate = importlib.import_module("continuum.validate")
    except ImportError as exc:
        if "continuum" not in project.plugins():
            return None  # being written, not switched on yet: the build does not use it either
        return [Finding("plugins/continuum", None, ERROR,
                        f"the continuum plugin could not be loaded ({exc})", "datafile")]
    shown = "content/data/continuum.yaml"
    try:
        data, lines = load.load(project.data_dir / "continuum.yaml", display_path=shown)
        # The help lines too (CRISIS_LINES), as the build checks them: phone numbers, call/sms keys, and
        # which numbers in a sheet item are help lines rather than figures that need a source.
        validate.check(data, lines, display_path=shown, known_pages={p.slug for p in pages},
                       known_sources=set(sources) if sources is not None else None,
                       known_lines=project.settings().get("CRISIS_LINES"))
    except Exception as exc:  # the plugin's ContinuumError: one problem per item
        return [from_problem(p, project.root, check="datafile") for p in problems_of(exc)]
    return []


def check(project, pages, today):
    findings = []
    sources = None
    try:
        sources = load_sources(project.data_dir / "sources.yaml")
    except ContentError as exc:
        findings += [from_problem(p, project.root, check="datafile") for p in exc.problems]
    continuum = continuum_check(project, pages, sources)
    if continuum is not None:
        findings += continuum
    for path in sorted(project.data_dir.glob("*.y*ml")):
        if path.name == "sources.yaml" or (path.name == "continuum.yaml" and continuum is not None):
            continue
        problem = yaml_problem(project, path)
        if problem:
            findings.append(problem)
    return findings
