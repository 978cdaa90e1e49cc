"""Helpers for driving the self-check in a real browser, by keyboard, and for
reading its printable guide (no JavaScript) the way a reader would."""

import re
from pathlib import Path

import yaml

from browserkit import quiz_ready
from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from quizdom import read_app_data

QUIZ = "[data-continuum-quiz]"
APP = "[data-quiz-app]"
PERSONAS_FILE = Path(__file__).resolve().parents[1] / "personas.yaml"


def personas():
    data = yaml.load(PERSONAS_FILE.read_text(encoding="utf-8"), Loader=SafeLoader)
    return [dict(p, answers=dict(data["defaults"], **p["answers"])) for p in data["personas"]]


def quiz_data(site, lang=""):
    """What the self-check page's quiz-data.js gives quiz.js (the words in the page's language)."""
    return read_app_data(Path(site) / lang / "self-check" / "quiz-data.js")


def active_matches(page, selector):
    return page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector, limit=300, backwards=False):
    for _ in range(limit):
        if active_matches(page, selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"Tab never reached {selector}")


def start_by_keyboard(page):
    """From the top of the self-check page: Tab to Start, press Enter."""
    quiz_ready(page)
    tab_to(page, f"{QUIZ} [data-quiz-start-link]")
    page.keyboard.press("Enter")


# The next-steps sheet's module and what it imports (theme/static/js/tools/), read
# from the source so a new import is followed. quiz.js loads them when Start is
# pressed, not with the page (the page keeps its request budget).
TOOLS_JS = Path(__file__).resolve().parents[2] / "theme" / "static" / "js" / "tools"


def sheet_modules(name="sheet.js", found=None):
    found = set() if found is None else found
    if name not in found:
        found.add(name)
        for imported in re.findall(r'from\s+"\./([\w-]+\.js)"', (TOOLS_JS / name).read_text(encoding="utf-8")):
            sheet_modules(imported, found)
    return found


def start_and_load_the_sheet(page, watcher, origin):
    """Press Start by keyboard and wait for the sheet's modules. The only requests
    Start may make are those files, with no query: the same for everyone, asked
    for before any answer exists. Returns the request count after them, from which
    no request at all may follow (answers never leave the browser)."""
    before = len(watcher.requests)
    start_by_keyboard(page)
    want = sorted(f"{origin}/theme/js/tools/{name}" for name in sheet_modules())
    for _ in range(250):
        if len(watcher.requests) - before >= len(want):
            break
        page.wait_for_timeout(20)
    page.wait_for_timeout(50)                      # room for an unexpected extra request to show
    got = watcher.requests[before:]
    assert sorted(got) == want, f"Start should load only the sheet's modules {want}; it loaded {got}"
    return len(watcher.requests)


# How many Tab presses from the focused element to the first quiz button whose
# text starts with `name` (in document order, which is the tab order here: no
# positive tabindex on the site). Counting first, then pressing, saves a round
# trip to the browser per key.
TABS_TO_BUTTON = """([name, back]) => {
  // checkVisibility: a link inside a folded <details> has a box but is no tab stop.
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter((el) => el.tabIndex >= 0 && !el.disabled && el.checkVisibility());
  const radios = new Set();       // a radio group is one tab stop
  const stops = all.filter((el) => {
    if (el.type !== 'radio') return true;
    if (radios.has(el.name)) return false;
    radios.add(el.name); return true;
  });
  // The focused element may not be a tab stop itself (a heading focused by script):
  // then the first Tab goes to the next stop after it.
  const active = document.activeElement;
  let from = stops.indexOf(active);
  if (from < 0) {
    const next = stops.findIndex((el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    from = back ? next : next - 1;
  }
  const to = stops.findIndex((el) => el.matches('[data-continuum-quiz] [data-quiz-app] button')
    && el.textContent.trim().startsWith(name));
  if (to < 0) return null;
  return back ? from - to : to - from;
}"""


def press_button(page, name, backwards=False):
    """Tab (or Shift+Tab) to the quiz button whose text starts with name; press Enter."""
    key = "Shift+Tab" if backwards else "Tab"
    n = page.evaluate(TABS_TO_BUTTON, [name, backwards])
    assert n is not None and n >= 0, f"no button {name!r} reachable with {key} ({n})"
    for _ in range(n):
        page.keyboard.press(key)
    assert page.evaluate("""(name) => { const el = document.activeElement;
        return !!el && el.matches('[data-continuum-quiz] [data-quiz-app] button')
            && el.textContent.trim().startsWith(name); }""", name), f"Tab did not reach {name!r}"
    page.keyboard.press("Enter")


def heading_text(page):
    return page.locator(f"{QUIZ} {APP} h2").inner_text()


def current_question(page, data):
    """The question on screen (its id is on the answers), or None on another screen."""
    qid = page.evaluate("""() => { const i = document.querySelector('[data-quiz-app] fieldset input[type=radio]');
        return i ? i.name.replace(/^.*-js-/, '') : null; }""")
    return next((q for q in data["questions"] if q["id"] == qid), None) if qid else None


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


def choose_fresh(page, question, answer_id):
    """On a new question screen (the heading has focus, nothing chosen yet):
    Tab to the first answer, Space to choose it, arrows down to the answer,
    Enter to continue. The same keys as choose_by_keyboard, without checking
    between them (the result the persona reaches is checked instead)."""
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    for _ in range([a["id"] for a in question["answers"]].index(answer_id)):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def answer_by_keyboard(page, data, answers, stop_before=None, careful=False):
    """Answer every question the quiz asks until another screen (or question
    `stop_before`) shows; returns the ids asked. Fails on a question the
    answers do not cover."""
    asked = []
    while (q := current_question(page, data)) is not None and q["id"] != stop_before:
        assert q["id"] in answers, f"the quiz asked {q['id']!r}, which this persona cannot answer"
        asked.append(q["id"])
        (choose_by_keyboard if careful else choose_fresh)(page, q, answers[q["id"]])
    return asked


# Clicks in the page: the chosen radio, then Continue, for each question on
# screen, in one round trip. The quiz's own handlers (the radio's change, the
# form's submit) run as they do for a mouse; each screen is drawn before the
# click returns. For tests about what a screen shows, not how it is reached;
# answer_by_keyboard is for the keyboard journeys (test_personas).
ANSWER_BY_CLICKS_JS = """([answers, stop]) => {
  const app = document.querySelector('[data-quiz-app]');
  const asked = [], stops = [].concat(stop ?? []);
  for (;;) {
    const radio = app.querySelector('fieldset input[type=radio]');
    const qid = radio && radio.name.replace(/^.*-js-/, '');
    if (!qid || stops.includes(qid)) return {asked};
    if (asked.at(-1) === qid) return {asked, problem: `question ${qid} is still on screen after its answer`};
    if (!(qid in answers)) return {asked, problem: `the quiz asked ${qid}, which these answers do not cover`};
    const input = app.querySelector(`input[name="${radio.name}"][value="${answers[qid]}"]`);
    if (!input) return {asked, problem: `question ${qid} has no answer ${answers[qid]}`};
    asked.push(qid);
    input.click();
    app.querySelector('form.quiz-form button[type=submit]').click();
  }
}"""


def answer_by_clicks(page, answers, stop_before=None):
    """Answer every question the quiz asks until another screen (or a question
    in `stop_before`, an id or a list of ids) shows; returns the ids asked.
    Fails on a question or answer the answers do not cover."""
    done = page.evaluate(ANSWER_BY_CLICKS_JS, [answers, stop_before])
    assert "problem" not in done, f"{done['problem']} (answered {done['asked']})"
    return done["asked"]


def result_state(page):
    """What the result screen shows: heading, caution ids, reasons, help links and actions."""
    return page.evaluate("""() => {
      const app = document.querySelector('[data-quiz-app]');
      const card = app.querySelector('.quiz-outcome');
      return {
        heading: app.querySelector('h2').textContent.trim(),
        cautions: [...app.querySelectorAll('.quiz-cautions [data-caution]')].map((c) => c.dataset.caution),
        reasons: [...app.querySelectorAll('.quiz-reasons li')].map((li) => li.textContent.trim()),
        lines: [...card.querySelectorAll('.quiz-help [data-line]')].map((li) => li.dataset.line),
        tels: [...card.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')),
        actions: [...card.querySelectorAll('a.quiz-action')].map((a) => a.getAttribute('href')),
        text: app.innerText,
      };
    }""")


# ---- the printable guide (no JavaScript), read as a person would --------------
GUIDE_JS = """() => {
  const root = document.querySelector('[data-quiz-guide]');
  const cond = (el) => ({q: el.dataset.when || el.dataset.askIf, a: el.dataset.answers.split(' '), text: el.textContent});
  return {
    questions: [...root.querySelectorAll('fieldset.quiz-question')].map((fs) => ({
      id: fs.dataset.question,
      askIf: [...fs.querySelectorAll('[data-ask-if]')].map(cond),
      visible: fs.getBoundingClientRect().height > 0,
      help: [...fs.querySelectorAll('.quiz-help [data-line]')].map((li) => li.dataset.line),
    })),
    steps: [...root.querySelectorAll('.quiz-guide > li')].map((li) => ({
      rule: li.dataset.rule, outcome: li.dataset.outcome, crisis: li.classList.contains('quiz-guide__rule--crisis'),
      when: [...li.querySelectorAll('[data-when]')].map(cond), text: li.textContent,
      href: li.querySelector('.quiz-guide__result a').getAttribute('href'),
    })),
  };
}"""

RESULTS_JS = """() => {
  const root = document.querySelector('[data-quiz-results]');
  const cond = (el) => ({q: el.dataset.when, a: el.dataset.answers.split(' '), text: el.textContent});
  return {
    cautions: [...root.querySelectorAll('.quiz-cautions-guide > li')].map((li) => ({
      id: li.dataset.caution,
      alternatives: [...li.querySelectorAll('[data-alternative]')].map((alt) => [...alt.querySelectorAll('[data-when]')].map(cond)),
    })),
    outcomes: [...root.querySelectorAll('section[data-outcome]')].map((s) => ({id: s.id, outcome: s.dataset.outcome,
      visible: s.getBoundingClientRect().height > 0})),
  };
}"""


def guide_holds(conditions, chosen):
    return all(chosen.get(c["q"]) in c["a"] for c in conditions)


def follow_guide(guide, results, answers):
    """A reader with these answers, following the printed guide: answer each
    question unless its "Answer this only if" note says to skip it, stop as
    soon as a crisis step matches (its help box says get help now), then take
    the first step that matches, and every caution whose "If ..." holds.
    Returns (chosen answers, first matching step or None, caution ids)."""
    chosen = {}
    for q in guide["questions"]:
        if q["askIf"] and not guide_holds(q["askIf"], chosen):
            continue
        chosen[q["id"]] = answers[q["id"]]
        if any(s["crisis"] and guide_holds(s["when"], chosen) for s in guide["steps"]):
            break
    first = next((s for s in guide["steps"] if guide_holds(s["when"], chosen)), None)
    cautions = [c["id"] for c in results["cautions"] if any(guide_holds(alt, chosen) for alt in c["alternatives"])]
    return chosen, first, cautions


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
    if base != origin + url or fragment and not re.fullmatch(r"question-\d+|check-answers|result", fragment):
        problems.append(f"URL changed (answers in the address?): {page.url}")
    return problems
