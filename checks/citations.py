"""Every figure cited at the claim.

A paragraph, list item or table row that states a figure (hours, days, weeks,
months, years, minutes, percent, dollars, numbers of people, ages, the year of
a study or law) needs a citation, [@key], in that same paragraph, item or row.
A Summary cannot carry a citation, so it must not state a figure.

A paragraph whose figures are about this site itself (how often pages are
reviewed, how long the self-check takes) has no outside source to cite: the
editor marks it with <!-- site-fact --> anywhere in the paragraph.

Not figures: phone and text numbers (988, 911, 211, 1-800-..., "text START to
88788"), list numbering, dates written YYYY-MM-DD, level numbers (2.1), names
with numbers (TIP 47, 42 CFR Part 2). Headings are not checked: say the figure
again, with its citation, in the text under the heading. Marker comments (the
table made from the data file) are not text, so they are not checked either.

The glossary's definitions follow the same rule: one that states a figure
needs a `source`.

Also: a citation written in a way the build does not read ("[@ key]",
"[@a, b]") is reported, so it is never shown to visitors as it is.

Usage: python -m checks.citations [--root DIR]   prints the cited claims per page.
"""

import argparse
import re
import sys
from pathlib import Path

from iopguide.pages.cite_md import CITATION  # the syntax the build reads

from .mdtext import blocks, header_block
from .report import Problem

NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                "hundred|a hundred|a dozen|dozens of|hundreds of|thousands of|millions of")
NUM = rf"(?:\d[\d,]*(?:\.\d+)?|(?:{NUMBER_WORDS}))"
RANGE = rf"{NUM}(?:\s*(?:-|–|—|to|or|and)\s*{NUM})?"
PEOPLE = ("people|persons|adults|teens|teenagers|adolescents|children|kids|youths?|young people|Americans|"
          "patients|clients|veterans|women|men|mothers|parents|babies|users|deaths|overdoses|studies|trials|states")
FIGURES = [re.compile(p, re.I) for p in (
    rf"\b{RANGE}(?:\s+or\s+(?:more|fewer|less))?(?:\s+|-)(?:more\s+)?(?:hours?|hrs?|minutes?|mins?|days?|nights?|weeks?|months?|years?|decades?|sessions?)\b",
    r"\b\d[\d,]*(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)",
    r"\$\s?\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion))?|\b\d[\d,]*(?:\.\d+)?\s+dollars\b",
    rf"\b{RANGE}(?:\s+(?:million|thousand|billion))?\s+(?:\w+\s+)?(?:{PEOPLE})\b",
    r"\b\d[\d,]*(?:\.\d+)?\s+(?:million|billion|thousand)\b",
    rf"\b{NUM}\s+(?:in|out\s+of)\s+{NUM}\b",
    r"\b(?:under|over|below|above|younger\s+than|older\s+than)\s+(?:1[0-9]|[2-9][0-9])\b(?![.,]\d)",
    rf"\b(?:aged?|ages)\s+(?:\d{{1,2}}|{NUMBER_WORDS})\b",
    r"\b\d{1,2}\s*(?:or|and)\s*(?:older|over|up|younger|under)\b",
    r"\b(?:19|20)\d{2}\b",
    rf"\b(?:(?:{NUM})\s+times|twice|once)\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b",
    r"\b(?:about|nearly|almost|over|more\s+than|less\s+than|around|roughly|only)\s+(?:half|a\s+third|a\s+quarter|two\s+thirds)\b",
    r"\b\d+(?:\.\d+)?\s*(?:mg|milligrams?)\b",
    # Spanish pages (content/pages/es/): the same kinds of figures, in digits.
    r"\b\d[\d,.]*(?:\s*(?:-|–|a|o|y)\s*\d[\d,.]*)?\s+(?:o\s+m[áa]s\s+)?(?:horas?|minutos?|d[íi]as?|noches?"
    r"|semanas?|mes|meses|años?|d[ée]cadas?|sesiones?)\b",
    r"\b\d[\d,]*(?:\.\d+)?\s*por\s+ciento\b",
    r"\b\d[\d,.]*\s+(?:millones|mil)\b|\b\d+\s+de\s+cada\s+\d+\b",
    r"\b(?:menores?|mayores?)\s+de\s+(?:1[0-9]|[2-9][0-9])\b",
)]
# Not figures: removed before looking.
NOT_FIGURES = [re.compile(p, re.I) for p in (
    r"\b\d{4}-\d{2}-\d{2}\b",                                # dates such as review dates
    r"\b1[-. ]?\d{3}[-. ]\d{3}[-. ]\d{4}\b|\(\d{3}\)\s*\d{3}[-. ]\d{4}|\b\d{3}[-. ]\d{3}[-. ]\d{4}\b",  # phone numbers
    r"\b(?:988|911|211)\b",                                  # the public lines
    r"\btext\s+\S+\s+to\s+\d{5,6}\b",                        # text START to 88788
    r"\b24\s*/\s*7\b",
    r"\bone[- ](?:to|on)[- ]one\b",                           # one-to-one, one on one
)]
# A paragraph about this site itself (how often we review, how long the
# self-check takes) has no outside source: the editor marks it so.
SITE_FACT = "<!-- site-fact -->"
CITED = re.compile(CITATION)
LOOKS_LIKE_CITATION = re.compile(r"\[\s*@[^\]]*\]")


def figures_in(text):
    """The figures a piece of visible text states, in order."""
    for pattern in NOT_FIGURES:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for pattern in FIGURES:
        found += [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]
    kept, end = [], -1
    for start, stop, words in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= end:  # overlapping matches ('20.4 million', '20.4 million adults') show once
            kept.append((start, " ".join(words.split())))
            end = stop
    return kept


def citations_in(text):
    return list(CITED.finditer(text))


def _uncited(rel, block, what):
    if SITE_FACT in block.raw:
        return None
    text = CITED.sub(lambda m: " " * len(m.group(0)), block.text)
    figures = figures_in(text)
    if not figures or citations_in(block.text):
        return None
    shown = ", ".join(f"'{f}'" for _, f in dict.fromkeys(figures[:3]))
    return Problem(rel, f"figure without a citation: this {what} states {shown} but cites no source. Add the "
                   "source's key right after the words it supports, e.g. '9 hours a week [@asam-criteria].' "
                   "(keys are in content/data/sources.yaml)", line=block.line_at(figures[0][0]))


KIND = {"paragraph": "paragraph", "item": "list item", "row": "table row"}


def page_findings(page):
    """Findings for one page (cited keys that are not sources are the build's:
    iopguide/pages/citations.py reports them with their line)."""
    findings = []
    for block in blocks(page):
        for match in LOOKS_LIKE_CITATION.finditer(block.text):
            if not CITED.fullmatch(match.group(0)) and not CITED.fullmatch(" " + match.group(0)):
                findings.append(Problem(
                    page.rel,
                    f"citation {match.group(0)} is not written the way the site reads it; write [@key], "
                    "or [@key1; @key2] for more than one source",
                    line=block.line_at(match.start())))
        if block.kind in KIND:
            finding = _uncited(page.rel, block, KIND[block.kind])
            if finding:
                findings.append(finding)
    summary = header_block(page, "summary")
    if summary is not None:
        figures = figures_in(summary.text)
        if figures:
            findings.append(Problem(
                page.rel,
                f"the Summary states '{figures[0][1]}': a summary cannot carry a citation, so keep it "
                "general and give the figure, with its citation, in the text",
                line=summary.first_line))
    return findings


def _glossary(project):
    """(data, lines) of the glossary through guard's one YAML loader; ({}, {}) when
    it is missing or broken (the content scan and the build say why)."""
    from iopguide.datafile import load
    from iopguide.problems import SiteError
    path = project.data_dir / "glossary.yaml"
    try:
        data, lines = load(path, project.rel(path))
    except SiteError:
        return {}, {}
    return (data, lines) if isinstance(data, dict) else ({}, {})


def glossary_findings(project):
    """Glossary definitions that state a figure need a source."""
    data, lines = _glossary(project)
    findings = []
    for key, entry in data.items():
        if not isinstance(entry, dict):
            continue
        definition = entry.get("definition")
        if isinstance(definition, str) and "source" not in entry:
            figures = figures_in(definition)
            if figures:
                findings.append(Problem(
                    project.rel(project.data_dir / "glossary.yaml"),
                    f"{key}: the definition states '{figures[0][1]}' but has no source; add "
                    "'source: <key from sources.yaml>' to the entry",
                    line=lines.get((key, "definition"))))
    return findings


def check(project, pages, today):
    # Unknown keys are the build's to report (iopguide/pages/citations.py), with their line.
    findings = []
    for page in pages:
        findings += page_findings(page)
    return findings + glossary_findings(project)


def count(page):
    """(cited claims, distinct sources cited) in a page: each [@...] is one claim."""
    claims, keys = 0, set()
    for block in blocks(page):
        for match in citations_in(block.text):
            claims += 1
            keys.update(k.strip().lstrip("@") for k in match.group(1).split(";"))
    return claims, len(keys)


def glossary_count(project):
    """(definitions with a source, distinct sources) in the glossary data file."""
    data, _ = _glossary(project)
    sourced = [e.get("source") for e in data.values() if isinstance(e, dict) and e.get("source")]
    keys = {k for s in sourced for k in ([s] if isinstance(s, str) else s)}
    return len(sourced), len(keys)


def main(argv=None):
    from .project import Project
    parser = argparse.ArgumentParser(prog="python -m checks.citations",
                                     description="Cited claims per page ([@key] citations).")
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    args = parser.parse_args(argv)
    project = Project(args.root)
    rows = []
    for page in project.pages():
        claims, keys = count(page)
        if "<!-- site:glossary -->" in page.text:  # each definition with a source is a cited claim
            claims, keys = glossary_count(project)
        rows.append((page.rel, claims, keys))
    print(f"{'page':45} {'cited claims':>12} {'sources cited':>14}")
    for rel, claims, keys in rows:
        print(f"{rel:45} {claims:12d} {keys:14d}")
    print(f"{'total':45} {sum(r[1] for r in rows):12d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
