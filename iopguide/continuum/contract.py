"""The safety contract: what the self-check must always do for danger signs.

It lives in code, not in the data file, on purpose: an editor who weakens one
of these in content/data/continuum.yaml (drops `crisis: true`, changes which
line is called first, narrows a caution) gets a build error naming the
answer, the rule or the caution and why, instead of a quiz that quietly stops
showing help. Changing this file is a clinical decision; it needs a developer
and a clinical reviewer. docs/clinical-matrix.md says why each entry exists.

Four lists:

ANSWERS    (question id, answer id, flag, why): the answer must stay marked
           `crisis` or `urgent` (`urgent` is also met by `crisis`).
CRISIS     (answers, first line, why): these answers, together, must lead to
           the crisis outcome by a first-priority rule, and the help line named
           first must be this one ("emergency": 911 and the emergency room;
           "lifeline": 988).
CAUTIONS   (caution id, answers, why): the caution must exist and show for
           these answers, on every visitor path that gives them (the crisis
           result included).
ASKED      (question id, who, why): who must be asked the question: None for
           everyone (no ask_if), or {question id: [answer ids]} that its ask_if
           must let through (it may let more through, never fewer).
"""

ANSWERS = (
    ("self-harm", "plan", "crisis", "a plan or wish to end your life is danger now"),
    ("harm-others", "plan", "crisis", "someone who might act on thoughts of hurting others needs emergency help now"),
    ("withdrawal", "severe-now", "crisis",
     "seizures, hallucinations or deep confusion during withdrawal can kill within hours"),
    ("recent-danger", "attempt-now", "crisis",
     "an attempt in the last two days, or one no doctor has checked, needs the emergency room now"),
    ("recent-danger", "overdose-now", "crisis",
     "an overdose in the last two days, or one no doctor has checked, needs the emergency room now: some drugs "
     "harm hours later and naloxone wears off"),
    ("self-harm", "thoughts", "urgent", "thoughts of suicide need the help lines on screen at once"),
    ("self-harm", "not-sure", "urgent", "not being sure about thoughts of suicide needs the help lines on screen at once"),
    ("harm-others", "thoughts", "urgent", "thoughts of hurting others need the help lines on screen at once"),
    ("harm-others", "not-sure", "urgent", "not being sure about thoughts of hurting others needs help lines at once"),
    ("recent-danger", "attempt", "urgent", "the risk of suicide is highest in the weeks after an attempt"),
    ("recent-danger", "overdose", "urgent", "the risk of death is high in the weeks after an overdose"),
    ("psychosis", "yes", "urgent", "signs of psychosis or mania need a doctor soon"),
    ("psychosis", "not-sure", "urgent", "possible psychosis or mania needs a doctor soon"),
)

CRISIS = (
    ({"self-harm": "plan"}, "lifeline", "988 is the line for suicidal thoughts; the result names 911 too"),
    ({"harm-others": "plan"}, "emergency", "harm to others now needs 911"),
    ({"withdrawal": "severe-now"}, "emergency", "severe withdrawal is a medical emergency"),
    ({"recent-danger": "attempt-now"}, "emergency", "an attempt today needs the emergency room, even if you feel fine"),
    ({"recent-danger": "overdose-now"}, "emergency", "an overdose today needs the emergency room, even if you feel fine"),
    ({"perinatal": "postpartum", "psychosis": "yes"}, "emergency",
     "psychosis or mania after a birth is an emergency for the parent and the baby"),
    ({"perinatal": "postpartum", "psychosis": "not-sure"}, "emergency",
     "possible psychosis or mania after a birth is an emergency for the parent and the baby"),
)

CAUTIONS = (
    ("lethal-means", {"self-harm": "plan"}, "the crisis result for a suicide plan must say to put means away"),
    ("lethal-means", {"self-harm": "thoughts"}, "suicidal thoughts: put means away, make a safety plan"),
    ("lethal-means", {"self-harm": "not-sure"}, "possible suicidal thoughts: put means away, make a safety plan"),
    ("lethal-means", {"recent-danger": "attempt-now"}, "after an attempt: put means away"),
    ("lethal-means", {"recent-danger": "attempt"}, "after an attempt: put means away"),
    ("lethal-means", {"harm-others": "plan"}, "harm to others: put weapons away"),
    ("overdose-today", {"recent-danger": "overdose-now"}, "go even if you feel fine: harm can come hours later"),
    ("overdose-today", {"recent-danger": "attempt-now"}, "an attempt by overdose can harm hours later"),
    ("psychosis-safety", {"psychosis": "yes"}, "what to do if voices say to hurt someone, or you cannot stay safe"),
    ("psychosis-safety", {"psychosis": "not-sure"}, "what to do if voices say to hurt someone, or you cannot stay safe"),
    ("overdose-prevention", {"use": "street"}, "street drugs and fake pills often hold fentanyl"),
    ("overdose-prevention", {"opioids": "daily"}, "opioid use: naloxone, never use alone"),
    ("overdose-prevention", {"opioids": "sometimes"}, "opioid use: naloxone, never use alone"),
    ("overdose-prevention", {"daily-sedatives": "pills-misuse"}, "pills not from a doctor may be fake and hold fentanyl"),
    ("overdose-prevention", {"age": "under-18", "use": "yes"}, "most teen overdose deaths involve fentanyl"),
    ("mixing", {"opioids": "prescribed", "daily-sedatives": "pills-prescribed"},
     "prescribed opioids with anxiety or sleeping pills can stop breathing"),
    ("mixing", {"opioids": "daily", "daily-sedatives": "alcohol-heavy"},
     "opioids with alcohol are a leading cause of overdose death"),
    ("mixing", {"opioids": "moud", "daily-sedatives": "pills-misuse"},
     "methadone or buprenorphine with sedatives can stop breathing"),
    ("lost-tolerance", {"use": "stopped"}, "after a break, the old amount can kill"),
    ("lost-tolerance", {"use": "restarted"}, "using again after a break: the old amount can kill"),
    ("mixing", {"daily-sedatives": "both"}, "alcohol with sleeping or anxiety pills can stop breathing"),
    ("do-not-stop-suddenly", {"daily-sedatives": "both"}, "stopping alcohol and sedatives at once can cause seizures"),
    ("do-not-stop-suddenly", {"daily-sedatives": "alcohol-heavy"}, "stopping heavy drinking at once can cause seizures"),
    ("do-not-stop-suddenly", {"daily-sedatives": "pills-misuse"}, "stopping sedatives at once can cause seizures"),
    ("prescribed-pills", {"daily-sedatives": "pills-prescribed"}, "prescribed sedatives must be tapered, not stopped"),
    ("teen-unsafe-home", {"age": "under-18", "home": "violence"}, "a teen in danger at home needs youth help lines"),
    ("teen-unsafe-home", {"age": "under-18", "home": "no-home"}, "a teen without a home needs youth help lines"),
)

ASKED = (
    ("self-harm", None, "thoughts of suicide must be asked of everyone"),
    ("recent-danger", None, "an attempt or overdose must be asked of everyone"),
    ("harm-others", None, "thoughts of harming others must be asked of everyone"),
    ("perinatal", None, "pregnancy and the year after a birth change what is safe for anyone"),
    ("psychosis", None, "psychosis or mania must be asked of everyone"),
    ("withdrawal", {"use": ["street", "yes", "restarted", "stopped"]},
     "anyone who drinks, uses or stopped not long ago can be in dangerous withdrawal"),
)

# A caution that must NOT show for these answers (it would send someone to unsafe help).
NEVER = (
    ("teen-family", {"age": "under-18", "home": "violence"},
     "do not tell a teen in danger at home that a parent takes part"),
    ("teen-family", {"age": "under-18", "home": "no-home"},
     "do not tell a teen without a home that a parent takes part"),
    ("violence-at-home", {"age": "under-18", "home": "violence"}, "teens get youth lines, not the adult line only"),
)


def _where_answer(quiz, qid, aid, where):
    qi = next((i for i, q in enumerate(quiz.questions) if q.id == qid), None)
    question = quiz.questions[qi] if qi is not None else None
    ai = next((j for j, a in enumerate(question.answers) if a.id == aid), None) if question else None
    return qi, ai, where(qi, ai) if ai is not None else where(qi, None)


def _shown(answers):
    return "{" + ", ".join(f"{q}: {a}" for q, a in answers.items()) + "}"


def check(quiz, problems, where, rule_where, caution_where):
    """Add a problem for each contract entry the quiz breaks.

    where(question_index, answer_index or None), rule_where(rule_index) and
    caution_where(caution_index) give the key paths for messages."""
    for qid, aid, flag, why in ANSWERS:
        qi, ai, path = _where_answer(quiz, qid, aid, where)
        if ai is None:
            problems.add(path, f"the safety contract needs answer '{aid}' in question '{qid}' ({why}), but it is "
                               f"missing; expected it to stay, marked {flag}: true. A developer must change "
                               "iopguide/continuum/contract.py if it really was renamed")
            continue
        answer = quiz.questions[qi].answers[ai]
        ok = answer.crisis if flag == "crisis" else (answer.urgent or answer.crisis)
        if not ok:
            problems.add(path + (flag,), f"answer '{aid}' of question '{qid}' must stay {flag}: true (safety contract, "
                                         f"iopguide/continuum/contract.py): {why}; put back `{flag}: true`")
    crisis = quiz.crisis_outcome
    first = min((r.priority for r in quiz.rules), default=1)
    for answers, line, why in CRISIS:
        missing = [(q, a) for q, a in answers.items() if _where_answer(quiz, q, a, where)[1] is None]
        if missing:
            continue                        # reported above, or by the condition checks
        fired = [(i, r) for i, r in enumerate(quiz.rules)
                 if crisis and r.outcome == crisis.id and r.priority == first and r.matches(answers)]
        if not fired:
            problems.add(("quiz", "rules"), f"the safety contract needs the answers {_shown(answers)} to lead to the "
                                            f"crisis outcome by a rule with priority {first} ({why}); expected such a "
                                            "rule. A developer must change iopguide/continuum/contract.py to change this")
            continue
        said = "emergency" if any(r.call_first == "emergency" for _, r in fired) else "lifeline"
        if said != line:
            i, rule = fired[0]
            problems.add(rule_where(i) + ("call_first",),
                         f"rule '{rule.id}' must put the {line} line first for {_shown(answers)} (safety contract: "
                         f"{why}); expected call_first: {line}")
    for qid, who, why in ASKED:
        qi, _, path = _where_answer(quiz, qid, None, where)
        if qi is None:
            continue                        # the ANSWERS entries report a missing question
        gate = dict(quiz.questions[qi].ask_if)
        if who is None and gate:
            problems.add(path + ("ask_if",), f"question '{qid}' must be asked of everyone (safety contract: {why}); "
                                             "expected no ask_if here")
        for gate_q, needed in (who or {}).items():
            if not gate:
                continue                    # asked of everyone: more than enough
            if set(gate) - {gate_q}:
                problems.add(path + ("ask_if",), f"question '{qid}' may only depend on {gate_q} (safety contract: "
                                                 f"{why}); expected ask_if to read no other question")
            missing = [a for a in needed if a not in gate.get(gate_q, ())]
            if missing:
                problems.add(path + ("ask_if",), f"question '{qid}' must be asked when {gate_q} is "
                                                 f"{', '.join(needed)} (safety contract: {why}); its ask_if leaves "
                                                 f"out {', '.join(missing)}")
    index = {c.id: i for i, c in enumerate(quiz.cautions)}
    for cid, answers, why in CAUTIONS:
        if cid not in index:
            problems.add(("quiz", "cautions"), f"the safety contract needs caution '{cid}' ({why}), but it is missing; "
                                               "expected it to stay. A developer must change "
                                               "iopguide/continuum/contract.py if it really was renamed")
        elif not quiz.cautions[index[cid]].matches(answers):
            problems.add(caution_where(index[cid]) + ("when_any",),
                         f"caution '{cid}' must show for {_shown(answers)} (safety contract: {why}); expected one of "
                         "its when_any conditions to match these answers")
    for cid, answers, why in NEVER:
        if cid in index and quiz.cautions[index[cid]].matches(answers):
            problems.add(caution_where(index[cid]) + ("when_any",),
                         f"caution '{cid}' must not show for {_shown(answers)} (safety contract: {why}); expected "
                         "its when_any conditions to leave these answers out")
