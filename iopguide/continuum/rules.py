"""The reference rule evaluator, one visitor at a time.

Same semantics as coverage.py (every visitor path at once) and as the page's
engine (the engine part of theme/static/js/quiz/quiz.js); the tests run all three and require
them to agree.

A visitor sees the questions in order, one a screen. A question is not asked
(its answer, if any, is ignored) when:
  1. the answers so far match a crisis rule (a rule that leads to the crisis
     outcome: a crisis answer, or a combination such as psychosis after a
     birth): the result shows at once;
  2. its `ask_if` does not hold for the answers given so far;
  3. it cannot change the result any more: it triggers no caution, gates no
     other question, has no crisis or urgent answer, and a rule that already
     matched has a lower priority number than every rule that reads it
     (its `skip_below`, see skip_plan()).
Then rules are checked by priority, lowest number first; the first priority
with a matching rule decides (its rules must agree). Every other rule that
matched is listed too (`also`), and every caution whose conditions match.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    outcome: str        # outcome id
    priority: int       # the priority that decided
    rules: tuple        # ids of the rules that fired at that priority (their reasons come first)
    also: tuple = ()    # ids of the other rules that matched, in priority order
    cautions: tuple = ()  # ids of the cautions that apply
    asked: tuple = ()   # ids of the questions the visitor was asked


class AmbiguousAnswers(Exception):
    """Rules at the deciding priority disagree (validation prevents this)."""


def skip_plan(quiz):
    """{question id: priority} for questions that may be skipped once a rule
    with a lower priority number has matched; other questions are always asked
    (subject to ask_if and a crisis answer).

    Worked out once per quiz and kept on it (as functools.cached_property
    keeps a value): a cache keyed by the quiz would hash the whole frozen
    quiz on every call, which cost more than evaluating the answers."""
    plan = quiz.__dict__.get("_skip_plan")
    if plan is None:
        plan = _skip_plan(quiz)
        object.__setattr__(quiz, "_skip_plan", plan)
    return plan


def _skip_plan(quiz):
    gates = {qid for q in quiz.questions for qid, _ in q.ask_if}
    cautioned = {qid for c in quiz.cautions for alt in c.when_any for qid, _ in alt}
    plan = {}
    for q in quiz.questions:
        used = [r.priority for r in quiz.rules if any(qid == q.id for qid, _ in r.when)]
        flagged = any(a.crisis or a.urgent for a in q.answers)
        if used and q.id not in gates and q.id not in cautioned and not flagged:
            plan[q.id] = min(used)
    return plan


def _matches(when, answers):
    return all(answers.get(q) in allowed for q, allowed in when)


def asked_answers(quiz, answers, plan=None, stop_and_skip=True):
    """The answers a visitor following the quiz would have given: {question id: answer id}.

    stop_and_skip=False applies `ask_if` only (questions that do not apply):
    no stop at a crisis answer, no skipping of questions that no longer matter."""
    plan = (skip_plan(quiz) if plan is None else plan) if stop_and_skip else {}
    crisis_rules = quiz.crisis_rules
    given = {}
    for q in quiz.questions:
        if q.ask_if and not _matches(q.ask_if, given):
            continue
        below = plan.get(q.id)
        if below is not None and any(r.priority < below and _matches(r.when, given) for r in quiz.rules):
            continue
        if q.id in answers:
            given[q.id] = answers[q.id]
            if stop_and_skip and any(_matches(r.when, given) for r in crisis_rules):
                break
    return given


def evaluate(quiz, answers, skipping=True):
    """answers: {question_id: answer_id}; unanswered questions match no condition.

    skipping=False counts every answer to a question that applies (only
    `ask_if` hides questions): no stop at a crisis answer, no skipping of
    questions that no longer matter. Returns a Result, or None when no rule matches.
    """
    given = asked_answers(quiz, answers, stop_and_skip=skipping)
    matched = [r for r in sorted(quiz.rules, key=lambda r: r.priority) if _matches(r.when, given)]  # stable
    if not matched:
        return None
    top = matched[0].priority
    fired = [r for r in matched if r.priority == top]
    outcomes = {r.outcome for r in fired}
    if len(outcomes) > 1:
        raise AmbiguousAnswers(f"rules {', '.join(r.id for r in fired)} disagree: {sorted(outcomes)}")
    return Result(outcome=fired[0].outcome, priority=top, rules=tuple(r.id for r in fired),
                  also=tuple(r.id for r in matched if r.priority != top),
                  cautions=tuple(c.id for c in quiz.cautions if c.matches(given)),
                  asked=tuple(q.id for q in quiz.questions if q.id in given))
