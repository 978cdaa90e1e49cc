"""Keyboard focus stays visible in forced-colours mode (Windows High Contrast).

Forced colours drop backgrounds and box-shadows, which is how links and the
quiz's Back and Change buttons show focus; a transparent outline beside them
(as GOV.UK Frontend does) is what the browser then paints in the system
colour. Checked in Chromium with `forced-colors: active` emulation: the
focused element has a real outline, and its pixels differ from the same
element without focus."""

import pytest

from browserkit import new_watched_page, settle
from quizkit import APP, choose_by_keyboard, current_question, quiz_data, start_by_keyboard

pytestmark = pytest.mark.browser

OUTLINE_JS = """() => { const s = getComputedStyle(document.activeElement);
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), text: document.activeElement.textContent.trim()}; }"""


def focus_shows(page, selector):
    """(outline style and width of the focused element, whether focus changes its pixels)."""
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    clip = {"x": max(box["x"] - 8, 0), "y": max(box["y"] - 8, 0), "width": box["width"] + 16,
            "height": box["height"] + 16}
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    without = page.screenshot(clip=clip)
    page.keyboard.press("Shift")     # a key press first: focus from here on is keyboard focus (:focus-visible)
    element.focus()
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    outline = page.evaluate(OUTLINE_JS)
    return outline, page.screenshot(clip=clip) != without


@pytest.fixture
def forced(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=1280, height=900)
    page.emulate_media(forced_colors="active")
    assert page.evaluate("() => matchMedia('(forced-colors: active)').matches")
    yield page
    context.close()


@pytest.mark.parametrize("url,selector", [
    ("/what-is-iop/", "main .prose a[href]"),          # a link in the text
    ("/what-is-iop/", ".crisis-strip a[href^='tel:']"),  # the help lines on every page
    ("/what-is-iop/", "header a[href]"),                # the site's own navigation
])
def test_a_focused_link_is_outlined_in_forced_colours(forced, server, url, selector):
    forced.goto(server.origin + url)
    settle(forced)
    outline, changed = focus_shows(forced, selector)
    assert outline["style"] != "none" and outline["width"] >= 2, outline
    assert changed, f"{selector}: focus changes nothing on screen in forced-colours mode"


def test_the_quiz_back_button_is_outlined_in_forced_colours(forced, server, site):
    forced.goto(server.origin + "/self-check/")
    settle(forced)
    data = quiz_data(site)
    start_by_keyboard(forced)
    question = current_question(forced, data)
    calm = next(a for a in question["answers"] if not a.get("crisis") and not a.get("urgent"))
    choose_by_keyboard(forced, question, calm["id"])
    outline, changed = focus_shows(forced, f"{APP} .quiz-back")
    assert outline["style"] != "none" and outline["width"] >= 2, outline
    assert changed, "the quiz's Back button: focus changes nothing on screen in forced-colours mode"
