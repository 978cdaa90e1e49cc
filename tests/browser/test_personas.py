"""The people in tests/personas.yaml through the live self-check, in English
and Spanish (one set of rules: the ids must be the same in both).

With JavaScript: one page, keyboard only, one persona after another ("Start
again" between them; a handful in `make test`, all of them in `make
test-personas`): the quiz must ask only questions the persona can answer
and end on the persona's outcome with exactly the persona's cautions, every
matched reason, the help lines for crisis and urgent results in the right
order, and at least one action to tap; then nothing is stored and nothing was
requested after load.

Without JavaScript: the printable guide and the results page, read as a person
would (tests/browser/quizkit.follow_guide): answer each question unless its
note says to skip it, stop once a crisis step matches, take the first step
that matches, then the cautions whose "If ..." holds. A few personas also tick
their answers in the page, to show the printed form works by keyboard and pointer.
"""

import os

import pytest

from browserkit import new_watched_page, settle
from quizkit import (GUIDE_JS, QUIZ, RESULTS_JS, answer_by_keyboard, follow_guide, heading_text, personas,
                     press_button, quiz_data, result_state, start_and_load_the_sheet)

pytestmark = pytest.mark.browser

PERSONAS = personas()
# `make test` walks a handful of people per language by keyboard: each kind of
# result and first line (the engines are checked on every persona in process:
# tests/unit/test_continuum_engine.py). `make test-personas` walks them all.
HANDFUL = ("Has a plan to end their life tonight",
           "Overdosed on fentanyl last night, revived with naloxone by a friend, did not go to hospital",
           "Three weeks after giving birth, hears voices telling her things",
           "Thoughts of suicide without a plan, veteran with PTSD",
           "Pregnant daily drinker with shakes",
           "Prescribed oxycodone and alprazolam every day, manages fine",
           "Teenager with depression whose parent hits them",
           "Pregnant, uses meth, coping",
           "In an IOP for depression and getting worse")
WALKED = PERSONAS if os.environ.get("PERSONAS") == "all" else [p for p in PERSONAS if p["name"] in HANDFUL]
LANGS = {"en": "", "es": "es/"}
LINE_ORDER = {"lifeline": ["lifeline", "emergency", "helpline"], "emergency": ["emergency", "lifeline", "helpline"]}


def first_line(data, given):
    """911 first if a crisis rule that the answers match says so, else 988."""
    crisis = {o["id"] for o in data["outcomes"] if o["kind"] == "crisis"}
    matched = [r for r in data["rules"] if r["outcome"] in crisis and all(given.get(k) in v for k, v in r["when"].items())]
    return "emergency" if any(r.get("call_first") == "emergency" for r in matched) else "lifeline"


def expected_reasons(data, asked_answers):
    matched = [r for r in data["rules"] if all(asked_answers.get(k) in v for k, v in r["when"].items())]
    if not matched:
        return []
    top = matched[0]["priority"]
    return [r["reason"] for r in matched if r["priority"] == top] + [r["reason"] for r in matched if r["priority"] != top]


@pytest.mark.parametrize("lang", LANGS)
def test_every_persona_by_keyboard_with_javascript(browser, server, site, lang):
    data = quiz_data(site, LANGS[lang])
    ui = data["ui"]
    outcomes = {o["id"]: o for o in data["outcomes"]}
    context, page, watcher = new_watched_page(browser, server.origin, width=320, height=568)
    problems = []
    try:
        page.goto(f"{server.origin}/{LANGS[lang]}self-check/")
        settle(page)
        # Start loads the next-steps sheet's modules (the same files for everyone, before
        # any answer); from then on, nothing.
        requests_at_start = start_and_load_the_sheet(page, watcher, server.origin)
        assert len(WALKED) in (len(HANDFUL), len(PERSONAS))
        for persona in WALKED:
            name, answers = persona["name"], persona["answers"]
            asked = answer_by_keyboard(page, data, answers)
            assert "#question-" in page.url or page.url.endswith(("#check-answers", "#result"))
            if heading_text(page) == ui["js_check_title"]:
                press_button(page, ui["js_see_result"])
            state = result_state(page)
            want = outcomes[persona["outcome"]]
            if state["heading"] != ui["js_result"].replace("{title}", want["title"]):
                problems.append(f"{name}: got {state['heading']!r}, expected {want['title']!r} (asked {asked})")
            if state["cautions"] != persona["cautions"]:
                problems.append(f"{name}: cautions {state['cautions']}, expected {persona['cautions']}")
            given = {q: answers[q] for q in asked}
            if want["kind"] == "crisis" or want.get("help_lines"):
                order = LINE_ORDER[first_line(data, given)]
                if state["lines"] != order:
                    problems.append(f"{name}: help lines {state['lines']}, expected {order}")
            if not state["actions"]:
                problems.append(f"{name}: no action to tap on the result")
            if state["reasons"] != expected_reasons(data, given):
                problems.append(f"{name}: reasons {state['reasons']}")
            assert page.url.endswith("#result"), page.url
            press_button(page, ui["js_start_again"])
        stored = page.evaluate("""async () => ({local: localStorage.length, session: sessionStorage.length,
            idb: (await indexedDB.databases()).length, cookie: document.cookie})""")
        assert stored == {"local": 0, "session": 0, "idb": 0, "cookie": ""}, stored
        assert context.cookies() == []
        later = watcher.requests[requests_at_start:]
        assert later == [], f"requests after Start: {later[:5]}"
        assert watcher.console_errors == [] and watcher.csp_violations(page) == []
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_every_persona_through_the_printable_guide_without_javascript(browser, server, lang):
    context, page, watcher = new_watched_page(browser, server.origin, width=375, java_script_enabled=False)
    problems = []
    try:
        page.goto(f"{server.origin}/{LANGS[lang]}self-check-guide/")
        settle(page)
        guide = page.evaluate(GUIDE_JS)
        assert all(q["visible"] for q in guide["questions"])
        for step in guide["steps"]:          # the words a reader follows are on the page, not only in attributes
            for c in step["when"]:
                assert ("your answer to" if lang == "en" else "su respuesta a") in c["text"].lower(), step["rule"]
        # A few readers tick their answers on the page itself.
        for persona in PERSONAS[:3]:
            chosen, _, _ = follow_guide(guide, {"cautions": []}, persona["answers"])
            for qid, aid in chosen.items():
                radio = page.locator(f"fieldset[data-question='{qid}'] input[value='{aid}']")
                radio.check()
                assert radio.is_checked()
        page.goto(f"{server.origin}/{LANGS[lang]}self-check-results/")
        settle(page)
        results = page.evaluate(RESULTS_JS)
        assert all(o["visible"] for o in results["outcomes"])
        anchors = {o["id"]: o["outcome"] for o in results["outcomes"]}
        for persona in PERSONAS:
            name = persona["name"]
            _, first, cautions = follow_guide(guide, results, persona["answers"])
            if first is None or first["outcome"] != persona["outcome"]:
                problems.append(f"{name}: the guide gives {first and first['outcome']}, expected {persona['outcome']}")
            elif anchors.get(first["href"].split("#")[1]) != persona["outcome"]:
                problems.append(f"{name}: step {first['rule']} links to {first['href']}")
            if cautions != persona["cautions"]:
                problems.append(f"{name}: the guide's cautions {cautions}, expected {persona['cautions']}")
        assert watcher.console_errors == [] and watcher.foreign_requests() == []
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_the_guide_and_results_pages_are_reached_without_javascript(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=320, java_script_enabled=False)
    try:
        page.goto(server.origin + "/self-check/")
        settle(page)
        start = page.locator(f"{QUIZ} [data-quiz-start-link]")
        assert start.is_visible()
        start.click()
        page.wait_for_url("**/self-check-guide/")
        page.locator(".quiz-guide__next a").click()
        page.wait_for_url("**/self-check-results/")
    finally:
        context.close()
