"""The first screen on a phone, measured in Chromium (issue 21): what
tests/browser/pagewalk.py reads on every page while it has the page open
(one load per page for every check at phone width), and what
test_first_screen.py reads on a few."""

import re

PHONES = ((320, 568), (375, 667))
TITLE_TOP_MAX = 260
TAP_MIN = 44
CRISIS_ROWS_MAX = 2

MEASURE_JS = """() => {
  const visible = (el) => { const s = getComputedStyle(el); return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0; };
  const hidden = (el) => el.closest('.visually-hidden, .crisis-wide');
  const parts = [...document.querySelectorAll('[data-crisis-strip]')];
  const items = [], targets = [];
  const range = document.createRange();
  for (const part of parts) {
    for (const a of part.querySelectorAll('a')) {
      if (!visible(a)) continue;
      const r = a.getBoundingClientRect();
      items.push(r);
      targets.push({text: a.textContent.replace(/\\s+/g, ' ').trim(), href: a.getAttribute('href'),
                    width: Math.round(r.width), height: Math.round(r.height), box: [r.left, r.top, r.right, r.bottom]});
    }
    // Words outside the links take room too (a lead line, a note).
    const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, el = node.parentElement;
      if (!node.textContent.trim() || el.closest('a') || hidden(el) || !visible(el)) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) items.push(r);
    }
  }
  // A row: boxes that overlap by at least half the smaller one's height.
  const rows = [];
  for (const r of items.sort((a, b) => a.top - b.top)) {
    const row = rows.find((w) => Math.min(w.bottom, r.bottom) - Math.max(w.top, r.top) >= Math.min(w.bottom - w.top, r.height) / 2);
    if (row) { row.top = Math.min(row.top, r.top); row.bottom = Math.max(row.bottom, r.bottom); }
    else rows.push({top: r.top, bottom: r.bottom});
  }
  const exit = document.querySelector('[data-exit-page-link]');
  const bar = document.querySelector('.crisis-bar');
  const h1 = document.querySelector('h1');
  const h2 = document.querySelector('main h2');
  const lede = document.querySelector('main .lede');
  return {
    ledeLines: lede ? Math.round(lede.getBoundingClientRect().height / parseFloat(getComputedStyle(lede).lineHeight)) : 0,
    titleTop: h1 ? Math.round(h1.getBoundingClientRect().top + scrollY) : null,
    h1Size: h1 ? parseFloat(getComputedStyle(h1).fontSize) : null,
    h2Size: h2 ? parseFloat(getComputedStyle(h2).fontSize) : null,
    rows: rows.length,
    stripHeight: Math.round(Math.max(...parts.map((p) => p.getBoundingClientRect().bottom)) - parts[0].getBoundingClientRect().top),
    stripTop: Math.round(parts[0].getBoundingClientRect().top + scrollY),
    targets,
    exit: {clipped: exit.scrollWidth > exit.clientWidth + 1 || exit.scrollHeight > exit.clientHeight + 1,
           background: getComputedStyle(exit).backgroundColor, strip: getComputedStyle(bar).backgroundColor},
    overflow: document.documentElement.scrollWidth > innerWidth,
  };
}"""


def measure(page, url):
    """{(width, height, url): measurements} for the page open at PHONES[0], at
    both phone sizes: the second is the same page resized (the layout is
    recomputed; nothing has scrolled). The page is left at PHONES[0]."""
    found = {}
    for width, height in (*PHONES, PHONES[0]):
        page.set_viewport_size({"width": width, "height": height})
        # Two frames: media-query listeners (the contents list) run after a resize.
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        if (width, height, url) not in found:
            found[(width, height, url)] = page.evaluate(MEASURE_JS)
    return found


def luminance(css_color):
    r, g, b = (int(v) / 255 for v in re.findall(r"[\d.]+", css_color)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def overlaps(a, b):
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
