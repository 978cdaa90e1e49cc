"""Three implementations of the rule semantics must agree:

- coverage.py (the build's walk over every visitor path, merging visitors who
  go on identically),
- rules.py (the Python reference evaluator, one set of answers at a time),
- the engine part of theme/static/js/quiz/quiz.js (what the page runs), via `node --test tests/js/`.

The walk's shortcuts must be sound: it is compared with a plain path-by-path
enumeration on random quizzes, answers in one class give the same result, and
skipping questions never changes the outcome. The people in tests/personas.yaml
get their expected outcome and cautions from both engines.
"""

import itertools
import json
import os
import random
import re
import shutil
import subprocess

import pytest
import yaml

from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from continuum_helpers import DATA_FILE, LINES, PAGES, ROOT, SHOWN, SOURCES, load, validate
from iopguide.continuum import coverage, model as model_mod, render_quiz, rules

PERSONAS_FILE = ROOT / "tests" / "personas.yaml"


@pytest.fixture(scope="module")
def model():
    data, lines = load.load(DATA_FILE, SHOWN)
    return validate.check(data, lines, SHOWN, known_pages=PAGES, known_sources=SOURCES, known_lines=LINES)


def personas():
    data = yaml.load(PERSONAS_FILE.read_text(encoding="utf-8"), Loader=SafeLoader)
    return [dict(p, answers=dict(data["defaults"], **p["answers"])) for p in data["personas"]]


def test_reference_evaluator_agrees_with_the_walk_on_every_ending(model):
    cov = model.coverage
    assert cov.total > 100_000 and len(cov.endings) > 20
    for e in cov.endings:
        r = rules.evaluate(model.quiz, e.given())
        assert (r.outcome, r.rules, r.asked) == (e.outcome, e.rules, tuple(q for q, _ in e.example)), e
    print(f"\n{cov.total:,} visitor paths ({cov.answer_sets:,} answer sets; {cov.raw_total:,} if every question "
          f"were asked), {len(cov.endings)} endings, at most {cov.states} states, walked in {cov.seconds:.3f} s; "
          f"outcomes: {cov.counts()}")


# ---- The walk against a plain enumeration, on random quizzes ----------------
def random_quiz(seed):
    """A small valid-shaped quiz: 6 to 8 questions, crisis and urgent answers,
    combination crisis rules, ask_if gates, skippable questions and cautions."""
    rng = random.Random(seed)
    questions = []
    for i in range(rng.randint(6, 8)):
        answers = [{"id": f"a{k}", "text": "t"} for k in range(rng.randint(2, 4))]
        if i == 0:
            answers[0]["crisis"] = True
        if i == 1 and rng.random() < 0.7:
            answers[0]["urgent"] = True
        q = {"id": f"q{i}", "answers": answers}
        if i >= 2 and rng.random() < 0.3:
            gate = questions[rng.randrange(1, i)]
            q["ask_if"] = {gate["id"]: [a["id"] for a in gate["answers"] if rng.random() < 0.6] or ["a0"]}
        questions.append(q)

    def cond(size):
        picked = rng.sample(questions[1:], size)
        return {q["id"]: rng.sample([a["id"] for a in q["answers"]], rng.randint(1, len(q["answers"])))
                for q in picked}
    rule_list = [{"id": "crisis-1", "priority": 1, "when": {"q0": ["a0"]}, "outcome": "crisis", "call_first": "emergency"},
                 {"id": "crisis-2", "priority": 1, "when": cond(2), "outcome": "crisis"}]
    for n in range(rng.randint(4, 9)):
        priority = rng.randint(2, 6)      # one outcome per priority: rules at a priority never disagree
        rule_list.append({"id": f"r{n}", "priority": priority, "when": cond(rng.randint(1, 2)),
                          "outcome": f"o{priority % 3 + 1}"})
    rule_list.append({"id": "last", "priority": 9, "when": {}, "outcome": "o3"})
    rule_list.sort(key=lambda r: r["priority"])
    cautions = [{"id": f"c{n}", "when_any": [cond(rng.randint(1, 2)) for _ in range(rng.randint(1, 2))]}
                for n in range(rng.randint(1, 4))]
    data = {"table": {"caption": "c"}, "levels": [], "quiz": {
        "minutes": 3, "questions": [dict(q, text="t") for q in questions],
        "outcomes": [{"id": "crisis", "kind": "crisis", "title": "t", "summary": "s", "next_steps": ["n"], "page": "p"}]
        + [{"id": o, "kind": "professional", "title": "t", "summary": "s", "next_steps": ["n"], "page": "p"}
           for o in ("o1", "o2", "o3")],
        "rules": [dict(r, reason="r") for r in rule_list],
        "cautions": [dict(c, title="t", text="x", source="s") for c in cautions]}}
    return model_mod.build(data).quiz


def walk_plainly(quiz):
    """Every visitor path, one by one (class representatives), with rules.evaluate at the end."""
    classes = coverage.answer_classes(quiz)
    plan = rules.skip_plan(quiz)
    found = []

    def asked(q, given):
        if q.ask_if and not all(given.get(k) in v for k, v in q.ask_if):
            return False
        below = plan.get(q.id)
        return below is None or not any(r.priority < below and r.matches(given) for r in quiz.rules)

    def go(i, given, weight):
        if i == len(quiz.questions) or quiz.crisis_now(given):
            found.append((dict(given), weight))
            return
        q = quiz.questions[i]
        if not asked(q, given):
            return go(i + 1, given, weight)
        for members in classes[i]:
            go(i + 1, dict(given, **{q.id: members[0]}), weight * len(members))

    go(0, {}, 1)
    out = {}
    for given, weight in found:
        r = rules.evaluate(quiz, given)
        key = (r.outcome, r.rules)
        paths, total, screens = out.get(key, (0, 0, {}))
        screens = dict(screens)
        screens[len(given)] = screens.get(len(given), 0) + 1
        out[key] = (paths + 1, total + weight, screens)
    shown = {c for given, _ in found for c in rules.evaluate(quiz, given).cautions}
    answered = {(q, a) for given, _ in found for q, a in given.items()}
    return out, shown, answered


@pytest.mark.parametrize("seed", range(40))
def test_the_merged_walk_counts_every_path_a_plain_walk_finds(seed):
    quiz = random_quiz(seed)
    plain, shown, asked = walk_plainly(quiz)
    cov = coverage.compute(quiz)
    merged = {}
    for e in cov.endings:
        paths, total, screens = merged.get((e.outcome, e.rules), (0, 0, {}))
        screens = dict(screens)
        for n, p, _ in e.screens:
            screens[n] = screens.get(n, 0) + p
        merged[(e.outcome, e.rules)] = (paths + e.paths, total + e.weight, screens)
    assert merged == plain
    assert cov.shown == shown
    assert cov.asked == asked


# ---- Soundness of the shortcuts on the real file ---------------------------
def test_every_member_of_an_answer_class_gives_the_same_result(model):
    """The walk checks one answer per class; swapping in any other member must change nothing."""
    quiz, cov = model.quiz, model.coverage
    classes = {(quiz.questions[i].id, members[0]): members for i, cl in enumerate(cov.classes) for members in cl}
    swapped = 0
    for e in cov.endings:
        base = rules.evaluate(quiz, e.given())
        for qid, rep in e.example:
            for other in classes[(qid, rep)][1:]:
                r = rules.evaluate(quiz, dict(e.given(), **{qid: other}))
                assert (r.outcome, r.rules, r.also, r.cautions, r.asked) == \
                       (base.outcome, base.rules, base.also, base.cautions, base.asked), (e, qid, other)
                swapped += 1
    assert swapped > 100


def random_answer_sets(quiz, n, seed):
    rng = random.Random(seed)
    return [{q.id: rng.choice(q.answers).id for q in quiz.questions} for _ in range(n)]


def test_skipping_never_changes_the_outcome_on_random_full_answer_sets(model):
    """A visitor stops once a crisis rule matches and skips questions that no
    longer matter; answering everything that applies must give the same
    outcome (and, without a crisis, the same deciding reasons and cautions)."""
    quiz = model.quiz
    differ = []
    for answers in random_answer_sets(quiz, 6_000, 11):
        seen, full = rules.evaluate(quiz, answers), rules.evaluate(quiz, answers, skipping=False)
        crisis = quiz.crisis_now(full_given := rules.asked_answers(quiz, answers, stop_and_skip=False))
        if seen.outcome != full.outcome or not crisis and (seen.rules, seen.cautions) != (full.rules, full.cautions):
            differ.append((answers, seen, full, full_given))
    assert not differ, differ[:2]


def test_crisis_and_urgent_answers_lead_to_help_on_random_answer_sets(model):
    quiz = model.quiz
    kinds = {o.id: o.kind for o in quiz.outcomes}
    checked = 0
    for answers in random_answer_sets(quiz, 20_000, 12):
        r = rules.evaluate(quiz, answers)
        given = [quiz.question(q).answer(a) for q, a in rules.asked_answers(quiz, answers).items()]
        if any(a.crisis for a in given):
            assert kinds[r.outcome] == "crisis", answers
            checked += 1
        if any(a.urgent for a in given):
            assert kinds[r.outcome] in ("crisis", "professional"), answers
    assert checked > 100


# ---- The people a clinician pictured ---------------------------------------
PERSONAS = personas()


def test_personas_cover_every_outcome_and_caution(model):
    assert len(PERSONAS) >= 60
    assert {p["outcome"] for p in PERSONAS} == {o.id for o in model.quiz.outcomes}
    assert {c for p in PERSONAS for c in p["cautions"]} == {c.id for c in model.quiz.cautions}
    assert len({p["name"] for p in PERSONAS}) == len(PERSONAS)


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["name"] for p in PERSONAS])
def test_each_persona_gets_their_outcome_and_cautions(model, persona):
    r = rules.evaluate(model.quiz, persona["answers"])
    assert (r.outcome, list(r.cautions)) == (persona["outcome"], persona["cautions"])


def test_the_median_visitor_sees_no_more_screens_than_before_v3(model):
    """v2 (2026-12-05): median 11, most 15 question screens over visitor paths."""
    screens = model.coverage.screens()
    total = sum(screens.values())
    running, median = 0, None
    for n, count in screens.items():
        running += count
        if median is None and running >= total / 2:
            median = n
    assert median <= 11 and max(screens) <= 15, screens


# ---- The JavaScript engine ---------------------------------------------------
def test_javascript_engine_matches_python(model, tmp_path):
    """Every ending's example path, every persona and 3,000 random answer sets:
    the JS engine asks the same questions and gives the same outcome, reasons and cautions."""
    node = shutil.which("node")
    assert node, "node (20+) is needed for the JavaScript engine tests"
    quiz = model.quiz
    cases = [e.given() for e in model.coverage.endings] + [p["answers"] for p in PERSONAS] \
        + random_answer_sets(quiz, 3_000, 13)
    expected = []
    for answers in cases:
        r = rules.evaluate(quiz, answers)
        expected.append({"answers": answers, "asked": list(r.asked), "outcome": r.outcome, "rules": list(r.rules),
                         "also": list(r.also), "cautions": list(r.cautions), "first": quiz.first_line(
                             rules.asked_answers(quiz, answers))})
    fixture = tmp_path / "parity.json"
    fixture.write_text(json.dumps({"quiz": render_quiz.engine_data(model), "cases": expected}), encoding="utf-8")
    result = subprocess.run([node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, CONTINUUM_PARITY_FILE=str(fixture)), timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "# fail 0" in output and "# skipped 0" in output, output[-4000:]
    assert f"parity: {len(expected)} answer sets checked" in output, output[-4000:]


def test_the_quiz_and_the_tools_build_elements_the_same_way():
    """quiz.js keeps its own copy of tools/common.js's el() (one module on load);
    the two bodies must not drift apart."""
    js = ROOT / "theme" / "static" / "js"
    body = re.compile(r"function el\(tag, attrs, \.\.\.children\) \{\n.*?\n\}\n", re.S)
    quiz, common = (body.search((js / name).read_text(encoding="utf-8")) for name in ("quiz/quiz.js", "tools/common.js"))
    assert quiz and common and quiz.group(0) == common.group(0)


def test_the_engine_module_is_small_and_dependency_free():
    js = ROOT / "theme" / "static" / "js"
    # The quiz (engine and screens in one module; it loads the next-steps sheet when the
    # visitor starts) and the tool modules (the sheet, call scripts, letters, the option grid).
    for path in [js / "quiz" / "quiz.js", *sorted((js / "tools").glob("*.js"))]:
        name = path.name
        text = path.read_text(encoding="utf-8")
        imports = [line for line in text.splitlines() if line.startswith("import ")]
        assert all('from "./common.js"' in line for line in imports), imports
        for banned in ("fetch(", "XMLHttpRequest", "localStorage", "sessionStorage", "indexedDB",
                       "document.cookie", "location.hash =", "location.href =", "sendBeacon", "WebSocket",
                       ".style", "innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function"):
            assert banned not in text, f"{name} uses {banned}"
        if path.parent.name == "tools":      # what is typed or checked never reaches the address or history
            assert "history." not in text and "location" not in text and "<form" not in text, name
    quiz = (ROOT / "theme" / "static" / "js" / "quiz" / "quiz.js").read_text(encoding="utf-8")
    # History entries carry only the screen: every address written comes from hashFor().
    calls = re.findall(r"history\.(?:push|replace)State\(([^;]*)\);", quiz)
    assert len(calls) == 2, calls
    assert any('hashFor(screen) || location.pathname + location.search' in c for c in calls), calls
    assert any(c.endswith(", clean") for c in calls), calls
    assert re.search(r'return `#question-\$\{screen\.index \+ 1\}`;', quiz)


def test_skip_plan_never_skips_a_question_with_a_caution_a_gate_or_a_danger_answer(model):
    quiz = model.quiz
    plan = rules.skip_plan(quiz)
    assert set(plan) == {"health", "current-care", "daily-life", "groups"}, plan
    cautioned = {qid for c in quiz.cautions for alt in c.when_any for qid, _ in alt}
    gates = {qid for q in quiz.questions for qid, _ in q.ask_if}
    assert not set(plan) & (cautioned | gates)
    assert list(itertools.chain.from_iterable(
        [a for a in quiz.question(q).answers if a.crisis or a.urgent] for q in plan)) == []
