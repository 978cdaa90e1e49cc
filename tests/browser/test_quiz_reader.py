"""quiz.js reads the self-check from the page's markup (the no-JS version is the
data). In Chromium, its readQuiz() must give exactly what the build meant:
render_quiz.engine_data() for the logic, the data file's words for the text,
in English and in Spanish. tests/quizdom.py (the reader the other tests use
without a browser) must agree with it too."""

from pathlib import Path

import pytest

from continuum import render_quiz
from quizdom import logic, read_quiz

pytestmark = pytest.mark.browser

READ = """async () => {
  const src = document.querySelector('script[src*="quiz/quiz.js"]').src;
  const { readQuiz } = await import(src);   // the module the page already ran
  return readQuiz(document.querySelector('[data-continuum-quiz]'));
}"""


def _models():
    """The English model as the build checks it, and the Spanish one as the plugin localizes it."""
    from continuum import i18n, load, validate
    root = Path(__file__).resolve().parents[2]
    data, _ = load.load(root / "content" / "data" / "continuum.yaml", "content/data/continuum.yaml")
    overlay, _ = i18n.load_overlay(root / "content" / "data" / "continuum.es.yaml")
    return {"en": validate.build(data), "es": validate.build(i18n.localize(data, overlay))}


@pytest.mark.parametrize("lang,url", [("en", "/self-check/"), ("es", "/es/self-check/")])
def test_the_script_reads_the_quiz_the_build_rendered(browser, server, lang, url):
    model = _models()[lang]
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server.origin + url)
        from_script = page.evaluate(READ)
        from_python = read_quiz(page.content())
    finally:
        context.close()
    assert from_script == from_python
    assert logic(from_script) == render_quiz.engine_data(model)
    assert [q["text"] for q in from_script["questions"]] == [q.text for q in model.quiz.questions]
    assert [o["title"] for o in from_script["outcomes"]] == [o.title for o in model.quiz.outcomes]
