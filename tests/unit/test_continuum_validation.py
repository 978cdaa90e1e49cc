"""Every kind of mistake an editor can make in content/data/continuum.yaml is
caught at build time, with the file, the key path and what is expected."""

import pytest

from continuum_helpers import (DATA_FILE, PAGES, SHOWN, SOURCES, answer_index, fresh, load, problems,
                               question_index, said, validate, ContinuumError)


def test_the_real_data_file_is_valid():
    data, lines = load.load(DATA_FILE, SHOWN)
    model = validate.check(data, lines, SHOWN, known_pages=PAGES, known_sources=SOURCES)
    assert model.coverage.total > 1000
    assert all(e.outcome and not e.conflict for e in model.coverage.endings)


# ---- Mutations of the real file: (name, change, expected key path, expected words)
def _drop(path):
    def change(d):
        *parents, last = path
        target = d
        for p in parents:
            target = target[p]
        del target[last]
    return change


def _set(path, value):
    def change(d):
        *parents, last = path
        target = d
        for p in parents:
            target = target[p]
        target[last] = value
    return change


def _q(d, qid):
    return d["quiz"]["questions"][question_index(d, qid)]


def _rule(d, rid):
    return next(r for r in d["quiz"]["rules"] if r["id"] == rid)


def _ri(d, rid):
    return next(i for i, r in enumerate(d["quiz"]["rules"]) if r["id"] == rid)


def dup_answer(d):
    q = _q(d, "health")
    q["answers"][1]["id"] = q["answers"][0]["id"]


def overlapping_rule(d):
    d["quiz"]["rules"].insert(_ri(d, "struggling") + 1, {
        "id": "came-back-outpatient", "priority": 13, "when": {"current-care": ["came-back"]},
        "outcome": "outpatient", "reason": "A reason."})


def gap(d):
    d["quiz"]["rules"].pop(_ri(d, "managing"))


def unreachable_outcome(d):
    d["quiz"]["outcomes"].append({"id": "nowhere", "kind": "professional", "title": "T", "summary": "S",
                                  "next_steps": ["N"], "page": "faq"})


def mild_is_crisis(d):
    _q(d, "withdrawal")["answers"][answer_index(d, "withdrawal", "mild")]["crisis"] = True


def mostly_is_urgent(d):
    _q(d, "home")["answers"][answer_index(d, "home", "mostly")]["urgent"] = True


def shadowed_rule(d):
    d["quiz"]["rules"].append({"id": "never", "priority": 14, "when": {"self-harm": ["plan"]},
                               "outcome": "outpatient", "reason": "A reason."})


def crisis_rule_late(d):
    d["quiz"]["rules"].append({"id": "late-crisis", "priority": 14, "when": {"groups": ["cannot-get-there"]},
                               "outcome": "crisis", "reason": "A reason."})


def out_of_order(d):
    rules = d["quiz"]["rules"]
    rules.insert(0, rules.pop(_ri(d, "managing")))


def unused_question(d):
    d["quiz"]["questions"].append({"id": "pets", "text": "Do you have pets?",
                                   "answers": [{"id": "yes", "text": "Yes"}, {"id": "no", "text": "No"}]})


def plan_not_crisis(d):
    _q(d, "self-harm")["answers"][answer_index(d, "self-harm", "plan")]["crisis"] = False


def psychosis_not_urgent(d):
    del _q(d, "psychosis")["answers"][answer_index(d, "psychosis", "yes")]["urgent"]


def attempt_renamed(d):
    _q(d, "recent-danger")["answers"][answer_index(d, "recent-danger", "attempt")]["id"] = "tried"
    _rule(d, "recent-attempt-or-overdose")["when"]["recent-danger"] = ["tried", "overdose"]


def caution_never_shown(d):
    d["quiz"]["cautions"].append({"id": "never", "title": "T", "text": "A note.", "source": "asam-criteria",
                                  "when_any": [{"self-harm": ["plan"], "age": ["under-18"]}]})


def ask_if_later(d):
    _q(d, "opioids")["ask_if"] = {"groups": ["yes"]}


def ask_if_on_danger(d):
    _q(d, "psychosis")["ask_if"] = {"self-harm": ["no"]}


def unknown_caution_source(d):
    d["quiz"]["cautions"][1]["source"] = ["samhsa-tip63", "nope"]


def no_crisis_outcome(d):
    for o in d["quiz"]["outcomes"]:
        if o["kind"] == "crisis":
            o["kind"] = "professional"


def both_flags(d):
    _q(d, "self-harm")["answers"][0]["urgent"] = True


def two_focus(d):
    d["levels"][0]["focus"] = True


def no_focus(d):
    for lv in d["levels"]:
        lv.pop("focus", None)


def level_order(d):
    d["levels"][0], d["levels"][1] = d["levels"][1], d["levels"][0]


def unknown_question_in_rule(d):
    _rule(d, "managing")["when"]["moods"] = ["low"]


def withdrawal_gate_narrowed(d):
    _q(d, "withdrawal")["ask_if"] = {"use": ["street", "yes", "restarted"]}


def urgent_without_rule(d):
    _rule(d, "harm-others-thoughts")["when"]["harm-others"] = ["thoughts"]


def urgent_outranked(d):
    _rule(d, "harm-others-thoughts")["priority"] = 2
    d["quiz"]["rules"].insert(_ri(d, "self-harm-thoughts"), {
        "id": "age-first", "priority": 2, "when": {"age": ["older"]}, "outcome": "outpatient", "reason": "A reason."})
    for r in d["quiz"]["rules"]:
        if r["priority"] >= 2 and r["id"] != "age-first":
            r["priority"] += 1


def call_first_on_level(d):
    _rule(d, "managing")["call_first"] = "emergency"


def provider_number(d):
    d["quiz"]["outcomes"][3]["summary"] = "Call our intake line at 1-888-555-0199 to get started."


def unknown_line(d):
    d["quiz"]["outcomes"][3]["next_steps"][2]["call"] = "hotline"


def sms_to_helpline(d):
    step = d["quiz"]["outcomes"][3]["next_steps"][2]
    step["sms"] = step.pop("call")


def unknown_answer_in_rule(d):
    _rule(d, "managing")["when"]["daily-life"] = ["coping"]


CASES = [
    ("top level is a list", lambda d: d.clear() or None, "(top level)", "expected a mapping"),
    ("missing levels", _drop(["levels"]), "levels", "missing; expected a list of at least 2 levels"),
    ("missing level field", _drop(["levels", 3, "hours_per_week"]), "levels[3].hours_per_week", "missing"),
    ("number instead of text", _set(["levels", 3, "asam"], 2.1), "levels[3].asam", "expected the ASAM level as quoted text"),
    ("YAML boolean id", _set(["quiz", "questions", 3, "answers", 1, "id"], False),
     "quiz.questions[3].answers[1].id", "put them in quotes"),
    ("unknown key", _set(["levels", 0, "colour"], "red"), "levels[0].colour", "unknown key 'colour'"),
    ("badly formed id", _set(["levels", 0, "id"], "Weekly Therapy"), "levels[0].id", "lowercase letters"),
    ("empty text", _set(["quiz", "questions", 0, "text"], ""), "quiz.questions[0].text", "is empty; expected plain text"),
    ("wrong kind", _set(["quiz", "outcomes", 0, "kind"], "emergency"), "quiz.outcomes[0].kind", "one of: crisis, professional, level"),
    ("one answer only", lambda d: _q(d, "health").update(answers=_q(d, "health")["answers"][:1]),
     "quiz.questions[10].answers", "a list of 2 to 8 answers"),
    ("empty when list", lambda d: _rule(d, "managing")["when"].update({"daily-life": []}),
     "quiz.rules[34].when.daily-life", "a list of answer ids"),
    ("priority as text", _set(["quiz", "rules", 0, "priority"], "first"), "quiz.rules[0].priority", "a whole number"),
    ("level on a non-level outcome", _set(["quiz", "outcomes", 1, "level"], "intensive-outpatient"),
     "quiz.outcomes[1].level", "only outcomes with kind: level"),
    ("level outcome without level", _drop(["quiz", "outcomes", 5, "level"]), "quiz.outcomes[5].level", "missing"),
    ("duplicate level id", _set(["levels", 1, "id"], "remission-monitoring"), "levels[1].id", "duplicate id 'remission-monitoring'"),
    ("duplicate answer id", dup_answer, "quiz.questions[10].answers[1].id", "duplicate id 'yes'"),
    ("duplicate question id", _set(["quiz", "questions", 1, "id"], "self-harm"), "quiz.questions[1].id", "duplicate id 'self-harm'"),
    ("duplicate rule id", _set(["quiz", "rules", 1, "id"], "self-harm-plan"), "quiz.rules[1].id", "duplicate id"),
    ("unknown question in a rule", unknown_question_in_rule, "quiz.rules[34].when.moods", "unknown question 'moods'"),
    ("unknown answer in a rule", unknown_answer_in_rule, "quiz.rules[34].when.daily-life[0]", "unknown answer 'coping'"),
    ("unknown outcome", _set(["quiz", "rules", 0, "outcome"], "hospital"), "quiz.rules[0].outcome", "unknown outcome 'hospital'"),
    ("unknown level", _set(["quiz", "outcomes", 4, "level"], "detox"), "quiz.outcomes[4].level", "unknown level 'detox'"),
    ("unknown page", _set(["levels", 0, "page"], "no-such-page"), "levels[0].page", "no page 'no-such-page'"),
    ("levels out of order", level_order, "levels[1].asam", "expected levels in order"),
    ("two focus levels", two_focus, "levels", "2 levels have focus: true"),
    ("no focus level", no_focus, "levels", "0 levels have focus: true"),
    ("unreachable outcome", unreachable_outcome, "quiz.outcomes[14]", "outcome 'nowhere' is never reached"),
    ("overlapping rules", overlapping_rule, "quiz.rules[34]", "both have priority 13 but lead to different outcomes"),
    ("answers with no outcome", gap, "quiz.rules", "match no rule"),
    ("crisis answer that can miss the crisis outcome", mild_is_crisis, "quiz.questions[7].answers[2].crisis",
     "expected it to lead to the crisis outcome whatever else is answered"),
    ("urgent answer that can lead to a level", mostly_is_urgent, "quiz.questions[11].answers[1].urgent",
     "is marked urgent"),
    ("rule that never decides", shadowed_rule, "quiz.rules[35]", "rule 'never' never decides"),
    ("crisis rule after other rules", crisis_rule_late, "quiz.rules[35].priority", "expected the first priority"),
    ("rules out of priority order", out_of_order, "quiz.rules[1].priority", "expected rules listed in priority order"),
    ("question no rule uses", unused_question, "quiz.questions[15]", "no rule, caution or ask_if uses question 'pets'"),
    ("safety contract: crisis removed", plan_not_crisis, "quiz.questions[0].answers[0].crisis",
     "answer 'plan' of question 'self-harm' must stay crisis: true (safety contract"),
    ("safety contract: urgent removed", psychosis_not_urgent, "quiz.questions[5].answers[0].urgent",
     "answer 'yes' of question 'psychosis' must stay urgent: true (safety contract"),
    ("safety contract: answer renamed", attempt_renamed, "quiz.questions[1]",
     "the safety contract needs answer 'attempt' in question 'recent-danger'"),
    ("unknown source on a level", _set(["levels", 0, "source"], "nope"), "levels[0].source",
     "level 1.0 (remission-monitoring): unknown source 'nope'"),
    ("unknown source on a caution", unknown_caution_source, "quiz.cautions[1].source[1]",
     "caution 'overdose-today': unknown source 'nope'"),
    ("caution never shown", caution_never_shown, "quiz.cautions[20]", "caution 'never' is never shown"),
    ("ask_if on a later question", ask_if_later, "quiz.questions[8].ask_if.groups", "is not asked before this one"),
    ("ask_if on a question with danger answers", ask_if_on_danger, "quiz.questions[5].ask_if",
     "question 'psychosis' must be asked of everyone (safety contract"),
    ("danger question hidden from some users", withdrawal_gate_narrowed, "quiz.questions[7].ask_if",
     "its ask_if leaves out stopped"),
    ("urgent answer with no rule of its own", urgent_without_rule, "quiz.questions[2].answers[2].urgent",
     "no rule reads only {harm-others: [not-sure]}"),
    ("urgent answer outranked by a level", urgent_outranked, "quiz.questions[2].answers[1].urgent",
     "is checked before rule 'harm-others-thoughts'"),
    ("call_first on a rule that is not a crisis rule", call_first_on_level, "quiz.rules[34].call_first",
     "call_first is only for rules that lead to the crisis outcome"),
    ("a provider's phone number", provider_number, "quiz.outcomes[3].summary",
     "the number 1-888-555-0199 is not a help line this site lists"),
    ("an unknown help line in a step", unknown_line, "quiz.outcomes[3].next_steps[2].call", "unknown help line 'hotline'"),
    ("a line that takes no texts", sms_to_helpline, "quiz.outcomes[3].next_steps[2].sms",
     "the help line 'helpline' takes no texts"),
    ("a step with nothing to do", _set(["quiz", "outcomes", 3, "next_steps", 0], {"text": "Book a visit."}),
     "quiz.outcomes[3].next_steps[0]", "is not a valid choice"),
    ("no crisis outcome", no_crisis_outcome, "quiz.outcomes", "no outcome with kind: crisis"),
    ("crisis and urgent on one answer", both_flags, "quiz.questions[0].answers[0]", "has both crisis and urgent"),
    ("script in text", _set(["quiz", "questions", 0, "text"], "<script>alert(1)</script>"),
     "quiz.questions[0].text", "contains HTML"),
    ("tag in a level", _set(["levels", 3, "name"], "Intensive <b>outpatient</b>"), "levels[3].name", "contains HTML"),
    ("HTML entity", _set(["quiz", "outcomes", 0, "summary"], "Call&nbsp;988"), "quiz.outcomes[0].summary", "HTML entity"),
]


@pytest.mark.parametrize("name,change,path,words", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_is_reported_with_file_path_and_expectation(name, change, path, words):
    data = fresh()
    result = change(data)
    if name == "top level is a list":
        data = [1, 2]
    found = problems(data)
    assert found, f"{name}: not caught"
    wanted = f"{SHOWN}: {path}: "
    matching = [p for p in found if p.startswith(wanted) and words in p]
    assert matching, f"{name}: expected a problem starting {wanted!r} containing {words!r}; got:\n" + "\n".join(found)
    assert result is None


def test_all_problems_are_listed_at_once():
    data = fresh()
    data["levels"][1]["id"] = data["levels"][0]["id"]
    data["quiz"]["rules"][-1]["outcome"] = "hospital"
    data["levels"][2]["page"] = "nope"
    found = problems(data)
    # The renamed level also breaks the outcome that pointed at it: four problems, one message.
    assert len(found) == 4, found
    assert any("quiz.outcomes[13].level: unknown level 'outpatient-therapy'" in p for p in found)


def test_the_model_carries_no_html_even_when_text_has_ampersands():
    data = fresh()
    data["levels"][0]["name"] = "Drugs & alcohol < 9 hours"     # '&' and '<' followed by a space are plain text
    assert problems(data) == []


# ---- Whole-file mistakes (read from disk) ----------------------------------
def _file_problems(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "continuum.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding=encoding)
    try:
        data, lines = load.load(path, SHOWN)
        validate.check(data, lines, SHOWN, known_pages=PAGES, known_sources=SOURCES)
    except ContinuumError as exc:
        return [said(p) for p in exc.problems]
    return []


def test_empty_file(tmp_path):
    assert any("the file is empty" in p for p in _file_problems(tmp_path, "  \n# only a comment\n"))


def test_invalid_yaml_names_the_line(tmp_path):
    found = _file_problems(tmp_path, "table:\n  caption: ok\nlevels: [\n  - id: x\n")
    assert len(found) == 1 and found[0].startswith(f"{SHOWN}: not valid YAML") and "(line " in found[0], found


def test_missing_file(tmp_path):
    with pytest.raises(ContinuumError, match="file not found"):
        load.load(tmp_path / "nope.yaml", SHOWN)


def test_not_utf8(tmp_path):
    assert any("not UTF-8" in p for p in _file_problems(tmp_path, b"table: {caption: \xff\xfe}\n"))


def test_duplicate_yaml_key_is_not_silently_merged(tmp_path):
    text = DATA_FILE.read_text(encoding="utf-8").replace(
        "      when: {self-harm: [plan]}\n", "      when: {self-harm: [plan]}\n      when: {harm-others: [plan]}\n", 1)
    found = _file_problems(tmp_path, text)
    assert any("quiz.rules[0].when: duplicate key 'when'" in p for p in found), found


def test_messages_carry_the_line_number(tmp_path):
    text = DATA_FILE.read_text(encoding="utf-8")
    text = text.replace("        - id: \"no\"\n          text: \"No\"\n\n    - id: age",
                        "        - id: \"no\"\n          text: \"No\"\n        - id: \"no\"\n          text: \"No again\"\n\n    - id: age", 1)
    line = text.splitlines().index("          text: \"No again\"")          # 0-based index of the text line
    found = _file_problems(tmp_path, text)
    dup = [p for p in found if "quiz.questions[2].answers[4].id: duplicate id 'no'" in p]
    assert dup and dup[0].endswith(f"(line {line})"), found    # the id line is just above the text line


def test_too_many_visitor_states_is_a_clear_error(monkeypatch):
    from iopguide.continuum import coverage
    monkeypatch.setattr(coverage, "MAX_STATES", 50)
    found = problems(fresh())
    assert any(p.startswith(f"{SHOWN}: quiz.questions: more than 50 different visitor states") for p in found), found


def test_validation_reports_its_size_and_time():
    """The walk over every visitor path runs on every build; its time is
    reported here and measured by `make bench`, not asserted."""
    import time
    data, lines = load.load(DATA_FILE, SHOWN)
    started = time.perf_counter()
    model = validate.check(data, lines, SHOWN, known_pages=PAGES, known_sources=SOURCES)
    elapsed = time.perf_counter() - started
    print(f"\nvalidate.check: {elapsed * 1000:.1f} ms for {model.coverage.total:,} visitor paths "
          f"(walk {model.coverage.seconds * 1000:.1f} ms)")
    assert model.coverage.total > 1000
