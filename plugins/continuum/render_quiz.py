"""Render the self-check (the <!-- continuum:quiz --> marker): server-side
HTML that works without JavaScript and is also the data quiz.js reads (see
templates/quiz.html), plus the script's button words as JSON."""

import json
import re

from .rules import skip_plan
from .templates_env import environment

BETWEEN_TAGS = re.compile(r">\n[ \t]+<")
LINE_KEYS = ("lifeline", "emergency", "helpline")  # the numbers: CRISIS_LINES in pelicanconf.py only


def _lines(given, t=None):
    """The three public lines from the settings' CRISIS_LINES, each with a dialable 'tel'.
    In another language the names come from the strings (lines_name_<key>)."""
    lines = {}
    for key in LINE_KEYS:
        line = dict(given[key])
        line.setdefault("tel", line["number"])
        if t is not None and getattr(t, "lang", "en") != "en":
            line["name"] = t(f"lines_name_{key}") if key != "emergency" else line["name"]
        lines[key] = line
    return lines


# The words quiz.js adds itself (buttons, headings), sent as JSON in the page's language.
UI_KEYS = ("js_back", "js_start_title", "js_start", "js_question", "js_continue", "js_danger_lead", "js_talk_lead",
           "js_error_prefix", "js_select_answer", "js_error_status", "js_change", "js_change_hidden",
           "js_check_title", "js_see_result", "js_important", "js_why", "js_also", "js_result",
           "js_your_answers", "js_not_diagnosis", "js_guide", "js_print", "js_start_again")

LINE_ORDER = {"lifeline": ("lifeline", "emergency", "helpline"),
              "emergency": ("emergency", "lifeline", "helpline")}


def _compact(value):
    """Drop empty and false fields: the engine reads a missing key as false or empty."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v not in (None, False, {}, [], "")}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def engine_data(model):
    """The quiz's logic as the JavaScript engine takes it: ids, flags and rules, no words.
    quiz.js's readQuiz() reads exactly this from the rendered page (a browser test
    holds them equal); the JS engine's parity tests are fed it directly."""
    quiz = model.quiz
    rules = sorted(quiz.rules, key=lambda r: r.priority)      # stable: file order within a priority
    plan = skip_plan(quiz)
    return _compact({
        "questions": [
            {"id": q.id, "ask_if": {k: list(v) for k, v in q.ask_if}, "skip_below": plan.get(q.id),
             "answers": [{"id": a.id, "crisis": a.crisis, "urgent": a.urgent,
                          "call_first": a.call_first if (a.crisis or a.urgent) else None} for a in q.answers]}
            for q in quiz.questions],
        "outcomes": [{"id": o.id, "kind": o.kind} for o in quiz.outcomes],
        "rules": [{"id": r.id, "priority": r.priority, "when": {k: list(v) for k, v in r.when},
                   "outcome": r.outcome} for r in rules],
        "cautions": [{"id": c.id, "when_any": [{k: list(v) for k, v in alt} for alt in c.when_any]}
                     for c in quiz.cautions],
    })


def json_for_script(value):
    """JSON that is safe inside <script type="application/json">: no '<', '>'
    or '&' can close the element or start a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# National public lines only (the data file's words test allows no others).
PHONE = re.compile(r"(?<![\d-])(1-800-\d{3}-\d{4}|988|911|211|88788)(?![\d-])")


def linked_phones(text):
    """Escaped text with each national help line as a link (tel:, or sms: for
    the text-only 88788), so a phone can dial it in one tap."""
    from markupsafe import Markup, escape

    def link(match):
        number = match.group(1)
        scheme = "sms" if number == "88788" else "tel"
        dial = "+1" + number.replace("-", "")[1:] if number.startswith("1-800") else number
        return f'<a class="quiz-phone" href="{scheme}:{dial}">{number}</a>'

    return Markup(PHONE.sub(link, str(escape(text))))


def _conditions(quiz, when):
    out = []
    for qid, allowed in when:
        question = quiz.question(qid)
        out.append({"qid": qid, "ids": " ".join(allowed), "question": question.text,
                    "answers": [question.answer(a).text for a in allowed]})
    return out


def source_links(keys, sources):
    """[{key, text, url}] for source keys (text only when the list is not known)."""
    out = []
    for key in keys:
        entry = (sources or {}).get(key) or {}
        text = ", ".join(str(entry[f]) for f in ("publisher", "title") if entry.get(f)) or key
        out.append({"key": key, "text": text, "url": entry.get("url")})
    return out


def render(model, links, titles, crisis_lines=None, quiz_id="continuum-quiz", sources=None, t=None):
    """HTML for the quiz. links: {slug: href}; titles: {slug: page title}; sources: {key: entry};
    t: the theme's strings in the page's language (English when not given)."""
    from markupsafe import Markup

    from .render_table import strings
    t = strings(t)

    quiz = model.quiz
    plan = skip_plan(quiz)
    questions = []
    for q in quiz.questions:
        signals = [a.text for a in q.answers if a.crisis or a.urgent]
        first = "emergency" if any(a.call_first == "emergency" for a in q.answers if a.crisis) else "lifeline"
        ask_if = _conditions(quiz, q.ask_if)
        for cond, (qid, allowed) in zip(ask_if, q.ask_if):
            # "Skip this if ..." reads better when fewer answers skip than ask (a crisis answer ends the check anyway).
            others = [a.text for a in quiz.question(qid).answers if a.id not in allowed and not a.crisis]
            cond["skip"] = others if len(others) < len(allowed) else None
        questions.append({"id": q.id, "text": q.text, "hint": q.hint, "answers": q.answers, "signals": signals,
                          "order": LINE_ORDER[first], "ask_if": ask_if, "skip_below": plan.get(q.id)})
    outcomes_by_id = {}
    outcomes = []
    for o in quiz.outcomes:
        item = {"id": o.id, "kind": o.kind, "title": o.title, "summary": o.summary, "next_steps": o.next_steps,
                "level": model.level(o.level) if o.level else None, "help_lines": o.help_lines,
                "href": links.get(o.page), "page_title": titles.get(o.page, o.page)}
        outcomes.append(item)
        outcomes_by_id[o.id] = item
    rules = []
    for r in sorted(quiz.rules, key=lambda r: r.priority):
        outcome = outcomes_by_id[r.outcome]
        rules.append({"id": r.id, "priority": r.priority, "conditions": _conditions(quiz, r.when), "outcome": outcome,
                      "reason": r.reason,
                      "crisis": outcome["kind"] == "crisis"})
    cautions = [{"id": c.id, "title": c.title, "text": linked_phones(c.text),
                 "alternatives": [_conditions(quiz, alt) for alt in c.when_any],
                 "sources": source_links(c.source, sources),
                 "href": links.get(c.page) if c.page else None, "page_title": titles.get(c.page, c.page)}
                for c in quiz.cautions]
    html = environment().get_template("quiz.html").render(
        quiz_id=quiz_id, questions=questions, rules=rules, outcomes=outcomes, minutes=quiz.minutes,
        cautions=cautions, lines=_lines(crisis_lines, t), order=LINE_ORDER["lifeline"], t=t,
        # The sources are English documents: marked so on a page in another language (WCAG 3.1.2).
        source_lang=Markup(' lang="en"') if getattr(t, "lang", "en") != "en" else "",
        ui_json=Markup(json_for_script({k: t(k) for k in UI_KEYS})))
    # The template's indentation is for editors; between tags one newline renders the same.
    return Markup(BETWEEN_TAGS.sub(">\n<", html))
