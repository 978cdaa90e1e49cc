"""`make newpage TITLE=...` starts a page with every field, TODOs where a person
must decide, refuses to overwrite, and `make check` fails until the TODOs are done."""

import re
import subprocess
import sys

import pytest

from checkrun import ROOT, entries, run_check
from sitebuild import copy_project

pytestmark = pytest.mark.slow  # runs make check on copies of the project


def newpage(project, title):
    return subprocess.run([sys.executable, "scripts/newpage.py", title, "--root", str(project),
                           "--today", "2026-11-23"], capture_output=True, text=True, cwd=ROOT)


def test_newpage_creates_a_complete_page_that_fails_the_check_until_done(tmp_path):
    project = copy_project(tmp_path / "project")
    result = newpage(project, "How long does IOP last?")
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "content/pages/how-long-does-iop-last.md"
    assert "Created content/pages/how-long-does-iop-last.md" in result.stdout
    assert "make check" in result.stdout and "make serve" in result.stdout
    text = path.read_text()
    header = dict(line.split(":", 1) for line in text.split("\n\n")[0].splitlines())
    assert set(header) == {"Title", "Summary", "Reviewed", "Next-review", "Sources", "Order"}
    assert header["Title"].strip() == "How long does IOP last?"
    assert header["Reviewed"].strip() == "2026-11-23" and header["Next-review"].strip() == "2027-11-23"
    for field in ("Summary", "Sources", "Order"):
        assert header[field].strip().startswith("TODO"), field

    check = run_check(project)
    assert check.returncode == 1
    found = [e for e in entries(check.stdout) if e.file == "content/pages/how-long-does-iop-last.md"]
    messages = " | ".join(e.message for e in found)
    for words in ("Summary: still says TODO", "Sources: still says TODO", "Order: still says TODO",
                  "still has a TODO"):
        assert words in messages, check.stdout

    # Filling in the TODOs makes the page pass.
    done = re.sub(r"^Summary: .*$", "Summary: How long people usually stay in an IOP.", text, flags=re.M)
    done = re.sub(r"^Sources: .*$", "Sources: samhsa-tip47, asam-criteria", done, flags=re.M)
    done = re.sub(r"^Order: .*$", "Order: 99", done, flags=re.M)
    body = "Most people stay in an IOP for a few months. It depends on how you are doing.\n"
    path.write_text(done.split("\n\n")[0] + "\n\n" + body)
    check = run_check(project)
    assert check.returncode == 0, check.stdout


def test_newpage_never_overwrites(tmp_path):
    project = copy_project(tmp_path / "project")
    faq = project / "content/pages/faq.md"
    before = faq.read_bytes()
    result = newpage(project, "FAQ")
    assert result.returncode == 1
    assert "content/pages/faq.md already exists; nothing was changed" in result.stdout
    assert faq.read_bytes() == before


def test_newpage_needs_a_title(tmp_path):
    project = copy_project(tmp_path / "project")
    result = newpage(project, "  ")
    assert result.returncode == 2 and 'make newpage TITLE="' in result.stdout
