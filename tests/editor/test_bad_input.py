"""The bad-input corpus: what an editor (or an attacker with commit access)
might put in content/, and what `make html` / `make publish` and `make check`
must do with it: stop with a plain message naming the file, exit non-zero,
print no Python traceback, and change nothing, neither output/ (the last good
site) nor the editor's own files.

Each case runs on its own copy of the project (tests/sitebuild.py), in one
process per case (tests/editor/badinput_driver.py runs the build and then the
check), several at once. A case that does not finish within TIME_LIMIT fails:
a hang is a bug (an alias bomb once took gigabytes and minutes). That limit is
a guard against hanging, not a speed goal; speed is measured by `make bench`.
"""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitebuild import ROOT, copy_project

pytestmark = pytest.mark.slow  # builds and checks a copy of the project per case

DRIVER = Path(__file__).with_name("badinput_driver.py")
TIME_LIMIT = 120  # seconds per case; see the module doc
TRACEBACK = "Traceback (most recent call last)"
PAGE = "content/pages/faq.md"
OTHER = "content/pages/what-is-iop.md"
SOURCES = "content/data/sources.yaml"
CONTINUUM = "content/data/continuum.yaml"
GLOSSARY = "content/data/glossary.yaml"
NEW_PAGE = "content/pages/new-page.md"
GOOD_HEADER = ("Summary: A short plain summary.\nReviewed: 2026-11-23\nNext-review: 2027-11-23\n"
               "Sources: samhsa-tip47, asam-criteria\nOrder: 40\n")


# ---- ways to plant a mistake --------------------------------------------------
def append(rel, text):
    def plant(p):
        path = p / rel
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
    return plant


def set_field(rel, name, line):
    def plant(p):
        path = p / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        i = next(i for i, text in enumerate(lines) if text.lower().startswith(name.lower() + ":"))
        if line is None:
            del lines[i]
        else:
            lines[i] = line
        path.write_text("\n".join(lines), encoding="utf-8")
    return plant


def write(rel, data):
    def plant(p):
        path = p / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return plant


def replace(rel, old, new):
    def plant(p):
        path = p / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} no longer contains {old!r}; update the corpus"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return plant


def symlink(rel, target):
    """Put a link at rel (replacing the file there, as an editor's tool might)."""
    def plant(p):
        (p / rel).parent.mkdir(parents=True, exist_ok=True)
        (p / rel).unlink(missing_ok=True)
        os.symlink(target if str(target).startswith("/") else p / target, p / rel)
    return plant


def both(*plants):
    def plant(p):
        for one in plants:
            one(p)
    return plant


def new_page(title, body="Some plain words.\n", extra=""):
    return write(NEW_PAGE, f"Title: {title}\n{GOOD_HEADER}{extra}\n{body}")


def copy_page(src, dest):
    def plant(p):
        (p / dest).write_bytes((p / src).read_bytes())
    return plant


def alias_bomb(levels=9, width=9):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * width) + "]")
    return "\n".join(lines) + "\n"


def latin1(rel):
    """Re-save a file in Latin-1 with an accented letter in it, as an old editor might."""
    def plant(p):
        path = p / rel
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        lines.insert(len(lines) // 2, "# café" if rel.endswith(".yaml") else "A café nearby.")
        path.write_bytes("\n".join(lines).encode("latin-1", errors="replace"))
    return plant


SOURCE_ENTRY = ("\nextra-source:\n  publisher: {publisher}\n  title: \"{title}\"\n  year: 2024\n"
                "  url: https://www.samhsa.gov/\n")


@dataclass
class Case:
    id: str
    plant: object
    file: str                 # the file the messages must name
    words: list               # words each message must contain
    publish: bool = False     # run `make publish` instead of `make html`
    env: dict = field(default_factory=dict)
    check: bool = True        # also run `make check` (not for SITEURL, a publish setting)


SITEURL = {"SITEURL": "https://iop-guide.test"}
CASES = [
    # -- unsafe HTML in a page (refused with file and line, never published) --
    Case("script-block", append(PAGE, "<script>alert(1)</script>"), PAGE, ["<script> is not allowed"]),
    Case("script-src-inline", append(PAGE, 'Read this <script src="https://evil.example/x.js"></script> now.'),
         PAGE, ["<script> is not allowed"]),
    Case("script-uppercase", append(PAGE, "<SCRIPT>alert(1)</SCRIPT>"), PAGE, ["<script> is not allowed"]),
    Case("iframe", append(PAGE, '<iframe src="https://evil.example/"></iframe>'), PAGE, ["<iframe> is not allowed"]),
    Case("object", append(PAGE, '<object data="https://evil.example/x.swf"></object>'), PAGE, ["<object> is not allowed"]),
    Case("embed", append(PAGE, '<embed src="https://evil.example/x.swf">'), PAGE, ["<embed> is not allowed"]),
    Case("onclick", append(PAGE, 'Press <span onclick="alert(1)">here</span>.'), PAGE, ["onclick", "run scripts"]),
    Case("onerror-on-image", append(PAGE, '<img src="x.png" alt="x" onerror="alert(1)">'), PAGE,
         ["onerror", "run scripts"]),
    Case("onmouseover-on-paragraph", append(PAGE, '<p onmouseover="alert(1)">Hover</p>'), PAGE,
         ["onmouseover", "run scripts"]),
    Case("style-attribute", append(PAGE, '<p style="color: red">Red words</p>'), PAGE, ['style="..."', "not allowed"]),
    Case("style-tag", append(PAGE, "<style>body { display: none }</style>"), PAGE, ["<style> is not allowed"]),
    Case("javascript-markdown-link", append(PAGE, "[Call us](javascript:alert(1))"), PAGE,
         ["javascript:alert(1)", "not allowed"]),
    Case("javascript-html-link", append(PAGE, '<a href="javascript:alert(1)">Call us</a>'), PAGE,
         ["javascript:alert(1)", "not allowed"]),
    Case("javascript-mixed-case", append(PAGE, '<a href=" JaVaScRiPt:alert(1)">Call us</a>'), PAGE,
         ["not allowed"]),
    Case("vbscript-link", append(PAGE, "[Call us](vbscript:msgbox(1))"), PAGE, ["vbscript:", "not allowed"]),
    Case("data-url-link", append(PAGE, "[Open](data:text/html;base64,PHNjcmlwdD4=)"), PAGE, ["data:", "not allowed"]),
    Case("form", append(PAGE, '<form action="https://evil.example/"><input name="q"></form>'), PAGE,
         ["<form> is not one of the HTML tags"]),
    Case("svg-onload", append(PAGE, '<svg onload="alert(1)"></svg>'), PAGE, ["<svg> is not one of the HTML tags"]),
    Case("meta-refresh", append(PAGE, '<meta http-equiv="refresh" content="0;url=https://evil.example/">'), PAGE,
         ["<meta> is not one of the HTML tags"]),
    Case("base-tag", append(PAGE, '<base href="https://evil.example/">'), PAGE, ["<base> is not one of the HTML tags"]),
    Case("link-tag", append(PAGE, '<link rel="stylesheet" href="https://evil.example/x.css">'), PAGE,
         ["<link> is not one of the HTML tags"]),
    # -- plain-text fields that must stay plain text --
    Case("script-in-title", set_field(PAGE, "Title", "Title: <script>alert(1)</script>Questions"), PAGE,
         ["Title: is plain text"]),
    Case("image-in-title", set_field(PAGE, "Title", 'Title: Questions <img src=x onerror="alert(1)">'), PAGE,
         ["Title: is plain text"]),
    Case("script-in-source-title", append(SOURCES, SOURCE_ENTRY.format(publisher="SAMHSA",
         title="<script>alert(1)</script>Guide")), SOURCES, ["extra-source.title", "is plain text"]),
    Case("html-in-source-publisher", append(SOURCES, SOURCE_ENTRY.format(publisher="<b onclick=x>SAMHSA</b>",
         title="Guide")), SOURCES, ["extra-source.publisher", "is plain text"]),
    # -- files that are not what they seem --
    Case("symlink-extra-to-passwd", symlink("content/extra/passwd", "/etc/passwd"), "content/extra/passwd",
         ["is a link (symlink) to '/etc/passwd'"]),
    Case("symlink-extra-dir-to-etc", symlink("content/extra/etc", "/etc"), "content/extra/etc", ["is a link (symlink)"]),
    Case("symlink-page-outside", both(write("../outside.md", f"Title: Outside\n{GOOD_HEADER}\nText.\n"),
                                      symlink(NEW_PAGE, "../outside.md")), NEW_PAGE, ["is a link (symlink)"]),
    Case("symlink-page-inside", symlink(NEW_PAGE, Path(OTHER)), NEW_PAGE, ["is a link (symlink)"]),
    Case("symlink-data-file", symlink(GLOSSARY, "/etc/hostname"), GLOSSARY, ["is a link (symlink)"]),
    # -- data files --
    Case("duplicate-source-key", append(SOURCES, "samhsa-tip47:\n  publisher: Someone else\n  title: \"Other\"\n"
         "  year: 2020\n  url: https://www.samhsa.gov/\n"), SOURCES, ["duplicate key 'samhsa-tip47'"]),
    Case("duplicate-field-in-source", replace(SOURCES, "  year: 2006\n", "  year: 2006\n  year: 2016\n"), SOURCES,
         ["duplicate key 'year'"]),
    Case("duplicate-key-continuum", replace(CONTINUUM, "levels:\n", "levels:\n", ), CONTINUUM, []),  # replaced below
    Case("duplicate-key-whole-glossary", write(GLOSSARY, "iop:\n  term: IOP\niop:\n  term: Other\n"), GLOSSARY,
         ["duplicate key 'iop'"]),
    Case("alias-bomb-9x9-sources", append(SOURCES, alias_bomb()), SOURCES, ["anchors and aliases", "not allowed"]),
    Case("alias-bomb-9x9-glossary", write(GLOSSARY, alias_bomb()), GLOSSARY, ["anchors and aliases"]),
    Case("alias-bomb-9x9-continuum", replace(CONTINUUM, "levels:\n", alias_bomb().replace("\n", "\n", 1) + "levels:\n"),
         CONTINUUM, ["anchors and aliases"]),
    Case("simple-alias-in-sources", append(SOURCES, "same-url: &u https://www.samhsa.gov/\nother:\n  url: *u\n"),
         SOURCES, ["anchors and aliases"]),
    Case("merge-key-in-continuum", replace(CONTINUUM, "levels:\n", "base: &base {x: 1}\nuse:\n  <<: *base\nlevels:\n"),
         CONTINUUM, ["anchors and aliases"]),
    Case("undefined-alias", append(SOURCES, "other: *nothing\n"), SOURCES, ["anchors and aliases"]),
    Case("sources-not-utf8", latin1(SOURCES), SOURCES, ["save it as UTF-8"]),
    Case("continuum-not-utf8", latin1(CONTINUUM), CONTINUUM, ["save it as UTF-8"]),
    Case("sources-tab-indent", replace(SOURCES, "  publisher: SAMHSA\n", "\tpublisher: SAMHSA\n"), SOURCES,
         ["not valid YAML"]),
    Case("sources-unclosed-bracket", replace(SOURCES, '  title: "TIP 47', '  title: ["TIP 47'), SOURCES,
         ["not valid YAML"]),
    Case("sources-empty", write(SOURCES, ""), SOURCES, ["expected a mapping of source keys"]),
    Case("sources-a-list", write(SOURCES, "- samhsa-tip47\n- asam-criteria\n"), SOURCES,
         ["expected a mapping of source keys"]),
    Case("data-file-too-big", write(GLOSSARY, "# " + "x" * 1_200_000 + "\n"), GLOSSARY, ["the limit is 1,000 KB"]),
    # the glossary goes through the same loader as every data file, and keeps its own checks
    Case("duplicate-term-in-glossary", append(GLOSSARY, "copay:\n  term: Copay\n  definition: A set fee.\n"),
         GLOSSARY, ["duplicate key 'copay'", "(it is also on line"]),
    Case("glossary-not-utf8", latin1(GLOSSARY), GLOSSARY, ["save it as UTF-8"]),
    Case("glossary-term-without-definition", append(GLOSSARY, "new-term:\n  term: New term\n"), GLOSSARY,
         ["new-term.definition: missing"]),
    # a broken theme template is named with its file and line, not a traceback
    Case("theme-template-syntax-error", replace("theme/templates/page.html", "{%", "{% iff"),
         "theme/templates/page.html", ["TemplateSyntaxError", "unknown tag 'iff'"]),
    # -- pages --
    Case("page-5-mb", append(PAGE, ("Plain words in a long page. " * 40 + "\n\n") * 4500), PAGE,
         ["a page can be at most 200 KB"]),
    Case("page-just-over-limit", append(PAGE, ("Plain words in a long page. " * 40 + "\n\n") * 200), PAGE,
         ["a page can be at most 200 KB"]),
    Case("page-not-utf8", latin1(PAGE), PAGE, ["save it as UTF-8"]),
    Case("page-utf16", lambda p: (p / PAGE).write_bytes((p / PAGE).read_text(encoding="utf-8").encode("utf-16")),
         PAGE, ["save it as UTF-8"]),
    Case("missing-title", set_field(PAGE, "Title", None), PAGE, ["Title: missing"]),
    Case("empty-title", set_field(PAGE, "Title", "Title:"), PAGE, ["Title: missing"]),
    Case("misspelled-title-field", set_field(PAGE, "Title", "Titel: Questions people ask"), PAGE, ["Title: missing"]),
    Case("empty-page-file", write(NEW_PAGE, ""), NEW_PAGE, ["Title: missing"]),
    Case("duplicate-titles", new_page("Questions people ask"), NEW_PAGE,
         ["is also the title of content/pages/faq.md"]),
    Case("duplicate-titles-other-case", new_page("QUESTIONS PEOPLE ASK"), NEW_PAGE,
         ["is also the title of content/pages/faq.md"]),
    Case("page-copied-whole", copy_page(OTHER, "content/pages/what-is-iop-copy.md"),
         "content/pages/what-is-iop-copy.md", ["is also the title of", "content/pages/what-is-iop.md"]),
    Case("slug-leaving-output", set_field(PAGE, "Order", "Order: 19\nSlug: ../../outside"), PAGE,
         ["Slug: '../../outside' can only have"]),
    Case("save-as-leaving-output", set_field(PAGE, "Order", "Order: 19\nSave_as: ../../evil.html"), PAGE,
         ["Save_as: '../../evil.html' must be a plain address"]),
    Case("template-field", set_field(PAGE, "Order", "Order: 19\nTemplate: ../../../etc/passwd"), PAGE,
         ["Template: this field is not used"]),
    # -- metadata the build checks (names file and field) --
    Case("bad-date", set_field(PAGE, "Reviewed", "Reviewed: 2026-13-01"), PAGE, ["'2026-13-01' is not a date"]),
    Case("bad-date-publish", set_field(PAGE, "Reviewed", "Reviewed: 2026-13-01"), PAGE,
         ["'2026-13-01' is not a date"], publish=True, env=SITEURL),
    Case("missing-summary-publish", set_field(PAGE, "Summary", None), PAGE, ["Summary: missing"],
         publish=True, env=SITEURL),
    Case("unknown-source", set_field(PAGE, "Sources", "Sources: samhsa-tip74, asam-criteria"), PAGE,
         ["unknown source 'samhsa-tip74'"]),
    Case("broken-page-link", append(PAGE, "Read [more]({filename}no-such-page.md)."), PAGE,
         ["link to 'no-such-page.md': there is no such file"]),
    Case("order-not-a-number", set_field(PAGE, "Order", "Order: three"), PAGE, ["'three' is not a whole number"]),
    Case("misspelled-marker", append(OTHER, "<!-- continuum:tabel -->"), OTHER, ["unknown marker"]),
    # -- the publish address --
    Case("publish-without-siteurl", lambda p: None, "publishconf.py", ["SITEURL is not set"], publish=True,
         check=False),
    Case("publish-siteurl-ftp", lambda p: None, "publishconf.py", ["'ftp://iop.test' is not a web address"],
         publish=True, env={"SITEURL": "ftp://iop.test"}, check=False),
    Case("publish-siteurl-no-host", lambda p: None, "publishconf.py", ["is not a web address"], publish=True,
         env={"SITEURL": "https://"}, check=False),
    Case("publish-siteurl-not-a-url", lambda p: None, "publishconf.py", ["is not a web address"], publish=True,
         env={"SITEURL": "iop-guide.org"}, check=False),
    Case("publish-siteurl-with-space", lambda p: None, "publishconf.py", ["is not a web address"], publish=True,
         env={"SITEURL": "https://iop guide.org"}, check=False),
]
# A duplicate key in the continuum data (its first level's id written twice).
CASES[[c.id for c in CASES].index("duplicate-key-continuum")] = Case(
    "duplicate-key-continuum", replace(CONTINUUM, "  - id: ", "  - id: dup\n    id: "), CONTINUUM,
    ["duplicate key 'id'"])


def tree(folder):
    """{relative path: bytes, or 'link -> target'} for everything under folder, links not followed."""
    folder = Path(folder)
    found = {}
    for here, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(here) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = "link -> " + os.readlink(path)
            elif path.is_file():
                found[rel] = path.read_bytes()
    return found


def run_case(case, base):
    project = copy_project(base / case.id / "project")
    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("<p>the last good site</p>\n")
    case.plant(project)
    before = (tree(project / "content"), tree(project / "output"))
    env = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "DEBUG")}
    env.update(case.env)
    cmd = [sys.executable, str(DRIVER), str(project)] + (["--publish"] if case.publish else []) \
        + ([] if case.check else ["--no-check"])
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIME_LIMIT, env=env, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return case.id, {"timeout": True}
    try:
        result = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        result = {"driver": proc.stdout + proc.stderr}
    result["stderr"] = proc.stderr
    result["same"] = (tree(project / "content"), tree(project / "output")) == before
    return case.id, result


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad-input")
    real = tree(ROOT / "content")
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        done = dict(pool.map(lambda c: run_case(c, base), CASES))
    assert tree(ROOT / "content") == real, "a case changed the real content/"
    return done


def test_the_corpus_is_big_enough():
    assert len({c.id for c in CASES}) == len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_is_refused(case, results):
    result = results[case.id]
    assert not result.get("timeout"), f"did not finish in {TIME_LIMIT} s (a hang)"
    assert "driver" not in result, result.get("driver")
    assert result["same"], "output/ or the editor's files changed"
    assert TRACEBACK not in result["stderr"], result["stderr"]
    runs = {"make publish" if case.publish else "make html": result["build"]}
    if case.check:
        runs["make check"] = result["check"]
    for name, run in runs.items():
        said = run["out"]
        assert run["code"] not in (0, "crashed"), f"{name} exited {run['code']}:\n{said}"
        assert TRACEBACK not in said, f"{name} printed a traceback:\n{said}"
        assert case.file in said, f"{name} did not name {case.file}:\n{said}"
        for words in case.words:
            assert words in said, f"{name} did not say {words!r}:\n{said}"


def test_debug_shows_the_traceback_and_a_good_build_replaces_output(tmp_path):
    """DEBUG=1 is the one way to see Python's traceback; a good build then
    replaces output/ as a whole (nothing stale is left behind)."""
    project = copy_project(tmp_path / "project")
    (project / "output").mkdir()
    (project / "output" / "stale.html").write_text("old")
    append(PAGE, "<script>alert(1)</script>")(project)
    build = [sys.executable, str(ROOT / "scripts/build.py"), "--root", str(project), "--no-search-index"]
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    plain = subprocess.run(build, capture_output=True, text=True, timeout=TIME_LIMIT, env=env)
    debug = subprocess.run(build, capture_output=True, text=True, timeout=TIME_LIMIT, env={**env, "DEBUG": "1"})
    assert plain.returncode == debug.returncode == 1
    assert TRACEBACK not in plain.stderr and TRACEBACK in debug.stderr
    assert PAGE in debug.stderr
    assert (project / "output" / "stale.html").is_file()
    (project / PAGE).write_bytes((ROOT / PAGE).read_bytes())
    good = subprocess.run(build, capture_output=True, text=True, timeout=TIME_LIMIT, env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert (project / "output" / "faq" / "index.html").is_file()
    assert not (project / "output" / "stale.html").exists()
    assert not [p for p in project.iterdir() if p.name.startswith(".output-")], "a scratch folder was left"
