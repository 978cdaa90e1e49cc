"""Render the self-check from the checked model, in two forms:

- the start panel (<!-- continuum:quiz -->, on the self-check page) and the
  quiz's data as a small ES module next to that page (quiz-data.js), which
  runs theme/static/js/quiz/quiz.js: one question per screen;
- the printable guide (<!-- continuum:quiz-guide -->, on its own page): every
  question and a decision guide made from the rules, for visitors without
  JavaScript and for print; and what each result means
  (<!-- continuum:quiz-results -->, on a page of its own): the cautions and
  every outcome with its next steps.

Both come from the same model in the same build, so they cannot disagree
(tests/unit/test_quiz_render.py holds the guide's markup equal to the data).
Keeping the guide and the results on pages of their own keeps each page's
first response within the 14 KB budget (bench/bench.py).
"""

import json
import posixpath
import re
from urllib.parse import quote

from .rules import skip_plan
from .templates_env import environment
from .text import source_links, strings

BETWEEN_TAGS = re.compile(r">\n[ \t]+<")
HELP_LINES = ("lifeline", "emergency", "helpline")   # the help lines every danger screen shows
LINE_ORDER = {"lifeline": ("lifeline", "emergency", "helpline"),
              "emergency": ("emergency", "lifeline", "helpline")}

# The words quiz.js adds itself (buttons, headings), in the page's language.
UI_KEYS = ("js_back", "js_question", "js_continue", "js_danger_lead", "js_talk_lead", "js_error_prefix",
           "js_select_answer", "js_error_status", "js_change", "js_change_hidden", "js_check_title",
           "js_see_result", "js_important", "js_why", "js_also", "js_result", "js_your_answers",
           "js_not_diagnosis", "js_guide", "js_print", "js_start_again", "quiz_level_to_ask", "quiz_next_steps",
           "quiz_source", "quiz_sources_show", "quiz_read_more", "js_call", "js_text", "js_printed_on")


def lines_for(given, t):
    """Every public line from the settings' CRISIS_LINES, each with a dialable 'tel'.
    In another language the names come from the strings (lines_name_<key>) where they exist."""
    lines = {}
    for key, line in given.items():
        line = dict(line)
        line.setdefault("tel", line["number"])
        if getattr(t, "lang", "en") != "en" and key in ("lifeline", "helpline"):
            line["name"] = t(f"lines_name_{key}")
        lines[key] = line
    return lines


def _numbers(lines):
    """{number as written in a text: (href, number)} for every help line."""
    out = {}
    for line in lines.values():
        out[line["number"]] = (f"tel:{line['tel']}", line["number"])
        if line.get("sms_number"):
            out[line["sms_number"]] = (f"sms:{line['sms']}", line["sms_number"])
    return out


def segments(text, lines):
    """A text as a list of plain strings and {"t": number, "href": "tel:..."}
    links: every help-line number in it becomes tappable (validate.py refuses
    any number that is not a help line)."""
    numbers = _numbers(lines)
    if not numbers:
        return [text]
    pattern = re.compile(r"(?<![\d-])(" + "|".join(re.escape(n) for n in sorted(numbers, key=len, reverse=True))
                         + r")(?![\d-])")
    out = []
    last = 0
    for m in pattern.finditer(text):
        if m.start() > last:
            out.append(text[last:m.start()])
        href, number = numbers[m.group(1)]
        out.append({"t": number, "href": href})
        last = m.end()
    if last < len(text):
        out.append(text[last:])
    return out


def as_markup(parts, css="quiz-phone"):
    """Segments as escaped HTML with links."""
    from markupsafe import Markup, escape
    html = []
    for part in parts:
        if isinstance(part, str):
            html.append(str(escape(part)))
        else:
            html.append(f'<a class="{css}" href="{escape(part["href"])}">{escape(part["t"])}</a>')
    return Markup("".join(html))


def linked_phones(text, lines):
    """Escaped text with each help-line number as a link (tel:, or sms: for a text-only number)."""
    return as_markup(segments(text, lines))


def rich(t, key, **links):
    """A string from the catalogue with links in its {placeholders}, as segments."""
    text = t(key, **{name: f"\x00{name}\x00" for name in links})
    out = []
    for i, part in enumerate(text.split("\x00")):
        if i % 2:
            out.append(links[part])
        elif part:
            out.append(part)
    return out


def help_lines(lines, t):
    """[{key, name, parts}] for the three lines every danger screen shows (lines.html's words)."""
    body = t("lifeline_sms_body")    # Spanish: AYUDA, filled in when the phone opens the message

    def link(key, how="tel"):
        line = lines[key]
        if how == "tel":
            return {"t": line["number"], "href": f"tel:{line['tel']}"}
        return {"t": line["number"], "href": f"sms:{line['sms']}" + (f"?&body={quote(body)}" if body else "")}

    return [
        {"key": "lifeline", "name": lines["lifeline"]["name"] + ":",
         "parts": rich(t, "lines_lifeline", call=link("lifeline"), text=link("lifeline", "sms"))},
        {"key": "emergency", "name": t("lines_danger"), "parts": rich(t, "lines_emergency", call=link("emergency"))},
        {"key": "helpline", "name": lines["helpline"]["name"] + ":",
         "parts": rich(t, "lines_helpline", call=link("helpline"))},
    ]


def _compact(value):
    """Drop empty and false fields: the engine reads a missing key as false or empty."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v not in (None, False, {}, [], "")}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def engine_data(model):
    """The quiz's logic as the JavaScript engine takes it: ids, flags and rules, no words.
    app_data() carries exactly this plus the words; the guide page's markup says the
    same (tests hold them equal); the JS engine's parity tests are fed it directly."""
    quiz = model.quiz
    rules = sorted(quiz.rules, key=lambda r: r.priority)      # stable: file order within a priority
    crisis = {r.id for r in quiz.crisis_rules}
    plan = skip_plan(quiz)
    return _compact({
        "questions": [
            {"id": q.id, "ask_if": {k: list(v) for k, v in q.ask_if}, "skip_below": plan.get(q.id),
             "answers": [{"id": a.id, "crisis": a.crisis, "urgent": a.urgent} for a in q.answers]}
            for q in quiz.questions],
        "outcomes": [{"id": o.id, "kind": o.kind} for o in quiz.outcomes],
        "rules": [{"id": r.id, "priority": r.priority, "when": {k: list(v) for k, v in r.when},
                   "outcome": r.outcome, "call_first": r.call_first if r.id in crisis else None} for r in rules],
        "cautions": [{"id": c.id, "when_any": [{k: list(v) for k, v in alt} for alt in c.when_any]}
                     for c in quiz.cautions],
    })


def step_actions(step, lines, links, titles, t):
    """The buttons and links of a next step: [{kind: call|sms|page, label, href}]."""
    out = []
    if step.call:
        line = lines[step.call]
        out.append({"kind": "call", "label": t("js_call", number=line["number"]), "href": f"tel:{line['tel']}"})
    if step.sms:
        line = lines[step.sms]
        number = line.get("sms_number") or line["number"]
        out.append({"kind": "sms", "label": t("js_text", number=number), "href": f"sms:{line['sms']}"})
    if step.page and links.get(step.page):
        out.append({"kind": "page", "label": titles.get(step.page, step.page), "href": links[step.page]})
    return out


def app_data(model, links, titles, lines, sources=None, t=None, guide_href=None):
    """Everything quiz.js needs, in the page's language: engine_data() plus the words."""
    t = strings(t)
    quiz = model.quiz
    logic = engine_data(model)
    words_q = {q.id: q for q in quiz.questions}
    for q in logic["questions"]:
        source = words_q[q["id"]]
        q["text"] = source.text
        if source.hint:
            q["hint"] = source.hint
        for a in q["answers"]:
            a["text"] = source.answer(a["id"]).text
    rule_words = {r.id: r.reason for r in quiz.rules}
    for r in logic["rules"]:
        r["reason"] = rule_words[r["id"]]
    by_id = {o.id: o for o in quiz.outcomes}
    for o in logic["outcomes"]:
        source = by_id[o["id"]]
        level = model.level(source.level) if source.level else None
        o.update(_compact({
            "title": source.title, "summary": source.summary, "help_lines": source.help_lines,
            "level": {"name": level.name, "asam": level.asam} if level else None,
            "steps": [{"text": s.text, "actions": step_actions(s, lines, links, titles, t)} for s in source.next_steps],
            "page": {"href": links.get(source.page), "title": titles.get(source.page, source.page)}
            if links.get(source.page) else None}))
    caution_words = {c.id: c for c in quiz.cautions}
    for c in logic["cautions"]:
        source = caution_words[c["id"]]
        c.update(_compact({
            "title": source.title, "text": segments(source.text, lines),
            "sources": [{"text": s["text"], "href": s["url"]} for s in source_links(source.source, sources)],
            "page": {"href": links.get(source.page), "title": titles.get(source.page, source.page)}
            if source.page and links.get(source.page) else None}))
    logic["lines"] = help_lines(lines, t)
    if quiz.sheet.items:
        # the next-steps sheet (tools/sheet.js builds it on every result)
        logic["sheet"] = sheet_data(model, links, titles, lines, sources, t)
    logic["ui"] = {k: t(k) for k in UI_KEYS}
    logic["lang"] = getattr(t, "lang", "en")
    if guide_href:
        logic["guide"] = guide_href
    return logic


def json_for_script(value):
    """JSON that is safe inside a script: no '<', '>' or '&' can close an
    element or start a comment, and no line separators break a string."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


MODULE_HEAD = ("// The self-check's words and rules for one page, made by iopguide/continuum from\n"
               "// content/data/continuum.yaml (and its translation). Do not edit: rebuild.\n")


def module_source(data, quiz_js):
    """The ES module a self-check page loads: it starts quiz.js with this page's data.
    quiz_js: the address of quiz.js relative to the module."""
    return f'{MODULE_HEAD}import {{ start }} from "{quiz_js}";\nstart({json_for_script(data)});\n'


def module_paths(page_save_as, theme_js):
    """(where the page's data module is saved, the import path of quiz.js from it)."""
    folder = posixpath.dirname(page_save_as)
    module = posixpath.join(folder, "quiz-data.js")
    return module, posixpath.relpath(theme_js, folder or ".")


def _conditions(quiz, when, t):
    """[{qid, ids, ref, answers}] for a `when`: ref names the question by its
    number ("question 7"), so the printed guide stays short."""
    number = {q.id: n for n, q in enumerate(quiz.questions, 1)}
    out = []
    for qid, allowed in when:
        question = quiz.question(qid)
        out.append({"qid": qid, "ids": " ".join(allowed), "ref": t("quiz_question_ref", n=number[qid]),
                    "answers": [question.answer(a).text for a in allowed]})
    return out


def _danger_notes(quiz, q, index, t):
    """What the guide says above a question's answers: which answers mean get
    help now, and the crisis combinations this question completes."""
    order = {qq.id: i for i, qq in enumerate(quiz.questions)}
    notes = []
    signals = [a.text for a in q.answers if a.crisis or a.urgent]
    combos = [r for r in quiz.crisis_rules if len(r.when) > 1 and max(order[k] for k, _ in r.when) == index]
    first = "lifeline"
    for r in quiz.crisis_rules:
        if any(k == q.id for k, _ in r.when) and r.call_first == "emergency":
            first = "emergency"
    if signals:
        notes.append(t("quiz_signals", answers=t("quiz_or").join(signals)))
    for r in combos:
        earlier = [c for c in _conditions(quiz, r.when, t) if c["qid"] != q.id]
        here = next(c for c in _conditions(quiz, r.when, t) if c["qid"] == q.id)
        notes.append(t("quiz_signals_combo", answers=t("quiz_or").join(here["answers"]),
                       before=t("quiz_and").join(t("quiz_your_answer", question=c["ref"],
                                                   answers=t("quiz_or").join(c["answers"])) for c in earlier)))
    return notes, LINE_ORDER[first]


def care_of(outcome):
    """The care card a result is shown as (docs/editing.md): emergency for the
    crisis result, urgent when it shows the help lines, else non-urgent."""
    return "emergency" if outcome.kind == "crisis" else "urgent" if outcome.help_lines else "non-urgent"


def _outcomes(model, links, titles, lines, t):
    out = []
    for o in model.quiz.outcomes:
        steps = [{"text": s.text, "actions": step_actions(s, lines, links, titles, t)} for s in o.next_steps]
        actions = [a for s in steps for a in s["actions"]]
        for i, action in enumerate(actions):
            action["primary"] = i == 0        # the first action is the main one (quiz.js does the same)
        out.append({"id": o.id, "kind": o.kind, "care": care_of(o), "title": o.title, "summary": o.summary,
                    "steps": steps, "level": model.level(o.level) if o.level else None, "help_lines": o.help_lines,
                    "href": links.get(o.page), "page_title": titles.get(o.page, o.page)})
    return out


def render_guide(model, links, titles, crisis_lines, results_href, quiz_id="continuum-guide", t=None):
    """HTML for the printable self-check: every question and the decision guide.
    links: {slug: href}; titles: {slug: page title}; results_href: the results
    page (what each result means); t: the theme's strings in the page's language."""
    from markupsafe import Markup

    t = strings(t)
    lines = lines_for(crisis_lines, t)
    quiz = model.quiz
    plan = skip_plan(quiz)
    questions = []
    for index, q in enumerate(quiz.questions):
        notes, order = _danger_notes(quiz, q, index, t)
        ask_if = _conditions(quiz, q.ask_if, t)
        for cond, (qid, allowed) in zip(ask_if, q.ask_if):
            # "Skip this if ..." reads better when fewer answers skip than ask (a crisis answer ends the check anyway).
            others = [a.text for a in quiz.question(qid).answers if a.id not in allowed and not a.crisis]
            cond["skip"] = others if len(others) < len(allowed) else None
        questions.append({"id": q.id, "text": q.text, "hint": q.hint, "answers": q.answers, "notes": notes,
                          "order": order, "ask_if": ask_if, "skip_below": plan.get(q.id)})
    outcomes = {o["id"]: o for o in _outcomes(model, links, titles, lines, t)}
    crisis = {r.id for r in quiz.crisis_rules}
    rules = [{"id": r.id, "priority": r.priority, "conditions": _conditions(quiz, r.when, t),
              "outcome": outcomes[r.outcome], "reason": r.reason, "crisis": r.id in crisis,
              "call_first": r.call_first if r.id in crisis else None}
             for r in sorted(quiz.rules, key=lambda r: r.priority)]
    html = environment().get_template("guide.html").render(
        quiz_id=quiz_id, questions=questions, rules=rules, minutes=quiz.minutes, results_href=results_href,
        lines=help_lines(lines, t), t=t, as_markup=as_markup, unwell=unwell(lines, t))
    # The template's indentation is for editors; between tags one newline renders the same.
    return Markup(BETWEEN_TAGS.sub(">\n<", html))


def render_results(model, links, titles, crisis_lines, quiz_id="continuum-results", sources=None, t=None):
    """HTML for what each result means: the cautions, then every outcome with its next steps."""
    from markupsafe import Markup

    t = strings(t)
    lines = lines_for(crisis_lines, t)
    quiz = model.quiz
    cautions = [{"id": c.id, "title": c.title, "text": linked_phones(c.text, lines),
                 "alternatives": [_conditions(quiz, alt, t) for alt in c.when_any],
                 "sources": source_links(c.source, sources),
                 "href": links.get(c.page) if c.page else None, "page_title": titles.get(c.page, c.page)}
                for c in quiz.cautions]
    html = environment().get_template("results.html").render(
        quiz_id=quiz_id, outcomes=_outcomes(model, links, titles, lines, t), cautions=cautions,
        lines=help_lines(lines, t), order=LINE_ORDER["lifeline"], t=t, as_markup=as_markup,
        sheet_href=links.get("self-check-sheet") if model.quiz.sheet.items else None,
        # The sources are English documents: marked so on a page in another language (WCAG 3.1.2).
        source_lang=Markup(' lang="en"') if getattr(t, "lang", "en") != "en" else "")
    return Markup(BETWEEN_TAGS.sub(">\n<", html))


def unwell(lines, t):
    """The intro's line for someone who took too much of something: 911 and Poison Help, tappable."""
    def link(key):
        return {"t": lines[key]["number"], "href": f"tel:{lines[key]['tel']}"}
    return as_markup(rich(t, "quiz_intro_unwell", emergency=link("emergency"), poison=link("poison")), "")


def render_start(model, guide_href, crisis_lines, quiz_id="continuum-quiz", t=None):
    """HTML for the self-check page's start panel: what to expect, and Start
    (a link to the printable guide that quiz.js turns into the first question)."""
    from markupsafe import Markup

    t = strings(t)
    html = environment().get_template("start.html").render(
        quiz_id=quiz_id, minutes=model.quiz.minutes, count=len(model.quiz.questions), guide_href=guide_href, t=t,
        unwell=unwell(lines_for(crisis_lines, t), t))
    return Markup(BETWEEN_TAGS.sub(">\n<", html))


# ---- The "My next steps" sheet in the data module (render_sheet.py prints it) ----
# The pages the sheet points to (their slugs in content/pages/), in the order shown.
TOOL_SLUGS = ("call-scripts", "letters", "option-grid")
SHEET_SLUG = "self-check-sheet"
# The words sheet.js adds itself (content/data/strings.yaml), in the page's language.
SHEET_UI_KEYS = ("sheet_title", "sheet_lead", "sheet_result", "sheet_needs", "sheet_needs_hint", "sheet_compare",
                 "sheet_compare_caption", "sheet_program", "sheet_row_name", "sheet_row_own", "sheet_row_notes",
                 "sheet_question", "sheet_tools", "sheet_print", "sheet_added", "sheet_private", "sheet_none",
                 "sheet_group_programs", "sheet_group_insurer", "sheet_group_waiting")


def _sources(keys, sources):
    """[{text: the publisher, title: publisher and title, href}]: short words for a sheet line."""
    out = []
    for key, s in zip(keys, source_links(keys, sources)):
        entry = (sources or {}).get(key) or {}
        out.append({"text": str(entry.get("publisher") or s["text"]), "title": s["text"], "href": s["url"]})
    return out


def _tools(links, titles):
    return [{"href": links[slug], "title": titles.get(slug, slug)} for slug in TOOL_SLUGS if links.get(slug)]


def sheet_data(model, links, titles, lines, sources=None, t=None):
    """The sheet in the data module: needs, items (text as segments, so help-line numbers are links),
    the tool pages and the printable page, and the words sheet.js adds."""
    sheet = model.quiz.sheet
    items = []
    for item in sheet.items:
        entry = {"id": item.id, "group": item.group, "text": segments(item.text, lines)}
        if item.when_any:
            entry["when_any"] = [{k: list(v) for k, v in alt} for alt in item.when_any]
        if item.needs:
            entry["needs"] = list(item.needs)
        if item.outcomes:
            entry["outcomes"] = list(item.outcomes)
        if item.source:
            entry["sources"] = _sources(item.source, sources)
        items.append(entry)
    out = {"needs": [{"id": n.id, "text": n.text} for n in sheet.needs], "items": items,
           "tools": _tools(links, titles), "ui": {k: t(k) for k in SHEET_UI_KEYS}}
    if links.get(SHEET_SLUG):
        out["printable"] = links[SHEET_SLUG]
    return out
