"""The self-check quiz in a real browser: changing answers, crisis help at
once and fully in view, errors, axe in every new state, and the page without
JavaScript. The people who must reach each outcome are in
tests/personas.yaml (test_personas.py)."""

import pytest

from browserkit import READABLE, VISIBILITY_JS, format_violation, new_watched_page, run_axe, settle
from quizkit import (APP, QUIZ, choose_by_keyboard, current_question, heading_text, personas, press_button,
                     quiz_data, tab_to)

pytestmark = pytest.mark.browser

PERSONAS = {p["name"]: p for p in personas()}


def privacy_problems(page, context, watcher, url, origin, requests_at_load):
    """Cookies, storage, requests after load, or an address that is not the
    page's own (the quiz adds only #question-N, #check-answers or #result)."""
    problems = []
    if context.cookies():
        problems.append(f"cookies: {context.cookies()}")
    stored = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length,
        idb: (await indexedDB.databases()).map((d) => d.name),
        caches: 'caches' in window ? await caches.keys() : []})""")
    if stored != {"local": 0, "session": 0, "idb": [], "caches": []}:
        problems.append(f"storage used: {stored}")
    later = watcher.requests[requests_at_load:]
    if later:
        problems.append(f"network requests after page load: {later}")
    base, _, fragment = page.url.partition("#")
    import re
    if base != origin + url or fragment and not re.fullmatch(r"question-\d+|check-answers|result", fragment):
        problems.append(f"URL changed (answers in the address?): {page.url}")
    return problems


def answer_persona(page, data, persona, stop_before=None):
    """Answer by keyboard until the result, the summary, or question `stop_before` is on screen."""
    while True:
        q = current_question(page, data)
        if q is None or q["id"] == stop_before:
            return
        choose_by_keyboard(page, q, persona["answers"][q["id"]])


def click_answer(page, data, qid, aid):
    q = next(q for q in data["questions"] if q["id"] == qid)
    text = next(a["text"] for a in q["answers"] if a["id"] == aid)
    page.locator(APP).get_by_label(text, exact=True).click()


def test_change_an_answer_from_check_your_answers(browser, server):
    context, page, watcher = new_watched_page(browser, server.origin, width=1280)
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        data = quiz_data(page)
        press_button(page, "Start")
        answer_persona(page, data, PERSONAS["Weekly therapy helps, keeping up with work"])
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
        withdrawal = next(q for q in data["questions"] if q["id"] == "withdrawal")
        page.locator(APP).get_by_role("button", name=f"Change your answer to: {withdrawal['text']}").click()
        choose_by_keyboard(page, withdrawal, "mild")
        for qid, aid in (("opioids", "no"), ("daily-sedatives", "no"), ("pregnancy", "no")):
            q = current_question(page, data)
            assert q["id"] == qid
            choose_by_keyboard(page, q, aid)
        assert heading_text(page) == "Check your answers"
        assert not watcher.console_errors
    finally:
        context.close()


STATES = [  # (page, screen size, question, answer, help lines in order)
    ("/self-check/", (320, 568), "self-harm", "plan", ["lifeline", "emergency", "helpline"]),
    ("/self-check/", (375, 667), "self-harm", "plan", ["lifeline", "emergency", "helpline"]),
    ("/self-check/", (320, 568), "self-harm", "thoughts", ["lifeline", "emergency", "helpline"]),
    ("/self-check/", (320, 568), "withdrawal", "severe-now", ["emergency", "lifeline", "helpline"]),
    ("/self-check/", (375, 667), "withdrawal", "severe-now", ["emergency", "lifeline", "helpline"]),
    ("/self-check/", (320, 568), "psychosis", "yes", ["lifeline", "emergency", "helpline"]),
    ("/self-check/", (375, 667), "recent-danger", "attempt", ["lifeline", "emergency", "helpline"]),
    # The Spanish page: longer words, the same promise.
    ("/es/self-check/", (320, 568), "self-harm", "plan", ["lifeline", "emergency", "helpline"]),
    ("/es/self-check/", (320, 568), "withdrawal", "severe-now", ["emergency", "lifeline", "helpline"]),
    ("/es/self-check/", (320, 568), "recent-danger", "overdose", ["lifeline", "emergency", "helpline"]),
]

IN_VIEW_JS = """() => {
  const box = document.querySelector('[data-quiz-app] .quiz-alert .quiz-help');
  if (!box) return 'no help box';
  const r = box.getBoundingClientRect();
  const exit = document.querySelector('.exit-page__button').getBoundingClientRect();
  if (r.top < exit.bottom - 1 || r.bottom > innerHeight + 1) return `box at ${Math.round(r.top)}..${Math.round(r.bottom)} of ${innerHeight} (exit button ends at ${Math.round(exit.bottom)})`;
  for (const a of box.querySelectorAll('a')) {
    const b = a.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    if (hit !== a && !a.contains(hit)) return `link ${a.getAttribute('href')} is covered`;
  }
  return '';
}"""


@pytest.mark.parametrize("url,size,qid,aid,order", STATES,
                         ids=[f"{'es-' if u.startswith('/es/') else ''}{s[0]}x{s[1]}-{q}-{a}" for u, s, q, a, _ in STATES])
def test_crisis_and_urgent_help_is_fully_in_view_at_once(browser, server, url, size, qid, aid, order):
    context, page, watcher = new_watched_page(browser, server.origin, width=size[0], height=size[1])
    try:
        page.goto(server.origin + url)
        settle(page)
        data = quiz_data(page)
        page.locator(APP).get_by_role("button", name=data["ui"]["js_start"]).click()
        answer_persona(page, data, PERSONAS["Teenager using cannabis, falling behind at school"], stop_before=qid)
        page.mouse.wheel(0, 400)                  # as a reader would, down to the answers
        click_answer(page, data, qid, aid)
        # The moment the answer is chosen, before Continue:
        problem = page.evaluate(IN_VIEW_JS)
        assert problem == "", problem
        alert = page.locator(f"{APP} .quiz-alert")
        assert alert.get_attribute("aria-live") == "assertive"
        lines = alert.locator("[data-line]").evaluate_all("els => els.map(e => e.dataset.line)")
        assert lines == order
        found = [format_violation(v) for v in run_axe(page, QUIZ)]
        assert not found, found
        assert watcher.console_errors == []
    finally:
        context.close()


def test_unanswered_question_shows_an_error_not_a_result(browser, server):
    context, page, _ = new_watched_page(browser, server.origin)
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        press_button(page, "Start")
        press_button(page, "Continue")
        assert "Question 1" in heading_text(page)
        error = page.locator(f"{APP} .quiz-error")
        assert error.is_visible() and error.inner_text().endswith("Select an answer to continue.")
        assert page.evaluate("document.activeElement.type") == "radio"
        described = page.locator(f"{APP} fieldset").get_attribute("aria-describedby")
        assert error.get_attribute("id") in described.split()
        problems = [format_violation(v) for v in run_axe(page)]
        assert not problems, "error state: " + "\n".join(problems)
    finally:
        context.close()


AXE_PERSONAS = ["Pregnant person using heroin most days", "Tried to end their life last week, no thoughts today",
                "Seeing things and shaking two days after the last drink", "Anxiety and depression only, living in a car",
                "Teenager with depression whose parent hits them", "Stable on methadone, weekly counseling is not enough"]


@pytest.mark.parametrize("width", (320, 1280))
def test_axe_in_every_new_state(browser, server, width):
    """Start, questions with hints and skip notes, check answers, and results
    with help lines and with two cautions: axe-clean at both widths."""
    context, page, watcher = new_watched_page(browser, server.origin, width=width)
    found = []
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        data = quiz_data(page)
        found += [f"start: {format_violation(v)}" for v in run_axe(page, QUIZ)]
        for name in AXE_PERSONAS:
            persona = PERSONAS[name]
            page.locator(APP).get_by_role("button", name="Start").click()
            while (q := current_question(page, data)) is not None:
                click_answer(page, data, q["id"], persona["answers"][q["id"]])
                if q["id"] in ("withdrawal", "opioids", "pregnancy"):
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
def test_quiz_fallback_and_decision_guide_without_javascript(browser, server, width):
    context, page, watcher = new_watched_page(browser, server.origin, width=width, java_script_enabled=False)
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        data = quiz_data(page)
        root = page.locator(QUIZ)
        assert root.locator("[data-quiz-static]").is_visible()
        for q in data["questions"]:
            fieldset = root.locator(f"fieldset[data-question='{q['id']}']")
            assert fieldset.is_visible() and fieldset.locator("input[type=radio]").count() == len(q["answers"])
            for a in q["answers"]:
                assert fieldset.get_by_label(a["text"], exact=True).is_visible(), (q["id"], a["id"])
            if any(a.get("crisis") or a.get("urgent") for a in q["answers"]):
                # The help box comes before the answers, so it is seen first.
                first = fieldset.locator(".quiz-help, .quiz-answers").first
                assert "quiz-help" in first.get_attribute("class"), q["id"]
                assert fieldset.locator(".quiz-help a[href='tel:988']").is_visible()
        assert root.locator(".quiz-guide > li").count() == len(data["rules"])
        assert root.locator(".quiz-cautions-guide > li").count() == len(data["cautions"])
        for o in data["outcomes"]:
            assert root.locator(f"section[data-outcome='{o['id']}']").is_visible(), o["id"]
        tab_to(page, f"{QUIZ} input[type=radio]")
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked")
        tab_to(page, f"{QUIZ} .quiz-guide a")
        target = page.evaluate("document.activeElement.hash")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda u: u.endswith(target))
        box = page.locator(target).bounding_box()
        assert box and -2 <= box["y"] < page.viewport_size["height"], (target, box)
        hidden = page.evaluate(VISIBILITY_JS, READABLE)["missing"]
        assert not hidden, hidden
        assert watcher.console_errors == [] and watcher.foreign_requests() == []
    finally:
        context.close()


@pytest.mark.parametrize("width", (320, 1280))
def test_axe_on_the_quiz_fallback(browser, server, width):
    """axe needs timers, which do not run with JavaScript off; so here the page
    runs with its own scripts blocked instead, which leaves the same fallback."""
    context, page, _ = new_watched_page(browser, server.origin, width=width)
    try:
        context.route("**/*.js", lambda route: route.abort())
        page.goto(server.origin + "/self-check/")
        settle(page)
        assert page.locator(f"{QUIZ} [data-quiz-static]").is_visible()
        assert page.locator(f"{QUIZ} {APP}").is_hidden()
        problems = [format_violation(v) for v in run_axe(page)]
        assert not problems, "quiz fallback: " + "\n".join(problems)
    finally:
        context.close()
