"""`make check` and the CI link test use one link checker (checks/links.py),
so they agree: a broken image, a missing page and a missing #section on a page
are errors in both, and `make check` names the Markdown line."""

import pytest

from checkrun import entries, run_check
from checks.links import LinkChecker
from sitebuild import build_site, copy_project

pytestmark = pytest.mark.slow  # builds and checks a copy of the project

MISTAKES = ("\n\n![A chart of the levels](no-such-chart.png)\n\n"
            "See [the missing part](#no-such-section).\n")


def test_a_broken_image_and_section_fail_make_check_and_the_ci_test_alike(tmp_path):
    project = copy_project(tmp_path / "project")
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + MISTAKES, encoding="utf-8")
    lines = about.read_text(encoding="utf-8").splitlines()
    image_line = lines.index("![A chart of the levels](no-such-chart.png)") + 1

    result = run_check(project)
    assert result.returncode == 1, result.stdout
    found = [e for e in entries(result.stdout) if e.file == "content/pages/about.md" and e.level == "ERROR"]
    image = [e for e in found if "no-such-chart.png" in e.message]
    assert image and "is not a file on this site" in image[0].message, result.stdout
    assert image[0].line == image_line, (image[0], image_line)
    assert any("#no-such-section" in e.message for e in found), result.stdout
    assert "Traceback" not in result.stdout + result.stderr

    site = tmp_path / "site"
    assert build_site(site, content=project / "content", search_index=False).returncode == 0
    problems, _ = LinkChecker(site).check_site()
    text = "\n".join(map(str, problems))
    assert "about/index.html: <img src> 'no-such-chart.png'" in text, text
    assert "about/index.html: <a href> '#no-such-section'" in text, text
