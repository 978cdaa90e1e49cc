"""Shared fixtures: build the real site once per test session (in this
process, with the build `make html` runs), into a temporary folder (never
into output/, never touching content/); `built` parses each page once."""

import fcntl
import gc
import os
from pathlib import Path

import pytest

from builtsite import BuiltSite
from sitebuild import TEST_REPOSITORY, build_in_process

ROOT = Path(__file__).resolve().parent.parent

# Python's cycle collector runs after every 700 new objects, and each full pass
# walks every live one. A test process keeps about a million objects alive
# (every built page parsed once, the pronouncing dictionary behind the reading
# grade, the quiz's model), so collecting took 3.9 and 5.6 s of the two
# fast-tier processes' ~30 s; collecting after every 50,000 new objects,
# 1.6 and 1.9 s (measured with gc.callbacks, 2026-12-07). Builds and other
# commands the tests start keep Python's defaults (a build spends 0.05 s in it).
gc.set_threshold(50_000, 20, 10)


def _shared_folder(tmp_path_factory, worker_id):
    """A folder every test process of this run shares (pytest-xdist's workers too)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


def _built_once(shared, name, settings, env, search_index):
    """Build the site into shared/name/output once per test run, whatever the
    number of workers: the first worker to need it builds it while the others
    wait on the lock."""
    out, done = shared / name / "output", shared / name / "built"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            status, said = build_in_process(out, settings=settings, env=env, search_index=search_index)
            assert status == 0, said
            done.write_text("ok")
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id):
    """The site built with pelicanconf.py (local, relative URLs), search index
    included: once per test run."""
    return _built_once(_shared_folder(tmp_path_factory, worker_id), "site", "pelicanconf.py",
                       {"GITHUB_REPOSITORY": TEST_REPOSITORY, "REPORT_PROBLEM_URL": ""}, search_index=True)


@pytest.fixture(scope="session")
def built(site):
    """The same site, each page parsed once for every test that reads it."""
    return BuiltSite(site)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory, worker_id):
    """The site built with publishconf.py and a known SITEURL (no search
    index): once per test run."""
    return _built_once(_shared_folder(tmp_path_factory, worker_id), "published", "publishconf.py",
                       {"SITEURL": "https://iop-guide.test", "GITHUB_REPOSITORY": TEST_REPOSITORY,
                        "REPORT_PROBLEM_URL": ""}, search_index=False)


# The longest modules (make test on a 2-core machine, 2026-12-07), longest
# first. pytest-xdist hands out tests in collection order, so these start at
# once and the short tests fill in around them; otherwise the worker that
# picks up a long module last runs alone at the end.
LONGEST_FIRST = ("test_every_page_en.py", "test_every_page_es.py", "test_quiz.py", "test_tools.py",
                 "test_check.py", "test_bad_input.py", "test_cms.py", "test_exit_and_nojs.py")


def pytest_xdist_auto_num_workers(config):
    """`-n auto`: one test process per core, and one more when browser tests
    run: they spend part of their time waiting for Chromium or a command, and
    a third process on 2 cores fills that (make test: 3 min 44 s against
    4 min 6 s with 2). pytest.ini's --maxprocesses caps it."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    browser_tests = "not browser" not in (config.getoption("markexpr") or "")
    return cores + 1 if browser_tests else cores


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order
