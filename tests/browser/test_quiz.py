"""The self-check quiz in a real browser: changing answers, danger help at once
under the chosen answer and fully in view, errors, axe in every new state.
The people who must reach each outcome are in tests/personas.yaml
(test_personas.py)."""

import re

import pytest

from browserkit import format_violation, new_watched_page, run_axe, settle
from quizkit import (APP, QUIZ, answer_by_clicks, answer_by_keyboard, choose_by_keyboard, current_question, heading_text, personas,
                     press_button, quiz_data, start_by_keyboard, tab_to)

pytestmark = pytest.mark.browser

PERSONAS = {p["name"]: p for p in personas()}
CALM = PERSONAS["Teenager using cannabis, falling behind at school"]["answers"]


def click_answer(page, data, qid, aid):
    q = next(q for q in data["questions"] if q["id"] == qid)
    text = next(a["text"] for a in q["answers"] if a["id"] == aid)
    page.locator(APP).get_by_label(text, exact=True).click()


def test_change_an_answer_from_check_your_answers(browser, server, site):
    data = quiz_data(site)
    context, page, watcher = new_watched_page(browser, server.origin, width=1280)
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        start_by_keyboard(page)
        answer_by_keyboard(page, data, PERSONAS["Weekly therapy helps, keeping up with work"]["answers"], careful=True)
        assert heading_text(page) == "Check your answers"
        question = next(q for q in data["questions"] if q["id"] == "daily-life")
        tab_to(page, f"{QUIZ} .quiz-change")
        for _ in range(60):
            if question["text"] in page.evaluate("document.activeElement.textContent"):
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        choose_by_keyboard(page, question, "not-coping")
        assert heading_text(page) == "Check your answers"          # back to the summary, not the next question
        assert "I cannot keep up most days" in page.locator(f"{QUIZ} .quiz-summary").inner_text()
        press_button(page, "See my result")
        assert heading_text(page) == "Your result: Ask about a full-day program"
        press_button(page, "Back", backwards=True)
        assert heading_text(page) == "Check your answers"
        # A changed answer that makes new questions apply asks them before the summary.
        use = next(q for q in data["questions"] if q["id"] == "use")
        page.locator(APP).get_by_role("button", name=f"Change your answer to: {use['text']}").click()
        choose_by_keyboard(page, use, "yes")
        for qid, aid in (("withdrawal", "none"), ("opioids", "no"), ("daily-sedatives", "no")):
            q = current_question(page, data)
            assert q["id"] == qid
            choose_by_keyboard(page, q, aid)
        assert heading_text(page) == "Check your answers"
        assert not watcher.console_errors
    finally:
        context.close()


STATES = [  # (page, screen size, answers before, question, answer, kind, help lines in order)
    ("/self-check/", (320, 568), {}, "self-harm", "plan", "crisis", ["lifeline", "emergency", "helpline"]),
    ("/self-check/", (375, 667), {}, "self-harm", "plan", "crisis", ["lifeline", "emergency", "helpline"]),
    ("/self-check/", (320, 568), {}, "self-harm", "thoughts", "urgent", ["lifeline", "emergency", "helpline"]),
    ("/self-check/", (320, 568), {}, "recent-danger", "overdose-now", "crisis", ["emergency", "lifeline", "helpline"]),
    ("/self-check/", (375, 667), {}, "recent-danger", "attempt", "urgent", ["lifeline", "emergency", "helpline"]),
    ("/self-check/", (320, 568), {}, "harm-others", "plan", "crisis", ["emergency", "lifeline", "helpline"]),
    ("/self-check/", (320, 568), {"perinatal": "postpartum"}, "psychosis", "yes", "crisis",
     ["emergency", "lifeline", "helpline"]),
    ("/self-check/", (320, 568), {}, "psychosis", "yes", "urgent", ["lifeline", "emergency", "helpline"]),
    ("/self-check/", (320, 568), {"use": "yes"}, "withdrawal", "severe-now", "crisis",
     ["emergency", "lifeline", "helpline"]),
    # The Spanish page: longer words, the same promise.
    ("/es/self-check/", (320, 568), {}, "self-harm", "plan", "crisis", ["lifeline", "emergency", "helpline"]),
    ("/es/self-check/", (320, 568), {}, "recent-danger", "overdose-now", "crisis", ["emergency", "lifeline", "helpline"]),
    ("/es/self-check/", (320, 568), {"perinatal": "postpartum"}, "psychosis", "not-sure", "crisis",
     ["emergency", "lifeline", "helpline"]),
    ("/es/self-check/", (320, 568), {"use": "yes"}, "withdrawal", "severe-now", "crisis",
     ["emergency", "lifeline", "helpline"]),
]

IN_VIEW_JS = """(aid) => {
  const box = document.querySelector('[data-quiz-app] .quiz-reveal');
  if (!box || box.hidden) return 'no help box';
  const row = document.querySelector(`[data-quiz-app] [data-answer="${aid}"]`);
  if (box.previousElementSibling !== row) return 'the help is not right under the chosen answer';
  const exit = document.querySelector('.exit-page__button').getBoundingClientRect();
  for (const [name, el] of [['chosen answer', row], ['help box', box]]) {
    const r = el.getBoundingClientRect();
    if (r.top < exit.bottom - 1 || r.bottom > innerHeight + 1)
      return `${name} at ${Math.round(r.top)}..${Math.round(r.bottom)} of ${innerHeight} (exit button ends at ${Math.round(exit.bottom)})`;
  }
  for (const a of box.querySelectorAll('a')) {
    const b = a.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    if (hit !== a && !a.contains(hit)) return `link ${a.getAttribute('href')} is covered`;
  }
  return '';
}"""


@pytest.mark.parametrize("url,size,before,qid,aid,kind,order", STATES,
                         ids=[f"{'es-' if u.startswith('/es/') else ''}{s[0]}x{s[1]}-{'-'.join(b.values())}{'-' if b else ''}{q}-{a}"
                              for u, s, b, q, a, _, _ in STATES])
def test_danger_help_opens_under_the_chosen_answer_fully_in_view(browser, server, site, url, size, before, qid, aid,
                                                                  kind, order):
    data = quiz_data(site, "es" if url.startswith("/es/") else "")
    context, page, watcher = new_watched_page(browser, server.origin, width=size[0], height=size[1])
    try:
        page.goto(server.origin + url)
        settle(page)
        start_by_keyboard(page)
        answer_by_clicks(page, dict(CALM, **before), stop_before=qid)
        page.mouse.wheel(0, 400)                  # as a reader would, down to the answers
        click_answer(page, data, qid, aid)
        # The moment the answer is chosen, before Continue:
        problem = page.evaluate(IN_VIEW_JS, aid)
        assert problem == "", problem
        help_box = page.locator(f"{APP} .quiz-reveal")
        assert f"quiz-help--{kind}" in help_box.get_attribute("class")
        lines = help_box.locator("[data-line]").evaluate_all("els => els.map(e => e.dataset.line)")
        assert lines == order
        # Announced once, politely: the status line says it; the box itself is not a live region.
        assert help_box.get_attribute("aria-live") is None
        status = page.locator(f"{APP} [role=status]")
        assert status.get_attribute("aria-live") == "polite" and status.inner_text().strip()
        # axe's target-size rule counts an answer scrolled under the sticky crisis bar as a
        # small target; at the top of the page nothing is under the bar.
        page.evaluate("window.scrollTo(0, 0)")
        found = [format_violation(v) for v in run_axe(page, QUIZ)]
        assert not found, found
        assert watcher.console_errors == []
    finally:
        context.close()


def test_arrowing_through_answers_keeps_the_focused_answer_on_screen(browser, server, site):
    data = quiz_data(site)
    context, page, _ = new_watched_page(browser, server.origin, width=320, height=568)
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        start_by_keyboard(page)
        answer_by_keyboard(page, data, CALM, stop_before="recent-danger")
        tab_to(page, f"{APP} input[type=radio]")
        page.keyboard.press("Space")
        for _ in range(4):
            box = page.evaluate("document.activeElement.closest('.quiz-answer').getBoundingClientRect().toJSON()")
            assert 0 <= box["top"] and box["bottom"] <= 568, box
            page.keyboard.press("ArrowDown")
    finally:
        context.close()


def test_unanswered_question_shows_an_error_summary_not_a_result(browser, server):
    context, page, _ = new_watched_page(browser, server.origin)
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        start_by_keyboard(page)
        press_button(page, "Continue")
        assert "Question 1" in heading_text(page)
        summary = page.locator(f"{APP} .quiz-error-summary")
        assert summary.is_visible() and summary.get_attribute("role") == "alert"
        assert page.evaluate("document.activeElement.classList.contains('quiz-error-summary')")
        assert page.title().startswith("Error: ")
        error = page.locator(f"{APP} .quiz-error")
        assert error.is_visible() and error.inner_text().endswith("Select an answer to continue.")
        described = page.locator(f"{APP} fieldset").get_attribute("aria-describedby")
        assert error.get_attribute("id") in described.split()
        summary.locator("a").click()
        assert page.evaluate("document.activeElement.type") == "radio"
        problems = [format_violation(v) for v in run_axe(page)]
        assert not problems, "error state: " + "\n".join(problems)
    finally:
        context.close()


def test_the_page_title_names_each_screen(browser, server, site):
    data = quiz_data(site)
    context, page, _ = new_watched_page(browser, server.origin)
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        first = page.title()
        start_by_keyboard(page)
        assert re.match(r"Question 1: Right now, do you have thoughts", page.title()), page.title()
        answer_by_keyboard(page, data, PERSONAS["Has a plan to end their life tonight"]["answers"])
        assert page.title().startswith("Your result: Get help now")
        page.go_back()
        page.go_back()
        assert page.title() == first
    finally:
        context.close()


AXE_PERSONAS = ["Pregnant person using heroin most days", "Tried to end their life earlier this month, treated in hospital, no thoughts today",
                "Seeing things and shaking two days after the last drink", "Anxiety and depression only, living in a car",
                "Teenager with depression whose parent hits them", "Stable on methadone, weekly counseling is not enough"]


# At 1280 px, the kinds of screen (start, a question with its hint, danger help
# opened under an answer, check your answers, a result with help lines, actions
# and cautions) are each reached by these three; the layout is the same for all.
AXE_PERSONAS_WIDE = [AXE_PERSONAS[0], AXE_PERSONAS[2], AXE_PERSONAS[4]]
# The question screens audited, each with its answer chosen: these show hints,
# skip notes and danger help; the others are the same screen with other words.
AXE_QUESTIONS = ("withdrawal", "opioids", "perinatal", "recent-danger")


@pytest.mark.parametrize("width", (320, 1280))
def test_axe_in_every_new_state(browser, server, site, width):
    """Start, questions with hints and skip notes, check answers, and results
    with help lines, actions and cautions: axe-clean at phone width for six
    people and at 1280 px for three of them."""
    data = quiz_data(site)
    context, page, watcher = new_watched_page(browser, server.origin, width=width)
    found = []
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        found += [f"start: {format_violation(v)}" for v in run_axe(page, QUIZ)]
        start_by_keyboard(page)
        audited = set()   # the question screens audited, by their markup: an identical screen is the same state
        for name in AXE_PERSONAS if width < 1000 else AXE_PERSONAS_WIDE:
            answers = PERSONAS[name]["answers"]
            while (q := current_question(page, data)) is not None:
                if q["id"] not in AXE_QUESTIONS:
                    answer_by_clicks(page, answers, stop_before=AXE_QUESTIONS)
                    continue
                click_answer(page, data, q["id"], answers[q["id"]])
                state = page.evaluate("document.querySelector('[data-quiz-app]').innerHTML")
                if state not in audited:
                    audited.add(state)
                    found += [f"{name} / {q['id']}: {format_violation(v)}" for v in run_axe(page, QUIZ)]
                page.locator(APP).get_by_role("button", name="Continue").click()
            if heading_text(page) == "Check your answers":
                found += [f"{name} / check: {format_violation(v)}" for v in run_axe(page, QUIZ)]
                page.locator(APP).get_by_role("button", name="See my result").click()
            found += [f"{name} / result: {format_violation(v)}" for v in run_axe(page, QUIZ)]
            page.locator(APP).get_by_role("button", name="Start again").click()
        assert watcher.console_errors == []
    finally:
        context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", (320, 1280))
def test_without_its_scripts_the_self_check_page_offers_the_printable_guide(browser, server, width):
    """axe needs timers, which do not run with JavaScript off; so here the page
    runs with its own scripts blocked instead, which leaves the same page."""
    context, page, _ = new_watched_page(browser, server.origin, width=width)
    try:
        context.route("**/*.js", lambda route: route.abort())
        page.javascript_on = False      # nothing will start the quiz: settle() must not wait for it
        page.goto(server.origin + "/self-check/")
        settle(page)
        start = page.locator(f"{QUIZ} [data-quiz-start-link]")
        assert start.is_visible() and start.get_attribute("href").endswith("self-check-guide/")
        assert page.locator(f"{QUIZ} {APP}").is_hidden()
        problems = [format_violation(v) for v in run_axe(page)]
        assert not problems, "self-check without scripts: " + "\n".join(problems)
    finally:
        context.close()


# ---- the result as a plan (issue 21) -----------------------------------------
# One person per outcome (the first in tests/personas.yaml), so every outcome is reached.
ONE_PER_OUTCOME = list({p["outcome"]: p for p in reversed(personas())}.values())

PLAN_JS = """() => {
  const app = document.querySelector('[data-quiz-app]');
  const card = app.querySelector('.quiz-outcome');
  const box = (el) => { const r = el.getBoundingClientRect(); return {w: Math.round(r.width), h: Math.round(r.height)}; };
  const primary = [...card.querySelectorAll('.quiz-action--primary')].map((a) => ({tag: a.tagName, href: a.getAttribute('href'),
    ...box(a), shown: getComputedStyle(a).display !== 'none'}));
  const actions = [...card.querySelectorAll('.quiz-action')].map((a) => box(a));
  // Bars: any part of the result card with a left border 4 px or wider (the old crisis result drew two red ones, one inside the other).
  const bars = [card, ...card.querySelectorAll('*')].filter((el) => parseFloat(getComputedStyle(el).borderLeftWidth) >= 4
    && el.getClientRects().length).map((el) => el.className);
  const order = (sel) => { const el = card.querySelector(sel); return el ? [...card.children].indexOf(el) : -1; };
  return {care: card.dataset.care, emergencyCards: app.querySelectorAll('[data-care="emergency"]').length,
          primary, actions, bars, important: order('.quiz-important'), steps: order('.quiz-outcome__steps'),
          summary: order('.quiz-outcome__summary'),
          sourcesOpen: [...card.querySelectorAll('.quiz-caution__sources')].map((d) => d.open)};
}"""


def test_every_outcome_has_a_primary_action_and_the_crisis_result_one_emergency_card(browser, server, site):
    """Each of the quiz's outcomes, reached in Chromium: exactly one primary
    action, a link or a tel:/sms: button at least 44 px high; every action
    44 px high; "Important" above the numbered actions; caution sources folded
    on a phone; the crisis result is one emergency card with no bars inside."""
    data = quiz_data(site)
    assert {p["outcome"] for p in ONE_PER_OUTCOME} == {o["id"] for o in data["outcomes"]}
    context, page, watcher = new_watched_page(browser, server.origin, width=375, height=667)
    problems = []
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        start_by_keyboard(page)
        for persona in ONE_PER_OUTCOME:
            name = f"{persona['outcome']} ({persona['name']})"
            answer_by_clicks(page, persona["answers"])
            if heading_text(page) == "Check your answers":
                page.locator(APP).get_by_role("button", name="See my result").click()
            plan = page.evaluate(PLAN_JS)
            if len(plan["primary"]) != 1:
                problems.append(f"{name}: {len(plan['primary'])} primary actions")
            for p in plan["primary"]:
                if p["tag"] != "A" or not p["shown"] or p["h"] < 44 or not p["href"]:
                    problems.append(f"{name}: primary action {p}")
            if any(a["h"] < 44 for a in plan["actions"]):
                problems.append(f"{name}: an action under 44 px: {plan['actions']}")
            if plan["important"] != -1 and not plan["summary"] < plan["important"] < plan["steps"]:
                problems.append(f"{name}: Important is not between the summary and the actions: {plan}")
            if any(plan["sourcesOpen"]):
                problems.append(f"{name}: caution sources open on a phone")
            if persona["outcome"] == "crisis":
                if plan["care"] != "emergency" or plan["emergencyCards"] != 1 or plan["bars"]:
                    problems.append(f"crisis: {plan['emergencyCards']} emergency cards, bars {plan['bars']}")
                if not plan["primary"] or not plan["primary"][0]["href"].startswith("tel:"):
                    problems.append(f"crisis: the primary action is not a call: {plan['primary']}")
            page.locator(APP).get_by_role("button", name="Start again").click()
        assert watcher.console_errors == []
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang,persona,first", [
    ("", "Has a plan to end their life tonight", "tel:988"),
    ("", "Overdosed on fentanyl last night, revived with naloxone by a friend, did not go to hospital", "tel:911"),
    ("es/", "Has a plan to end their life tonight", "tel:988"),
])
def test_the_crisis_results_primary_action_calls_the_line_the_engine_puts_first(browser, server, lang, persona, first):
    context, page, _ = new_watched_page(browser, server.origin, width=320, height=568)
    try:
        page.goto(f"{server.origin}/{lang}self-check/")
        settle(page)
        start_by_keyboard(page)
        answer_by_clicks(page, PERSONAS[persona]["answers"])
        plan = page.evaluate(PLAN_JS)
        assert [p["href"] for p in plan["primary"]] == [first], plan["primary"]
        first_line = page.locator(f"{APP} .quiz-help [data-line]").first.get_attribute("data-line")
        assert first == {"lifeline": "tel:988", "emergency": "tel:911"}[first_line]
        found = [format_violation(v) for v in run_axe(page, QUIZ)]
        assert not found, found
    finally:
        context.close()


RADIOS_JS = """() => [...document.querySelectorAll('.continuum-quiz input[type=radio]')]
  .filter((i) => i.getClientRects().length).map((i) => { const r = i.getBoundingClientRect();
    const row = i.closest('.quiz-answer').getBoundingClientRect();
    return {w: r.width, h: r.height, row: row.height, appearance: getComputedStyle(i).appearance}; })"""


@pytest.mark.parametrize("forced", [False, True], ids=["normal", "forced-colors"])
def test_radios_are_40_px_targets(browser, server, forced):
    """GOV.UK-size radios on the question screens and on the printable guide,
    in normal and forced colours (where the system draws its own radio)."""
    context, page, _ = new_watched_page(browser, server.origin, width=320, height=568)
    try:
        if forced:
            page.emulate_media(forced_colors="active")
        page.goto(server.origin + "/self-check/")
        settle(page)
        start_by_keyboard(page)
        page.keyboard.press("Tab")
        page.keyboard.press("Space")         # checked and focused: the largest state must not shrink
        on_screen = page.evaluate(RADIOS_JS)
        page.goto(server.origin + "/es/self-check-guide/")
        settle(page)
        guide = page.evaluate(RADIOS_JS)
    finally:
        context.close()
    assert len(on_screen) >= 3 and len(guide) > 30, (len(on_screen), len(guide))
    small = [r for r in on_screen + guide if r["w"] < 40 or r["h"] < 40 or r["row"] < 40]
    assert not small, small[:3]
    assert {r["appearance"] for r in on_screen} == ({"auto"} if forced else {"none"})
