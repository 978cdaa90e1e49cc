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
