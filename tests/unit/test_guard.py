"""iopguide (guard, datafile, problems): the one YAML loader, the error objects, the HTML allow-list
and the content scan, on small inputs (the full build runs in tests/editor)."""

import os
from pathlib import Path

import pytest

from iopguide import datafile

from iopguide.guard import content_scan, html_policy
from iopguide.problems import Problem, Problems, SiteError


def problems(text, shown="content/data/x.yaml"):
    with pytest.raises(SiteError) as info:
        datafile.parse(text, shown)
    return info.value.problems


def test_duplicate_key_has_file_line_and_key():
    [p] = problems("a: 1\nb:\n  c: 2\n  c: 3\n")
    assert (p.file, p.line, p.key) == ("content/data/x.yaml", 4, "b.c")
    assert "duplicate key 'c'" in p.message and "also on line 3" in p.message


def test_problems_keeps_the_callers_line_map():
    """The old `lines or {}` swapped an empty map for a new one: no lines."""
    lines = {}
    found = Problems("f.yaml", lines)
    lines[("a",)] = 7
    found.add(("a", "b"), "wrong")
    assert found.items[0].line == 7 and str(found.items[0]) == "f.yaml:7: a.b: wrong"


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",
    "a: &x {p: 1}\nb:\n  <<: *x\n",
    "b: *undefined\n",
])
def test_aliases_are_refused(text):
    [p] = problems(text)
    assert "anchors and aliases" in p.message and p.line


def test_alias_bomb_is_refused_before_it_expands():
    names = "abcdefghi"
    text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
        f"{names[i]}: &{names[i]} [{', '.join(['*' + names[i - 1]] * 9)}]\n" for i in range(1, 9))
    # 9**9 strings if expanded: reaching the assertion at all means it was not.
    [p] = problems(text)
    assert "anchors and aliases" in p.message and p.line == 2


def test_syntax_error_has_a_line_and_a_hint():
    [p] = problems("a: [1, 2\nb: 3\n")
    assert p.line == 2 and "not valid YAML" in p.message and "spaces, not tabs" in p.message


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(SiteError) as info:
        datafile.load(path, "x.yaml")
    [p] = info.value.problems
    assert p.line == 2 and "save it as UTF-8" in p.message


def test_a_problem_is_its_fields_and_one_line_of_text():
    p = Problem("content/pages/a.md", "'x' is not a date", line=4, key="Reviewed")
    assert str(p) == "content/pages/a.md:4: Reviewed: 'x' is not a date"
    assert (p.file, p.line, p.key, p.message, p.severity) == (
        "content/pages/a.md", 4, "Reviewed", "Reviewed: 'x' is not a date", "error")
    import pickle
    q = pickle.loads(pickle.dumps(p))
    assert (q, q.file, q.line, q.key, q.message) == (p, p.file, p.line, p.key, p.message)
    assert len({p, q}) == 1   # the same mistake met twice is said once


def test_the_one_formatter_groups_by_file_and_marks_warnings():
    from iopguide.problems import WARNING, format_problems
    found = [Problem("content/pages/b.md", "second"), Problem("(site build)", "Pelican said"),
             Problem("content/pages/a.md", "first", line=3), Problem("content/pages/b.md", "old", severity=WARNING)]
    assert format_problems(found) == ["content/pages/b.md", "  second", "  warning: old",
                                      "content/pages/a.md", "  line 3: first", "Pelican said"]


@pytest.mark.parametrize("html, words", [
    ("<script>alert(1)</script>", "<script> is not allowed"),
    ('<iframe src="https://x.example/"></iframe>', "<iframe> is not allowed"),
    ('<p onclick="x()">a</p>', "onclick"),
    ('<p style="color:red">a</p>', 'style="..."'),
    ('<a href="javascript:alert(1)">a</a>', "javascript:alert(1)"),
    ('<a href="JaVa&#115;cript:alert(1)">a</a>', "not allowed"),
    ('<img src="data:image/png;base64,AA" alt="x">', "data:"),
    ("<form><input></form>", "<form> is not one of the HTML tags"),
])
def test_html_policy_refuses(html, words):
    found = html_policy.check(html)
    assert found and any(words in message for _, message in found), found


@pytest.mark.parametrize("html", [
    '<p>Plain <abbr title="Intensive outpatient program">IOP</abbr><br>text.</p>',
    '<h2 id="cost">Cost &amp; insurance</h2><p><a href="{filename}faq.md#cost">faq</a></p>',
    '<a href="mailto:a@example.org">m</a> <a href="tel:988">988</a> <a href="../faq/">r</a>',
    '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td colspan="2">b</td></tr></tbody></table>',
    '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup><!-- continuum:table -->',
    '<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>',
    '<details><summary>More</summary><p>Text</p></details>',
])
def test_html_policy_allows(html):
    assert html_policy.check(html) == ()


def test_care_cards_and_action_links_as_editors_write_them_pass_the_html_check():
    """docs/editing.md, "Care cards and action links": the Markdown as written,
    through the site's own Markdown settings, makes HTML the allow-list keeps."""
    import runpy

    import markdown

    settings = runpy.run_path(str(Path(__file__).resolve().parents[2] / "pelicanconf.py"))["MARKDOWN"]
    md = markdown.Markdown(extensions=list(settings["extension_configs"]),
                           extension_configs=settings["extension_configs"], output_format="html5")
    html = md.convert(
        '[Start the self-check](../self-check/){: .action-link }\n\n'
        '<div class="care-card care-card--emergency" markdown="1">\n\n'
        '### Call 911 if a life is in danger\n\nCall **911** now.\n\n- a list\n\n</div>\n')
    assert '<a class="action-link" href="../self-check/">Start the self-check</a>' in html
    assert '<div class="care-card care-card--emergency">' in html and 'markdown="1"' not in html
    assert '<h3 id="call-911-if-a-life-is-in-danger">Call 911 if a life is in danger</h3>' in html
    assert "<strong>911</strong>" in html and "<li>a list</li>" in html
    assert html_policy.check(html) == ()


def test_scan_finds_symlinks_size_encoding_and_title(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "extra").mkdir()
    (content / "pages" / "ok.md").write_text("Title: Fine\n\nText.\n")
    (content / "pages" / "big.md").write_text("Title: Big\n\n" + "x" * (content_scan.MAX_PAGE_BYTES + 1))
    (content / "pages" / "latin.md").write_bytes(b"Title: Caf\xe9\n\nText.\n")
    (content / "pages" / "untitled.md").write_text("Summary: no title\n\nText.\n")
    (content / "pages" / "tagged.md").write_text("Title: <b>Bold</b>\n\nText.\n")
    os.symlink("/etc/passwd", content / "extra" / "passwd")
    found = {p.file: p for p in content_scan.scan(content, {"PAGE_PATHS": ["pages"], "STATIC_PATHS": ["extra"]})}
    assert set(found) == {"content/pages/big.md", "content/pages/latin.md", "content/pages/untitled.md",
                          "content/pages/tagged.md", "content/extra/passwd"}, found
    assert "at most 200 KB" in found["content/pages/big.md"].message
    assert "save it as UTF-8" in found["content/pages/latin.md"].message
    assert found["content/pages/untitled.md"].message.startswith("Title: missing")
    assert "plain text" in found["content/pages/tagged.md"].message
    assert "/etc/passwd" in found["content/extra/passwd"].message


def test_scan_skips_editor_lock_files(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    os.symlink("user@host.1234", content / "pages" / ".#faq.md")  # how Emacs marks a file being edited
    assert content_scan.scan(content, {"PAGE_PATHS": ["pages"], "IGNORE_FILES": [".#*"]}) == []


@pytest.mark.parametrize("html, targets", [
    ('<a href="{filename}/pages/no-such.md">x</a>', ["/pages/no-such.md"]),
    ("<a href='|filename|gone.md#part'>x</a> <a href=\"|filename|gone.md\">y</a>", ["gone.md"]),
    ('<img src="{static}/images/missing.png" alt="x">', ["/images/missing.png"]),
    ('<a href="{attach|file.pdf">x</a>', ["file.pdf"]),
    ('<p>Costs {vary} | by plan</p><a href="../what-is-iop/">x</a>', []),   # a { or | alone is not a link
    ('<a href="../what-is-iop/">resolved</a>', []),
])
def test_links_pelican_left_unresolved_are_found_in_every_form_pelican_accepts(html, targets):
    """Pelican accepts {filename}, |filename| and mixed forms; the quick look for
    { and | must never skip a page that has one of them."""
    from iopguide.guard.plugin import unresolved_targets
    assert unresolved_targets(html) == targets
