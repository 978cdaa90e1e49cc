"""WCAG 2.2 2.4.11 Focus Not Obscured: the sticky crisis bar (Exit this page,
call or text 988; the whole width of the window) must never hide the element
that has keyboard focus, nor the heading a contents link jumps to. Checked at
375 px on the longest pages, tabbing forwards and back."""

import pytest

from browserkit import new_watched_page, settle

pytestmark = pytest.mark.browser

LONG_PAGES = ["/what-is-iop/", "/faq/", "/compare-levels-of-care/"]

# Is the focused element's box entirely inside the sticky bar's box?
HIDDEN_JS = """() => {
  const el = document.activeElement;
  const button = document.querySelector('.crisis-bar');
  if (!el || el === document.body || !button || button.contains(el)) return null;
  const a = el.getBoundingClientRect();
  // Does the bar sit on top of the element's centre? (An element drawn over
  // the bar, such as the focused skip link, is not hidden by it.)
  const top = document.elementFromPoint(a.left + a.width / 2, a.top + a.height / 2);
  const onTop = top && button.contains(top) && !el.contains(top);
  return onTop ? (el.tagName.toLowerCase() + ': ' + (el.textContent || '').trim().slice(0, 50)) : null;
}"""


def focus_walk(page, key, steps):
    hidden = []
    for _ in range(steps):
        page.keyboard.press(key)
        found = page.evaluate(HIDDEN_JS)
        if found:
            hidden.append(f"{key}: {found}")
    return hidden


@pytest.mark.parametrize("url", LONG_PAGES)
def test_the_exit_button_never_hides_the_focused_element(browser, server, url):
    context, page, _ = new_watched_page(browser, server.origin, width=375, height=700)
    try:
        page.goto(server.origin + url)
        settle(page)
        count = page.evaluate("() => document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length")
        hidden = focus_walk(page, "Tab", count + 2)
        hidden += focus_walk(page, "Shift+Tab", count + 2)
        assert not hidden, f"{url}: focus hidden under the sticky crisis bar:\n" + "\n".join(hidden)
    finally:
        context.close()


def test_a_contents_link_lands_its_heading_below_the_exit_button(browser, server):
    context, page, _ = new_watched_page(browser, server.origin, width=375, height=700)
    try:
        page.goto(server.origin + "/what-is-iop/")
        settle(page)
        page.locator(".toc summary").click()          # folded on a phone
        links = page.locator(".toc a")
        assert links.count() >= 3
        link = links.nth(2)
        target = link.get_attribute("href").split("#", 1)[1]
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(100)
        heading_top = page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top", target)
        button_bottom = page.evaluate("() => document.querySelector('.crisis-bar').getBoundingClientRect().bottom")
        assert heading_top >= button_bottom, (heading_top, button_bottom)
    finally:
        context.close()
