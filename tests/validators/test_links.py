"""Every internal link, resource and #fragment in the built site resolves.
External links are not fetched. The checker is checks/links.py, the same one
`make check` runs."""

import runpy

from checks.links import LinkChecker, html_files
from sitebuild import ROOT

SITE_ORIGIN = runpy.run_path(str(ROOT / "pelicanconf.py"))["SITE_ORIGIN"]


def test_every_internal_link_and_anchor_resolves(site):
    problems, count = LinkChecker(site, SITE_ORIGIN).check_site()
    pages = html_files(site)
    # Each page has at least the skip link, stylesheet, script and home link.
    assert count >= 4 * len(pages), (count, len(pages))
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(map(str, problems))


def test_link_checker_catches_planted_mistakes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "style.css").write_text("body{}")
    (tmp_path / "index.html").write_text(
        '<main id="main"><h2 id="top">T</h2>'
        '<a href="#main">ok</a> <a href="a/">ok</a> <a href="a/#part">ok</a> <a href="style.css">ok</a>'
        '<a href="http://127.0.0.1:8000/a/">ok (own origin)</a> <a href="https://example.org/x">external</a>'
        '<a href="tel:988">tel</a> <a href="sms:988">sms</a> <a href="mailto:x@example.org">mail</a>'
        '<a href="#nowhere">bad anchor</a> <a href="missing/">bad page</a> <a href="#">empty</a>'
        '<img src="nope.png" alt=""> <a href="http://127.0.0.1:8000/gone/">bad own origin</a></main>')
    (tmp_path / "a" / "index.html").write_text(
        '<p id="part"><a href="../">ok</a> <a href="../index.html#top">ok</a>'
        ' <a href="../index.html#bottom">bad anchor</a> <a href="b/">bad relative</a>'
        ' <link rel="stylesheet" href="../missing.css"></p>')
    problems, count = LinkChecker(tmp_path, "http://127.0.0.1:8000").check_site()
    text = "\n".join(map(str, problems))
    assert len(problems) == 8, text
    for expected in ("index.html: <a href> '#nowhere'", "index.html: <a href> 'missing/'",
                     "index.html: <a href> '#': empty", "index.html: <img src> 'nope.png'",
                     "'http://127.0.0.1:8000/gone/'", "a/index.html: <a href> '../index.html#bottom'",
                     "a/index.html: <a href> 'b/'", "a/index.html: <link href> '../missing.css'"):
        assert expected in text, (expected, text)
