"""The self-check in a real browser, with the site's real CSP: keyboard only,
focus on each new heading, crisis help at once, a result that is announced,
nothing stored, nothing in the URL, no request after load, axe on every
screen, and the page without JavaScript."""

import pytest

from browserkit import horizontal_overflow, new_watched_page, run_axe, settle, format_violation

pytestmark = pytest.mark.browser

QUIZ = "[data-continuum-quiz]"
APP = "[data-quiz-app]"

# Answer index per question for a path that ends in "iop" (see content/data/continuum.yaml).
IOP_PATH = {"self-harm": 3, "harm-others": 2, "withdrawal": 2, "health": 1, "home": 0,
            "current-care": 1, "relapse": 0, "daily-life": 1, "readiness": 0, "transport": 0}


def active(page):
    return page.evaluate("""() => { const a = document.activeElement;
        return {tag: a.tagName.toLowerCase(), text: a.textContent.trim(), type: a.type || ''}; }""")


def axe_clean(page, where):
    found = run_axe(page, QUIZ)
    assert not found, f"{where}: " + "; ".join(format_violation(v) for v in found)


def choose_by_keyboard(page, index):
    """From the question heading: Tab into the radios, pick answer `index`, Enter."""
    page.keyboard.press("Tab")
    assert active(page)["type"] == "radio"
    page.keyboard.press("Space")
    at = page.evaluate("() => [...document.querySelectorAll('[data-quiz-app] input[type=radio]')].indexOf(document.activeElement)")
    for _ in range(abs(index - at)):
        page.keyboard.press("ArrowDown" if index > at else "ArrowUp")
    page.keyboard.press("Enter")


def privacy_state(page):
    return page.evaluate("""async () => ({
        url: location.href, cookie: document.cookie,
        local: localStorage.length, session: sessionStorage.length,
        idb: indexedDB.databases ? (await indexedDB.databases()).length : 0})""")


@pytest.fixture()
def quiz_page(browser, server):
    context, page, watcher = new_watched_page(browser, server.origin, width=375, height=800)
    page.goto(server.origin + "/self-check/")
    settle(page)
    yield page, watcher, server
    context.close()


def test_whole_flow_by_keyboard_with_focus_result_and_privacy(quiz_page):
    page, watcher, server = quiz_page
    url = page.url
    requests_at_load = len(watcher.requests)
    assert page.locator("[data-quiz-static]").is_hidden()
    assert "Your answers stay on this device" in page.locator(APP).inner_text()
    axe_clean(page, "start")
    page.locator(APP).get_by_role("button", name="Start").focus()
    page.keyboard.press("Enter")
    questions = page.evaluate("() => JSON.parse(document.querySelector('[data-quiz-data]').textContent).questions")
    for n, q in enumerate(questions, start=1):
        now = active(page)
        assert now["tag"] == "h2" and q["text"] in now["text"] and f"Question {n} of {len(questions)}" in now["text"], now
        if n == 1:
            axe_clean(page, "question 1")
        choose_by_keyboard(page, IOP_PATH[q["id"]])
    now = active(page)
    assert now["tag"] == "h2" and now["text"] == "Check your answers", now
    assert page.locator(APP).get_by_role("button", name="Change").count() == len(questions)
    axe_clean(page, "check answers")
    # Change an answer: back to that question, then straight back to "check your answers".
    page.locator(APP).get_by_role("button", name="Change your answer to: What treatment do you get now?").click()
    assert "What treatment do you get now?" in active(page)["text"]
    choose_by_keyboard(page, IOP_PATH["current-care"])
    assert active(page)["text"] == "Check your answers"
    page.locator(APP).get_by_role("button", name="See my result").focus()
    page.keyboard.press("Enter")
    now = active(page)
    assert now["tag"] == "h2" and now["text"] == "Your result: An IOP may fit you", now
    app_text = page.locator(APP).inner_text()
    assert "Why we suggest this" in app_text and "Weekly therapy has not been enough" in app_text
    assert "This is not a diagnosis" in app_text and "Read more: What is an intensive outpatient program?" in app_text
    assert page.locator(f"{APP} [role=status]").inner_text() == "Your result: An IOP may fit you"
    assert page.locator(f"{APP} [role=status]").get_attribute("aria-live") == "polite"
    link = page.locator(APP).get_by_role("link", name="Read more: What is an intensive outpatient program?")
    assert link.get_attribute("href") == "../what-is-iop/"
    axe_clean(page, "result")
    state = privacy_state(page)
    assert state == {"url": url, "cookie": "", "local": 0, "session": 0, "idb": 0}, state
    assert "?" not in state["url"] and "#" not in state["url"]
    later = watcher.requests[requests_at_load:]
    assert later == [], f"requests after load: {later}"
    assert watcher.foreign_requests() == [] and watcher.csp_violations(page) == [] and watcher.console_errors == []


def test_crisis_answer_shows_help_at_once_then_the_crisis_result(quiz_page):
    page, watcher, _ = quiz_page
    page.locator(APP).get_by_role("button", name="Start").click()
    alert = page.locator(f"{APP} .quiz-alert")
    assert alert.get_attribute("aria-live") == "assertive" and alert.inner_text() == ""
    page.locator(APP).get_by_label("Yes, and I have a plan or I mean to act on them").check()
    # On the same screen, before Continue:
    assert "get help now" in alert.inner_text().lower()
    hrefs = set(alert.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert {"tel:988", "sms:988", "tel:911", "tel:+18006624357"} <= hrefs
    assert "Question 1 of" in active(page)["text"] or active(page)["type"] == "radio"
    axe_clean(page, "crisis question")
    page.locator(APP).get_by_role("button", name="Continue").click()
    assert active(page)["text"] == "Your result: Get help now"
    text = page.locator(APP).inner_text()
    for needed in ("988", "911", "1-800-662-4357", "This is not a diagnosis"):
        assert needed in text
    axe_clean(page, "crisis result")
    # "I'm not sure" about self-harm (urgent) also shows the lines at once, but the quiz goes on.
    page.locator(APP).get_by_role("button", name="Start again").click()
    page.locator(APP).get_by_role("button", name="Start").click()
    page.locator(APP).get_by_label("I'm not sure").check()
    assert "988" in alert.inner_text()
    page.locator(APP).get_by_label("No", exact=True).check()
    assert alert.inner_text() == ""
    assert watcher.console_errors == [] and watcher.csp_violations(page) == []


def test_continue_without_an_answer_shows_an_error(quiz_page):
    page, _, _ = quiz_page
    page.locator(APP).get_by_role("button", name="Start").click()
    page.locator(APP).get_by_role("button", name="Continue").click()
    error = page.locator(f"{APP} .quiz-error")
    assert error.inner_text().endswith("Select an answer to continue.")
    assert active(page)["type"] == "radio"
    described = page.locator(f"{APP} fieldset").get_attribute("aria-describedby")
    assert error.get_attribute("id") in described.split()
    axe_clean(page, "error")


def test_quiz_page_fits_320px(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=320, height=700)
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        page.locator(APP).get_by_role("button", name="Start").click()
        assert horizontal_overflow(page, 320) == ""
        page.goto(server.origin + "/compare-levels-of-care/")
        settle(page)
        assert horizontal_overflow(page, 320) == ""
        assert page.locator("tr.continuum-table__row--focus").get_by_text("This site's focus").is_visible()
    finally:
        context.close()


def test_without_javascript_every_question_and_the_guide_show(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=375, java_script_enabled=False)
    try:
        page.goto(server.origin + "/self-check/")
        page.wait_for_load_state("load")
        assert page.locator(APP).is_hidden()
        assert page.locator(f"{QUIZ} fieldset.quiz-question").first.is_visible()
        assert page.locator(".quiz-guide li").first.is_visible()
        page.locator("[data-quiz-static]").get_by_label("No", exact=True).first.check()   # radios work by themselves
        assert page.url.endswith("/self-check/")
    finally:
        context.close()
