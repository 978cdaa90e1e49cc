"""Shared helpers for the continuum plugin's tests."""

import copy
import runpy

from pathlib import Path

import yaml

from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from iopguide.continuum import load, validate
from iopguide.continuum.errors import ContinuumError

ROOT = Path(__file__).resolve().parents[2]

DATA_FILE = ROOT / "content" / "data" / "continuum.yaml"
PAGES = {p.stem for p in (ROOT / "content" / "pages").glob("*.md")}
SHOWN = "content/data/continuum.yaml"
SOURCES = set(yaml.load((ROOT / "content" / "data" / "sources.yaml").read_text(encoding="utf-8"), Loader=SafeLoader))
LINES = runpy.run_path(str(ROOT / "pelicanconf.py"))["CRISIS_LINES"]   # the public help lines


def real_data():
    data, _ = load.load(DATA_FILE, SHOWN)
    return data


def fresh():
    return copy.deepcopy(_REAL)


def said(problem):
    """A Problem as the assertions here read it: its file, its message (which
    starts with the key path) and, at the end, its line when it has one."""
    return f"{problem.file}: {problem.message}" + (f" (line {problem.line})" if problem.line else "")


def problems(data, lines=None):
    """The problems for data (as said()), or [] if it is valid."""
    try:
        validate.check(data, lines, SHOWN, known_pages=PAGES, known_sources=SOURCES, known_lines=LINES)
    except ContinuumError as exc:
        return [said(p) for p in exc.problems]
    return []


def question_index(data, qid):
    return next(i for i, q in enumerate(data["quiz"]["questions"]) if q["id"] == qid)


def answer_index(data, qid, aid):
    q = data["quiz"]["questions"][question_index(data, qid)]
    return next(i for i, a in enumerate(q["answers"]) if a["id"] == aid)


_REAL = real_data()
