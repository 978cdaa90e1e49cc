"""Three implementations of the rule semantics must agree on every visitor
path of the real data file:

- coverage.py (the build's walk over every visitor path),
- rules.py (the Python reference evaluator, one set of answers at a time),
- theme/static/js/quiz/engine.js (what the page runs), via `node --test tests/js/`.

And the shortcuts the walk takes must be sound: answers in one class give the
same result, and skipping questions never changes the outcome.
"""

import json
import os
import random
import shutil
import subprocess

import pytest

from continuum_helpers import DATA_FILE, PAGES, ROOT, SHOWN, SOURCES, load, validate
from continuum import render_quiz, rules


@pytest.fixture(scope="module")
def model():
    data, lines = load.load(DATA_FILE, SHOWN)
    return validate.check(data, lines, SHOWN, known_pages=PAGES, known_sources=SOURCES)


def as_result(path):
    return (path.outcome, path.rules, path.also, path.cautions, tuple(q for q, _ in path.answers))


def test_reference_evaluator_agrees_with_the_walk_on_every_path(model):
    cov = model.coverage
    assert cov.total == len(cov.paths) > 1000
    for path in cov.paths:
        r = rules.evaluate(model.quiz, path.given())
        assert (r.outcome, r.rules, r.also, r.cautions, r.asked) == as_result(path), path
    print(f"\n{cov.total:,} visitor paths ({cov.answer_sets:,} answer sets; {cov.raw_total:,} if every "
          f"question were asked) checked in {cov.seconds:.3f} s; outcomes: {cov.counts()}")


def test_every_member_of_an_answer_class_gives_the_same_result(model):
    """The walk checks one answer per class; swapping in any other member must change nothing."""
    quiz, cov = model.quiz, model.coverage
    classes = {(quiz.questions[i].id, members[0]): members for i, cl in enumerate(cov.classes) for members in cl}
    multi = [p for p in cov.paths if any(len(classes[a]) > 1 for a in p.answers)]
    swapped = 0
    for path in random.Random(10).sample(multi, min(600, len(multi))):
        for qid, rep in path.answers:
            for other in classes[(qid, rep)][1:]:
                given = dict(path.answers, **{qid: other})
                r = rules.evaluate(quiz, given)
                assert (r.outcome, r.rules, r.also, r.cautions, r.asked) == as_result(path), (path, qid, other)
                swapped += 1
    assert swapped > 500


def test_skipping_never_changes_the_outcome_on_random_full_answer_sets(model):
    """A visitor stops at a crisis answer and skips questions that no longer
    matter; answering everything that applies must give the same outcome (and,
    without a crisis answer, the same deciding reasons and cautions)."""
    quiz = model.quiz
    rng = random.Random(11)
    differ = []
    for _ in range(6_000):
        answers = {q.id: rng.choice(q.answers).id for q in quiz.questions}
        seen, full = rules.evaluate(quiz, answers), rules.evaluate(quiz, answers, skipping=False)
        crisis = any(quiz.question(q).answer(a).crisis for q, a in answers.items())
        if seen.outcome != full.outcome or not crisis and (seen.rules, seen.cautions) != (full.rules, full.cautions):
            differ.append((answers, seen, full))
    assert not differ, differ[:2]


def test_crisis_and_urgent_answers_on_every_path(model):
    quiz, cov = model.quiz, model.coverage
    kinds = {o.id: o.kind for o in quiz.outcomes}
    classes = {(quiz.questions[i].id, members[0]): members for i, cl in enumerate(cov.classes) for members in cl}
    checked = 0
    for path in cov.paths:
        answers = [quiz.question(q).answer(a) for q, rep in path.answers for a in classes[(q, rep)]]
        if any(a.crisis for a in answers):
            assert kinds[path.outcome] == "crisis", path
            checked += 1
        if any(a.urgent for a in answers):
            assert kinds[path.outcome] in ("crisis", "professional"), path
    assert checked > 0


def test_javascript_engine_matches_python_on_every_visitor_path(model, tmp_path):
    node = shutil.which("node")
    assert node, "node (20+) is needed for the JavaScript engine tests"
    cov = model.coverage
    fixture = tmp_path / "parity.json"
    fixture.write_text(json.dumps({"quiz": render_quiz.engine_data(model), "paths": [
        {"answers": [list(a) for a in p.answers], "outcome": p.outcome, "rules": list(p.rules),
         "also": list(p.also), "cautions": list(p.cautions)} for p in cov.paths]}), encoding="utf-8")
    result = subprocess.run([node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, CONTINUUM_PARITY_FILE=str(fixture)), timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "# fail 0" in output and "# skipped 0" in output, output[-4000:]
    assert f"parity: {cov.total} visitor paths checked" in output, output[-4000:]
    print("\n" + next(line for line in output.splitlines() if "visitor paths checked" in line).strip())


def test_the_engine_module_is_small_and_dependency_free():
    for name in ("engine.js", "quiz.js"):
        text = (ROOT / "theme" / "static" / "js" / "quiz" / name).read_text(encoding="utf-8")
        imports = [line for line in text.splitlines() if line.startswith("import ")]
        assert all('from "./engine.js"' in line for line in imports), imports
        for banned in ("fetch(", "XMLHttpRequest", "localStorage", "sessionStorage", "indexedDB",
                       "document.cookie", "location.hash =", "location.href =", "sendBeacon", "WebSocket",
                       ".style", "innerHTML", "eval(", "new Function"):
            assert banned not in text, f"{name} uses {banned}"
    quiz = (ROOT / "theme" / "static" / "js" / "quiz" / "quiz.js").read_text(encoding="utf-8")
    # History entries carry only the screen: every address written comes from hashFor().
    import re
    calls = re.findall(r"history\.(?:push|replace)State\(([^;]*)\);", quiz)
    assert len(calls) == 2, calls
    assert any('hashFor(screen) || location.pathname + location.search' in c for c in calls), calls
    assert any(c.endswith(", clean") for c in calls), calls
    assert re.search(r'return `#question-\$\{screen\.index \+ 1\}`;', quiz)


def test_skip_plan_never_skips_a_question_with_a_caution_a_gate_or_a_danger_answer(model):
    quiz = model.quiz
    plan = rules.skip_plan(quiz)
    assert set(plan) == {"health", "current-care", "daily-life", "groups"}, plan
