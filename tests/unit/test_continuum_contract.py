"""The safety contract (plugins/continuum/contract.py) holds in both places an
editor meets it: `make check` (python -m checks) and the build. Turning a
contract answer's `crisis` or `urgent` off must fail both, naming the answer
and why."""

import sys

import pytest

from continuum_helpers import ROOT
from continuum.contract import CONTRACT
from sitebuild import build_site, copy_project

sys.path.insert(0, str(ROOT / "tests" / "editor"))
from checkrun import run_check  # noqa: E402


def test_the_contract_covers_the_answers_the_issue_names():
    listed = {(q, a, flag) for q, a, flag, _ in CONTRACT}
    for needed in [("self-harm", "plan", "crisis"), ("harm-others", "plan", "crisis"),
                   ("withdrawal", "severe-now", "crisis"), ("recent-danger", "attempt", "urgent"),
                   ("recent-danger", "overdose", "urgent"), ("psychosis", "yes", "urgent")]:
        assert needed in listed, needed


def weaken(project, old, new):
    path = project / "content" / "data" / "continuum.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES = [
    ("crisis off", "          text: Yes, and I have a plan or I mean to act on them\n          crisis: true\n",
     "          text: Yes, and I have a plan or I mean to act on them\n          crisis: false\n",
     "answer 'plan' of question 'self-harm' must stay crisis: true"),
    ("urgent off", "        - id: overdose\n          text: Yes, I had an overdose\n          urgent: true\n",
     "        - id: overdose\n          text: Yes, I had an overdose\n",
     "answer 'overdose' of question 'recent-danger' must stay urgent: true"),
]


@pytest.mark.slow
@pytest.mark.parametrize("name,old,new,words", CHANGES, ids=[c[0] for c in CHANGES])
def test_make_check_and_the_build_refuse_a_weakened_contract(tmp_path, name, old, new, words):
    project = copy_project(tmp_path / "project")
    weaken(project, old, new)
    checked = run_check(project)
    assert checked.returncode == 1, checked.stdout[-2000:]
    assert words in checked.stdout and "safety contract" in checked.stdout, checked.stdout[-3000:]
    built = build_site(tmp_path / "out", settings=project / "pelicanconf.py", content=project / "content",
                       search_index=False)
    out = built.stdout + built.stderr
    assert built.returncode != 0
    assert words in " ".join(out.split()), out[-3000:]
