"""The error corpus: one editor's mistake per copy of content/, each checked
in process against the function that owns its rule, as `make check` reports
it: the file, the line (where there is one), the severity and the words of the
message, exactly one finding for it, and the copy's content/ unchanged.
`make check` itself runs end to end on many mistakes at once in
tests/editor/test_check.py (and tests/editor/test_check_links.py,
test_content_v2_build.py); unsafe or unreadable input is in
badinput_cases.py."""

import datetime as dt
from dataclasses import dataclass, field

import pytest

from checkrun import TODAY as CHECK_TODAY
from checkrun import digest
from planting import copy_content

TODAY = dt.date.fromisoformat(CHECK_TODAY)  # the editor tests' pinned day; dates below are planted relative to it


def days(n):
    return (TODAY + dt.timedelta(days=n)).isoformat()
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
    severity: str = "error"
    exit_code: int = 1
    line: object = "planted"   # "planted": the line plant() returned; "any": some line (where YAML
                               # noticed); None: no line (a missing field has none)
    owner: str = ""            # the rule's owner (OWNERS below); set with the corpus
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
    Mistake("reviewed-in-the-future", set_field(PAGE, "Reviewed", f"Reviewed: {days(43)}"), PAGE,
            [f"Reviewed: {days(43)} is in the future"]),
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
            CONTINUUM, ["levels[0].page", "after-iopp"]),
    Mistake("continuum-bad-asam-level", replace(CONTINUUM, 'asam: "1.0"', 'asam: "9.5"'),
            CONTINUUM, ["levels[0].asam"]),
    Mistake("continuum-rule-unknown-answer", replace(CONTINUUM, "when: {self-harm: [plan]}", "when: {self-harm: [plann]}"),
            CONTINUUM, ["rules[0].when", "plann"]),
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
    Mistake("review-overdue", lambda p: (set_field(PAGE, "Reviewed", f"Reviewed: {days(-53 - 365)}")(p),
                                         set_field(PAGE, "Next-review", f"Next-review: {days(-53)}")(p))[1],
            PAGE, [f"review overdue: Next-review was {days(-53)} (53 days ago)", "set Reviewed to today"],
            severity="warning", exit_code=0),
    Mistake("review-due-tomorrow", set_field(PAGE, "Next-review", f"Next-review: {days(1)}"), PAGE,
            [f"review due soon: Next-review is {days(1)} (in 1 day)"], severity="warning", exit_code=0),
    Mistake("review-due-soon", set_field(PAGE, "Next-review", f"Next-review: {days(48)}"), PAGE,
            [f"review due soon: Next-review is {days(48)} (in 48 days)"], severity="warning", exit_code=0),
    Mistake("unknown-field", set_field(PAGE, "Order", "Order: 11\nAudience: parents"), PAGE,
            ["'Audience' is not a field this site uses"], severity="warning", exit_code=0, line=None),
]



# Who owns each rule (the checks `make check` runs, or the plugin rule it reports).
OWNER_OF = {
    "metadata": ["missing-field", "header-line-without-colon", "impossible-date", "date-in-wrong-format",
                 "next-review-before-reviewed", "reviewed-in-the-future", "unknown-source", "one-source-only",
                 "order-not-a-number", "summary-too-long", "todo-in-header", "misspelled-field-name",
                 "unknown-field"],
    "todos": ["todo-in-text"],
    "build-links": ["unknown-page-link"],
    "links": ["unknown-section-link", "link-to-missing-address"],
    "slugs": ["duplicate-slug"],
    "markers": ["unknown-marker", "misspelled-marker"],
    "site-markers": ["site-marker-written-loosely", "unknown-site-marker"],
    "sources": ["invalid-yaml-in-sources", "source-url-not-https", "source-missing-title"],
    "continuum": ["invalid-yaml-in-continuum", "continuum-unknown-page", "continuum-bad-asam-level",
                  "continuum-rule-unknown-answer"],
    "headings": ["heading-skips-a-level", "second-page-title"],
    "images": ["image-without-alt"],
    "spelling": ["misspelling", "medical-misspelling"],
    "grades": ["hard-to-read"],
    "reviews": ["review-overdue", "review-due-tomorrow", "review-due-soon"],
}
for _owner, _ids in OWNER_OF.items():
    for _id in _ids:
        next(m for m in CORPUS if m.id == _id).owner = _owner


# ---- the owners: each returns make check's findings for its rule ------------------
def _project(root):
    from checks.project import Project
    return Project(root)


def source_check(module):
    """A check of the Markdown and data sources (checks/<module>.py), as `make check` runs it."""
    def run(root):
        import importlib
        project = _project(root)
        return importlib.import_module(f"checks.{module}").check(project, project.pages(), TODAY)
    return run


def _built(root, pages):
    """A built site for the HTML checks: {page file: its <main> HTML} written the
    way the theme writes pages (article.page in main, html lang)."""
    from checks.cli import Built, BuiltPage
    project = _project(root)
    by_rel = {p.rel: p for p in project.pages()}
    out = root / "output"
    written = []
    for rel, main in pages.items():
        save_as = f"{by_rel[rel].path.stem}/index.html"
        (out / save_as).parent.mkdir(parents=True, exist_ok=True)
        (out / save_as).write_text(f'<!doctype html><html lang="en-US"><body><main id="main"><article class="page">'
                                   f"{main}</article></main></body></html>", encoding="utf-8")
        written.append(BuiltPage(by_rel[rel], save_as))
    return project, Built(out, True, written)


def _page_html(root, rel):
    """The page's body as Pelican's Markdown reader makes it."""
    from test_bad_input_rules import rendered
    return rendered(root / rel)


def html_links(root):
    """checks/links.py on the page as built ({filename} links resolved as Pelican does)."""
    from checks import links
    html = _page_html(root, PAGE).replace("{filename}what-is-iop.md", "../what-is-iop/")
    project, built = _built(root, {PAGE: html, OTHER: _page_html(root, OTHER)})
    return links.check(project, built, TODAY)


def images(root):
    """guard's image rule, on the page as Pelican's Markdown reader renders it."""
    from iopguide.guard.plugin import image_problems
    return image_problems(_page_html(root, PAGE), (root / PAGE).read_text(), PAGE)


def metadata(root):
    """iopguide.pages' header rules and metadata rules, as the build runs them on each page."""
    from iopguide.header import parse_header
    from iopguide.pages.metadata import check_page, header_problems
    from iopguide.pages.sources import load_sources
    sources = load_sources(root / SOURCES, SOURCES)
    problems = []
    for path in sorted((root / "content" / "pages").rglob("*.md")):
        rel, text = path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")
        header = parse_header(text)
        problems += header_problems(text, rel) + check_page(rel, header.metadata, sources, TODAY, lines=header.lines)[1]
    return problems


def build_links(root):
    from test_bad_input_rules import links
    from types import SimpleNamespace
    return links(root, SimpleNamespace(file=PAGE))


def site_markers(root):
    from iopguide.pages.plugin import marker_problems
    return marker_problems(_page_html(root, OTHER), (root / OTHER).read_text(), OTHER)


def continuum_markers(root):
    """The continuum plugin's marker rule, on the page as Pelican's Markdown reader renders it."""
    from iopguide.continuum.markers import problems
    return problems(_page_html(root, OTHER), (root / OTHER).read_text(), OTHER)


def grades(root):
    from checks import grades as check
    project, built = _built(root, {PAGE: _page_html(root, PAGE)})
    return check.check(project, built, TODAY)[0]


def slugs(root):
    """iopguide.pages' slug register, with every page's slug as Pelican makes it."""
    from iopguide.pages.slugs import SlugRegistry
    from types import SimpleNamespace
    register = SlugRegistry()
    for page in _project(root).pages():
        register.add(SimpleNamespace(slug=page.slug, lang=page.metadata.get("lang", "en")), page.rel,
                     page.lines.get("slug"))
    return register.problems


def sources(root):
    from iopguide.problems import SiteError
    from iopguide.pages.sources import load_sources
    try:
        load_sources(root / SOURCES, SOURCES)
    except SiteError as exc:
        return exc.problems
    return []


def continuum(root):
    from iopguide.continuum import load, validate
    from iopguide.problems import SiteError
    pages = {p.stem for p in (root / "content" / "pages").rglob("*.md")}
    try:
        data, lines = load.load(root / CONTINUUM, CONTINUUM)
        validate.check(data, lines, CONTINUUM, known_pages=pages)
    except SiteError as exc:
        return exc.problems
    return []


OWNERS = {"metadata": metadata, "todos": source_check("todos"),
          "build-links": build_links, "links": html_links, "slugs": slugs,
          "markers": continuum_markers, "site-markers": site_markers, "sources": sources, "continuum": continuum,
          "headings": source_check("headings"), "images": images, "spelling": source_check("spelling"),
          "grades": grades, "reviews": source_check("reviews")}


def test_the_corpus_is_big_enough_and_every_mistake_has_an_owner():
    assert len({m.id for m in CORPUS}) == len(CORPUS) >= 15
    assert all(m.owner in OWNERS for m in CORPUS), [m.id for m in CORPUS if m.owner not in OWNERS]


@pytest.mark.parametrize("mistake", CORPUS, ids=lambda m: m.id)
def test_mistake_is_reported(mistake, tmp_path):
    root = copy_content(tmp_path / "project")
    planted_line = mistake.plant(root)
    before = digest(root / "content")
    found = OWNERS[mistake.owner](root)
    assert digest(root / "content") == before, "the check changed a file under content/"
    report = "\n".join(f"{f.file}:{f.line}: {f.severity}: {f.message}" for f in found)
    line = planted_line if mistake.line == "planted" else mistake.line
    matching = [f for f in found if f.file == mistake.file and f.severity == mistake.severity
                and all(w in f.message for w in mistake.words)]
    assert matching, f"expected {mistake.severity} in {mistake.file} saying {mistake.words}:\n{report}"
    assert len(matching) == 1, f"one problem, one message:\n{report}"
    if line == "any":
        assert matching[0].line is not None, f"expected a line number:\n{report}"
    elif line is not None:
        assert matching[0].line == line, f"expected line {line}:\n{report}"
    for file, words in mistake.extra:
        assert any(f.file == file and all(w in f.message for w in words) for f in found), report
    if mistake.exit_code == 0:
        assert not [f for f in found if f.severity == "error"], report


@pytest.mark.parametrize("owner", sorted(OWNERS))
def test_each_owner_accepts_the_real_content(owner, tmp_path):
    """So a mistake is found only because it was planted."""
    root = copy_content(tmp_path / "project")
    found = [f for f in OWNERS[owner](root) if f.severity == "error"]
    assert found == []
