"""`make check` on the real tree (the content gate, run once per test run),
on a clean copy, and on a copy with many mistakes at once; and the build's own
messages for mistakes (the copies are end-to-end runs: `slow`)."""


import pytest

from checkrun import ROOT, digest, entries, run_check, run_check_in_process
from iopguide.runner import build
from sitebuild import build_site, copy_project


@pytest.fixture(scope="module")
def real_check():
    """`make check` on the real tree, once, in this process: (its result, content/
    before, content/ after). The command itself runs in the slow tests below."""
    before = digest(ROOT / "content")
    result = run_check_in_process(ROOT)
    return result, before, digest(ROOT / "content")


def test_real_content_passes_the_checks(real_check):
    """The content gate: `make test` fails while any page or data file has an error
    (every page's metadata, figures cited, words, reading grade, spelling, links)."""
    result, before, after = real_check
    errors = [e for e in entries(result.stdout) if e.severity == "error"]
    assert result.returncode == 0 and not errors, result.stdout + result.stderr
    assert after == before, "make check changed content/"


def test_report_lists_every_page_with_its_reading_grade(real_check):
    result, _, _ = real_check
    # Spanish pages (content/pages/es/) are listed too, with their Fernández-Huerta.
    pages = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content" / "pages").rglob("*.md"))
    grade_lines = [line for line in result.stdout.splitlines() if line.startswith("  ") and
                   line.strip().split()[-1].endswith(".md")]
    assert sorted(line.split()[-1] for line in grade_lines) == pages
    assert f"Checked {len(pages)} pages" in result.stdout


@pytest.mark.slow
def test_many_mistakes_at_once_are_all_reported_grouped_by_file(tmp_path):
    project = copy_project(tmp_path / "project")
    pages = project / "content" / "pages"
    faq = pages / "faq.md"
    faq.write_text(faq.read_text().replace("Reviewed: ", "Reviewed: 20261-", 1))
    about = pages / "about.md"
    about.write_text(about.read_text() + "\n\n#### Deep heading\n\nWe recieve calls.\n\n<script>alert(1)</script>\n")
    who = pages / "who-is-iop-for.md"
    who.write_text(who.read_text() + "\n\nSee [this]({filename}nowhere.md).\n\n<!-- continuum:tabel -->\n")
    data = project / "content" / "data" / "continuum.yaml"
    data.write_text(data.read_text().replace("    page: after-iop\n", "    page: after-iopp\n", 1))
    result = run_check(project)
    assert result.returncode == 1
    found = entries(result.stdout)
    assert {e.file for e in found if e.severity == "error"} >= {
        "content/pages/faq.md", "content/pages/about.md", "content/pages/who-is-iop-for.md",
        "content/data/continuum.yaml"}
    # One build collects every stage's problems: a data file's with the pages', and
    # the continuum plugin's marker problem with its line.
    typo = [e for e in found if e.file == "content/pages/who-is-iop-for.md" and "unknown marker" in e.message]
    lines = (project / "content" / "pages" / "who-is-iop-for.md").read_text().splitlines()
    assert len(typo) == 1 and lines[typo[0].line - 1] == "<!-- continuum:tabel -->", found
    assert any("after-iopp" in e.message and e.line for e in found if e.file == "content/data/continuum.yaml")
    # Every stage of the build: reading a page (its HTML), the plugins after reading
    # (the Reviewed date, the data file), Pelican's links while writing.
    assert any("<script> is not allowed" in e.message for e in found if e.file == "content/pages/about.md"), found
    assert any("nowhere.md" in e.message for e in found if e.file == "content/pages/who-is-iop-for.md"), found
    # grouped: each file's name appears once, as a heading line
    headings = [line for line in result.stdout.splitlines() if line == "content/pages/about.md"]
    assert len(headings) == 1
    errors = sum(1 for e in found if e.severity == "error")
    assert f": {errors} errors," in result.stdout
    assert "Fix the errors above" in result.stdout


def test_warnings_alone_exit_zero():
    """Every review overdue (today is 2099): a warning per page, in both languages, and exit 0."""
    import datetime as dt

    from checks import reviews
    from checks.cli import exit_status
    from checks.project import Project
    from checks.report import format_report
    project = Project(ROOT)
    pages = project.pages()
    found = reviews.check(project, pages, dt.date(2099, 1, 1))
    overdue = [f for f in found if f.severity == "warning" and f.message.startswith("review overdue")]
    assert len(overdue) == len(list((ROOT / "content" / "pages").rglob("*.md"))) == len(pages)
    assert exit_status(found) == 0
    assert "do not stop publishing" in format_report(found, len(pages))


def test_today_can_be_set_by_environment(monkeypatch):
    from checks import cli
    from checks.report import format_report
    monkeypatch.setenv("CHECK_TODAY", "2099-01-01")
    assert cli.parse_args([]).today == "2099-01-01"
    assert "(today is 2099-01-01)" in format_report([], 0, today="2099-01-01")


def build_copy(tmp_path, plant):
    project = copy_project(tmp_path / "project")
    plant(project)
    before = digest(project / "content")
    result = build_site(tmp_path / "out", settings=project / "pelicanconf.py",
                        content=project / "content", search_index=False)
    assert digest(project / "content") == before, "the build changed content/"
    return result.returncode, result.stdout + result.stderr


@pytest.mark.slow
def test_build_names_both_files_for_a_duplicate_slug(tmp_path):
    def plant(project):
        about = (project / "content/pages/about.md").read_text()
        (project / "content/pages/about-copy.md").write_text(about.replace("\n", "\nSlug: about\n", 1))
    project = copy_project(tmp_path / "project")
    plant(project)
    result = build(project / "pelicanconf.py", project, tmp_path / "out")   # in process, as make html builds
    out = "\n".join(str(p) for p in result.problems)
    assert not result.ok
    assert ("content/pages/about-copy.md:2: Slug: 'about' is already used by content/pages/about.md" in out), out


@pytest.mark.slow
def test_build_gives_file_and_line_for_a_bad_date(tmp_path):
    """A plain `pelican` run (not through make html) is guarded too, and says where."""
    def plant(project):
        faq = project / "content/pages/faq.md"
        faq.write_text(faq.read_text().replace("Reviewed: ", "Reviewed: 2026-13-01 #", 1))
    code, out = build_copy(tmp_path, plant)
    assert code != 0
    line = next(n for n, text in enumerate((ROOT / "content/pages/faq.md").read_text().splitlines(), 1)
                if text.startswith("Reviewed:"))
    assert f"content/pages/faq.md:{line}: Reviewed: '2026-13-01 #" in out, out


@pytest.mark.slow  # builds a copy of the project: make test only
def test_an_end_date_before_next_review_stops_the_build(tmp_path):
    """A time-limited fact (English and Spanish) that ends before the page's
    Next-review stops the build, naming the file, line and phrase. `make check`
    reports the build's problems as they are (checks/cli.py runs this same
    build): the many-mistakes run above shows a build rule's problem in its report."""
    project = copy_project(tmp_path / "project")
    planted = {}
    for rel, sentence, phrase in (
            ("content/pages/faq.md", "The offer runs through December 31, 2026.", "'through December 31, 2026'"),
            ("content/pages/es/faq.md", "La oferta vence el 31 de diciembre de 2026.",
             "'vence el 31 de diciembre de 2026'")):
        page = project / rel
        text = page.read_text()
        assert "Reviewed: 2026-11-23" in text and "Next-review: 2027-11-23" in text  # the plant's premise
        page.write_text(text + f"\n{sentence}\n")
        planted[rel] = (phrase, len(text.splitlines()) + 2)
    before = digest(project / "content")
    result = build(project / "pelicanconf.py", project, tmp_path / "out")   # in process, as make html and make check build
    assert digest(project / "content") == before, "the build changed content/"
    assert not result.ok
    for rel, (phrase, line) in planted.items():
        assert any(p.file == rel and p.line == line and p.is_error
                   and p.message.startswith(f"{phrase}: this fact ends on 2026-12-31")
                   and "Set Next-review to 2026-12-31 or earlier" in p.message for p in result.problems), \
            [str(p) for p in result.problems]


@pytest.mark.slow
def test_a_good_build_after_a_failed_one_in_the_same_process_writes_the_sitemap(tmp_path):
    """The preview's worker (and make check, and the tests) build again and again
    in one process: a build stopped by a mistake must not leave pelican-sitemap
    waiting for it, with no sitemap.xml from any later build."""
    project = copy_project(tmp_path / "project")
    faq = project / "content/pages/faq.md"
    good = faq.read_text()
    faq.write_text(good.replace("Reviewed: ", "Reviewed: 2026-13-01 #", 1))
    assert not build(project / "pelicanconf.py", project, tmp_path / "bad").ok
    faq.write_text(good)
    result = build(project / "pelicanconf.py", project, tmp_path / "good")
    assert result.ok, [str(p) for p in result.problems]
    assert "<loc>" in (tmp_path / "good" / "sitemap.xml").read_text(encoding="utf-8")
