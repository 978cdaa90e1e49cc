"""Start a new page: make newpage TITLE="How long does IOP last?"

Creates content/pages/how-long-does-iop-last.md with every field the site
needs. Fields only a person can fill in say TODO, and `make check` fails
until they are done. Never overwrites a file that is already there.
"""

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = """\
Title: {title}
Summary: TODO one or two plain sentences saying what this page answers (under 200 characters)
Reviewed: {today}
Next-review: {next_review}
Sources: TODO two or more keys from content/data/sources.yaml, e.g. samhsa-tip47, asam-criteria
Order: TODO a whole number: the page's place on the reading path (now used: {orders})

TODO Write the page here. Start with the answer, in short sentences.

## TODO A section heading

TODO Link to other pages like this: [what an IOP is]({{filename}}what-is-iop.md).
"""


def used_orders(pages_dir):
    orders = []
    for path in pages_dir.glob("*.md"):
        match = re.search(r"^Order:\s*(\d+)\s*$", path.read_text(encoding="utf-8"), re.M)
        if match:
            orders.append(int(match[1]))
    if not orders:
        return "none yet"
    return f"{min(orders)} to {max(orders)}, so {max(orders) + 1} is free"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("title", nargs="?", default="")
    parser.add_argument("--root", default=str(ROOT))
    parser.add_argument("--today", help="YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    title = " ".join(args.title.split())
    if not title:
        print('Give the page a title, e.g.  make newpage TITLE="How long does IOP last?"')
        return 2
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        print(f"'{title}' has no letters or digits to make a file name from; try another title.")
        return 2
    pages_dir = Path(args.root) / "content" / "pages"
    path = pages_dir / f"{slug}.md"
    shown = f"content/pages/{slug}.md"
    if path.exists():
        print(f"{shown} already exists; nothing was changed. Open it to edit, or choose another title.")
        return 1
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    try:
        next_review = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        next_review = today.replace(year=today.year + 1, day=28)
    text = TEMPLATE.format(title=title, today=today, next_review=next_review, orders=used_orders(pages_dir))
    with open(path, "x", encoding="utf-8") as f:  # "x": fails rather than overwrite
        f.write(text)
    print(f"Created {shown}\n"
          "Next:\n"
          "  1. Open it and replace every TODO: Summary, Sources, Order and the text.\n"
          "  2. Run `make serve` to see it at http://127.0.0.1:8000/" + slug + "/\n"
          "  3. Run `make check`: it lists anything still to do (every TODO is an error).\n"
          "The guide: docs/editing.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
