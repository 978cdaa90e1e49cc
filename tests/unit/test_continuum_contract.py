"""The safety contract (iopguide/continuum/contract.py): each kind of weakening
is refused by validate.check (in process, one case per rule of the contract),
and one end-to-end case shows that `make check` (python -m checks) and the
build both stop and name the answer and why."""


import pytest

from continuum_helpers import answer_index, fresh, problems, question_index
from iopguide.continuum.contract import ANSWERS, CAUTIONS, CRISIS, NEVER
from sitebuild import build_site, copy_project
from checkrun import run_check


def test_the_contract_covers_the_danger_answers_the_issues_name():
    listed = {(q, a, flag) for q, a, flag, _ in ANSWERS}
    for needed in [("self-harm", "plan", "crisis"), ("harm-others", "plan", "crisis"),
                   ("withdrawal", "severe-now", "crisis"), ("recent-danger", "attempt-now", "crisis"),
                   ("recent-danger", "overdose-now", "crisis"), ("recent-danger", "attempt", "urgent"),
                   ("recent-danger", "overdose", "urgent"), ("psychosis", "yes", "urgent"),
                   ("self-harm", "thoughts", "urgent"), ("harm-others", "thoughts", "urgent")]:
        assert needed in listed, needed
    first_lines = {tuple(sorted(answers.items())): line for answers, line, _ in CRISIS}
    assert first_lines[(("recent-danger", "overdose-now"),)] == "emergency"
    assert first_lines[(("recent-danger", "attempt-now"),)] == "emergency"
    assert first_lines[(("perinatal", "postpartum"), ("psychosis", "yes"))] == "emergency"
    assert first_lines[(("self-harm", "plan"),)] == "lifeline"
    named = {cid for cid, _, _ in CAUTIONS}
    assert {"lethal-means", "overdose-today", "overdose-prevention", "mixing", "lost-tolerance",
            "psychosis-safety", "teen-unsafe-home"} <= named
    assert ("teen-family", {"age": "under-18", "home": "violence"}) in [(c, a) for c, a, _ in NEVER]


def test_the_real_data_keeps_the_contract():
    assert problems(fresh()) == []


def _rule(data, rid):
    return next(r for r in data["quiz"]["rules"] if r["id"] == rid)


def _caution(data, cid):
    return next(c for c in data["quiz"]["cautions"] if c["id"] == cid)


def crisis_off(data):
    data["quiz"]["questions"][question_index(data, "self-harm")]["answers"][
        answer_index(data, "self-harm", "plan")]["crisis"] = False


def urgent_off(data):
    del data["quiz"]["questions"][question_index(data, "recent-danger")]["answers"][
        answer_index(data, "recent-danger", "overdose")]["urgent"]


def answer_renamed(data):
    data["quiz"]["questions"][question_index(data, "recent-danger")]["answers"][
        answer_index(data, "recent-danger", "overdose-now")]["id"] = "overdose-today"


def first_line_changed(data):
    del _rule(data, "attempt-or-overdose-today")["call_first"]


def combination_removed(data):
    data["quiz"]["rules"].remove(_rule(data, "psychosis-after-birth"))


def caution_narrowed(data):
    _caution(data, "mixing")["when_any"] = [{"opioids": ["daily"], "daily-sedatives": ["alcohol-heavy"]}]


def caution_removed(data):
    data["quiz"]["cautions"].remove(_caution(data, "lethal-means"))


def parent_line_for_unsafe_home(data):
    _caution(data, "teen-family")["when_any"] = [{"age": ["under-18"]}]


CASES = [
    (crisis_off, "answer 'plan' of question 'self-harm' must stay crisis: true"),
    (urgent_off, "answer 'overdose' of question 'recent-danger' must stay urgent: true"),
    (answer_renamed, "the safety contract needs answer 'overdose-now' in question 'recent-danger'"),
    (first_line_changed, "rule 'attempt-or-overdose-today' must put the emergency line first"),
    (combination_removed, "the safety contract needs the answers {perinatal: postpartum, psychosis: yes} to lead "
                          "to the crisis outcome"),
    (caution_narrowed, "caution 'mixing' must show for {opioids: prescribed, daily-sedatives: pills-prescribed}"),
    (caution_removed, "the safety contract needs caution 'lethal-means'"),
    (parent_line_for_unsafe_home, "caution 'teen-family' must not show for {age: under-18, home: violence}"),
]


@pytest.mark.parametrize("weaken,words", CASES, ids=[c[0].__name__ for c in CASES])
def test_each_weakening_is_refused_with_its_reason(weaken, words):
    data = fresh()
    weaken(data)
    found = problems(data)
    assert any(words in p for p in found), found
    assert any("safety contract" in p for p in found), found


@pytest.mark.slow
def test_make_check_and_the_build_refuse_a_weakened_contract(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "content" / "data" / "continuum.yaml"
    text = path.read_text(encoding="utf-8")
    old = "          text: Yes, and I have a plan or I mean to act on them\n          crisis: true\n"
    assert old in text
    path.write_text(text.replace(old, old.replace("crisis: true", "crisis: false"), 1), encoding="utf-8")
    words = "answer 'plan' of question 'self-harm' must stay crisis: true"
    checked = run_check(project)
    assert checked.returncode == 1, checked.stdout[-2000:]
    assert words in checked.stdout and "safety contract" in checked.stdout, checked.stdout[-3000:]
    built = build_site(tmp_path / "out", settings=project / "pelicanconf.py", content=project / "content",
                       search_index=False)
    out = built.stdout + built.stderr
    assert built.returncode != 0
    assert words in " ".join(out.split()), out[-3000:]
