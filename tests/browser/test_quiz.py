"""The self-check quiz in a real browser, keyboard only.

Questions, answers, outcomes and rules are read from the quiz's own data (the
<script type="application/json" data-quiz-data> block the continuum plugin
writes), never hard-coded. A small evaluator here applies the documented rule
semantics (plugins/continuum/rules.py, theme/static/js/quiz/engine.js: rules in
priority order, the first priority with a match decides; any crisis answer
goes to the crisis outcome at once) to choose answers that reach each outcome;
the page must then show that outcome.
"""

import itertools
import json

import pytest
from bs4 import BeautifulSoup

from browserkit import (READABLE, VISIBILITY_JS, format_violation, new_watched_page, run_axe, settle)

pytestmark = pytest.mark.browser

QUIZ = "[data-continuum-quiz]"


# ---- the quiz's data, from the built pages ----------------------------------
@pytest.fixture(scope="module")
def quiz_pages(pages):
    found = []
    for url, path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        block = soup.select_one(f"{QUIZ} script[type='application/json'][data-quiz-data]")
        if block is not None:
            found.append((url, json.loads(block.string)))
    assert found, "no page has the quiz (<!-- continuum:quiz -->) in the built site"
    return found


@pytest.fixture(scope="module")
def quiz(quiz_pages):
    return quiz_pages[0]


def evaluate(data, answers):
    fired = None
    for rule in data["rules"]:
        if fired and rule["priority"] != fired["priority"]:
            break
        if not fired and all(answers.get(q) in allowed for q, allowed in rule["when"].items()):
            fired = rule
    return fired["outcome"] if fired else None


def is_crisis(data, qid, aid):
    return next(a for q in data["questions"] if q["id"] == qid for a in q["answers"] if a["id"] == aid)["crisis"]


def paths_to_outcomes(data):
    """{outcome id: [(question index, answer id), ...]} as a visitor would answer.
    Crisis: stop at the first crisis answer. Others: every question, no crisis answer."""
    questions = data["questions"]
    paths = {}
    crisis = next(o["id"] for o in data["outcomes"] if o["kind"] == "crisis")
    for i, q in enumerate(questions):
        crisis_answers = [a["id"] for a in q["answers"] if a["crisis"]]
        if crisis_answers:
            before = [(j, next(a["id"] for a in questions[j]["answers"] if not a["crisis"])) for j in range(i)]
            paths[crisis] = before + [(i, crisis_answers[0])]
            break
    choices = [[a["id"] for a in q["answers"] if not a["crisis"]] for q in questions]
    for combo in itertools.product(*choices):
        outcome = evaluate(data, {q["id"]: a for q, a in zip(questions, combo)})
        if outcome and outcome not in paths:
            paths[outcome] = list(enumerate(combo))
            if len(paths) == len(data["outcomes"]):
                break
    return paths


def test_every_outcome_is_reachable_from_the_data(quiz):
    _, data = quiz
    assert set(paths_to_outcomes(data)) == {o["id"] for o in data["outcomes"]}


# ---- driving the page with the keyboard ------------------------------------
def active(page, selector):
    return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector, limit=300):
    """Press Tab (only) until the focused element matches selector."""
    for _ in range(limit):
        if active(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def answer_with_keyboard(page, data, index, answer_id):
    q = data["questions"][index]
    heading = page.locator(f"{QUIZ} [data-quiz-app] h2")
    assert f"Question {index + 1} of {len(data['questions'])}" in heading.inner_text()
    assert q["text"] in heading.inner_text()
    tab_to(page, f"{QUIZ} [data-quiz-app] input[type=radio]")
    ids = [a["id"] for a in q["answers"]]
    current = page.evaluate("document.activeElement.value")
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    steps = ids.index(answer_id) - ids.index(current)
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert page.evaluate("document.activeElement.checked && document.activeElement.value") == answer_id


def press_button(page, name, backwards=False, limit=300):
    """Tab (or Shift+Tab) to the quiz button whose text starts with name; press Enter."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if page.evaluate("""(name) => { const el = document.activeElement;
                return !!el && el.matches('[data-continuum-quiz] [data-quiz-app] button')
                    && el.textContent.trim().startsWith(name); }""", name):
            page.keyboard.press("Enter")
            return
        page.keyboard.press(key)
    raise AssertionError(f"no button {name!r} reached with {key}")


def heading_text(page):
    return page.locator(f"{QUIZ} [data-quiz-app] h2").inner_text()


def start(page, url, origin):
    page.goto(origin + url)
    settle(page)
    assert page.locator(f"{QUIZ} [data-quiz-static]").is_hidden()
    assert "Start" in heading_text(page)
    press_button(page, "Start")


class AxeLog:
    def __init__(self):
        self.problems = []

    def check(self, page, state):
        self.problems += [f"{state}: {format_violation(v)}" for v in run_axe(page)]


def privacy_problems(page, context, watcher, url, origin, requests_at_load):
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
    if page.url != origin + url:
        problems.append(f"URL changed (answers in the address?): {page.url}")
    return problems


def open_quiz(browser, server, url, width=1280):
    context, page, watcher = new_watched_page(browser, server.origin, width=width)
    return context, page, watcher


# ---- the tests -----------------------------------------------------------------
@pytest.mark.parametrize("width", (320, 1280))
def test_keyboard_only_to_every_outcome_with_axe_and_privacy(browser, server, quiz, width):
    url, data = quiz
    paths = paths_to_outcomes(data)
    titles = {o["id"]: o["title"] for o in data["outcomes"]}
    axe, problems = AxeLog(), []
    for outcome, path in paths.items():
        context, page, watcher = open_quiz(browser, server, url, width)
        try:
            page.goto(server.origin + url)
            page.wait_for_load_state("networkidle")
            requests_at_load = len(watcher.requests)
            if outcome == next(iter(paths)):
                axe.check(page, "start")
            press_button(page, "Start")
            for n, (index, answer) in enumerate(path):
                answer_with_keyboard(page, data, index, answer)
                if n == 0 and outcome == next(iter(paths)):
                    axe.check(page, "question")
                press_button(page, "Continue")
            kind = next(o["kind"] for o in data["outcomes"] if o["id"] == outcome)
            if kind != "crisis":
                assert heading_text(page) == "Check your answers"
                if outcome == list(paths)[1]:
                    axe.check(page, "check answers")
                press_button(page, "See my result")
            assert heading_text(page) == f"Your result: {titles[outcome]}", (outcome, path)
            axe.check(page, f"result {outcome}")
            if kind == "crisis":
                for tel in ("tel:988", "tel:911"):
                    assert page.locator(f"{QUIZ} [data-quiz-app] a[href='{tel}']").first.is_visible()
            problems += [f"{outcome}: {p}" for p in privacy_problems(page, context, watcher, url, server.origin,
                                                                    requests_at_load)]
            problems += [f"{outcome}: console: {m}" for m in watcher.console_errors]
            problems += [f"{outcome}: CSP: {m}" for m in watcher.csp_violations(page)]
        finally:
            context.close()
    assert not axe.problems, "\n".join(axe.problems)
    assert not problems, "\n".join(problems)


def test_change_an_answer_from_check_your_answers(browser, server, quiz):
    url, data = quiz
    paths = paths_to_outcomes(data)
    crisis = next(o["id"] for o in data["outcomes"] if o["kind"] == "crisis")
    # Two full paths that differ: answer by the first, then change answers to the second's.
    (first_outcome, first), (second_outcome, second) = [(o, p) for o, p in paths.items() if o != crisis][:2]
    titles = {o["id"]: o["title"] for o in data["outcomes"]}
    context, page, watcher = open_quiz(browser, server, url)
    try:
        start(page, url, server.origin)
        for index, answer in first:
            answer_with_keyboard(page, data, index, answer)
            press_button(page, "Continue")
        assert heading_text(page) == "Check your answers"
        changed = [(i, a) for (i, a), (_, b) in zip(second, first) if a != b]
        assert changed
        for index, answer in changed:
            q = data["questions"][index]
            tab_to(page, f"{QUIZ} .quiz-change")
            for _ in range(60):
                if q["text"] in page.evaluate("document.activeElement.textContent"):
                    break
                page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            answer_with_keyboard(page, data, index, answer)
            press_button(page, "Continue")
            assert heading_text(page) == "Check your answers"  # back to the summary, not the next question
            text = {a["id"]: a["text"] for a in q["answers"]}[answer]
            assert text in page.locator(f"{QUIZ} .quiz-summary").inner_text()
        press_button(page, "See my result")
        assert heading_text(page) == f"Your result: {titles[second_outcome]}" != f"Your result: {titles[first_outcome]}"
        # Back from the result returns to the summary.
        press_button(page, "Back", backwards=True)
        assert heading_text(page) == "Check your answers"
        assert not watcher.console_errors
    finally:
        context.close()


def test_crisis_answer_shows_help_at_once(browser, server, quiz):
    url, data = quiz
    crisis = next(o for o in data["outcomes"] if o["kind"] == "crisis")
    path = paths_to_outcomes(data)[crisis["id"]]
    context, page, watcher = open_quiz(browser, server, url, width=320)
    try:
        start(page, url, server.origin)
        for index, answer in path[:-1]:
            answer_with_keyboard(page, data, index, answer)
            press_button(page, "Continue")
        index, answer = path[-1]
        alert = page.locator(f"{QUIZ} .quiz-alert")
        assert alert.locator("a[href='tel:988']").count() == 0
        answer_with_keyboard(page, data, index, answer)
        # Before Continue: the help lines are on screen, in an assertive live region.
        assert alert.locator("a[href='tel:988']").first.is_visible()
        assert alert.locator("a[href='tel:911']").first.is_visible()
        assert alert.get_attribute("aria-live") == "assertive"
        problems = [format_violation(v) for v in run_axe(page)]
        assert not problems, "crisis alert: " + "\n".join(problems)
        press_button(page, "Continue")
        assert heading_text(page) == f"Your result: {crisis['title']}"
        assert watcher.console_errors == []
    finally:
        context.close()


def test_unanswered_question_shows_an_error_not_a_result(browser, server, quiz):
    url, data = quiz
    context, page, _ = open_quiz(browser, server, url)
    try:
        start(page, url, server.origin)
        press_button(page, "Continue")
        assert "Question 1 of" in heading_text(page)
        assert page.locator(f"{QUIZ} .quiz-error").is_visible()
        assert active(page, f"{QUIZ} [data-quiz-app] input[type=radio]")
        problems = [format_violation(v) for v in run_axe(page)]
        assert not problems, "error state: " + "\n".join(problems)
    finally:
        context.close()


@pytest.mark.parametrize("width", (320, 1280))
def test_quiz_fallback_and_decision_guide_without_javascript(browser, server, quiz, width):
    url, data = quiz
    context, page, watcher = new_watched_page(browser, server.origin, width=width, java_script_enabled=False)
    try:
        page.goto(server.origin + url)
        settle(page)
        root = page.locator(QUIZ)
        assert root.locator("[data-quiz-static]").is_visible()
        # Every question, with every answer, is on the page and visible.
        for q in data["questions"]:
            fieldset = root.locator("fieldset.quiz-question").filter(has_text=q["text"])
            assert fieldset.count() == 1 and fieldset.is_visible(), q["id"]
            assert fieldset.locator("input[type=radio]").count() == len(q["answers"])
            for a in q["answers"]:
                assert fieldset.get_by_label(a["text"], exact=True).is_visible(), (q["id"], a["id"])
        # The decision guide: one step per rule, each linking to a visible result.
        guide = root.locator(".quiz-guide > li")
        assert guide.count() == len(data["rules"])
        for o in data["outcomes"]:
            assert root.locator(f"[data-outcome='{o['id']}']").is_visible(), o["id"]
        # Usable by keyboard: answer the first question, then follow a guide link.
        first = data["questions"][0]
        tab_to(page, f"{QUIZ} input[type=radio]")
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked && document.activeElement.value") == first["answers"][0]["id"]
        tab_to(page, f"{QUIZ} .quiz-guide a")
        target = page.evaluate("document.activeElement.hash")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda u: u.endswith(target))
        box = page.locator(target).bounding_box()
        assert box and -2 <= box["y"] < page.viewport_size["height"], (target, box)  # scrolled to it
        # Crisis help is shown with the questions that have danger answers.
        signal_questions = [q for q in data["questions"] if any(a["crisis"] or a["urgent"] for a in q["answers"])]
        for q in signal_questions:
            help_box = root.locator("fieldset.quiz-question").filter(has_text=q["text"]).locator(".quiz-help")
            assert help_box.locator("a[href='tel:988']").first.is_visible(), q["id"]
        hidden = page.evaluate(VISIBILITY_JS, READABLE)["missing"]
        assert not hidden, hidden
        assert watcher.console_errors == [] and watcher.foreign_requests() == []
    finally:
        context.close()


@pytest.mark.parametrize("width", (320, 1280))
def test_axe_on_the_quiz_fallback(browser, server, quiz, width):
    """axe needs timers, which do not run with JavaScript off; so here the page
    runs with its own scripts blocked instead, which leaves the same fallback."""
    url, _ = quiz
    context, page, _ = new_watched_page(browser, server.origin, width=width)
    try:
        context.route("**/*.js", lambda route: route.abort())
        page.goto(server.origin + url)
        settle(page)
        assert page.locator(f"{QUIZ} [data-quiz-static]").is_visible()
        assert page.locator(f"{QUIZ} [data-quiz-app]").is_hidden()
        problems = [format_violation(v) for v in run_axe(page)]
        assert not problems, "quiz fallback: " + "\n".join(problems)
    finally:
        context.close()
