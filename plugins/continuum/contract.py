"""The safety contract: answers that must always stay `crisis` or `urgent`.

It lives in code, not in the data file, on purpose: an editor who sets one
of these to `crisis: false` (or removes `urgent: true`) in
content/data/continuum.yaml gets a build error naming the answer and why,
instead of a quiz that quietly stops showing help at once. Changing this list
is a clinical decision; it needs a developer and a clinical reviewer.

Each entry: (question id, answer id, flag, why). `urgent` is also met by
`crisis` (a crisis answer shows help at once too).
"""

CONTRACT = (
    ("self-harm", "plan", "crisis",
     "a plan or wish to end your life is danger now"),
    ("harm-others", "plan", "crisis",
     "someone who might act on thoughts of hurting others needs emergency help now"),
    ("withdrawal", "severe-now", "crisis",
     "seizures, hallucinations or deep confusion during withdrawal can kill within hours"),
    ("self-harm", "thoughts", "urgent",
     "thoughts of suicide need the help lines on screen at once"),
    ("self-harm", "not-sure", "urgent",
     "not being sure about thoughts of suicide needs the help lines on screen at once"),
    ("harm-others", "thoughts", "urgent",
     "thoughts of hurting others need the help lines on screen at once"),
    ("recent-danger", "attempt", "urgent",
     "the risk of suicide is highest in the weeks after an attempt"),
    ("recent-danger", "overdose", "urgent",
     "the risk of death is high in the weeks after an overdose"),
    ("psychosis", "yes", "urgent",
     "signs of psychosis or mania need a doctor soon"),
    ("psychosis", "not-sure", "urgent",
     "possible psychosis or mania needs a doctor soon"),
)


def check(quiz, problems, where):
    """Add a problem for each contract answer that is missing or lost its flag.

    quiz: the typed model's Quiz; where(question_index, answer_index or None)
    gives the key path for a message."""
    for qid, aid, flag, why in CONTRACT:
        qi = next((i for i, q in enumerate(quiz.questions) if q.id == qid), None)
        question = quiz.questions[qi] if qi is not None else None
        ai = next((j for j, a in enumerate(question.answers) if a.id == aid), None) if question else None
        if ai is None:
            problems.add(where(qi, None), f"the safety contract needs answer '{aid}' in question '{qid}' "
                         f"({why}), but it is missing; expected it to stay, marked {flag}: true. A developer "
                         "must change plugins/continuum/contract.py if it really was renamed")
            continue
        answer = question.answers[ai]
        ok = answer.crisis if flag == "crisis" else (answer.urgent or answer.crisis)
        if not ok:
            problems.add(where(qi, ai) + (flag,), f"answer '{aid}' of question '{qid}' must stay {flag}: true "
                         f"(safety contract, plugins/continuum/contract.py): {why}; put back `{flag}: true`")
