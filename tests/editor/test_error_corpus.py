"""The error corpus: one editor's mistake per copy of the project, each run
through `make check` (python -m checks). Every case asserts the exit code, the
file, the line (where there is one) and the words of the message, no Python
traceback, and that running the check changed nothing in the copy's content/.
Unsafe or unreadable input (and `make html` / `make publish`) is in
test_bad_input.py."""

import importlib.util
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

from checkrun import ROOT, digest, entries, run_check
from sitebuild import copy_project

pytestmark = pytest.mark.slow  # checks a copy of the project per case

PAGE = "content/pages/faq.md"
OTHER = "content/pages/what-is-iop.md"
SOURCES = "content/data/sources.yaml"
CONTINUUM = "content/data/continuum.yaml"


# ---- ways to plant a mistake -------------------------------------------------
def header_line(project, rel, field_name):
    """The line number of a header field in the copy (pages change as writers work)."""
    for number, line in enumerate((project / rel).read_text().splitlines(), start=1):
        if line.lower().startswith(field_name.lower() + ":"):
            return number
    raise AssertionError(f"{rel} has no {field_name} line")


def set_field(rel, field_name, new_line):
    """Replace the 'Field: ...' line (new_line None: delete it). Returns its line number."""
    def plant(project):
        number = header_line(project, rel, field_name)
        lines = (project / rel).read_text().splitlines()
        if new_line is None:
            del lines[number - 1]
        else:
            lines[number - 1] = new_line
        (project / rel).write_text("\n".join(lines) + "\n")
        return number
    return plant


def append(rel, text):
    """Add text at the end of a page. Returns the line number of its first line."""
    def plant(project):
        path = project / rel
        before = path.read_text().rstrip("\n") + "\n\n"
        path.write_text(before + text + "\n")
        return before.count("\n") + 1
    return plant


def replace(rel, old, new):
    """Replace the first 'old' in a file. Returns the line number where it was."""
    def plant(project):
        path = project / rel
        text = path.read_text()
        assert old in text, f"{rel} no longer contains {old!r}; update the corpus"
        path.write_text(text.replace(old, new, 1))
        return text[:text.index(old)].count("\n") + 1
    return plant


def duplicate_slug(project):
    about = (project / "content/pages/about.md").read_text()
    (project / "content/pages/about-copy.md").write_text(about.replace("\n", "\nSlug: about\n", 1))
    return 2


def hard_words(project):
    path = project / PAGE
    text = path.read_text()
    header = text.split("\n\n", 1)[0]
    jargon = ("Notwithstanding considerable heterogeneity, multidisciplinary psychopharmacological "
              "interventions necessitate comprehensive individualized evaluation, administered "
              "collaboratively by credentialed interdisciplinary professionals.\n\n")
    path.write_text(header + "\n\n## Considerations\n\n" + jargon * 6)
    return None


# ---- the corpus ---------------------------------------------------------------
@dataclass
class Mistake:
    id: str
    plant: object
    file: str
    words: list            # every one must be in the message
    level: str = "ERROR"
    exit_code: int = 1
    line: object = "planted"   # "planted": the line plant() returned; "any": some line (where YAML
                               # noticed); None: no line (a missing field has none)
    needs: str = ""            # a module that must be importable (the continuum plugin's cases)
    extra: list = field(default_factory=list)  # further (file, words) entries expected


CORPUS = [
    Mistake("missing-field", set_field(PAGE, "Summary", None), PAGE,
            ["Summary: missing", "add a line like 'Summary: ...'"], line=None),
    Mistake("header-line-without-colon", set_field(PAGE, "Reviewed", "Reviewed 2026-11-23"), PAGE,
            ["'Reviewed 2026-11-23' is not a 'Field: value' line", "put a colon after 'Reviewed'"]),
    Mistake("impossible-date", set_field(PAGE, "Reviewed", "Reviewed: 2026-13-01"), PAGE,
            ["Reviewed: '2026-13-01' is not a date", "expected YYYY-MM-DD"]),
    Mistake("date-in-wrong-format", set_field(PAGE, "Next-review", "Next-review: 23/05/2027"), PAGE,
            ["Next-review: '23/05/2027' is not a date", "expected YYYY-MM-DD"]),
    Mistake("next-review-before-reviewed", set_field(PAGE, "Next-review", "Next-review: 2026-01-01"), PAGE,
            ["Next-review: 2026-01-01 must be after Reviewed"]),
    Mistake("reviewed-in-the-future", set_field(PAGE, "Reviewed", "Reviewed: 2027-01-05"), PAGE,
            ["Reviewed: 2027-01-05 is in the future"]),
    Mistake("unknown-source", set_field(PAGE, "Sources", "Sources: samhsa-tip74, asam-criteria"), PAGE,
            ["unknown source 'samhsa-tip74'", "add it to content/data/sources.yaml"]),
    Mistake("one-source-only", set_field(PAGE, "Sources", "Sources: samhsa-tip47"), PAGE,
            ["1 listed; every page cites at least 2"]),
    Mistake("order-not-a-number", set_field(PAGE, "Order", "Order: three"), PAGE,
            ["Order: 'three' is not a whole number"]),
    Mistake("summary-too-long", set_field(PAGE, "Summary", "Summary: " + "Plain words for people who need them. " * 6),
            PAGE, ["Summary: 227 characters; keep it under 200"]),
    Mistake("todo-in-header", set_field(PAGE, "Summary", "Summary: TODO"), PAGE,
            ["Summary: still says TODO"]),
    Mistake("todo-in-text", append(PAGE, "TODO: add the cost table."), PAGE,
            ["still has a TODO", "finish that part or remove the note"]),
    Mistake("misspelled-field-name", set_field(PAGE, "Next-review", "Next-reveiw: 2027-05-23"), PAGE,
            ["'Next-reveiw' is not a field this site knows", "did you mean 'Next-review'?"],
            extra=[(PAGE, ["Next-review: missing"])]),
    Mistake("unknown-page-link", append(PAGE, "Read [more]({filename}no-such-page.md)."), PAGE,
            ["link to 'no-such-page.md': there is no such file"]),
    Mistake("unknown-section-link", append(PAGE, "Read [more]({filename}what-is-iop.md#no-such-section)."),
            PAGE, ["goes to section #no-such-section", "content/pages/what-is-iop.md has no such section"]),
    Mistake("link-to-missing-address", append(PAGE, "Read [more](../no-such-page/)."), PAGE,
            ["goes to ../no-such-page/, which is not a page on this site"]),
    Mistake("duplicate-slug", duplicate_slug, "content/pages/about-copy.md",
            ["Slug: 'about' is already used by content/pages/about.md"]),
    Mistake("unknown-marker", append(OTHER, "<!-- continuum:tabel -->"), OTHER,
            ["unknown marker <!-- continuum:tabel -->", "<!-- continuum:table -->"]),
    Mistake("misspelled-marker", append(OTHER, "<!-- contnuum:quiz -->"), OTHER,
            ["unknown marker <!-- contnuum:quiz -->", "<!-- continuum:quiz -->"]),
    Mistake("site-marker-written-loosely", append(OTHER, "<!--site:sources-->"), OTHER,
            ["unknown marker <!--site:sources-->", "write it exactly as <!-- site:sources -->"]),
    Mistake("unknown-site-marker", append(OTHER, "<!-- site:source -->"), OTHER,
            ["unknown marker <!-- site:source -->", "<!-- site:sources -->"]),
    Mistake("invalid-yaml-in-sources", replace(SOURCES, "  publisher: SAMHSA\n", "  publisher: SAMHSA\n   title: [x\n"),
            SOURCES, ["not valid YAML"], line="any"),
    Mistake("source-url-not-https", replace(SOURCES, "url: https://", "url: http://"), SOURCES,
            ["must start with https://"], line="any"),
    Mistake("source-missing-title", replace(SOURCES, "  title: \"TIP 47", "  titel: \"TIP 47"), SOURCES,
            ["samhsa-tip47.title: missing"], line="any"),
    Mistake("invalid-yaml-in-continuum", replace(CONTINUUM, "levels:\n", "levels:\n  - id: [unclosed\n"),
            CONTINUUM, ["not valid YAML"], line="any"),
    Mistake("continuum-unknown-page", replace(CONTINUUM, "    page: after-iop\n", "    page: after-iopp\n"),
            CONTINUUM, ["levels[0].page", "after-iopp"], needs="continuum.validate"),
    Mistake("continuum-bad-asam-level", replace(CONTINUUM, 'asam: "1.0"', 'asam: "9.5"'),
            CONTINUUM, ["levels[0].asam"], needs="continuum.validate"),
    Mistake("continuum-rule-unknown-answer", replace(CONTINUUM, "when: {self-harm: [plan]}", "when: {self-harm: [plann]}"),
            CONTINUUM, ["rules[0].when", "plann"], needs="continuum.validate"),
    Mistake("heading-skips-a-level", append(PAGE, "#### Too deep"), PAGE,
            ["heading '#### Too deep' skips a level", "use '### Too deep'"]),
    Mistake("second-page-title", append(PAGE, "# Another title"), PAGE,
            ["'# Another title' makes a second page title", "Use '## Another title'"]),
    Mistake("image-without-alt", append(PAGE, "![](group.png)"), PAGE,
            ["image group.png has no alt text"]),
    Mistake("misspelling", append(PAGE, "You will recieve a plan."), PAGE,
            ["spelling: 'recieve'", "did you mean 'receive'?", "checks/words.txt"]),
    Mistake("medical-misspelling", append(PAGE, "Some programs offer naloxon."), PAGE,
            ["spelling: 'naloxon'", "did you mean 'naloxone'?"]),
    Mistake("hard-to-read", hard_words, PAGE, ["reading grade", "is over 8"], line=None),
    Mistake("review-overdue", lambda p: (set_field(PAGE, "Reviewed", "Reviewed: 2025-10-01")(p),
                                         set_field(PAGE, "Next-review", "Next-review: 2026-10-01")(p))[1],
            PAGE, ["review overdue: Next-review was 2026-10-01 (53 days ago)", "set Reviewed to today"],
            level="WARNING", exit_code=0),
    Mistake("review-due-tomorrow", set_field(PAGE, "Next-review", "Next-review: 2026-11-24"), PAGE,
            ["review due soon: Next-review is 2026-11-24 (in 1 day)"], level="WARNING", exit_code=0),
    Mistake("review-due-soon", set_field(PAGE, "Next-review", "Next-review: 2027-01-10"), PAGE,
            ["review due soon: Next-review is 2027-01-10 (in 48 days)"], level="WARNING", exit_code=0),
    Mistake("unknown-field", set_field(PAGE, "Order", "Order: 11\nAudience: parents"), PAGE,
            ["'Audience' is not a field this site uses"], level="WARNING", exit_code=0, line=None),
]


def importable(module, project):
    import sys
    sys.path.insert(0, str(project / "plugins"))
    try:
        return importlib.util.find_spec(module.split(".")[0]) is not None and \
            importlib.import_module(module) is not None
    except ImportError:
        return False
    finally:
        sys.path.remove(str(project / "plugins"))


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Plant every mistake in its own copy, then run the checks (in parallel)."""
    real_before = digest(ROOT / "content")
    planted = {}
    for mistake in CORPUS:
        project = copy_project(tmp_path_factory.mktemp(mistake.id) / "project")
        line = mistake.plant(project)
        planted[mistake.id] = (project, line, digest(project / "content"))

    def run(mistake):
        project, line, before = planted[mistake.id]
        result = run_check(project)
        return mistake.id, (result, line, before, digest(project / "content"), project)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        done = dict(pool.map(run, CORPUS))
    assert digest(ROOT / "content") == real_before, "the checks changed the real content/"
    return done


def test_the_corpus_is_big_enough():
    assert len({m.id for m in CORPUS}) == len(CORPUS) >= 15


@pytest.mark.parametrize("mistake", CORPUS, ids=lambda m: m.id)
def test_mistake_is_reported(mistake, results):
    result, planted_line, before, after, project = results[mistake.id]
    if mistake.needs and not importable(mistake.needs, project):
        pytest.skip(f"{mistake.needs} is not in the project yet")
    report = result.stdout
    assert result.returncode == mistake.exit_code, report + result.stderr
    assert "Traceback (most recent call last)" not in report + result.stderr
    assert after == before, "the check changed a file under content/"
    found = entries(report)
    line = planted_line if mistake.line == "planted" else mistake.line
    matching = [e for e in found if e.file == mistake.file and e.level == mistake.level
                and all(w in e.message for w in mistake.words)]
    assert matching, f"expected {mistake.level} in {mistake.file} saying {mistake.words}:\n{report}"
    assert len(matching) == 1, f"one problem, one message:\n{report}"
    if line == "any":
        assert matching[0].line is not None, f"expected a line number:\n{report}"
    elif line is not None:
        assert matching[0].line == line, f"expected line {line}:\n{report}"
    for file, words in mistake.extra:
        assert any(e.file == file and all(w in e.message for w in words) for e in found), report
    if mistake.exit_code == 0:
        assert not [e for e in found if e.level == "ERROR"], report
