"""The people in tests/personas.yaml, each through the live self-check.

With JavaScript: one page, keyboard only, every persona in turn ("Start
again" between them): the quiz must ask only questions the persona can answer
and end on the persona's outcome with exactly the persona's cautions, every
matched reason, and help lines for crisis and urgent results; then nothing is
stored and nothing was requested.

Without JavaScript: the same page with scripts off; each persona picks their
answers in the printed questions (skipping those whose "Answer this only if"
note does not hold, and stopping once a crisis step matches, as its help box
says), then reads down the decision guide and the cautions list. The first
matching step must name the same outcome, and the cautions that apply must be
exactly the persona's.
"""

import pytest

from browserkit import new_watched_page
from quizkit import (APP, GUIDE_JS, QUIZ, choose_by_keyboard, current_question, guide_holds, heading_text,
                     personas, press_button, quiz_data, result_state)

pytestmark = pytest.mark.browser

PERSONAS = personas()


def test_personas_cover_every_outcome_and_caution(site):
    from quizdom import read_quiz
    data = read_quiz((site / "self-check" / "index.html").read_text(encoding="utf-8"))
    assert len(PERSONAS) >= 25
    assert {p["outcome"] for p in PERSONAS} == {o["id"] for o in data["outcomes"]}
    assert {c for p in PERSONAS for c in p["cautions"]} == {c["id"] for c in data["cautions"]}


def test_every_persona_by_keyboard_with_javascript(browser, server):
    context, page, watcher = new_watched_page(browser, server.origin, width=1280)
    problems = []
    try:
        page.goto(server.origin + "/self-check/")
        page.wait_for_load_state("networkidle")
        requests_at_load = len(watcher.requests)
        data = quiz_data(page)
        outcomes = {o["id"]: o for o in data["outcomes"]}
        press_button(page, "Start")
        for persona in PERSONAS:
            name, answers = persona["name"], persona["answers"]
            asked = []
            while True:
                q = current_question(page, data)
                if q is None:
                    break
                assert q["id"] in answers, f"{name}: the quiz asked {q['id']!r}, which this persona cannot answer"
                assert "#question-" in page.url and not any(a in page.url.split("#")[1] for a in ("yes", "plan"))
                asked.append(q["id"])
                choose_by_keyboard(page, q, answers[q["id"]])
            if heading_text(page) == "Check your answers":
                press_button(page, "See my result")
            state = result_state(page)
            want = outcomes[persona["outcome"]]
            if state["heading"] != f"Your result: {want['title']}":
                problems.append(f"{name}: got {state['heading']!r}, expected {want['title']!r} (asked {asked})")
            if state["cautions"] != persona["cautions"]:
                problems.append(f"{name}: cautions {state['cautions']}, expected {persona['cautions']}")
            if want["kind"] == "crisis" or want["help_lines"]:
                if not {"tel:988", "tel:911"} <= set(state["tels"]):
                    problems.append(f"{name}: no help lines on the result")
            # Every rule that matched the persona's asked answers shows its reason, the deciding ones first.
            given = {q: answers[q] for q in asked}
            matched = [r for r in data["rules"] if all(given.get(k) in v for k, v in r["when"].items())]
            if want["kind"] != "crisis" or matched:
                expected = [r["reason"] for r in matched if r["priority"] == matched[0]["priority"]] + \
                           [r["reason"] for r in matched if r["priority"] != matched[0]["priority"]]
                if state["reasons"] != expected:
                    problems.append(f"{name}: reasons {state['reasons']}, expected {expected}")
            assert page.url.endswith("#result"), page.url
            press_button(page, "Start again")
            press_button(page, "Start")
        stored = page.evaluate("""async () => ({local: localStorage.length, session: sessionStorage.length,
            idb: (await indexedDB.databases()).length, cookie: document.cookie})""")
        assert stored == {"local": 0, "session": 0, "idb": 0, "cookie": ""}, stored
        assert context.cookies() == []
        later = watcher.requests[requests_at_load:]
        assert later == [], f"requests after load: {later[:5]}"
        assert watcher.console_errors == [] and watcher.csp_violations(page) == []
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_every_persona_through_the_printed_guide_without_javascript(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=375, java_script_enabled=False)
    problems = []
    try:
        page.goto(server.origin + "/self-check/")
        page.wait_for_load_state("load")
        guide = page.evaluate(GUIDE_JS)
        assert page.locator(f"{QUIZ} {APP}").is_hidden()
        for persona in PERSONAS:
            name, answers = persona["name"], persona["answers"]
            chosen = {}
            for q in guide["questions"]:
                assert q["visible"], q["id"]
                if q["askIf"] and not guide_holds(q["askIf"], chosen):
                    continue                      # "Answer this only if ...": it does not apply
                assert q["id"] in answers, f"{name}: the guide asks {q['id']!r}, which this persona cannot answer"
                radio = page.locator(f"{QUIZ} fieldset[data-question='{q['id']}'] input[value='{answers[q['id']]}']")
                radio.check()
                assert radio.is_checked()
                chosen[q["id"]] = answers[q["id"]]
                if any(s["crisis"] and guide_holds(s["when"], chosen) for s in guide["steps"]):
                    break                         # the help box says: get help now
            first = next((s for s in guide["steps"] if guide_holds(s["when"], chosen)), None)
            if first is None or first["outcome"] != persona["outcome"]:
                problems.append(f"{name}: the guide gives {first and first['outcome']}, expected {persona['outcome']}")
            elif not first["href"].endswith(f"-outcome-{persona['outcome']}"):
                problems.append(f"{name}: step {first['rule']} links to {first['href']}")
            cautions = [c["id"] for c in guide["cautions"] if any(guide_holds(alt, chosen) for alt in c["alternatives"])]
            if cautions != persona["cautions"]:
                problems.append(f"{name}: the guide's cautions {cautions}, expected {persona['cautions']}")
        # The words a reader follows are on the page, not only in attributes.
        for step in guide["steps"]:
            for c in step["when"]:
                assert "your answer to" in c["text"].lower(), step["rule"]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
