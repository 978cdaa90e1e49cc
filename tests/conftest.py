"""Shared fixtures: build the real site once per test session, into a
temporary folder (never into output/, never touching content/)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import build_site  # noqa: E402


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site built with pelicanconf.py (local, relative URLs)."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The site built with publishconf.py and a known SITEURL."""
    out = tmp_path_factory.mktemp("published")
    result = build_site(out, settings="publishconf.py", env={"SITEURL": "https://iop-guide.test"})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def pytest_terminal_summary(terminalreporter):
    """Print each page's readability grade, measured by tests/site/test_content.py."""
    module = sys.modules.get("test_content")
    grades = getattr(module, "GRADES", {})
    if not grades:
        return
    terminalreporter.section("readability (Flesch-Kincaid grade, rendered text)")
    for page, (g, words) in sorted(grades.items()):
        terminalreporter.write_line(f"{page:30} grade {g:4.1f}  {words:5d} words")
