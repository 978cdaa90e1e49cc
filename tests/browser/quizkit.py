"""Helpers for driving the self-check in a real browser, by keyboard, and for
reading its no-JavaScript decision guide the way a reader would."""

import json
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from quizdom import read_quiz

QUIZ = "[data-continuum-quiz]"
APP = "[data-quiz-app]"
PERSONAS_FILE = Path(__file__).resolve().parents[1] / "personas.yaml"


def personas():
    data = yaml.safe_load(PERSONAS_FILE.read_text(encoding="utf-8"))
    out = []
    for p in data["personas"]:
        out.append(dict(p, answers=dict(data["defaults"], **p["answers"])))
    return out


def quiz_data(page):
    """The quiz on the page, read from its markup as quiz.js reads it (works with JS off
    too), plus "ui" (the script's own words in the page's language) and, per outcome,
    "help_lines" (its result card lists the help lines)."""
    html = page.content()
    doc = BeautifulSoup(html, "html.parser")
    quiz = read_quiz(doc)
    for o in quiz["outcomes"]:   # does the result card list the help lines?
        o["help_lines"] = doc.select_one(f'.quiz-outcome[data-outcome="{o["id"]}"] [data-quiz-lines]') is not None
    return dict(quiz, ui=json.loads(doc.select_one("script[data-quiz-ui]").string))


def active_matches(page, selector):
    return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector, limit=300):
    for _ in range(limit):
        if active_matches(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


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
    return page.locator(f"{QUIZ} {APP} h2").inner_text()


def current_question(page, data):
    """The question on screen (from its heading), and the heading's focus state."""
    text = heading_text(page)
    found = [q for q in data["questions"] if q["text"] in text]
    return found[0] if found else None


def choose_by_keyboard(page, question, answer_id):
    """From the focused heading: Tab into the radios, pick the answer with arrows, Enter."""
    tab_to(page, f"{QUIZ} {APP} input[type=radio]")
    ids = [a["id"] for a in question["answers"]]
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    current = page.evaluate("document.activeElement.value")
    steps = ids.index(answer_id) - ids.index(current)
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert page.evaluate("document.activeElement.checked && document.activeElement.value") == answer_id
    page.keyboard.press("Enter")


def result_state(page):
    """What the result screen shows: heading, caution ids, reasons, help links."""
    return page.evaluate("""() => {
      const app = document.querySelector('[data-quiz-app]');
      return {
        heading: app.querySelector('h2').textContent.trim(),
        cautions: [...app.querySelectorAll('.quiz-cautions [data-caution]')].map((c) => c.dataset.caution),
        reasons: [...app.querySelectorAll('.quiz-reasons li')].map((li) => li.textContent.trim()),
        tels: [...app.querySelectorAll('.quiz-outcome a[href^="tel:"]')].map((a) => a.getAttribute('href')),
        text: app.innerText,
      };
    }""")


# ---- the no-JavaScript decision guide, read as a person would -----------------
GUIDE_JS = """() => {
  const root = document.querySelector('[data-continuum-quiz] [data-quiz-static]');
  const cond = (el) => ({q: el.dataset.when || el.dataset.askIf, a: el.dataset.answers.split(' '), text: el.textContent});
  return {
    questions: [...root.querySelectorAll('fieldset.quiz-question')].map((fs) => ({
      id: fs.dataset.question,
      askIf: [...fs.querySelectorAll('[data-ask-if]')].map(cond),
      visible: fs.getBoundingClientRect().height > 0,
    })),
    steps: [...root.querySelectorAll('.quiz-guide > li')].map((li) => ({
      rule: li.dataset.rule, outcome: li.dataset.outcome, crisis: li.classList.contains('quiz-guide__rule--crisis'),
      when: [...li.querySelectorAll('[data-when]')].map(cond), text: li.textContent,
      href: li.querySelector('.quiz-guide__result a').getAttribute('href'),
    })),
    cautions: [...root.querySelectorAll('.quiz-cautions-guide > li')].map((li) => ({
      id: li.dataset.caution,
      alternatives: [...li.querySelectorAll('[data-alternative]')].map((alt) => [...alt.querySelectorAll('[data-when]')].map(cond)),
    })),
  };
}"""


def guide_holds(conditions, chosen):
    return all(chosen.get(c["q"]) in c["a"] for c in conditions)
