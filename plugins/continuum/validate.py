"""What the data file means: references, order, and every answer combination.

check() returns the typed model (with its Coverage) or raises ContinuumError
listing every problem, each with the file, the key path and what is expected.
"""

import re
import time

from . import coverage as cov
from . import schema
from .errors import Problems
from .model import build

# Tags, comments, doctypes and character references: the file holds plain text.
HTML = re.compile(r"<\s*[A-Za-z!/?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def check(data, lines=None, display_path="content/data/continuum.yaml", known_pages=None, shape_passed=False):
    """Validate parsed YAML. known_pages: the set of page slugs, or None to skip that check.

    shape_passed: these exact bytes already passed the schema with this exact
    plugin code (see shape_cache.py), so the JSON Schema pass can be skipped.
    Every other check still runs."""
    problems = Problems(display_path, lines)
    if data is None:
        problems.add((), "the file is empty; expected a mapping with 'table', 'levels' and 'quiz'")
        problems.raise_if_any()
    _check_text(data, (), problems)
    if not shape_passed:
        schema.check(data, problems)
    problems.raise_if_any()            # meaning is only checked once the shape is right
    model = build(data)
    _check_levels(data, known_pages, problems)
    _check_quiz(data, known_pages, problems)
    problems.raise_if_any()
    started = time.perf_counter()
    coverage = cov.compute(model.quiz)
    coverage.seconds = time.perf_counter() - started
    _check_coverage(data, model, coverage, problems)
    problems.raise_if_any()
    return _with_coverage(model, coverage)


def _with_coverage(model, coverage):
    object.__setattr__(model, "coverage", coverage)
    return model


def _check_text(value, parts, problems):
    if isinstance(value, str):
        found = HTML.search(value)
        if found:
            snippet = value[found.start():found.start() + 24]
            problems.add(parts, f"contains HTML or an HTML entity ({snippet!r}); "
                                "expected plain text: no tags, no &...; codes")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(item, parts + (key,), problems)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_text(item, parts + (i,), problems)


def _unique(items, parts, problems, what, scope=""):
    seen = {}
    for i, item in enumerate(items):
        key = item["id"]
        if key in seen:
            problems.add(parts + (i, "id"), f"duplicate id '{key}' (also at {parts[-1]}[{seen[key]}]); "
                                            f"{what} ids must be unique{scope}")
        else:
            seen[key] = i
    return seen


def _check_page(slug, parts, known_pages, problems):
    if known_pages is not None and slug not in known_pages:
        problems.add(parts, f"no page '{slug}' in content/pages/; expected one of: {', '.join(sorted(known_pages))}")


def _check_levels(data, known_pages, problems):
    levels = data["levels"]
    _unique(levels, ("levels",), problems, "level")
    previous = None
    for i, level in enumerate(levels):
        number = float(level["asam"])
        if previous is not None and number <= previous[1]:
            problems.add(("levels", i, "asam"), f"level {level['asam']} comes after level {previous[0]}; "
                                                "expected levels in order, least to most intensive")
        previous = (level["asam"], number)
        _check_page(level["page"], ("levels", i, "page"), known_pages, problems)
    focus = [i for i, lv in enumerate(levels) if lv.get("focus")]
    if len(focus) != 1:
        where = ", ".join(f"levels[{i}]" for i in focus) or "none"
        problems.add(("levels",), f"{len(focus)} levels have focus: true ({where}); expected exactly one "
                                  "(the level this site explains, IOP)")


def _check_quiz(data, known_pages, problems):
    q = data["quiz"]
    questions = _unique(q["questions"], ("quiz", "questions"), problems, "question")
    for i, question in enumerate(q["questions"]):
        _unique(question["answers"], ("quiz", "questions", i, "answers"), problems, "answer", " within a question")
        for j, answer in enumerate(question["answers"]):
            if answer.get("crisis") and answer.get("urgent"):
                problems.add(("quiz", "questions", i, "answers", j),
                             "has both crisis and urgent; expected one of them (crisis already shows help at once)")
    outcomes = _unique(q["outcomes"], ("quiz", "outcomes"), problems, "outcome")
    level_ids = {lv["id"] for lv in data["levels"]}
    crisis = [i for i, o in enumerate(q["outcomes"]) if o["kind"] == "crisis"]
    if len(crisis) > 1:
        problems.add(("quiz", "outcomes", crisis[1], "kind"), "a second outcome with kind: crisis; expected exactly one")
    if not crisis:
        problems.add(("quiz", "outcomes"), "no outcome with kind: crisis; expected exactly one "
                                           "(crisis answers must always lead to it)")
    for i, outcome in enumerate(q["outcomes"]):
        if outcome.get("level") and outcome["level"] not in level_ids:
            problems.add(("quiz", "outcomes", i, "level"), f"unknown level '{outcome['level']}'; "
                                                           f"expected one of: {', '.join(sorted(level_ids))}")
        if outcome.get("page"):
            _check_page(outcome["page"], ("quiz", "outcomes", i, "page"), known_pages, problems)
    _unique(q["rules"], ("quiz", "rules"), problems, "rule")
    used_questions = set()
    last_priority = 0
    crisis_ids = {q["outcomes"][i]["id"] for i in crisis}
    first_priority = min(r["priority"] for r in q["rules"])
    for i, rule in enumerate(q["rules"]):
        parts = ("quiz", "rules", i)
        if rule["priority"] < last_priority:
            problems.add(parts + ("priority",), f"priority {rule['priority']} comes after priority {last_priority}; "
                                                "expected rules listed in priority order (1 first), so the file "
                                                "reads in the order the rules are checked")
        last_priority = max(last_priority, rule["priority"])
        for qid, allowed in rule["when"].items():
            if qid not in questions:
                problems.add(parts + ("when", qid), f"unknown question '{qid}'; expected one of: "
                                                    f"{', '.join(questions)}")
                continue
            used_questions.add(qid)
            answer_ids = [a["id"] for a in q["questions"][questions[qid]]["answers"]]
            for k, aid in enumerate(allowed):
                if aid not in answer_ids:
                    problems.add(parts + ("when", qid, k), f"unknown answer '{aid}' for question '{qid}'; "
                                                           f"expected one of: {', '.join(answer_ids)}")
        if rule["outcome"] not in outcomes:
            problems.add(parts + ("outcome",), f"unknown outcome '{rule['outcome']}'; expected one of: "
                                               f"{', '.join(outcomes)}")
        elif rule["outcome"] in crisis_ids and rule["priority"] != first_priority:
            problems.add(parts + ("priority",), f"a rule leading to the crisis outcome has priority "
                                                f"{rule['priority']}; expected the first priority "
                                                f"({first_priority}), so crisis rules are always checked first")
    for i, question in enumerate(q["questions"]):
        if question["id"] not in used_questions:
            problems.add(("quiz", "questions", i), f"no rule uses question '{question['id']}'; "
                                                   "expected at least one rule with it under `when`")
    total = cov.combination_count(len(qq["answers"]) for qq in q["questions"])
    if total > cov.MAX_COMBINATIONS:
        problems.add(("quiz", "questions"), f"{total:,} possible sets of answers; the build checks every one "
                                            f"and allows at most {cov.MAX_COMBINATIONS:,}. Remove a question or an answer")


def _example(quiz, radices, mask):
    digits = cov.decode(cov.lowest(mask), radices)
    return "{" + ", ".join(f"{q.id}: {q.answers[d].id}" for q, d in zip(quiz.questions, digits)) + "}"


def _check_coverage(data, model, coverage, problems):
    quiz = model.quiz
    radices = coverage.radices
    rule_index = {r["id"]: i for i, r in enumerate(data["quiz"]["rules"])}
    outcome_index = {o["id"]: i for i, o in enumerate(data["quiz"]["outcomes"])}
    if coverage.undecided:
        problems.add(("quiz", "rules"), f"{coverage.undecided.bit_count():,} of {coverage.total:,} sets of answers "
                                        f"match no rule, e.g. {_example(quiz, radices, coverage.undecided)}; "
                                        "expected every set of answers to reach exactly one outcome "
                                        "(add a rule, or a last rule with `when: {}`)")
    for priority, a, b, both in coverage.conflicts:
        example = cov.lowest(both)
        bit = 1 << example
        fired = [r for r in quiz.rules if r.priority == priority and coverage.rule_masks[r.id] & bit]
        ra = next(r for r in fired if r.outcome == a)
        rb = next(r for r in fired if r.outcome == b)
        problems.add(("quiz", "rules", rule_index[rb.id]),
                     f"rules '{ra.id}' and '{rb.id}' both have priority {priority} but lead to different "
                     f"outcomes ('{a}' and '{b}') for {both.bit_count():,} sets of answers, e.g. "
                     f"{_example(quiz, radices, both)}; expected exactly one outcome: give one of them "
                     "a lower priority number, or narrow its `when`")
    for rule in quiz.rules:
        if not coverage.rule_masks.get(rule.id):
            problems.add(("quiz", "rules", rule_index[rule.id]),
                         f"rule '{rule.id}' never decides any set of answers (rules checked before it always "
                         "win, or its conditions never all hold); expected it to be used, or removed")
    for outcome in quiz.outcomes:
        if not coverage.outcome_masks.get(outcome.id):
            problems.add(("quiz", "outcomes", outcome_index[outcome.id]),
                         f"outcome '{outcome.id}' is never reached by any set of answers; "
                         "expected a rule that leads to it")
    crisis = quiz.crisis_outcome
    crisis_mask = coverage.outcome_masks.get(crisis.id, 0) if crisis else 0
    professional_mask = 0
    for outcome in quiz.outcomes:
        if outcome.kind == "professional":
            professional_mask |= coverage.outcome_masks.get(outcome.id, 0)
    masks = coverage.answer_masks
    for i, question in enumerate(quiz.questions):
        for j, answer in enumerate(question.answers):
            # (flag on the answer, outcomes it may lead to, what the editor is told)
            for flag, allowed, expected in (
                ("crisis", crisis_mask, "the crisis outcome whatever else is answered"),
                ("urgent", crisis_mask | professional_mask,
                 "the crisis outcome or to an outcome with kind: professional"),
            ):
                bad = masks[i][j] & ~allowed if getattr(answer, flag) else 0
                if bad:
                    got = coverage.outcome_of(cov.lowest(bad)) or "no outcome"
                    problems.add(("quiz", "questions", i, "answers", j, flag),
                                 f"answer '{answer.id}' is marked {flag} but {bad.bit_count():,} sets of answers "
                                 f"with it lead to '{got}', e.g. {_example(quiz, radices, bad)}; expected it to "
                                 f"lead to {expected}")
