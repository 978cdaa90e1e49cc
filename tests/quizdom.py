"""Read the self-check from its rendered page the way quiz.js's readQuiz() does.

The page's markup is the quiz's data (plugins/continuum/templates/quiz.html):
questions, answers and their flags, rules and cautions come from data-*
attributes, the words from ids and labels. Tests that look at a built page
without a browser use this; tests/browser/test_quiz_reader.py holds the two
readers and render_quiz.engine_data() equal, so none of them can drift.
"""

from bs4 import BeautifulSoup

WORDS = ("text", "hint", "title", "reason")
QUIZ = "[data-continuum-quiz]"


def _answers(node):
    return node["data-answers"].split(" ")


def _when(scope, attr):
    return {n[f"data-{attr}"]: _answers(n) for n in scope.select(f"[data-{attr}]")}


def read_quiz(html):
    """The quiz on a page (HTML text or a BeautifulSoup node), with its words."""
    page = BeautifulSoup(html, "html.parser") if isinstance(html, str) else html
    root = page.select_one(QUIZ)
    uid = root["id"]

    def words(suffix):
        node = root.find(id=f"{uid}-{suffix}")
        assert node is not None, f"#{uid}-{suffix} is missing from the page"
        return node.get_text().strip()

    questions = []
    for fieldset in root.select(".quiz-questions > [data-question]"):
        q = {"id": fieldset["data-question"]}
        ask_if = _when(fieldset, "ask-if")
        if ask_if:
            q["ask_if"] = ask_if
        if fieldset.get("data-skip-below"):
            q["skip_below"] = int(fieldset["data-skip-below"])
        q["answers"] = []
        for radio in fieldset.select("input[type=radio]"):
            a = {"id": radio["value"]}
            for flag in ("crisis", "urgent"):
                if radio.has_attr(f"data-{flag}"):
                    a[flag] = True
            if radio.get("data-call-first"):
                a["call_first"] = radio["data-call-first"]
            label = radio.find_parent("label") or root.find("label", attrs={"for": radio.get("id")})
            a["text"] = label.get_text().strip()
            q["answers"].append(a)
        q["text"] = words(f"q-{q['id']}-text")
        if root.find(id=f"{uid}-q-{q['id']}-hint"):
            q["hint"] = words(f"q-{q['id']}-hint")
        questions.append(q)
    outcomes = [{"id": s["data-outcome"], "kind": s["data-kind"], "title": words(f"outcome-{s['data-outcome']}-title")}
                for s in root.select(".quiz-outcome[data-outcome]")]
    rules = [{"id": li["data-rule"], "priority": int(li["data-priority"]), "when": _when(li, "when"),
              "outcome": li["data-outcome"], "reason": words(f"reason-{li['data-rule']}")}
             for li in root.select(".quiz-guide > [data-rule]")]
    cautions = [{"id": li["data-caution"], "when_any": [_when(alt, "when") for alt in li.select("[data-alternative]")]}
                for li in root.select(".quiz-cautions-guide > [data-caution]")]
    return {"questions": questions, "outcomes": outcomes, "rules": rules, "cautions": cautions}


def logic(quiz):
    """The quiz without its words: the shape of render_quiz.engine_data()."""
    if isinstance(quiz, dict):
        return {k: logic(v) for k, v in quiz.items() if k not in WORDS}
    if isinstance(quiz, list):
        return [logic(v) for v in quiz]
    return quiz
