"""`make check` and the CI link test use one link checker (checks/links.py),
so they agree: a broken image, a missing page and a missing #section on a page
are errors in both, and `make check` names the Markdown line. A copy of the
project is built once, in process, with the build `make check` runs."""

import datetime as dt

import pytest

from checks import links
from checks.cli import Built, pages_written
from checks.links import LinkChecker
from checks.project import Project
from iopguide.runner import build
from sitebuild import copy_project

pytestmark = pytest.mark.slow  # builds a copy of the project

MISTAKES = ("\n\n![A chart of the levels](no-such-chart.png)\n\n"
            "See [the missing part](#no-such-section).\n")


def test_a_broken_image_and_section_fail_make_check_and_the_ci_test_alike(tmp_path):
    project = copy_project(tmp_path / "project")
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + MISTAKES, encoding="utf-8")
    lines = about.read_text(encoding="utf-8").splitlines()
    image_line = lines.index("![A chart of the levels](no-such-chart.png)") + 1

    site = tmp_path / "site"
    result = build(project / "pelicanconf.py", project, site)
    assert result.ok, [str(p) for p in result.problems]
    checked = Project(project)
    found = [f for f in links.check(checked, Built(site, True, pages_written(checked.pages(), result.written)),
                                    dt.date.today())
             if f.file == "content/pages/about.md" and f.severity == "error"]
    image = [f for f in found if "no-such-chart.png" in f.message]
    assert image and "is not a file on this site" in image[0].message, found
    assert image[0].line == image_line, (image[0], image_line)
    assert any("#no-such-section" in f.message for f in found), found

    problems, _ = LinkChecker(site).check_site()
    text = "\n".join(map(str, problems))
    assert "about/index.html: <img src> 'no-such-chart.png'" in text, text
    assert "about/index.html: <a href> '#no-such-section'" in text, text
