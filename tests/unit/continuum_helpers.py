"""Shared helpers for the continuum plugin's tests."""

import copy
import runpy
import sys

import yaml
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from continuum import load, validate  # noqa: E402
from continuum.errors import ContinuumError  # noqa: E402

DATA_FILE = ROOT / "content" / "data" / "continuum.yaml"
PAGES = {p.stem for p in (ROOT / "content" / "pages").glob("*.md")}
SHOWN = "content/data/continuum.yaml"
SOURCES = set(yaml.safe_load((ROOT / "content" / "data" / "sources.yaml").read_text(encoding="utf-8")))
LINES = runpy.run_path(str(ROOT / "pelicanconf.py"))["CRISIS_LINES"]   # the public help lines


def real_data():
    data, _ = load.load(DATA_FILE, SHOWN)
    return data


def fresh():
    return copy.deepcopy(_REAL)


def problems(data, lines=None):
    """The list of problem messages for data, or [] if it is valid."""
    try:
        validate.check(data, lines, SHOWN, known_pages=PAGES, known_sources=SOURCES, known_lines=LINES)
    except ContinuumError as exc:
        return exc.problems
    return []


def question_index(data, qid):
    return next(i for i, q in enumerate(data["quiz"]["questions"]) if q["id"] == qid)


def answer_index(data, qid, aid):
    q = data["quiz"]["questions"][question_index(data, qid)]
    return next(i for i, a in enumerate(q["answers"]) if a["id"] == aid)


_REAL = real_data()
