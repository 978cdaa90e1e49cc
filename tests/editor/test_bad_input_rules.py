"""Every bad-input case (badinput_cases.py), checked in process against the
function that owns its rule: the mistake is planted in a copy of content/
(milliseconds, no build), the owner is called, and its problems must name the
file and say the words. A few cases per stage also run the real commands end
to end (test_bad_input.py); that the owners are wired into the build is
proved there and by the many-mistakes build in tests/editor/test_check.py."""

import dataclasses
import datetime as dt
import os
import shutil

import pytest

from badinput_cases import CASES
from checkrun import TODAY as CHECK_TODAY
from planting import ROOT, SOURCES, copy_content

TODAY = dt.date.fromisoformat(CHECK_TODAY)  # the editor tests' pinned day (checkrun.py)


def _settings():
    from pelican.settings import read_settings
    from iopguide.pages.cite_md import CitationExtension
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    settings["MARKDOWN"].setdefault("extensions", []).append(CitationExtension())  # what iopguide.pages adds
    return settings


SETTINGS = _settings()


def problems_of(call):
    """The problems a loader raises (SiteError), or [] when it accepts the file."""
    from iopguide.problems import SiteError
    try:
        call()
    except SiteError as exc:
        return exc.problems
    return []


def rendered(path):
    """A page's HTML as Pelican's Markdown reader makes it for the build."""
    from pelican.readers import MarkdownReader
    html, _ = MarkdownReader(SETTINGS).read(str(path))
    return html


def shown(project, path):
    return path.relative_to(project).as_posix()


# ---- the owners: one function per rule, called as the build calls it -----------
def html_policy(project, case):
    from iopguide.guard.plugin import page_problems
    path = project / case.file
    return page_problems(rendered(path), path.read_text(encoding="utf-8"), case.file)


def page_scan(project, case):
    from iopguide.guard.content_scan import check_page
    return check_page(project / case.file, project)


def content_scan(project, case):
    from iopguide.guard.content_scan import scan
    return scan(project / "content", SETTINGS)


def titles(project, case):
    """Every page's title through guard's title register, in file order."""
    from iopguide.guard.content_scan import field_of
    from iopguide.guard.plugin import Titles
    register, found = Titles(), []
    for path in sorted((project / "content" / "pages").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        line, title = field_of(text, "title")
        lang = field_of(text, "lang")[1] or "en"
        found.append(register.add(lang, title or "", shown(project, path), line))
    return [p for p in found if p]


def source_registry(project, case):
    from iopguide.pages.sources import load_sources
    return problems_of(lambda: load_sources(project / SOURCES, SOURCES))


def glossary(project, case):
    from iopguide.pages.glossary import load_glossary
    from iopguide.pages.sources import load_sources
    sources = load_sources(project / SOURCES, SOURCES)
    return problems_of(lambda: load_glossary(project / case.file, sources, case.file))


def continuum_data(project, case):
    from iopguide.continuum import load, validate
    pages = {p.stem for p in (project / "content" / "pages").rglob("*.md")}

    def check():
        data, lines = load.load(project / case.file, case.file)
        validate.check(data, lines, case.file, known_pages=pages)
    return problems_of(check)


def metadata(project, case):
    from iopguide.header import parse_header
    from iopguide.pages.metadata import check_page
    from iopguide.pages.sources import load_sources
    header = parse_header((project / case.file).read_text(encoding="utf-8"))
    sources = load_sources(project / SOURCES, SOURCES)
    return check_page(case.file, header.metadata, sources, TODAY, lines=header.lines)[1]


def template(project, case):
    """A theme template that does not compile: named with its file and line
    (iopguide/runner.py's bug report, which the build gives any error without a Problem)."""
    from jinja2 import Environment, FileSystemLoader, TemplateSyntaxError

    from iopguide.runner import located
    env = Environment(loader=FileSystemLoader(str(project / "theme" / "templates")))
    env.filters["continuum_checked"] = lambda html, *where: html  # the continuum plugin's filter
    try:
        env.get_template("page.html")
    except TemplateSyntaxError as exc:
        file, line = located(exc, project)
        return [f"{file}:{line}: {type(exc).__name__}: {exc}"]
    return []


def links(project, case):
    """The page's links resolved by Pelican itself (a Page in this process, with
    every page of the copy known), then guard's report of what it left unresolved."""
    from types import SimpleNamespace

    from iopguide.guard.plugin import link_problems
    from pelican.contents import Page
    content = project / "content"
    known = {p.relative_to(content).as_posix(): SimpleNamespace(url=f"{p.stem}/")
             for p in content.rglob("*.md")}
    settings = dict(SETTINGS, PATH=str(content))
    page = Page(rendered(project / case.file), metadata={"title": "x"}, settings=settings,
                source_path=str(project / case.file),
                context={"generated_content": known, "static_content": {}, "static_links": set()})
    return link_problems(page, case.file)


def markers(project, case):
    from iopguide.continuum.markers import problems
    path = project / case.file
    return problems(rendered(path), path.read_text(encoding="utf-8"), case.file)


def siteurl(project, case):
    import runpy
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    env.update(case.env)
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        runpy.run_path(str(ROOT / "publishconf.py"))
    except SystemExit as exc:
        return [f"publishconf.py: {exc}"]
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return []


OWNERS = {"html": html_policy, "page": page_scan, "scan": content_scan, "titles": titles,
          "sources": source_registry, "glossary": glossary, "continuum": continuum_data, "metadata": metadata,
          "template": template, "links": links, "markers": markers, "siteurl": siteurl}


def test_the_corpus_is_big_enough_and_every_case_has_an_owner():
    assert len({c.id for c in CASES}) == len(CASES) >= 60
    assert {c.owner for c in CASES} == set(OWNERS)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_the_rule_owner_refuses_it_naming_the_file(case, tmp_path):
    project = copy_content(tmp_path / "project")
    if case.owner == "template":
        shutil.copytree(ROOT / "theme", project / "theme")
    case.plant(project)
    found = [str(p) for p in OWNERS[case.owner](project, case)]
    assert found, f"{case.owner} accepted it"
    assert any(case.file in p and all(w in p for w in case.words) for p in found), "\n".join(found)


@pytest.mark.parametrize("owner", sorted(OWNERS))
def test_each_owner_accepts_the_real_content(owner, tmp_path):
    """So a case passes only because of what it planted."""
    project = copy_content(tmp_path / "project")
    shutil.copytree(ROOT / "theme", project / "theme")
    case = next(c for c in CASES if c.owner == owner)
    if owner == "siteurl":
        case = dataclasses.replace(case, env={"SITEURL": "https://iop-guide.test", "GITHUB_REPOSITORY": "example/iop-guide",
                                              "REPORT_PROBLEM_URL": ""})
    assert [str(p) for p in OWNERS[owner](project, case)] == []
