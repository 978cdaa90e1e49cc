"""Render the "My next steps" sheet from quiz.sheet, two ways from one model:

- sheet_data(): the sheet's items and words for the self-check's data module
  (quiz-data.js); theme/static/js/tools/sheet.js builds the sheet on every
  result, tailored to the answers (plugins/continuum/sheet.py is the same rule);
- render_sheet(): the printable sheet without JavaScript
  (<!-- continuum:quiz-sheet -->, a page of its own): every item with who it
  is for, tick boxes, and the columns to compare three programs.

Tests hold the printed page's items equal to the data module's.
"""

from .render_quiz import BETWEEN_TAGS, as_markup, help_lines, lines_for, segments, source_links
from .templates_env import environment

GROUPS = ("programs", "insurer", "waiting")
# The pages the sheet points to (their slugs in content/pages/), in the order shown.
TOOL_SLUGS = ("call-scripts", "letters", "option-grid")
SHEET_SLUG = "self-check-sheet"
# The words sheet.js adds itself (content/data/strings.yaml), in the page's language.
UI_KEYS = ("sheet_title", "sheet_lead", "sheet_result", "sheet_needs", "sheet_needs_hint", "sheet_compare",
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
           "tools": _tools(links, titles), "ui": {k: t(k) for k in UI_KEYS}}
    if links.get(SHEET_SLUG):
        out["printable"] = links[SHEET_SLUG]
    return out


def _condition_words(quiz, item, t):
    """What the printed sheet says about who an item is for ("If your answer to question 9 was ...,
    or if this fits you: ..."), or "" when it is for everyone."""
    from markupsafe import escape

    from .render_quiz import _conditions
    # Markup all the way: t() with values escapes them and returns Markup, but t() without
    # values is plain text; joining with it gave plain text that the template escaped a
    # second time ("I&#39;m not sure" on the page).
    parts = []
    for alt in item.when_any:
        parts.append(escape(t("quiz_and")).join(
            t("quiz_your_answer", question=c["ref"], answers=t("quiz_or").join(c["answers"]))
            for c in _conditions(quiz, alt, t)))
    needs = {n.id: n.text for n in quiz.sheet.needs}
    parts += [t("sheet_if_need", need=needs[n]) for n in item.needs]
    if not parts:
        return ""
    return escape(t("quiz_caution_if")) + escape(t("quiz_caution_or_if")).join(parts)


def render_sheet(model, links, titles, crisis_lines, quiz_id="continuum-sheet", sources=None, t=None):
    """HTML for the printable next-steps sheet (no JavaScript needed)."""
    from markupsafe import Markup

    from .render_table import strings
    t = strings(t)
    lines = lines_for(crisis_lines, t)
    quiz = model.quiz
    outcomes = {o.id: o.title for o in quiz.outcomes}
    groups = []
    for group in GROUPS:
        entries = []
        for item in quiz.sheet.items:
            if item.group != group:
                continue
            entries.append({"id": item.id, "text": as_markup(segments(item.text, lines)),
                            "when": _condition_words(quiz, item, t),
                            "outcomes": [outcomes[o] for o in item.outcomes],
                            "sources": source_links(item.source, sources)})
        groups.append({"id": group, "title": t(f"sheet_group_{group}"), "entries": entries})
    # The columns to compare three programs: questions for every program first.
    compare = [g for g in groups if g["id"] == "programs"][0]["entries"]
    compare = [i for i in compare if not i["when"] and not i["outcomes"]]
    html = environment().get_template("sheet.html").render(
        quiz_id=quiz_id, groups=groups, compare=compare, tools=_tools(links, titles),
        results_href=links.get("self-check-results"), lines=help_lines(lines, t), order=("lifeline", "emergency",
                                                                                          "helpline"),
        t=t, as_markup=as_markup,
        source_lang=Markup(' lang="en"') if getattr(t, "lang", "en") != "en" else "")
    return Markup(BETWEEN_TAGS.sub(">\n<", html))
