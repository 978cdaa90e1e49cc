"""The glossary: one loader with clear errors, the generated list, and links
from the first use of a term in a page's text."""

from pathlib import Path

import pytest

from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from iopguide.pages import glossary
from iopguide.problems import ContentError

ROOT = Path(__file__).resolve().parents[2]
SOURCES = {"a": {}, "b": {}}
GOOD = """\
copay:
  term: Copay
  forms: [copayment]
  definition: A set amount you pay for a visit. Your plan pays the rest.
tty:
  term: TTY
  definition: A text telephone.
withdrawal:
  term: Withdrawal
  definition: How the body reacts when you stop a drug.
  source: a
detox:
  term: Detox
  forms: [withdrawal management]
  definition: Care while your body clears a drug.
  source: [a, b]
"""


def load(tmp_path, text, sources=SOURCES):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return glossary.load_glossary(path, sources)


def problems(tmp_path, text):
    with pytest.raises(ContentError) as info:
        load(tmp_path, text)
    return [str(p) for p in info.value.problems]


def test_good_glossary_loads(tmp_path):
    entries = load(tmp_path, GOOD)
    assert [e["key"] for e in entries] == ["copay", "tty", "withdrawal", "detox"]
    assert entries[0]["forms"] == ["Copay", "copayment"]
    assert entries[3]["sources"] == ["a", "b"] and entries[1]["sources"] == []


def test_no_file_means_no_glossary(tmp_path):
    assert glossary.load_glossary(tmp_path / "none.yaml", SOURCES) == []


@pytest.mark.parametrize("text, expected", [
    ("Copay:\n  term: Copay\n  definition: A fee.\n", "glossary.yaml:1: 'Copay' is not a good key"),
    ("copay:\n  term: Copay\n", "glossary.yaml:1: copay.definition: missing"),
    ("copay:\n  term: Copay\n  definition: One. Two. Three. Four.\n",
     "glossary.yaml:3: copay.definition: 4 sentences; write 1 to 3"),
    ("copay:\n  term: Copay\n  definition: A fee.\n  source: nope\n",
     "glossary.yaml:4: copay.source: 'nope' is not a source"),
    ("copay:\n  term: Copay\n  defintion: A fee.\n", "glossary.yaml:3: copay: 'defintion' is not a glossary field"),
    ("copay:\n  term: Copay\n  definition: A <b>fee</b>.\n", "copay.definition: plain text only"),
    ("a:\n  term: Fee\n  definition: A fee.\nb:\n  term: Cost\n  forms: [fee]\n  definition: A cost.\n",
     "glossary.yaml:6: b: 'fee' is also a form of 'a'"),
    ("a:\n  term: Fee\n  definition: [A fee.\n", "not valid YAML"),
    ("- a\n- b\n", "expected one entry per term"),
])
def test_each_mistake_is_named_with_its_line(tmp_path, text, expected):
    found = problems(tmp_path, text)
    assert any(expected in p for p in found), found


# The file is read by guard's one YAML loader, like every data file: these come
# from it, each with the file and the line.
@pytest.mark.parametrize("raw, line, expected", [
    (b"a:\n  term: Fee\n  definition: A fee.\na:\n  term: Fee\n  definition: A fee.\n", 4,
     "duplicate key 'a'; each key may appear only once here (it is also on line 1)"),
    (b"a:\n  term: Fee\n  term: Cost\n  definition: A fee.\n", 3, "duplicate key 'term'"),
    (b"a:\n  term: &t Fee\n  definition: A fee.\nb:\n  term: *t\n  definition: A fee.\n", 5,
     "YAML anchors and aliases (&name and *name) are not allowed"),
    (b"a:\n  term: Fee\n  definition: A caf\xe9 fee.\n", 3, "not UTF-8 text"),
])
def test_the_one_yaml_loader_refuses_with_file_and_line(tmp_path, raw, line, expected):
    path = tmp_path / "glossary.yaml"
    path.write_bytes(raw)
    with pytest.raises(ContentError) as info:
        glossary.load_glossary(path, SOURCES, shown="content/data/glossary.yaml")
    [problem] = info.value.problems
    assert (problem.file, problem.line) == ("content/data/glossary.yaml", line), problem
    assert expected in problem.message, problem


def test_problems_name_the_file_as_the_editor_sees_it(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text("copay:\n  term: Copay\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        glossary.load_glossary(path, SOURCES, shown="content/data/glossary.yaml")
    [problem] = info.value.problems
    assert (problem.file, problem.line) == ("content/data/glossary.yaml", 1)
    assert str(problem).startswith("content/data/glossary.yaml:1: copay.definition: missing"), problem


def test_render_lists_terms_a_to_z_with_anchors_and_citations(tmp_path):
    html = glossary.render(load(tmp_path, GOOD))
    assert html.index('id="term-copay"') < html.index('id="term-detox"') < html.index('id="term-tty"')
    assert '<sup class="cite" data-cite="a b"></sup>' in html
    assert glossary.fill_marker(f"<p>x</p>\n{glossary.MARKER}", load(tmp_path, GOOD)).count("<dt ") == 4


def test_first_use_only_is_linked(tmp_path):
    entries = load(tmp_path, GOOD)
    html, linked = glossary.link_terms("<p>A copay. Another copay.</p>", entries, "/g/")
    assert html == '<p>A <a class="glossary-term" href="/g/#term-copay">copay</a>. Another copay.</p>'
    assert linked == ["copay"]


@pytest.mark.parametrize("html", [
    '<h2 id="x">Your copay</h2>',
    '<table><caption>Your copay</caption><tr><th>copay</th></tr></table>',
    '<p><a href="/x/">copay</a></p>',
    "<p><code>copay</code></p>",
    '<p>Text<sup class="cite"><a href="#source-a">copay</a></sup></p>',
    "<pre>copay</pre>",
])
def test_terms_are_not_linked_in_headings_links_code_or_citations(tmp_path, html):
    out, linked = glossary.link_terms(html, load(tmp_path, GOOD), "/g/")
    assert out == html and linked == []


def test_heading_use_does_not_count_as_first_use(tmp_path):
    out, _ = glossary.link_terms("<h2>Copay</h2><p>Your copay.</p>", load(tmp_path, GOOD), "/g/")
    assert out == '<h2>Copay</h2><p>Your <a class="glossary-term" href="/g/#term-copay">copay</a>.</p>'


def test_plurals_longest_forms_and_capital_acronyms(tmp_path):
    entries = load(tmp_path, GOOD)
    out, linked = glossary.link_terms("<p>Copayments and withdrawal management, then withdrawal. "
                                      "A tty is not a TTY.</p>", entries, "/g/")
    assert '<a class="glossary-term" href="/g/#term-copay">Copayments</a>' in out
    assert '<a class="glossary-term" href="/g/#term-detox">withdrawal management</a>' in out
    assert '<a class="glossary-term" href="/g/#term-withdrawal">withdrawal</a>.' in out
    assert "A tty is" in out and '#term-tty">TTY</a>' in out
    assert linked == ["copay", "detox", "withdrawal", "tty"]


def test_words_inside_other_words_are_not_linked(tmp_path):
    out, linked = glossary.link_terms("<p>Supercopay and copay-like.</p>", load(tmp_path, GOOD), "/g/")
    assert linked == []


def test_the_real_glossary_loads_and_has_the_required_terms():
    import yaml
    sources = yaml.load((ROOT / "content/data/sources.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
    keys = {e["key"] for e in glossary.load_glossary(ROOT / "content/data/glossary.yaml", sources)}
    required = {"withdrawal", "detox", "in-network", "out-of-network", "deductible", "copay",
                "out-of-pocket-maximum", "prior-authorization", "hospital-outpatient-department",
                "community-mental-health-center", "federally-qualified-health-center", "twelve-step-groups",
                "sponsor", "tty", "remission", "relapse", "clinically-managed", "medically-managed", "moud",
                "naloxone", "co-occurring-disorders", "partial-hospitalization", "residential-treatment",
                "parity", "assessment", "aftercare", "peer-support", "step-down"}
    assert required <= keys, required - keys
