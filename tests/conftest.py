"""Shared fixtures: build the real site once per test session, into a
temporary folder (never into output/, never touching content/)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import TEST_REPOSITORY, build_site  # noqa: E402


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site built with pelicanconf.py (local, relative URLs)."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(out, env={"GITHUB_REPOSITORY": TEST_REPOSITORY, "REPORT_PROBLEM_URL": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The site built with publishconf.py and a known SITEURL."""
    out = tmp_path_factory.mktemp("published")
    result = build_site(out, settings="publishconf.py", env={"SITEURL": "https://iop-guide.test",
                                                             "GITHUB_REPOSITORY": TEST_REPOSITORY,
                                                             "REPORT_PROBLEM_URL": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


# The longest modules (make test on a 2-core machine, 2026-12-05), longest
# first. pytest-xdist hands out tests in collection order, so these start at
# once and the short tests fill in around them; otherwise the worker that
# picks up a long module last runs alone at the end.
LONGEST_FIRST = ("test_bad_input.py", "test_error_corpus.py", "test_pages.py", "test_preview.py",
                 "test_check.py", "test_exit_and_nojs.py", "test_quiz.py", "test_personas.py",
                 )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


# Readability grades measured by tests/site/test_content.py, printed at the
# end. Under pytest-xdist that module runs in a worker: each worker sends its
# grades back in workeroutput, and the main process prints them.
_WORKER_GRADES = {}


def _grades_here():
    return dict(getattr(sys.modules.get("test_content"), "GRADES", {}))


def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):          # an xdist worker
        session.config.workeroutput["grades"] = _grades_here()


@pytest.hookimpl(optionalhook=True)   # an xdist hook: fine without xdist (-p no:xdist)
def pytest_testnodedown(node, error):
    _WORKER_GRADES.update(getattr(node, "workeroutput", {}).get("grades") or {})


def pytest_terminal_summary(terminalreporter):
    """Print each page's readability grade, measured by tests/site/test_content.py."""
    grades = {**_WORKER_GRADES, **_grades_here()}
    if not grades:
        return
    terminalreporter.section("readability (Flesch-Kincaid grade, rendered text)")
    for page, (g, words) in sorted(grades.items()):
        terminalreporter.write_line(f"{page:30} grade {g:4.1f}  {words:5d} words")
