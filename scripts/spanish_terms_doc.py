"""Write docs/spanish-terms.md from checks/spanish-terms.yaml.

The YAML file is the one source: `make check` flags its `avoid` forms on
Spanish pages (checks/words.py), and this page shows the same list to
translators. `make docs` rewrites it; a test fails if the committed file
differs from what this script makes.

Usage: python scripts/spanish_terms_doc.py [--write docs/spanish-terms.md]
       (without --write it prints to standard output)
"""

import argparse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "checks" / "spanish-terms.yaml"

HEAD = """# Spanish terms: one concept, one term

<!-- Generated from checks/spanish-terms.yaml by `make docs`. Edit that file, not this one. -->

The Spanish pages use **one term for each concept**, so a reader never wonders
whether two words mean two things. `make check` gives an **error** for each
form in the "avoid" column on a Spanish page (`Lang: es`), in
`content/data/continuum.es.yaml` and `glossary.es.yaml`, and in the Spanish
texts of `content/data/strings.yaml`, naming the file, the line and the term to
write instead. It is the same check as the English [words to
avoid](editing.md#words-to-avoid); a word in quotation marks is a mention and
is left alone. Rows marked *(guidance)* are for translators: a machine cannot
tell those uses apart.

To add or change a term, edit `checks/spanish-terms.yaml` (its first lines say
how), then run `make docs` to rewrite this page.

| concept (English) | write | avoid | why |
|---|---|---|---|
"""


def cell(text):
    return " ".join(str(text).split()).replace("|", "\\|")


def render(data):
    rows = []
    for entry in data["terms"]:
        avoid = [str(w) for w in (entry.get("avoid") or []) + (entry.get("examples") or [])]
        shown = "; ".join(avoid) if avoid else "*(guidance)*"
        why = entry.get("why") or ""
        if entry.get("note"):
            why = f"{why} {entry['note']}".strip()
        rows.append(f"| {cell(entry['concept'])} | {cell(entry['preferred'])} | {cell(shown)} | {cell(why)} |")
    allowed = data.get("allowed") or []
    tail = ""
    if allowed:
        tail = ("\nProper names are never flagged: " + "; ".join(f"*{cell(a)}*" for a in allowed)
                + " (`allowed` in the YAML file).\n")
    return HEAD + "\n".join(rows) + "\n" + tail


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", help="write to this file instead of printing")
    args = parser.parse_args()
    text = render(yaml.safe_load(TERMS.read_text(encoding="utf-8")))
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
