"""Build the site (or a copy of it) the way the Makefile does, for tests."""

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from iopguide.build import main as build_command

ROOT = Path(__file__).resolve().parent.parent
# As in a GitHub Actions build: "Report a problem with this page" opens this
# repository's new-issue form (pelicanconf.py, REPORT_PROBLEM_URL).
TEST_REPOSITORY = "example/iop-guide"


@contextlib.contextmanager
def _environ(env):
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_in_process(output, settings="pelicanconf.py", env=None, search_index=True, root=ROOT):
    """Build a project in this process with the build `make html` runs
    (iopguide/build.py: every warning stops it), straight into `output`.
    Returns (exit status, what it printed)."""
    args = ["--root", str(root), "--settings", str(settings), "--output", str(output), "--no-swap"]
    if not search_index:
        args.append("--no-search-index")
    said = io.StringIO()
    with _environ(env or {}), contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        status = build_command(args)
    return status, said.getvalue()


def build_site(output, settings="pelicanconf.py", content=None, env=None, extra=None, search_index=True, cwd=ROOT):
    """Run pelican with --fatal warnings in a new process; return the CompletedProcess.

    content: a content folder to build instead of the real one.
    extra: settings overrides, passed as pelican -e KEY=JSON.
    """
    cmd = [sys.executable, "-m", "pelican", str(content or ROOT / "content"),
           "-o", str(output), "-s", str(ROOT / settings), "--fatal", "warnings"]
    if extra:
        # One -e with every pair (and last on the line): Pelican keeps only the last -e given.
        cmd += ["-e", *(f"{key}={value}" for key, value in extra.items())]
    run_env = dict(os.environ, COLUMNS="200", **(env or {}))
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=run_env)
    if result.returncode == 0 and search_index:
        index = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--quiet"],
                               capture_output=True, text=True, cwd=cwd)
        if index.returncode != 0:
            return index
    return result


def copy_project(dest):
    """Copy content/, theme/, iopguide/ and the settings into dest, for tests
    that change content (e.g. plant a mistake) without touching the real tree."""
    dest = Path(dest)
    for name in ("content", "theme", "iopguide"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, dest / name)
    return dest
