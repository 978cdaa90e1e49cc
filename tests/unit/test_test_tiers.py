"""`make test-fast` does not collect tests/browser/ at all (it leaves out the
browser tests by marker; not importing Playwright's modules is faster). That is
only safe while every test module there is marked `browser`."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BROWSER = ROOT / "tests" / "browser"
MARKED = re.compile(r"^pytestmark = .*\bpytest\.mark\.browser\b", re.M)


def test_make_test_fast_skips_the_browser_folder():
    recipe = re.search(r"^test-fast:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe and "--ignore=tests/browser" in recipe.group(1), "test-fast no longer ignores tests/browser"


def test_every_browser_test_module_is_marked_browser():
    unmarked = []
    for module in sorted(BROWSER.glob("test_*.py")):
        text = module.read_text(encoding="utf-8")
        # test_every_page_*.py take their tests and their mark from pagewalk.py.
        shared = re.search(r"^from (\w+) import \*", text, re.M)
        if not MARKED.search(text) and not (shared and MARKED.search((BROWSER / f"{shared[1]}.py").read_text())):
            unmarked.append(module.name)
    assert not unmarked, f"not marked browser (make test-fast would skip them unseen): {unmarked}"
