"""The self-check's screens: focus and scroll on each new screen, browser
Back and reload, one "What to do next" at a time, and what printing shows."""

import pytest

from browserkit import horizontal_overflow, new_watched_page, settle
from quizkit import APP, answer_by_clicks, current_question, heading_text, personas, quiz_data, start_by_keyboard

pytestmark = pytest.mark.browser

PERSONAS = {p["name"]: p for p in personas()}


def click_answer(page, data, qid, aid):
    q = next(q for q in data["questions"] if q["id"] == qid)
    text = next(a["text"] for a in q["answers"] if a["id"] == aid)
    page.locator(APP).get_by_label(text, exact=True).click()
    page.locator(APP).get_by_role("button", name="Continue").click()


def focus_state(page):
    return page.evaluate("""() => { const a = document.activeElement; const s = getComputedStyle(a);
        const intro = [...document.querySelectorAll('main .prose > :not(.continuum-quiz)')];
        return {tag: a.tagName.toLowerCase(), outline: s.outlineStyle, shadow: s.boxShadow,
                quizTop: Math.round(document.querySelector('[data-continuum-quiz]').getBoundingClientRect().top),
                start: document.querySelector('[data-quiz-start]').getClientRects().length > 0,
                intro: intro.some((el) => el.getClientRects().length > 0)}; }""")


@pytest.fixture()
def quiz_page(browser, server, site):
    context, page, watcher = new_watched_page(browser, server.origin, width=375, height=667)
    page.goto(server.origin + "/self-check/")
    settle(page)
    yield page, watcher, server, quiz_data(site)
    context.close()


def test_each_question_screen_starts_at_the_top_with_its_heading_focused_and_no_focus_box(quiz_page):
    page, watcher, _, data = quiz_page
    start_by_keyboard(page)
    persona = PERSONAS["Teenager using cannabis, falling behind at school"]
    n = 0
    while (q := current_question(page, data)) is not None:
        n += 1
        state = focus_state(page)
        assert state["tag"] == "h2" and f"Question {n}" in heading_text(page)
        assert state["outline"] == "none" and state["shadow"] == "none", state      # no focus box on a heading
        assert -1 <= state["quizTop"] <= 80 and not state["start"], state          # top of the quiz, no start panel
        assert not state["intro"], state                                             # quiz mode: only the quiz shows
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        click_answer(page, data, q["id"], persona["answers"][q["id"]])
    assert heading_text(page) == "Check your answers"
    assert watcher.console_errors == []


def test_browser_back_steps_back_one_question_and_reload_starts_over(quiz_page):
    page, watcher, server, data = quiz_page
    base = server.origin + "/self-check/"
    page.locator("[data-quiz-start-link]").click()
    for qid, aid in (("self-harm", "no"), ("recent-danger", "no"), ("harm-others", "no")):
        click_answer(page, data, qid, aid)
    assert current_question(page, data)["id"] == "age" and page.url == base + "#question-4"
    page.go_back()
    assert current_question(page, data)["id"] == "harm-others" and page.url == base + "#question-3"
    assert page.locator(APP).get_by_label("No", exact=True).is_checked()          # the answer is kept
    page.go_back()
    assert current_question(page, data)["id"] == "recent-danger" and page.url == base + "#question-2"
    page.go_forward()
    assert current_question(page, data)["id"] == "harm-others"
    # Skipped questions are skipped on the way back too: no substance questions for someone who does not use.
    page.go_forward()
    for qid, aid in (("age", "adult"), ("perinatal", "no"), ("psychosis", "no"), ("use", "no")):
        click_answer(page, data, qid, aid)
    assert current_question(page, data)["id"] == "health"
    page.go_back()
    assert current_question(page, data)["id"] == "use"
    # The in-page Back button is the same step.
    page.locator(APP).get_by_role("button", name="Back").click()
    assert current_question(page, data)["id"] == "psychosis"
    page.reload()
    settle(page)
    assert page.url == base and page.locator("[data-quiz-start]").is_visible()
    page.locator("[data-quiz-start-link]").click()
    assert page.locator(f"{APP} input:checked").count() == 0                        # nothing remembered
    history = page.evaluate("() => history.state")
    assert history == {"quiz": "continuum-quiz", "screen": {"type": "question", "index": 0}}, history
    assert watcher.console_errors == []


def test_result_has_one_what_to_do_next_and_prints_only_the_summary(quiz_page):
    page, watcher, _, data = quiz_page
    persona = PERSONAS["Pregnant person using heroin most days"]
    page.locator("[data-quiz-start-link]").click()
    answer_by_clicks(page, persona["answers"])
    page.locator(APP).get_by_role("button", name="See my result").click()
    headings = page.evaluate("""() => [...document.querySelectorAll('main h1, main h2, main h3, main h4')]
        .filter((h) => h.getClientRects().length).map((h) => h.textContent.trim())""")
    assert headings.count("What to do next") == 1, headings
    assert all(a != b for a, b in zip(headings, headings[1:])), headings
    page.emulate_media(media="print")
    printed = page.evaluate("() => document.querySelector('main').innerText")
    for needed in ("Your result: Ask about medicine for opioid use", "Medicine for opioid use saves lives",
                   "If you are pregnant", "Your answers", "This is not a diagnosis"):
        assert needed in printed, needed
    assert "Start again" not in printed and "Related pages" not in printed
    page.emulate_media(media="screen")
    assert watcher.console_errors == []


def test_quiz_page_fits_320px(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=320, height=568)
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        page.locator("[data-quiz-start-link]").click()
        assert horizontal_overflow(page, 320) == ""
        page.goto(server.origin + "/compare-levels-of-care/")
        settle(page)
        assert horizontal_overflow(page, 320) == ""
        # On a phone the levels are cards (the table is for 48 em up); the IOP card is open and marked.
        focus = page.locator(".continuum-card--focus")
        assert focus.get_by_text("This site's focus").is_visible()
        assert focus.get_by_text("Who it fits").is_visible()
    finally:
        context.close()


FOLDED_JS = """() => [...document.querySelectorAll('.quiz-caution__sources')].map((d) => ({open: d.open,
  shown: [...d.querySelectorAll('.quiz-caution__source a')].some((a) => a.checkVisibility())}))"""


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_caution_sources_are_folded_on_a_phone_and_printed_in_full(browser, server, javascript):
    """The results page's caution sources are long on a phone: one folded line
    each; on paper every source shows, with or without JavaScript."""
    context, page, _ = new_watched_page(browser, server.origin, width=375, height=667, java_script_enabled=javascript)
    try:
        page.goto(server.origin + "/es/self-check-results/")
        settle(page)
        screen = page.evaluate(FOLDED_JS)
        assert len(screen) >= 10 and not any(d["open"] or d["shown"] for d in screen), screen[:3]
        page.emulate_media(media="print")
        paper = page.evaluate(FOLDED_JS)
        assert all(d["shown"] for d in paper), paper[:3]
    finally:
        context.close()
