"""The next-steps sheet: which of quiz.sheet's items a visitor sees.

The same rule runs in the browser (theme/static/js/tools/sheet.js); the tests
hold the two equal for every persona and random answer sets.

An item shows with a result when
  1. its `outcomes` list that result, or it has no `outcomes` and the result
     is not the crisis one (nothing to shop for in a crisis: only items that
     name the crisis outcome show there); and
  2. it has neither `when_any` nor `needs` (it is for everyone), or one of its
     `when_any` alternatives matches the answers the visitor was asked, or the
     visitor ticked one of its `needs`.
Answers count only for questions the visitor was asked (rules.asked_answers),
as for cautions: a question the quiz skipped has no answer.
"""

from . import rules as rules_mod


def _holds(alternative, given):
    return all(given.get(q) in allowed for q, allowed in alternative)


def shows(item, outcome, given, needs=(), crisis_id="crisis"):
    """Does `item` show with `outcome` (an outcome id) for these asked answers and ticked needs?"""
    if item.outcomes:
        if outcome not in item.outcomes:
            return False
    elif outcome == crisis_id:
        return False
    if not item.when_any and not item.needs:
        return True
    return any(_holds(alt, given) for alt in item.when_any) or any(n in needs for n in item.needs)


def items_for(quiz, answers, needs=()):
    """(result, [item ids]) for a visitor's answers ({question: answer}) and ticked needs, in file order."""
    result = rules_mod.evaluate(quiz, answers)
    if result is None:
        return None, []
    given = rules_mod.asked_answers(quiz, answers)
    crisis = quiz.crisis_outcome
    crisis_id = crisis.id if crisis else None
    return result, [i.id for i in quiz.sheet.items if shows(i, result.outcome, given, needs, crisis_id)]
