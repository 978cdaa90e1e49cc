"""The decision tools in a real browser (issue 22), in English and Spanish:
call scripts and letters (fill in by keyboard, copy, print only one), the
option grid (choose by keyboard, print), and the next-steps sheet under a
self-check result (three people whose sheets must differ). For each: the
keyboard, JavaScript off, axe at 320 and 1280 px, printing to PDF on Letter
and A4 paper with every word there, and privacy: no request after load (on the
self-check, after Start, which loads only the sheet's modules), no storage, and
nothing typed in the address or the history."""

import re
import unicodedata

import pypdfium2 as pdfium
import pytest
import yaml

from browserkit import ROOT, format_violation, horizontal_overflow, new_watched_page, run_axe, settle
from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from quizkit import (answer_by_clicks, answer_by_keyboard, heading_text, press_button, privacy_problems, quiz_data,
                     start_and_load_the_sheet, start_by_keyboard, tab_to)

pytestmark = pytest.mark.browser

PAPERS = {"Letter": 701, "A4": 680}            # the page's width in CSS px inside 0.6 in / 15 mm margins
MARGINS = {"Letter": "0.6in", "A4": "15mm"}
# Stand in for the print dialog: record that printing was asked for, and leave the page as printed.
PRINT_STUB = "window.__printed = 0; window.print = () => { window.__printed += 1; };"
TYPED = "Alex Rivera Quince"


def words(text):
    """Text as a run of letters and digits: PDF line breaks, hyphenation and quotes do not matter."""
    # NFKC: the PDF's ligatures (ﬁ) become letters again.
    return re.sub(r"[^0-9a-záéíóúñü]+", "", unicodedata.normalize("NFKC", text).lower())


def pdf_text(page, paper):
    data = page.pdf(format=paper, margin={side: MARGINS[paper] for side in ("top", "bottom", "left", "right")})
    pdf = pdfium.PdfDocument(data)
    try:
        return words(" ".join(page.get_textpage().get_text_bounded() for page in pdf)), len(pdf)
    finally:
        pdf.close()


def open_page(browser, server, path, width=375, js=True):
    context, page, watcher = new_watched_page(browser, server.origin, width=width, java_script_enabled=js,
                                              permissions=["clipboard-read", "clipboard-write"] if js else [])
    context.add_init_script(PRINT_STUB)
    page.goto(server.origin + path)
    settle(page)
    return context, page, watcher


def assert_private(page, context, watcher, path, origin, at_load, history):
    assert privacy_problems(page, context, watcher, path, origin, at_load) == []
    assert page.evaluate("history.length") == history, "typing or clicking added history entries"
    assert not watcher.console_errors, watcher.console_errors


# ---- Call scripts and letters ----------------------------------------------------
FILL_IN = [("/call-scripts/", "script-program", "script-relay"), ("/letters/", "letter-work", "letter-review"),
           ("/es/call-scripts/", "script-program", "script-relay"), ("/es/letters/", "letter-work", "letter-review")]


@pytest.mark.parametrize("path, first, last", FILL_IN, ids=[p for p, _, _ in FILL_IN])
def test_fill_in_by_keyboard_copy_and_print_only_one_privately(browser, server, path, first, last):
    context, page, watcher = open_page(browser, server, path)
    try:
        at_load, history = len(watcher.requests), page.evaluate("history.length")
        panel = f"fieldset.fill-in__panel:has(+ #{first})"
        tab_to(page, f"{panel} input")
        label = page.evaluate("document.activeElement.dataset.blank")
        page.keyboard.type(TYPED)
        page.keyboard.press("Enter")                         # no form: Enter sends nothing anywhere
        filled = page.locator(f'.blank[data-label="{label}"]')
        assert filled.count() >= 1 and all(t == TYPED for t in filled.all_inner_texts())
        # The same blank in another script or letter shows it too, and its own box says so.
        others = page.locator(f'#{last} .blank[data-label="{label}"]')
        if others.count():
            assert others.first.inner_text() == TYPED
        tab_to(page, f"#{first} + .fill-in__actions button:nth-child(1)")      # Copy
        page.keyboard.press("Enter")
        page.wait_for_timeout(100)
        copied = page.evaluate("navigator.clipboard.readText()")
        assert TYPED in copied and "[" in copied, copied[:300]       # empty blanks are marked [like this]
        assert page.locator(f"#{first} + .fill-in__actions + .tool-status").inner_text().strip()
        first_words = words(page.locator(f"#{first}").inner_text())
        last_words = words(page.locator(f"#{last}").inner_text())
        tab_to(page, f"#{first} + .fill-in__actions button:nth-child(2)")      # Print this one
        for n, paper in enumerate(PAPERS, 1):
            page.keyboard.press("Enter")
            assert page.evaluate("window.__printed") == n
            assert page.evaluate(f"document.querySelector('#{first}').hasAttribute('data-print-target')")
            text, pages = pdf_text(page, paper)     # printing ends with afterprint: the page is whole again
            assert not page.evaluate("document.documentElement.classList.contains('print-one')")
            assert first_words in text, f"{paper}: the script or letter is not all on paper"
            assert last_words[:80] not in text, f"{paper}: another script or letter was printed too"
            assert pages <= 2, f"{paper}: {pages} pages for one script or letter"
        assert_private(page, context, watcher, path, server.origin, at_load, history)
        assert TYPED.split()[0] not in page.url
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/call-scripts/", "/letters/", "/es/letters/"])
def test_fill_in_without_javascript_prints_lines_to_write_on(browser, server, path):
    context, page, _ = open_page(browser, server, path, js=False)
    try:
        assert page.locator("main input").count() == 0, "without JavaScript there are no boxes"
        blank = page.locator(".fill-in .blank").first
        assert blank.is_visible() and blank.evaluate("(b) => getComputedStyle(b).borderBottomStyle") == "solid"
        every = words(page.locator("main .prose").inner_text())
        for paper, width in PAPERS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(media="print")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{paper}: clipped sideways"
            text, _ = pdf_text(page, paper)          # (print media, as page.pdf uses; never "screen" here)
            for box in page.locator("main .fill-in").all_inner_texts():
                assert words(box) in text, f"{paper}: {box[:60]}"
            assert len(text) > 0.8 * len(every)
    finally:
        context.close()


# ---- The option grid --------------------------------------------------------------
@pytest.mark.parametrize("lang", ["", "/es"])
def test_option_grid_choices_by_keyboard_print_privately(browser, server, lang):
    path = f"{lang}/option-grid/"
    context, page, watcher = open_page(browser, server, path, width=1280)
    try:
        at_load, history = len(watcher.requests), page.evaluate("history.length")
        assert page.locator("[data-option-grid] [data-view=table]").is_visible()
        tab_to(page, "[data-matter] input[type=radio]")
        page.keyboard.press("Space")
        page.keyboard.press("ArrowRight")                    # "matters some"
        chosen = page.evaluate("[...document.querySelectorAll('[data-matter] input:checked')].map(i => i.value)")
        assert chosen == ["some"]
        tab_to(page, "[data-grid-choices] .fill-in__actions button:nth-child(1)")
        # Every cell; the sources row by its links' words (paper adds each link's address after it).
        cells = [words(c) for c in page.locator("[data-option-grid] tr:not([data-row=sources]) > *").all_inner_texts()
                 if c.strip()] + [words(a) for a in page.locator("[data-option-grid] tr[data-row=sources] a").all_inner_texts()]
        for n, paper in enumerate(PAPERS, 1):
            page.keyboard.press("Enter")
            assert page.evaluate("window.__printed") == n
            text, pages = pdf_text(page, paper)
            missing = [c for c in cells if c not in text]          # cell by cell: paper reads across a row
            assert not missing and words(page.locator("[data-matter]").first.inner_text()) in text, (paper, missing)
            assert pages <= 4
        assert page.evaluate("document.querySelector('[data-matter] input:checked').value") == "some"
        tab_to(page, "[data-grid-choices] .fill-in__actions button:nth-child(2)")   # Clear my choices
        page.keyboard.press("Enter")
        assert page.locator("[data-matter] input:checked").count() == 0
        assert_private(page, context, watcher, path, server.origin, at_load, history)
    finally:
        context.close()


def test_option_grid_without_javascript_works_and_fits_the_paper(browser, server):
    context, page, _ = open_page(browser, server, "/option-grid/", width=320, js=False)
    try:
        cards = page.locator("[data-option-grid] [data-view=cards]")
        assert cards.is_visible() and not page.locator("[data-option-grid] [data-view=table]").is_visible()
        page.locator("[data-matter=job] label").first.click()
        assert page.locator("[data-matter=job] input:checked").count() == 1
        for paper, width in PAPERS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(media="print")
            cut = page.evaluate("""() => { const box = document.querySelector('[data-option-grid] .table-scroll')
                .getBoundingClientRect(); return [...document.querySelectorAll('[data-option-grid] th, [data-option-grid] td')]
                .filter((c) => c.getBoundingClientRect().right > box.right + 1).length; }""")
            assert cut == 0 and page.evaluate("document.documentElement.scrollWidth") <= width, paper
            text, _ = pdf_text(page, paper)          # (print media, as page.pdf uses; never "screen" here)
            for row in page.locator("[data-option-grid] tbody th[scope=row]").all_inner_texts():
                assert words(row) in text, (paper, row)
    finally:
        context.close()


# ---- The next-steps sheet under a self-check result ------------------------------------
def people():
    data = yaml.load((ROOT / "tests" / "personas.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
    return [dict(p, answers=dict(data["defaults"], **p["answers"])) for p in data["personas"] if "sheet" in p]


PEOPLE = people()


def to_result(page, data, answers, lang, started=False):
    """Start by keyboard, answer by clicks in the page (test_personas walks the
    questions by keyboard), and press See my result by keyboard if it shows."""
    if not started:
        start_by_keyboard(page)
    answer_by_clicks(page, answers)
    if heading_text(page) in ("Check your answers", "Revise sus respuestas"):
        press_button(page, "See my result" if not lang else "Ver mi resultado")


@pytest.mark.parametrize("lang", ["", "es"])
@pytest.mark.parametrize("person", PEOPLE, ids=[p["name"][:40] for p in PEOPLE])
def test_each_person_gets_their_sheet_by_keyboard_and_prints_it(browser, server, site, person, lang):
    data = quiz_data(site, lang)
    path = f"/{lang}/self-check/" if lang else "/self-check/"
    context, page, watcher = open_page(browser, server, path, width=375)
    try:
        at_start = start_and_load_the_sheet(page, watcher, server.origin)
        to_result(page, data, person["answers"], lang, started=True)
        assert page.locator("[data-sheet]").get_attribute("data-sheet") == person["outcome"]
        for need in person["sheet"].get("needs", []):
            tab_to(page, f"#next-steps-need-{need}")
            page.keyboard.press("Space")
        shown = page.evaluate("[...document.querySelectorAll('[data-sheet] .sheet__list [data-item]')]"
                              ".map((li) => li.dataset.item)")
        assert not [i for i in person["sheet"]["has"] if i not in shown], shown
        assert not [i for i in person["sheet"]["lacks"] if i in shown], shown
        compare = page.evaluate("[...document.querySelectorAll('[data-sheet] table tr[data-item]')].map((r) => r.dataset.item)")
        assert compare == [i for i in shown if i.startswith("p-")]
        items = [words(t) for t in page.locator("[data-sheet] .sheet__list li").all_inner_texts()]
        for n, paper in enumerate(PAPERS, 1):
            if n == 1:
                press_button(page, "Print my next steps" if not lang else "Imprimir mis próximos pasos")
            else:
                page.keyboard.press("Enter")              # the button keeps focus
            assert page.evaluate("window.__printed") == n
            text, _ = pdf_text(page, paper)
            missing = [i for i in items if i[:120] not in text]
            assert not missing, (paper, missing[:2])
            assert words(page.locator("[data-sheet] .sheet__result").inner_text()) in text
        assert privacy_problems(page, context, watcher, path, server.origin, at_start) == []
        assert not watcher.console_errors, watcher.console_errors
    finally:
        context.close()


def test_the_crisis_result_sheet_has_no_shopping_list(browser, server, site):
    data = quiz_data(site)
    context, page, _ = open_page(browser, server, "/self-check/")
    try:
        start_by_keyboard(page)
        answer_by_keyboard(page, data, {"self-harm": "no", "recent-danger": "overdose-now"})
        sheet = page.locator("[data-sheet]")
        assert sheet.get_attribute("data-sheet") == "crisis"
        assert sheet.locator("[data-item]").evaluate_all("(l) => l.map((li) => li.dataset.item)") == [
            "w-bring-pills", "w-after-crisis"]
        assert sheet.locator("table, fieldset").count() == 0
        # The emergency help comes before the sheet.
        assert page.evaluate("""() => { const help = document.querySelector('[data-quiz-app] .quiz-help');
            return !!help && !!(help.compareDocumentPosition(document.querySelector('[data-sheet]'))
              & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    finally:
        context.close()


def test_the_printable_sheet_without_javascript(browser, server):
    context, page, _ = open_page(browser, server, "/self-check-sheet/", js=False)
    try:
        first = page.locator("[data-quiz-sheet] .sheet__tick input").first
        first.check()
        assert first.is_checked()
        for paper in PAPERS:
            text, _ = pdf_text(page, paper)
            for item in page.locator("[data-quiz-sheet] [data-group] > li label").all_inner_texts():
                assert words(item) in text, (paper, item)
    finally:
        context.close()


# ---- Accessibility: axe on every tool, at phone and desktop width ---------------------
AXE_PAGES = ["/call-scripts/", "/letters/", "/option-grid/", "/self-check-sheet/",
             "/es/call-scripts/", "/es/letters/", "/es/option-grid/", "/es/self-check-sheet/"]
# At 320 px the every-page walk (pagewalk.py) audits every tool page in both
# languages as it loads. Here each tool is also audited at 1280 px and, at
# 320 px, with a blank filled in: once per tool, in English (a Spanish page is
# the same component with other words, and the walk audits it at 320 px).
AXE_RUNS = {320: ["/call-scripts/", "/letters/"], 1280: [p for p in AXE_PAGES if not p.startswith("/es/")]}


@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_nothing_on_the_tools(browser, server, width):
    context, page, _ = open_page(browser, server, AXE_RUNS[width][0], width=width)
    found = []
    try:
        for path in AXE_RUNS[width]:
            page.goto(server.origin + path)
            settle(page)
            if page.locator(".fill-in__panel input").count():
                page.locator(".fill-in__panel input").first.fill(TYPED)
            found += [f"{path}: {format_violation(v)}" for v in run_axe(page)]
            if overflow := horizontal_overflow(page, width):
                found.append(f"{path}: {overflow}")
    finally:
        context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_nothing_on_a_result_with_its_sheet(browser, server, site, width):
    person = PEOPLE[0]
    context, page, _ = open_page(browser, server, "/self-check/", width=width)
    try:
        to_result(page, quiz_data(site), person["answers"], "")
        page.locator("#next-steps-need-work-days").check()
        found = [format_violation(v) for v in run_axe(page)]
        assert not found, found
        assert not horizontal_overflow(page, width)
    finally:
        context.close()
