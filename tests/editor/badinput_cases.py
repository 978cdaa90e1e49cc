"""The bad-input corpus: what an editor (or an attacker with commit access)
might put in content/, the file the message must name and the words it must
say. Every case is checked in process against the function that owns its rule
(test_bad_input_rules.py, the fast tier); a few per stage also run `make html`
/ `make publish` and `make check` end to end (test_bad_input.py).

`owner` names the rule's owner (see test_bad_input_rules.OWNERS)."""

from dataclasses import dataclass, field
from pathlib import Path

from planting import (CONTINUUM, GLOSSARY, NEW_PAGE, OTHER, PAGE, SOURCE_ENTRY, SOURCES, GOOD_HEADER, alias_bomb,
                      append, both, copy_page, latin1, new_page, nothing, replace, set_field, symlink, utf16, write)


@dataclass
class Case:
    id: str
    plant: object
    file: str                 # the file the messages must name
    words: list               # words each message must contain
    owner: str                # which rule owns it (test_bad_input_rules.OWNERS)
    publish: bool = False     # run `make publish` instead of `make html` (end to end)
    env: dict = field(default_factory=dict)
    check: bool = True        # also run `make check` end to end (not for SITEURL, a publish setting)


# make publish also needs where "Report a problem with this page" goes (as in GitHub Actions).
SITEURL = {"SITEURL": "https://iop-guide.test", "GITHUB_REPOSITORY": "example/iop-guide", "REPORT_PROBLEM_URL": ""}
CASES = [
    # -- unsafe HTML in a page (refused with file and line, never published) --
    Case("script-block", append(PAGE, "<script>alert(1)</script>"), PAGE, ["<script> is not allowed"], "html"),
    Case("script-src-inline", append(PAGE, 'Read this <script src="https://evil.example/x.js"></script> now.'),
         PAGE, ["<script> is not allowed"], "html"),
    Case("script-uppercase", append(PAGE, "<SCRIPT>alert(1)</SCRIPT>"), PAGE, ["<script> is not allowed"], "html"),
    Case("iframe", append(PAGE, '<iframe src="https://evil.example/"></iframe>'), PAGE, ["<iframe> is not allowed"],
         "html"),
    Case("object", append(PAGE, '<object data="https://evil.example/x.swf"></object>'), PAGE,
         ["<object> is not allowed"], "html"),
    Case("embed", append(PAGE, '<embed src="https://evil.example/x.swf">'), PAGE, ["<embed> is not allowed"], "html"),
    Case("onclick", append(PAGE, 'Press <span onclick="alert(1)">here</span>.'), PAGE, ["onclick", "run scripts"],
         "html"),
    Case("onerror-on-image", append(PAGE, '<img src="x.png" alt="x" onerror="alert(1)">'), PAGE,
         ["onerror", "run scripts"], "html"),
    Case("onmouseover-on-paragraph", append(PAGE, '<p onmouseover="alert(1)">Hover</p>'), PAGE,
         ["onmouseover", "run scripts"], "html"),
    Case("style-attribute", append(PAGE, '<p style="color: red">Red words</p>'), PAGE, ['style="..."', "not allowed"],
         "html"),
    Case("style-tag", append(PAGE, "<style>body { display: none }</style>"), PAGE, ["<style> is not allowed"], "html"),
    Case("javascript-markdown-link", append(PAGE, "[Call us](javascript:alert(1))"), PAGE,
         ["javascript:alert(1)", "not allowed"], "html"),
    Case("javascript-html-link", append(PAGE, '<a href="javascript:alert(1)">Call us</a>'), PAGE,
         ["javascript:alert(1)", "not allowed"], "html"),
    Case("javascript-mixed-case", append(PAGE, '<a href=" JaVaScRiPt:alert(1)">Call us</a>'), PAGE,
         ["not allowed"], "html"),
    Case("vbscript-link", append(PAGE, "[Call us](vbscript:msgbox(1))"), PAGE, ["vbscript:", "not allowed"], "html"),
    Case("data-url-link", append(PAGE, "[Open](data:text/html;base64,PHNjcmlwdD4=)"), PAGE, ["data:", "not allowed"],
         "html"),
    Case("form", append(PAGE, '<form action="https://evil.example/"><input name="q"></form>'), PAGE,
         ["<form> is not one of the HTML tags"], "html"),
    Case("svg-onload", append(PAGE, '<svg onload="alert(1)"></svg>'), PAGE, ["<svg> is not one of the HTML tags"],
         "html"),
    Case("meta-refresh", append(PAGE, '<meta http-equiv="refresh" content="0;url=https://evil.example/">'), PAGE,
         ["<meta> is not one of the HTML tags"], "html"),
    Case("base-tag", append(PAGE, '<base href="https://evil.example/">'), PAGE, ["<base> is not one of the HTML tags"],
         "html"),
    Case("link-tag", append(PAGE, '<link rel="stylesheet" href="https://evil.example/x.css">'), PAGE,
         ["<link> is not one of the HTML tags"], "html"),
    # -- plain-text fields that must stay plain text --
    Case("script-in-title", set_field(PAGE, "Title", "Title: <script>alert(1)</script>Questions"), PAGE,
         ["Title: is plain text"], "page"),
    Case("image-in-title", set_field(PAGE, "Title", 'Title: Questions <img src=x onerror="alert(1)">'), PAGE,
         ["Title: is plain text"], "page"),
    Case("script-in-source-title", append(SOURCES, SOURCE_ENTRY.format(publisher="SAMHSA",
         title="<script>alert(1)</script>Guide")), SOURCES, ["extra-source.title", "is plain text"], "sources"),
    Case("html-in-source-publisher", append(SOURCES, SOURCE_ENTRY.format(publisher="<b onclick=x>SAMHSA</b>",
         title="Guide")), SOURCES, ["extra-source.publisher", "is plain text"], "sources"),
    # -- files that are not what they seem --
    Case("symlink-extra-to-passwd", symlink("content/extra/passwd", "/etc/passwd"), "content/extra/passwd",
         ["is a link (symlink) to '/etc/passwd'"], "scan"),
    Case("symlink-extra-dir-to-etc", symlink("content/extra/etc", "/etc"), "content/extra/etc",
         ["is a link (symlink)"], "scan"),
    Case("symlink-page-outside", both(write("../outside.md", f"Title: Outside\n{GOOD_HEADER}\nText.\n"),
                                      symlink(NEW_PAGE, "../outside.md")), NEW_PAGE, ["is a link (symlink)"], "scan"),
    Case("symlink-page-inside", symlink(NEW_PAGE, Path(OTHER)), NEW_PAGE, ["is a link (symlink)"], "scan"),
    Case("symlink-data-file", symlink(GLOSSARY, "/etc/hostname"), GLOSSARY, ["is a link (symlink)"], "scan"),
    # -- data files --
    Case("duplicate-source-key", append(SOURCES, "samhsa-tip47:\n  publisher: Someone else\n  title: \"Other\"\n"
         "  year: 2020\n  url: https://www.samhsa.gov/\n"), SOURCES, ["duplicate key 'samhsa-tip47'"], "sources"),
    Case("duplicate-field-in-source", replace(SOURCES, "  year: 2006\n", "  year: 2006\n  year: 2016\n"), SOURCES,
         ["duplicate key 'year'"], "sources"),
    # A duplicate key in the continuum data (its first level's id written twice).
    Case("duplicate-key-continuum", replace(CONTINUUM, "  - id: ", "  - id: dup\n    id: "), CONTINUUM,
         ["duplicate key 'id'"], "continuum"),
    Case("duplicate-key-whole-glossary", write(GLOSSARY, "iop:\n  term: IOP\niop:\n  term: Other\n"), GLOSSARY,
         ["duplicate key 'iop'"], "glossary"),
    Case("alias-bomb-9x9-sources", append(SOURCES, alias_bomb()), SOURCES, ["anchors and aliases", "not allowed"],
         "sources"),
    Case("alias-bomb-9x9-glossary", write(GLOSSARY, alias_bomb()), GLOSSARY, ["anchors and aliases"], "glossary"),
    Case("alias-bomb-9x9-continuum", replace(CONTINUUM, "levels:\n", alias_bomb() + "levels:\n"),
         CONTINUUM, ["anchors and aliases"], "continuum"),
    Case("simple-alias-in-sources", append(SOURCES, "same-url: &u https://www.samhsa.gov/\nother:\n  url: *u\n"),
         SOURCES, ["anchors and aliases"], "sources"),
    Case("merge-key-in-continuum", replace(CONTINUUM, "levels:\n", "base: &base {x: 1}\nuse:\n  <<: *base\nlevels:\n"),
         CONTINUUM, ["anchors and aliases"], "continuum"),
    Case("undefined-alias", append(SOURCES, "other: *nothing\n"), SOURCES, ["anchors and aliases"], "sources"),
    Case("sources-not-utf8", latin1(SOURCES), SOURCES, ["save it as UTF-8"], "sources"),
    Case("continuum-not-utf8", latin1(CONTINUUM), CONTINUUM, ["save it as UTF-8"], "continuum"),
    Case("sources-tab-indent", replace(SOURCES, "  publisher: SAMHSA\n", "\tpublisher: SAMHSA\n"), SOURCES,
         ["not valid YAML"], "sources"),
    Case("sources-unclosed-bracket", replace(SOURCES, '  title: "TIP 47', '  title: ["TIP 47'), SOURCES,
         ["not valid YAML"], "sources"),
    Case("sources-empty", write(SOURCES, ""), SOURCES, ["expected a mapping of source keys"], "sources"),
    Case("sources-a-list", write(SOURCES, "- samhsa-tip47\n- asam-criteria\n"), SOURCES,
         ["expected a mapping of source keys"], "sources"),
    Case("data-file-too-big", write(GLOSSARY, "# " + "x" * 1_200_000 + "\n"), GLOSSARY, ["the limit is 1,000 KB"],
         "glossary"),
    # the glossary goes through the same loader as every data file, and keeps its own checks
    Case("duplicate-term-in-glossary", append(GLOSSARY, "copay:\n  term: Copay\n  definition: A set fee.\n"),
         GLOSSARY, ["duplicate key 'copay'", "(it is also on line"], "glossary"),
    Case("glossary-not-utf8", latin1(GLOSSARY), GLOSSARY, ["save it as UTF-8"], "glossary"),
    Case("glossary-term-without-definition", append(GLOSSARY, "new-term:\n  term: New term\n"), GLOSSARY,
         ["new-term.definition: missing"], "glossary"),
    # a broken theme template is named with its file and line, not a traceback
    Case("theme-template-syntax-error", replace("theme/templates/page.html", "{%", "{% iff"),
         "theme/templates/page.html", ["TemplateSyntaxError", "unknown tag 'iff'"], "template"),
    # -- pages --
    Case("page-5-mb", append(PAGE, ("Plain words in a long page. " * 40 + "\n\n") * 4500), PAGE,
         ["a page can be at most 200 KB"], "page"),
    Case("page-just-over-limit", append(PAGE, ("Plain words in a long page. " * 40 + "\n\n") * 200), PAGE,
         ["a page can be at most 200 KB"], "page"),
    Case("page-not-utf8", latin1(PAGE), PAGE, ["save it as UTF-8"], "page"),
    Case("page-utf16", utf16(PAGE), PAGE, ["save it as UTF-8"], "page"),
    Case("missing-title", set_field(PAGE, "Title", None), PAGE, ["Title: missing"], "page"),
    Case("empty-title", set_field(PAGE, "Title", "Title:"), PAGE, ["Title: missing"], "page"),
    Case("misspelled-title-field", set_field(PAGE, "Title", "Titel: Questions people ask"), PAGE, ["Title: missing"],
         "page"),
    Case("empty-page-file", write(NEW_PAGE, ""), NEW_PAGE, ["Title: missing"], "page"),
    Case("duplicate-titles", new_page("Questions people ask"), NEW_PAGE,
         ["is also the title of content/pages/faq.md"], "titles"),
    Case("duplicate-titles-other-case", new_page("QUESTIONS PEOPLE ASK"), NEW_PAGE,
         ["is also the title of content/pages/faq.md"], "titles"),
    Case("page-copied-whole", copy_page(OTHER, "content/pages/what-is-iop-copy.md"),
         "content/pages/what-is-iop-copy.md", ["is also the title of", "content/pages/what-is-iop.md"], "titles"),
    Case("slug-leaving-output", set_field(PAGE, "Order", "Order: 19\nSlug: ../../outside"), PAGE,
         ["Slug: '../../outside' can only have"], "page"),
    Case("save-as-leaving-output", set_field(PAGE, "Order", "Order: 19\nSave_as: ../../evil.html"), PAGE,
         ["Save_as: '../../evil.html' must be a plain address"], "page"),
    Case("template-field", set_field(PAGE, "Order", "Order: 19\nTemplate: ../../../etc/passwd"), PAGE,
         ["Template: this field is not used"], "page"),
    # -- metadata the build checks (names file and field) --
    Case("bad-date", set_field(PAGE, "Reviewed", "Reviewed: 2026-13-01"), PAGE, ["'2026-13-01' is not a date"],
         "metadata"),
    Case("bad-date-publish", set_field(PAGE, "Reviewed", "Reviewed: 2026-13-01"), PAGE,
         ["'2026-13-01' is not a date"], "metadata", publish=True, env=SITEURL),
    Case("missing-summary-publish", set_field(PAGE, "Summary", None), PAGE, ["Summary: missing"], "metadata",
         publish=True, env=SITEURL),
    Case("unknown-source", set_field(PAGE, "Sources", "Sources: samhsa-tip74, asam-criteria"), PAGE,
         ["unknown source 'samhsa-tip74'"], "metadata"),
    Case("broken-page-link", append(PAGE, "Read [more]({filename}no-such-page.md)."), PAGE,
         ["link to 'no-such-page.md': there is no such file"], "links"),
    Case("order-not-a-number", set_field(PAGE, "Order", "Order: three"), PAGE, ["'three' is not a whole number"],
         "metadata"),
    Case("misspelled-marker", append(OTHER, "<!-- continuum:tabel -->"), OTHER, ["unknown marker"], "markers"),
    # -- the publish address --
    Case("publish-without-siteurl", nothing, "publishconf.py", ["SITEURL is not set"], "siteurl", publish=True,
         check=False),
    Case("publish-siteurl-ftp", nothing, "publishconf.py", ["'ftp://iop.test' is not a web address"], "siteurl",
         publish=True, env={"SITEURL": "ftp://iop.test"}, check=False),
    Case("publish-siteurl-no-host", nothing, "publishconf.py", ["is not a web address"], "siteurl", publish=True,
         env={"SITEURL": "https://"}, check=False),
    Case("publish-siteurl-not-a-url", nothing, "publishconf.py", ["is not a web address"], "siteurl", publish=True,
         env={"SITEURL": "iop-guide.org"}, check=False),
    Case("publish-siteurl-with-space", nothing, "publishconf.py", ["is not a web address"], "siteurl", publish=True,
         env={"SITEURL": "https://iop guide.org"}, check=False),
]
BY_ID = {case.id: case for case in CASES}
