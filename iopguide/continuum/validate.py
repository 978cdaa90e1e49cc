"""What the data file means: references, order, and every answer combination.

check() returns the typed model (with its Coverage) or raises ContinuumError
listing every problem, each with the file, the key path and what is expected.
"""

import re

from . import contract
from . import coverage as cov
from . import schema
from .errors import Problems
from .model import build

# Tags, comments, doctypes and character references: the file holds plain text.
HTML = re.compile(r"<\s*[A-Za-z!/?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def check(data, lines=None, display_path="content/data/continuum.yaml", known_pages=None,
          known_sources=None, known_lines=None, passed_before=False):
    """Validate parsed YAML. known_pages: the set of page slugs, or None to skip that check;
    known_sources: the keys of content/data/sources.yaml, or None to skip that check;
    known_lines: CRISIS_LINES from the settings ({key: {number, tel, sms?}}), or None
    to skip the help-line checks (steps' call/sms keys, phone numbers in texts).
    passed_before: these exact inputs passed every check with this exact code
    (pass_cache.py): the two slow checks, the JSON Schema pass and the walk of
    every visitor path, are skipped (the model then has coverage None); every
    other check still runs."""
    problems = Problems(display_path, lines)
    if data is None:
        problems.add((), "the file is empty; expected a mapping with 'table', 'levels' and 'quiz'")
        problems.raise_if_any()
    _check_text(data, (), problems, phones(known_lines) if known_lines is not None else None)
    if not passed_before:
        schema.check(data, problems)
    problems.raise_if_any()            # meaning is only checked once the shape is right
    model = build(data)
    _check_levels(data, known_pages, known_sources, problems)
    _check_grid(data, known_sources, problems)
    _check_quiz(data, known_pages, known_sources, known_lines, problems)
    _check_sheet(data, known_sources, known_lines, problems)
    contract.check(model.quiz, problems,
                   lambda qi, ai: ("quiz", "questions") + (() if qi is None else (qi,)) + (() if ai is None else ("answers", ai)),
                   lambda ri: ("quiz", "rules", ri), lambda ci: ("quiz", "cautions", ci))
    problems.raise_if_any()
    if passed_before:
        return _with_coverage(model, None)
    try:
        coverage = cov.compute(model.quiz, limit=cov.MAX_STATES)
    except OverflowError:
        problems.add(("quiz", "questions"), f"more than {cov.MAX_STATES:,} different visitor states at one question; "
                                            "the build checks every way through the quiz. Remove a question or an "
                                            "answer, or let fewer rules and cautions read the same questions")
        problems.raise_if_any()
    _check_coverage(data, model, coverage, problems)
    problems.raise_if_any()
    return _with_coverage(model, coverage)


def _with_coverage(model, coverage):
    object.__setattr__(model, "coverage", coverage)
    return model


# Anything that looks like a US phone or text number: 1-800-..., 3-digit lines, 5-6 digit text codes.
# A full stop or comma after it ends a sentence or a clause ("Call 1-800-555-0199."); only a digit
# after it makes it part of a bigger number (1,000 or 2.5).
PHONE_LIKE = re.compile(r"(?<![\d.,-])(1-8\d\d-\d{3}-\d{4}|\d{3}-\d{3}-\d{4}|\d{3}|\d{5,6})(?![\d-]|[.,]\d)")
NUMBER_WORDS = re.compile(r"(?:call|dial|text|llame|marque|envíe|env[ií]e un mensaje)\b[^.]{0,40}$", re.I)


def phones(lines):
    """{number as written: line key} for every help line in CRISIS_LINES."""
    out = {}
    for key, line in (lines or {}).items():
        for field in ("number", "sms_number"):
            if line.get(field):
                out[line[field]] = key
    return out


def _check_text(value, parts, problems, numbers=None):
    if isinstance(value, str):
        found = HTML.search(value)
        if found:
            snippet = value[found.start():found.start() + 24]
            problems.add(parts, f"contains HTML or an HTML entity ({snippet!r}); "
                                "expected plain text: no tags, no &...; codes")
        if numbers is not None:
            for m in PHONE_LIKE.finditer(value):
                number = m.group(1)
                dialled = "-" in number or NUMBER_WORDS.search(value[:m.start()])
                if dialled and number not in numbers:
                    problems.add(parts, f"the number {number} is not a help line this site lists; expected only the "
                                        "national public lines in CRISIS_LINES (pelicanconf.py): "
                                        f"{', '.join(sorted(numbers))}. The site never gives a provider's number")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(item, parts + (key,), problems, numbers)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_text(item, parts + (i,), problems, numbers)


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


def _check_sources(value, parts, known_sources, problems, what):
    if known_sources is None:
        return
    for n, key in enumerate([value] if isinstance(value, str) else value):
        if key not in known_sources:
            problems.add(parts if isinstance(value, str) else parts + (n,),
                         f"{what}: unknown source '{key}'; expected a key of content/data/sources.yaml, "
                         f"e.g. {', '.join(sorted(known_sources)[:4])}")


def _check_levels(data, known_pages, known_sources, problems):
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
        _check_sources(level["source"], ("levels", i, "source"), known_sources, problems,
                       f"level {level['asam']} ({level['id']})")
    focus = [i for i, lv in enumerate(levels) if lv.get("focus")]
    if len(focus) != 1:
        where = ", ".join(f"levels[{i}]" for i in focus) or "none"
        problems.add(("levels",), f"{len(focus)} levels have focus: true ({where}); expected exactly one "
                                  "(the level this site explains, IOP)")


def _check_grid(data, known_sources, problems):
    """The option grid: its columns are the levels with a `grid`; it needs its words and 2+ columns."""
    columns = [i for i, lv in enumerate(data["levels"]) if lv.get("grid")]
    for i in columns:
        level = data["levels"][i]
        _check_sources(level["grid"]["source"], ("levels", i, "grid", "source"), known_sources, problems,
                       f"level {level['asam']} ({level['id']}) grid")
    grid = data.get("grid")
    if grid is None:
        if columns:
            problems.add(("levels", columns[0], "grid"), "a level has a `grid` column but the file has no top-level "
                                                         "`grid` (caption and matters); expected both, or neither")
        return
    _unique(grid["matters"], ("grid", "matters"), problems, "matter")
    if len(columns) < 2:
        problems.add(("grid",), f"{len(columns)} level(s) have a `grid` column; expected at least 2, so the grid "
                                "compares options")


# Digits that are not part of a help-line number: a figure, which needs a source.
DIGIT = re.compile(r"\d")


def _states_a_figure(text, numbers):
    """numbers: the help lines' numbers as written (they are not figures)."""
    for number in sorted(numbers, key=len, reverse=True):
        text = text.replace(number, " ")
    return bool(DIGIT.search(text))


def _check_sheet(data, known_sources, known_lines, problems):
    """The next-steps sheet: ids that exist, needs that are used, figures with a source."""
    q = data["quiz"]
    sheet = q.get("sheet")
    if not sheet:
        return
    questions = {qd["id"]: i for i, qd in enumerate(q["questions"])}
    outcome_ids = [o["id"] for o in q["outcomes"]]
    needs = _unique(sheet.get("needs") or [], ("quiz", "sheet", "needs"), problems, "need")
    _unique(sheet["items"], ("quiz", "sheet", "items"), problems, "sheet item")
    used = set()
    numbers = set(phones(known_lines)) if known_lines is not None else None
    for i, item in enumerate(sheet["items"]):
        parts = ("quiz", "sheet", "items", i)
        for n, alt in enumerate(item.get("when_any") or []):
            _check_condition(alt, parts + ("when_any", n), questions, q, problems)
        for n, need in enumerate(item.get("needs") or []):
            used.add(need)
            if need not in needs:
                problems.add(parts + ("needs", n), f"unknown need '{need}'; expected one of quiz.sheet.needs: "
                                                   f"{', '.join(needs) or '(none yet: add them under quiz.sheet.needs)'}")
        for n, oid in enumerate(item.get("outcomes") or []):
            if oid not in outcome_ids:
                problems.add(parts + ("outcomes", n), f"unknown outcome '{oid}'; expected one of: "
                                                      f"{', '.join(outcome_ids)}")
        if "source" in item:
            _check_sources(item["source"], parts + ("source",), known_sources, problems, f"sheet item '{item['id']}'")
        elif numbers is not None and _states_a_figure(item["text"], numbers):   # with the help lines known
            problems.add(parts + ("text",), "states a figure (a number that is not a help line) but has no source; "
                                            "expected `source:` with a key of content/data/sources.yaml")
    for need, index in needs.items():
        if need not in used:
            problems.add(("quiz", "sheet", "needs", index), f"no sheet item uses need '{need}'; expected an item "
                                                            "with it under `needs`, or remove it")


def _check_condition(when, parts, questions, q, problems, before=None):
    """A `when`-style mapping names known questions (earlier than `before`) and their answers."""
    used = set()
    for qid, allowed in when.items():
        if qid not in questions:
            problems.add(parts + (qid,), f"unknown question '{qid}'; expected one of: {', '.join(questions)}")
            continue
        if before is not None and questions[qid] >= before:
            problems.add(parts + (qid,), f"question '{qid}' is not asked before this one; expected a question "
                                         "that comes earlier in the list")
        used.add(qid)
        answer_ids = [a["id"] for a in q["questions"][questions[qid]]["answers"]]
        for k, aid in enumerate(allowed):
            if aid not in answer_ids:
                problems.add(parts + (qid, k), f"unknown answer '{aid}' for question '{qid}'; "
                                               f"expected one of: {', '.join(answer_ids)}")
    return used


def _check_steps(outcome, parts, known_pages, known_lines, problems):
    for k, step in enumerate(outcome["next_steps"]):
        if not isinstance(step, dict):
            continue
        for how in ("call", "sms"):
            key = step.get(how)
            if key is None or known_lines is None:
                continue
            line = known_lines.get(key)
            if line is None:
                problems.add(parts + (k, how), f"unknown help line '{key}'; expected a key of CRISIS_LINES in "
                                               f"pelicanconf.py: {', '.join(sorted(known_lines))}")
            elif how == "sms" and not line.get("sms"):
                problems.add(parts + (k, how), f"the help line '{key}' takes no texts; expected a line with an sms "
                                               f"number: {', '.join(sorted(k for k, v in known_lines.items() if v.get('sms')))}")
        if step.get("page"):
            _check_page(step["page"], parts + (k, "page"), known_pages, problems)


def _check_quiz(data, known_pages, known_sources, known_lines, problems):
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
        _check_steps(outcome, ("quiz", "outcomes", i, "next_steps"), known_pages, known_lines, problems)
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
        used_questions |= _check_condition(rule["when"], parts + ("when",), questions, q, problems)
        if rule["outcome"] not in outcomes:
            problems.add(parts + ("outcome",), f"unknown outcome '{rule['outcome']}'; expected one of: "
                                               f"{', '.join(outcomes)}")
        elif rule["outcome"] in crisis_ids and rule["priority"] != first_priority:
            problems.add(parts + ("priority",), f"a rule leading to the crisis outcome has priority "
                                                f"{rule['priority']}; expected the first priority "
                                                f"({first_priority}), so crisis rules are always checked first")
        if "call_first" in rule and rule["outcome"] not in crisis_ids:
            problems.add(parts + ("call_first",), "call_first is only for rules that lead to the crisis outcome "
                                                  "(it says which help line the crisis result lists first); "
                                                  "expected no call_first here")
    for i, question in enumerate(q["questions"]):
        if "ask_if" in question:
            used_questions |= _check_condition(question["ask_if"], ("quiz", "questions", i, "ask_if"), questions,
                                               q, problems, before=i)
    cautions = q.get("cautions") or []
    _unique(cautions, ("quiz", "cautions"), problems, "caution")
    for i, caution in enumerate(cautions):
        parts = ("quiz", "cautions", i)
        for n, alt in enumerate(caution["when_any"]):
            used_questions |= _check_condition(alt, parts + ("when_any", n), questions, q, problems)
        _check_sources(caution["source"], parts + ("source",), known_sources, problems, f"caution '{caution['id']}'")
        if caution.get("page"):
            _check_page(caution["page"], parts + ("page",), known_pages, problems)
    for i, question in enumerate(q["questions"]):
        if question["id"] not in used_questions:
            problems.add(("quiz", "questions", i), f"no rule, caution or ask_if uses question '{question['id']}'; "
                                                   "expected at least one rule with it under `when`")


def _example(ending):
    return "{" + ", ".join(f"{q}: {a}" for q, a in ending.example) + "}"


def _crisis_proof(quiz, problems):
    """A crisis answer must lead to the crisis outcome whatever else is
    answered. Proved from the rules, not by trying answers: some rule at the
    first priority reads only that answer's question, lists the answer and
    leads to the crisis outcome, and every rule at the first priority leads
    there, so nothing can outrank or contradict it."""
    crisis = quiz.crisis_outcome
    if crisis is None:
        return
    first = min(r.priority for r in quiz.rules)
    wrong = [r for r in quiz.rules if r.priority == first and r.outcome != crisis.id]
    for i, q in enumerate(quiz.questions):
        for j, a in enumerate(q.answers):
            if not a.crisis:
                continue
            sure = any(r.priority == first and r.outcome == crisis.id and len(r.when) == 1
                       and r.when[0][0] == q.id and a.id in r.when[0][1] for r in quiz.rules)
            if not sure or wrong:
                why = (f"rule '{wrong[0].id}' has the first priority ({first}) but leads to '{wrong[0].outcome}'"
                       if wrong else f"no rule with the first priority ({first}) reads only {{{q.id}: [{a.id}]}} "
                                     f"and leads to '{crisis.id}'")
                problems.add(("quiz", "questions", i, "answers", j, "crisis"),
                             f"answer '{a.id}' is marked crisis but cannot be shown to always lead to the crisis "
                             f"outcome: {why}; expected it to lead to the crisis outcome whatever else is answered")


def _check_coverage(data, model, coverage, problems):
    quiz = model.quiz
    endings = coverage.endings
    rule_index = {r["id"]: i for i, r in enumerate(data["quiz"]["rules"])}
    outcome_index = {o["id"]: i for i, o in enumerate(data["quiz"]["outcomes"])}
    caution_index = {c["id"]: i for i, c in enumerate(data["quiz"].get("cautions") or [])}
    undecided = [e for e in endings if e.outcome is None]
    if undecided:
        problems.add(("quiz", "rules"), f"{sum(e.paths for e in undecided):,} of {coverage.total:,} visitor paths "
                                        f"match no rule, e.g. {_example(undecided[0])}; expected every set of answers "
                                        "to reach exactly one outcome (add a rule, or a last rule with `when: {}`)")
    seen = set()
    for e in endings:
        if e.conflict and (e.priority, e.conflict) not in seen:
            seen.add((e.priority, e.conflict))
            count = sum(x.paths for x in endings if x.priority == e.priority and x.conflict == e.conflict)
            fired = [r for r in quiz.rules if r.id in e.rules]
            ra = next(r for r in fired if r.outcome == e.conflict[0])
            rb = next(r for r in fired if r.outcome == e.conflict[1])
            problems.add(("quiz", "rules", rule_index[rb.id]),
                         f"rules '{ra.id}' and '{rb.id}' both have priority {e.priority} but lead to different "
                         f"outcomes ('{ra.outcome}' and '{rb.outcome}') for {count:,} visitor paths, e.g. "
                         f"{_example(e)}; expected exactly one outcome: give one of them a lower priority "
                         "number, or narrow its `when`")
    fired = {rid for e in endings for rid in e.rules}
    for rule in quiz.rules:
        if rule.id not in fired:
            problems.add(("quiz", "rules", rule_index[rule.id]),
                         f"rule '{rule.id}' never decides any set of answers (rules checked before it always "
                         "win, or its conditions never all hold); expected it to be used, or removed")
    reached = {e.outcome for e in endings}
    for outcome in quiz.outcomes:
        if outcome.id not in reached:
            problems.add(("quiz", "outcomes", outcome_index[outcome.id]),
                         f"outcome '{outcome.id}' is never reached by any set of answers; "
                         "expected a rule that leads to it")
    for caution in quiz.cautions:
        if caution.id not in coverage.shown:
            problems.add(("quiz", "cautions", caution_index[caution.id]),
                         f"caution '{caution.id}' is never shown to any visitor (its questions are never asked "
                         "with those answers); expected it to be reachable")
    _crisis_proof(quiz, problems)
    _urgent_proof(quiz, problems)
    for (qid, aid), (i, j, a) in sorted(_flagged(quiz).items(), key=lambda item: item[1][:2]):
        rep = next(members[0] for members in coverage.classes[i] if aid in members)
        if (qid, rep) not in coverage.asked:
            flag = "crisis" if a.crisis else "urgent"
            problems.add(("quiz", "questions", i, "answers", j, flag),
                         f"answer '{aid}' is marked {flag} but no visitor is ever asked it (its question's ask_if, "
                         "or a result that comes first, hides it); expected every danger answer to be reachable")


def _flagged(quiz):
    return {(q.id, a.id): (i, j, a) for i, q in enumerate(quiz.questions) for j, a in enumerate(q.answers)
            if a.crisis or a.urgent}


def _urgent_proof(quiz, problems):
    """An urgent answer must lead to the crisis outcome or an outcome with kind
    professional whatever else is answered. Proved from the rules, like the
    crisis proof: a rule reads only that answer's question, lists the answer
    and leads to a professional outcome, and every rule with a lower priority
    number leads to crisis or professional (rules at the same priority that
    match the same answers must agree, which the walk checks)."""
    kinds = {o.id: o.kind for o in quiz.outcomes}
    ok_kinds = ("crisis", "professional")
    for i, q in enumerate(quiz.questions):
        for j, a in enumerate(q.answers):
            if not a.urgent or a.crisis:
                continue
            own = [r for r in quiz.rules if len(r.when) == 1 and r.when[0][0] == q.id and a.id in r.when[0][1]
                   and kinds.get(r.outcome) in ok_kinds]
            if not own:
                problems.add(("quiz", "questions", i, "answers", j, "urgent"),
                             f"answer '{a.id}' is marked urgent but no rule reads only {{{q.id}: [{a.id}]}} and "
                             "leads to the crisis outcome or an outcome with kind: professional; expected one, so "
                             "the answer always leads to help")
                continue
            p = min(r.priority for r in own)
            before = [r for r in quiz.rules if r.priority < p and kinds.get(r.outcome) not in ok_kinds]
            if before:
                problems.add(("quiz", "questions", i, "answers", j, "urgent"),
                             f"answer '{a.id}' is marked urgent, but rule '{before[0].id}' (priority "
                             f"{before[0].priority}) is checked before rule '{own[0].id}' (priority {p}) and leads to "
                             f"'{before[0].outcome}'; expected every rule checked before it to lead to the crisis "
                             "outcome or an outcome with kind: professional")
