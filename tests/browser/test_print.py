"""Printing: the levels-of-care table fits the paper (no column cut off by the
on-screen sideways scroll box), and the PDF Chromium prints has every column.
Letter paper with 0.6 in margins leaves 7.3 in = 701 CSS px for the page."""

import pytest

from browserkit import new_watched_page, settle

pytestmark = pytest.mark.browser
PAPER_WIDTH_PX = 701
CUT_OFF_CELLS = """() => {
  const table = document.querySelector('.continuum-table table');
  const box = table.closest('.table-scroll').getBoundingClientRect();
  const cells = [...table.querySelectorAll('th, td')];
  return {cells: cells.length, cut: cells.filter((c) => c.getBoundingClientRect().right > box.right + 1)
    .map((c) => c.textContent.trim().slice(0, 30))};
}"""


def test_the_levels_table_fits_the_paper(browser, server, tmp_path):
    context, page, _ = new_watched_page(browser, server.origin, width=PAPER_WIDTH_PX)
    try:
        page.goto(server.origin + "/compare-levels-of-care/")
        settle(page)
        page.emulate_media(media="print")
        found = page.evaluate(CUT_OFF_CELLS)
        assert found["cells"] > 8 and found["cut"] == [], found
        assert page.locator(".continuum-table thead").evaluate(
            "(el) => getComputedStyle(el).display") == "table-header-group"  # repeats on each page
        pdf = tmp_path / "levels.pdf"
        page.pdf(path=str(pdf), format="Letter", margin={side: "0.6in" for side in ("top", "bottom", "left", "right")})
        assert pdf.stat().st_size > 10_000
    finally:
        context.close()


def test_headings_stay_with_what_follows_on_paper(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=PAPER_WIDTH_PX)
    try:
        page.goto(server.origin + "/what-is-iop/")
        settle(page)
        page.emulate_media(media="print")
        values = page.evaluate("() => [...document.querySelectorAll('main h2, main h3')].map((h) => "
                               "getComputedStyle(h).breakAfter)")
        assert values and set(values) == {"avoid"}, values
    finally:
        context.close()


# ---- the printed self-check result (issue 21) ----------------------------------
import re  # noqa: E402

from quizkit import answer_by_clicks, heading_text, personas, press_button, quiz_data, start_by_keyboard  # noqa: E402

PERSONAS = {p["name"]: p for p in personas()}
PRINTED_RESULTS = [  # (language folder, person, the date line for the device clock below)
    ("", "Stable on methadone, weekly counseling is not enough", "Printed on March 5, 2026"),
    ("es/", "Stable on methadone, weekly counseling is not enough", "Impreso el 5 de marzo de 2026"),
    ("", "Has a plan to end their life tonight", "Printed on March 5, 2026"),
]
DEVICE_TIME = "2026-03-05T10:00:00"
LINES = {"": ("988 Suicide & Crisis Lifeline", "911", "SAMHSA National Helpline", "1-800-662-4357"),
         "es/": ("Línea 988", "911", "Línea Nacional de Ayuda de SAMHSA", "1-800-662-4357")}


def pdf_pages(path):
    """Pages in a PDF Chromium wrote (each page object is '/Type /Page')."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


@pytest.mark.parametrize("lang,persona,date_line", PRINTED_RESULTS, ids=["en-iop", "es-iop", "en-crisis"])
def test_the_printed_result_has_the_date_the_help_lines_and_the_actions_on_two_sheets(
        browser, server, site, tmp_path, lang, persona, date_line):
    """What a visitor takes to an assessment: the date printed (the device's
    clock, the page's language), the help lines with their names in full, every
    action (a page link with its address), the answers; no language link, no
    "(text)", no review status; Letter paper, at most two sheets."""
    data = quiz_data(site, lang.strip("/"))
    context, page, _ = new_watched_page(browser, server.origin, width=1280, height=900)
    try:
        page.clock.set_fixed_time(DEVICE_TIME)
        page.goto(f"{server.origin}/{lang}self-check/")
        settle(page)
        start_by_keyboard(page)
        answer_by_clicks(page, PERSONAS[persona]["answers"])
        if heading_text(page) == data["ui"]["js_check_title"]:
            press_button(page, data["ui"]["js_see_result"])
        outcome = next(o for o in data["outcomes"] if o["id"] == PERSONAS[persona]["outcome"])
        page.wait_for_selector("[data-quiz-app] [data-sheet]", state="attached")
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        printed = page.evaluate("() => document.body.innerText")
        assert date_line in printed
        # The next-steps sheet prints from its own button (test_tools), not with the summary.
        assert not page.locator("[data-quiz-app] [data-sheet]").is_visible()
        for words in LINES[lang]:
            assert words in printed, words
        for step in outcome["steps"]:
            for action in step.get("actions", []):
                assert action["label"] in printed, action["label"]
        # A page link prints its address after it (CSS generated text, which innerText leaves out).
        addresses = page.evaluate("""() => [...document.querySelectorAll('[data-quiz-app] .quiz-action--page')]
            .map((a) => [a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
        for href, after in addresses:
            assert re.fullmatch(r'" \(127\.0\.0\.1:\d+/' + re.escape(href.lstrip("./")) + r'\)"', after), (href, after)
        assert len(addresses) == sum(a["kind"] == "page" for s in outcome["steps"] for a in s.get("actions", []))
        for unwanted in ("Español", "English", "(text)", "(texto)", "Clinical review", "Revisión clínica",
                         data["ui"]["js_start_again"], data["ui"]["js_print"]):
            assert unwanted not in printed, unwanted
        assert data["ui"]["js_your_answers"] in printed
        pdf = tmp_path / "result.pdf"
        page.pdf(path=str(pdf), format="Letter", margin={side: "0.6in" for side in ("top", "bottom", "left", "right")})
        assert 1 <= pdf_pages(pdf) <= 2, f"{pdf_pages(pdf)} sheets"
    finally:
        context.close()
