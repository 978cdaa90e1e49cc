"""Render the "My next steps" sheet from quiz.sheet, two ways from one model:

- sheet_data(), in render_quiz (which puts it in the data module, quiz-data.js):
  the sheet's items and words; theme/static/js/tools/sheet.js builds the sheet
  on every result, tailored to the answers (sheet.py is the same rule);
- render_sheet(): the printable sheet without JavaScript
  (<!-- continuum:quiz-sheet -->, a page of its own): every item with who it
  is for, tick boxes, and the columns to compare three programs.

Tests hold the printed page's items equal to the data module's.
"""

from .render_quiz import (BETWEEN_TAGS, SHEET_SLUG, SHEET_UI_KEYS as UI_KEYS, TOOL_SLUGS, _conditions, _tools,  # noqa: F401
                          as_markup, help_lines, lines_for, segments, sheet_data, source_links)
from .templates_env import environment
from .text import strings

GROUPS = ("programs", "insurer", "waiting")


def _condition_words(quiz, item, t):
    """What the printed sheet says about who an item is for ("If your answer to question 9 was ...,
    or if this fits you: ..."), or "" when it is for everyone."""
    from markupsafe import escape

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
