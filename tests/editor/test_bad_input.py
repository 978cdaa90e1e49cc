"""The bad-input corpus end to end, a few cases per stage: `make html` /
`make publish` and `make check` must stop with a plain message naming the
file, exit non-zero, print no Python traceback, and change nothing, neither
output/ (the last good site) nor the editor's own files.

Every case of the corpus (badinput_cases.py) is checked in process against
the function that owns its rule in test_bad_input_rules.py; the cases here
are the ones that prove each stage of the real commands reports them
(`make check` for the scan; test_check.py runs it on the other stages): the
settings, the content scan before anything is read (a link, a 5 MB page, an
alias bomb), the reading of pages (HTML, duplicate titles), the plugins'
checks after reading (sources, metadata), Pelican's own link resolution while
writing, and a crash in a template.

Each case runs on its own copy of the project (tests/sitebuild.py), in one
process per case (tests/editor/badinput_driver.py runs the build and then the
check). A case that does not finish within TIME_LIMIT fails:
a hang is a bug (an alias bomb once took gigabytes and minutes). That limit is
a guard against hanging, not a speed goal; speed is measured by `make bench`.
"""

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from badinput_cases import BY_ID
from planting import PAGE, append, tree
from sitebuild import ROOT, copy_project

pytestmark = pytest.mark.slow  # builds and checks a copy of the project per case

DRIVER = Path(__file__).with_name("badinput_driver.py")
TIME_LIMIT = 120  # seconds per case; see the module doc
TRACEBACK = "Traceback (most recent call last)"
# One or two per stage (see the module doc).
END_TO_END = ["publish-without-siteurl", "symlink-extra-to-passwd", "page-5-mb", "alias-bomb-9x9-continuum",
              "script-block", "duplicate-titles", "script-in-source-title", "bad-date-publish", "broken-page-link",
              "theme-template-syntax-error"]
# `make check` too, for the content scan (a 5 MB page is refused before anything is
# read). It reports the build's problems through the same runner; the other stages
# (reading a page's HTML, the plugins, Pelican's links while writing) are run end
# to end by tests/editor/test_check.py, on many mistakes at once in one project.
ALSO_CHECKED = {"page-5-mb"}
CASES = [dataclasses.replace(BY_ID[name], check=name in ALSO_CHECKED) for name in END_TO_END]


def run_case(case, base):
    project = copy_project(base / case.id / "project")
    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("<p>the last good site</p>\n")
    case.plant(project)
    before = (tree(project / "content"), tree(project / "output"))
    env = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "DEBUG")}
    env.update(case.env, PYTHONPATH=os.pathsep.join([str(ROOT), str(DRIVER.parent)]))  # iopguide, checks, checkrun
    cmd = [sys.executable, str(DRIVER), str(project)] + (["--publish"] if case.publish else []) \
        + ([] if case.check else ["--no-check"])
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIME_LIMIT, env=env, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return case.id, {"timeout": True}
    try:
        result = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        result = {"driver": proc.stdout + proc.stderr}
    result["stderr"] = proc.stderr
    result["same"] = (tree(project / "content"), tree(project / "output")) == before
    return case.id, result


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_is_refused(case, tmp_path):
    real = tree(ROOT / "content")
    _, result = run_case(case, tmp_path)
    assert tree(ROOT / "content") == real, "the case changed the real content/"
    assert not result.get("timeout"), f"did not finish in {TIME_LIMIT} s (a hang)"
    assert "driver" not in result, result.get("driver")
    assert result["same"], "output/ or the editor's files changed"
    assert TRACEBACK not in result["stderr"], result["stderr"]
    runs = {"make publish" if case.publish else "make html": result["build"]}
    if case.check:
        runs["make check"] = result["check"]
    for name, run in runs.items():
        said = run["out"]
        assert run["code"] not in (0, "crashed"), f"{name} exited {run['code']}:\n{said}"
        assert TRACEBACK not in said, f"{name} printed a traceback:\n{said}"
        assert case.file in said, f"{name} did not name {case.file}:\n{said}"
        for words in case.words:
            assert words in said, f"{name} did not say {words!r}:\n{said}"


def test_debug_shows_the_traceback_and_a_good_build_replaces_output(tmp_path):
    """DEBUG=1 is the one way to see Python's traceback; a good build then
    replaces output/ as a whole (nothing stale is left behind)."""
    project = copy_project(tmp_path / "project")
    (project / "output").mkdir()
    (project / "output" / "stale.html").write_text("old")
    append(PAGE, "<script>alert(1)</script>")(project)
    build = [sys.executable, "-m", "iopguide.build", "--root", str(project), "--no-search-index"]
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    plain = subprocess.run(build, capture_output=True, text=True, timeout=TIME_LIMIT, env=env, cwd=ROOT)
    debug = subprocess.run(build, capture_output=True, text=True, timeout=TIME_LIMIT, env={**env, "DEBUG": "1"}, cwd=ROOT)
    assert plain.returncode == debug.returncode == 1
    assert TRACEBACK not in plain.stderr and TRACEBACK in debug.stderr
    assert PAGE in debug.stderr
    assert (project / "output" / "stale.html").is_file()
    (project / PAGE).write_bytes((ROOT / PAGE).read_bytes())
    good = subprocess.run(build, capture_output=True, text=True, timeout=TIME_LIMIT, env=env, cwd=ROOT)
    assert good.returncode == 0, good.stdout + good.stderr
    assert (project / "output" / "faq" / "index.html").is_file()
    assert not (project / "output" / "stale.html").exists()
    assert not [p for p in project.iterdir() if p.name.startswith(".output-")], "a scratch folder was left"
