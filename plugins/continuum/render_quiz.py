"""Render the self-check (the <!-- continuum:quiz --> marker): server-side
HTML that works without JavaScript, plus the JSON the page's engine reads."""

import json

from .templates_env import environment

LINE_KEYS = ("lifeline", "emergency", "helpline")  # the numbers: CRISIS_LINES in pelicanconf.py only


def _lines(given):
    """The three public lines from the settings' CRISIS_LINES, each with a dialable 'tel'."""
    lines = {}
    for key in LINE_KEYS:
        line = dict(given[key])
        line.setdefault("tel", line["number"])
        lines[key] = line
    return lines


def engine_data(model):
    """The quiz as the JavaScript engine and UI read it (ids and plain text only)."""
    quiz = model.quiz
    rules = sorted(quiz.rules, key=lambda r: r.priority)      # stable: file order within a priority
    return {
        "minutes": quiz.minutes,
        "questions": [
            {"id": q.id, "text": q.text, "hint": q.hint,
             "answers": [{"id": a.id, "text": a.text, "crisis": a.crisis, "urgent": a.urgent} for a in q.answers]}
            for q in quiz.questions],
        "outcomes": [{"id": o.id, "kind": o.kind, "title": o.title} for o in quiz.outcomes],
        "rules": [{"id": r.id, "priority": r.priority, "when": {k: list(v) for k, v in r.when},
                   "outcome": r.outcome, "reason": r.reason} for r in rules],
    }


def json_for_script(value):
    """JSON that is safe inside <script type="application/json">: no '<', '>'
    or '&' can close the element or start a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(model, links, titles, crisis_lines=None, quiz_id="continuum-quiz"):
    """HTML for the quiz. links: {slug: href}; titles: {slug: page title}."""
    from markupsafe import Markup

    quiz = model.quiz
    questions = []
    for q in quiz.questions:
        signals = [a.text for a in q.answers if a.crisis or a.urgent]
        questions.append({"id": q.id, "text": q.text, "hint": q.hint, "answers": q.answers, "signals": signals})
    outcomes_by_id = {}
    outcomes = []
    for o in quiz.outcomes:
        item = {"id": o.id, "kind": o.kind, "title": o.title, "summary": o.summary, "next_steps": o.next_steps,
                "level": model.level(o.level) if o.level else None,
                "href": links.get(o.page), "page_title": titles.get(o.page, o.page)}
        outcomes.append(item)
        outcomes_by_id[o.id] = item
    rules = []
    for r in sorted(quiz.rules, key=lambda r: r.priority):
        conditions = []
        for qid, allowed in r.when:
            question = quiz.question(qid)
            conditions.append({"question": question.text,
                               "answers": [question.answer(a).text for a in allowed]})
        outcome = outcomes_by_id[r.outcome]
        rules.append({"id": r.id, "conditions": conditions, "outcome": outcome, "reason": r.reason,
                      "crisis": outcome["kind"] == "crisis"})
    return environment().get_template("quiz.html").render(
        quiz_id=quiz_id, questions=questions, rules=rules, outcomes=outcomes, minutes=quiz.minutes,
        lines=_lines(crisis_lines), data_json=Markup(json_for_script(engine_data(model))))
