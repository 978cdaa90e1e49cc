"""Read the self-check from its printable pages the way a reader does, and
its data from the self-check page's quiz-data.js.

The printable guide (templates/guide.html: questions and the decision guide)
and the results page (templates/results.html: cautions and outcomes) say in
data-* attributes what their words say. read_quiz() reads both back into the
shape of render_quiz.engine_data() plus the words; read_app_data() reads the
data module quiz.js runs on. Tests hold the two equal, so the printable guide
and the JavaScript self-check can never disagree.
"""

import json
from pathlib import Path

from bs4 import BeautifulSoup

WORDS = ("text", "hint", "title", "reason")
GUIDE = "[data-quiz-guide]"
RESULTS = "[data-quiz-results]"


def _answers(node):
    return node["data-answers"].split(" ")


def _when(scope, attr):
    return {n[f"data-{attr}"]: _answers(n) for n in scope.select(f"[data-{attr}]")}


def _page(html):
    return BeautifulSoup(html, "html.parser") if isinstance(html, str) else html


def read_quiz(guide_html, results_html):
    """The quiz on the printable guide and the results page (HTML text or
    BeautifulSoup nodes), with its words."""
    root = _page(guide_html).select_one(GUIDE)
    results = _page(results_html).select_one(RESULTS)
    uid = root["id"]

    def words(suffix, scope=root):
        node = scope.find(id=f"{scope['id']}-{suffix}")
        assert node is not None, f"#{scope['id']}-{suffix} is missing from the page"
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
            label = radio.find_parent("label") or root.find("label", attrs={"for": radio.get("id")})
            a["text"] = label.get_text().strip()
            q["answers"].append(a)
        q["text"] = words(f"q-{q['id']}-text")
        if root.find(id=f"{uid}-q-{q['id']}-hint"):
            q["hint"] = words(f"q-{q['id']}-hint")
        questions.append(q)
    outcomes = [{"id": s["data-outcome"], "kind": s["data-kind"],
                 "title": words(f"outcome-{s['data-outcome']}-title", results)}
                for s in results.select(".quiz-outcome[data-outcome]")]
    rules = []
    for li in root.select(".quiz-guide > [data-rule]"):
        rule = {"id": li["data-rule"], "priority": int(li["data-priority"]), "when": _when(li, "when"),
                "outcome": li["data-outcome"]}
        if li.get("data-call-first"):
            rule["call_first"] = li["data-call-first"]
        rule["reason"] = words(f"reason-{li['data-rule']}")
        rules.append(rule)
    cautions = [{"id": li["data-caution"], "when_any": [_when(alt, "when") for alt in li.select("[data-alternative]")]}
                for li in results.select(".quiz-cautions-guide > [data-caution]")]
    return {"questions": questions, "outcomes": outcomes, "rules": rules, "cautions": cautions}


def read_app_data(module_path):
    """The data a self-check page's quiz-data.js hands to quiz.js."""
    text = Path(module_path).read_text(encoding="utf-8")
    start = text.index("start(") + len("start(")
    return json.loads(text[start:text.rindex(");")])


def logic(quiz):
    """The quiz without its words: the shape of render_quiz.engine_data()."""
    if isinstance(quiz, dict):
        return {k: logic(v) for k, v in quiz.items() if k not in WORDS}
    if isinstance(quiz, list):
        return [logic(v) for v in quiz]
    return quiz
