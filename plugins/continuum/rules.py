"""The reference rule evaluator, one set of answers at a time.

Same semantics as coverage.py (all combinations at once) and as the page's
engine (theme/static/js/quiz/engine.js); the tests run all three over every
combination and require them to agree.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    outcome: str        # outcome id
    priority: int       # the priority that decided
    rules: tuple        # ids of the rules that fired at that priority (their reasons are shown)


class AmbiguousAnswers(Exception):
    """Rules at the deciding priority disagree (validation prevents this)."""


def evaluate(quiz, answers):
    """answers: {question_id: answer_id}; unanswered questions match no condition.

    Returns a Result, or None when no rule matches.
    """
    fired = []
    for rule in sorted(quiz.rules, key=lambda r: r.priority):   # stable: file order within a priority
        if fired and rule.priority != fired[0].priority:
            break
        if rule.matches(answers):
            fired.append(rule)
    if not fired:
        return None
    outcomes = {r.outcome for r in fired}
    if len(outcomes) > 1:
        raise AmbiguousAnswers(f"rules {', '.join(r.id for r in fired)} disagree: {sorted(outcomes)}")
    return Result(outcome=fired[0].outcome, priority=fired[0].priority, rules=tuple(r.id for r in fired))
