"""The content rules `make check` adds for v2: every figure cited at the claim,
and words to avoid. Each rule fails on a planted mistake and passes on a clean
fixture page (fixtures are written into a temporary project: no site build)."""

import datetime as dt
import textwrap

import pytest

from checkrun import ROOT
from checks import citations, words
from checks.project import Project

TODAY = dt.date(2026, 11, 23)
HEADER = """\
Title: A fixture page
Summary: A page for the tests.
Reviewed: 2026-11-23
Next-review: 2027-11-23
Sources: samhsa-tip47, asam-criteria
Order: 1

"""  # the body starts on line 8
CLEAN = """\
## 9 hours a week

Adults in an IOP get at least 9 hours of care a week [@asam-criteria].

- Most programs meet 3 to 5 days a week [@samhsa-tip47].
- Call or text **988** at any time, or call 911.
- Call the SAMHSA National Helpline at 1-800-662-4357 (TTY 1-800-487-4889).
- Text START to 88788.

1. Call 988.
2. Stay with the person.

The self-check takes about 3 minutes. <!-- site-fact -->

The Substance Abuse and Mental Health Services Administration runs the helpline.
Alcoholics Anonymous meets on weekends too. Write `at weekends` in code if you must.

<!-- continuum:table -->

| Level | Hours |
|---|---|
| IOP | 9 or more [@asam-criteria] |
"""


def project_with(tmp_path, body, header=HEADER, glossary=None, continuum=None):
    root = tmp_path / "project"
    (root / "content" / "pages").mkdir(parents=True)
    (root / "content" / "data").mkdir()
    (root / "content" / "pages" / "page.md").write_text(header + textwrap.dedent(body), encoding="utf-8")
    if glossary is not None:
        (root / "content" / "data" / "glossary.yaml").write_text(glossary, encoding="utf-8")
    if continuum is not None:
        (root / "content" / "data" / "continuum.yaml").write_text(continuum, encoding="utf-8")
    project = Project(root)
    return project, project.pages()


def run(module, tmp_path, body, **kw):
    project, pages = project_with(tmp_path, body, **kw)
    return module.check(project, pages, TODAY)


# ---- figures must be cited ------------------------------------------------

def test_clean_page_has_no_citation_findings(tmp_path):
    assert run(citations, tmp_path, CLEAN) == []


@pytest.mark.parametrize("body, line, shown", [
    ("Adults get at least 9 hours a week.\n", 8, "'9 hours'"),
    ("Intro.\n\n- Most programs last\n  8 to 12 weeks.\n", 11, "'8 to 12 weeks'"),
    ("About 60% finish.\n", 8, "'60%'"),
    ("It can cost $250 a day.\n", 8, "'$250'"),
    ("In 2023, 48.5 million people had a disorder.\n", 8, "'2023'"),
    ("It is for teens under 18.\n", 8, "'under 18'"),
    ("About 1 in 5 adults has a mental illness.\n", 8, "'1 in 5'"),
    ("The law changed in 2024.\n", 8, "'2024'"),
    ("| Level | Hours |\n|---|---|\n| IOP | 9 or more hours |\n", 10, "'9 or more hours'"),
    ("Groups meet twice a week.\n", 8, "'twice a week'"),
])
def test_figure_without_citation_is_an_error_naming_file_and_line(tmp_path, body, line, shown):
    found = run(citations, tmp_path, body)
    assert len(found) == 1, found
    f = found[0]
    assert (f.file, f.line, f.severity) == ("content/pages/page.md", line, "error")
    assert f.message.startswith("figure without a citation") and shown in f.message
    assert "[@asam-criteria]" in f.message  # says what to do


def test_a_citation_in_another_paragraph_does_not_count(tmp_path):
    found = run(citations, tmp_path, "It takes 9 hours a week.\n\nThat is the rule [@asam-criteria].\n")
    assert [f.line for f in found] == [8]


def test_each_list_item_needs_its_own_citation(tmp_path):
    found = run(citations, tmp_path, "- 9 hours a week [@asam-criteria]\n- 12 weeks or more\n")
    assert [f.line for f in found] == [9]


@pytest.mark.parametrize("body", [
    "Call 988, 911 or 211 at any time.\n",
    "Call 1-800-662-4357 or Poison Help at 1-800-222-1222.\n",
    "Text START to 88788.\n",
    "1. Call 988.\n2. Stay with them.\n3. Give naloxone if you have it.\n",
    "## Programs of 9 hours a week\n",
    "See TIP 47 and level 2.1, and 42 CFR Part 2.\n",
    "Write `9 hours` in code.\n",
    "It was reviewed on 2026-11-23.\n",
    "You meet one-to-one with a counselor.\n",
    "<!-- continuum:table -->\n",
])
def test_things_that_are_not_figures_pass(tmp_path, body):
    assert run(citations, tmp_path, body) == []


def test_summary_with_a_figure_is_an_error(tmp_path):
    header = HEADER.replace("Summary: A page for the tests.", "Summary: Most programs run 9 hours a week.")
    found = run(citations, tmp_path, "Text.\n", header=header)
    assert [(f.line, f.severity) for f in found] == [(2, "error")]
    assert "Summary states '9 hours'" in found[0].message


def test_badly_written_citation_is_an_error(tmp_path):
    found = run(citations, tmp_path, "It is 9 hours [@ asam-criteria].\n\nAlso [@a, b].\n")
    messages = [(f.line, f.message) for f in found]
    assert any(line == 8 and "citation [@ asam-criteria] is not written the way" in m for line, m in messages)
    assert any(line == 10 and "[@a, b]" in m for line, m in messages)


def test_glossary_definition_with_a_figure_needs_a_source(tmp_path):
    glossary = ("php:\n  term: PHP\n  definition: A program of 20 hours a week.\n"
                "iop:\n  term: IOP\n  definition: A program of 9 hours a week.\n  source: asam-criteria\n")
    found = run(citations, tmp_path, "Text.\n", glossary=glossary)
    assert [(f.file, f.line) for f in found] == [("content/data/glossary.yaml", 3)]
    assert "php: the definition states '20 hours'" in found[0].message


def test_cited_claims_are_counted(tmp_path):
    project, pages = project_with(tmp_path, CLEAN)
    assert citations.count(pages[0]) == (3, 2)


# ---- words to avoid --------------------------------------------------------

def test_clean_page_has_no_word_findings(tmp_path):
    assert run(words, tmp_path, CLEAN) == []


@pytest.mark.parametrize("text, word, advice", [
    ("Some programs meet at weekends.", "at weekends", "on weekends"),
    ("You do not need to tick every box.", "tick", "check"),
    ("Signs include fits and shaking.", "include fits", "seizures"),
    ("Signs include seizures (fits).", "fits", "seizures"),
    ("A goal might be a clean drug test.", "clean drug test", "tested negative"),
    ("Her urine came back dirty.", "came back dirty", "tested positive"),
    ("He is an addict.", "addict", "person with a substance use disorder"),
    ("Drug abusers need help.", "Drug abusers", "substance use disorder"),
    ("The alcoholic in the family.", "alcoholic", "alcohol use disorder"),
    ("It treats substance abuse.", "substance abuse", "substance use"),
    ("A licence to practise.", "licence", "license"),
    ("The programme centre.", "programme", "program"),
    ("Behaviour and counselling.", "Behaviour", "behavior"),
    ("Use good judgement whilst there.", "judgement", "judgment"),
    ("Ask your mum.", "mum", "mom"),
    ("The organisation.", "organisation", "organization"),
    ("The colour of the form.", "colour", "color"),
])
def test_word_to_avoid_is_an_error_naming_file_line_word_and_suggestion(tmp_path, text, word, advice):
    found = run(words, tmp_path, f"Intro.\n\n{text}\n")
    assert found, text
    f = found[0]
    assert (f.file, f.line, f.severity) == ("content/pages/page.md", 10, "error")
    assert f"word to avoid: '{word}'" in f.message and advice in f.message


@pytest.mark.parametrize("text", [
    "Addiction is a treatable illness.",
    "She is addicted to opioids, and recovery is possible.",
    "The Substance Abuse and Mental Health Services Administration (SAMHSA).",
    "The National Institute on Alcohol Abuse and Alcoholism.",
    "Alcoholics Anonymous is free.",
    "An IOP fits around work, and it fits your life.",
    "Clean your hands. Keep your room clean. A ticket.",
    "Child abuse and domestic abuse are reasons to call.",
    "Avoid alcoholic drinks.",
    "Write `at weekends` only in code.",
    "See [the page](https://example.org/at-weekends).",
    'A baby with withdrawal signs is not "born addicted."',
    "Please do not say “addict”.",
])
def test_ordinary_uses_and_proper_names_pass(tmp_path, text):
    assert run(words, tmp_path, f"{text}\n") == []


def test_title_and_summary_are_checked(tmp_path):
    header = HEADER.replace("Title: A fixture page", "Title: Counselling at weekends")
    found = run(words, tmp_path, "Text.\n", header=header)
    assert sorted((f.line, f.message.split("'")[1]) for f in found) == [(1, "Counselling"), (1, "at weekends")]


def test_a_phrase_broken_over_two_lines_is_found_on_its_line(tmp_path):
    found = run(words, tmp_path, "Some programs meet in the evening or at\nweekends.\n")
    assert [(f.line, f.message.split("'")[1]) for f in found] == [(8, "at weekends")]


def test_data_files_visible_text_is_checked_and_ids_are_not(tmp_path):
    continuum = ("levels:\n  - id: at-weekends\n    name: Outpatient\n"
                 "    fits: People who meet at weekends\n")
    glossary = "sponsor:\n  term: Sponsor\n  definition: A member who helps a newer member, whilst in recovery.\n"
    found = run(words, tmp_path, "Text.\n", continuum=continuum, glossary=glossary)
    assert sorted((f.file, f.line) for f in found) == [("content/data/continuum.yaml", 4),
                                                       ("content/data/glossary.yaml", 3)]


def test_editors_can_extend_the_word_list(tmp_path):
    custom = tmp_path / "list.yaml"
    custom.write_text("avoid:\n  - words: [utilize, utilizes]\n    why: Plain words.\n    instead: use\n"
                      "allowed:\n  - Utilize Health Inc\n", encoding="utf-8")
    rules, allowed = words.load_rules(custom)
    found = words.problems_in("Programs utilize groups. Utilize Health Inc is a name.", rules, allowed)
    assert [(w, r.instead) for _, w, r in found] == [("utilize", "use")]


@pytest.mark.parametrize("text, expected", [
    ("avoid: 3\n", "expected 'avoid:'"),
    ("avoid:\n  - words: [x]\n", "needs 'words' (or 'pattern'), 'why' and 'instead'"),
    ("avoid:\n  - pattern: '(('\n    why: w\n    instead: i\n", "not a valid regular expression"),
])
def test_a_broken_word_list_is_reported(tmp_path, text, expected):
    bad = tmp_path / "list.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(words.WordListError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        words.load_rules(bad)


def test_the_shipped_word_list_loads():
    rules, allowed = words.load_rules()
    assert len(rules) > 20 and allowed is not None
    assert words.LIST == ROOT / "checks" / "words-to-avoid.yaml"


def test_unknown_citation_key_is_named_without_a_build():
    """The build's rule (iopguide/pages/citations.py), called on its own: file, line, a suggestion."""
    from iopguide.pages.citations import unknown_key_problems
    from iopguide.pages.cite_md import CITATION
    import re
    text = HEADER + "Intro.\n\nIt is 9 hours a week [@asam-criteria; @asam-critera].\n"
    html = re.sub(CITATION, lambda m: f'<sup class="cite" data-cite="{" ".join(k.strip().lstrip("@") for k in m.group(1).split(";"))}"></sup>', text)
    found = unknown_key_problems("content/pages/page.md", html, {"asam-criteria": {}, "samhsa-tip47": {}}, text)
    assert [(p.file, p.line) for p in found] == [("content/pages/page.md", 10)]
    assert found[0].message.startswith("citation [@asam-critera]: 'asam-critera' is not a source in "
                                       "content/data/sources.yaml (did you mean asam-criteria?)")


def test_the_glossary_marker_is_known_and_a_loose_one_is_named():
    """The build's rule (iopguide/pages/plugin.py marker_problems) on the page's HTML."""
    from iopguide.pages.plugin import marker_problems
    good = HEADER + "Intro.\n\n<!-- site:glossary -->\n"
    assert marker_problems("<p>Intro.</p>\n<!-- site:glossary -->", good, "content/pages/page.md") == []
    loose = HEADER + "Intro.\n\n<!--site:glossary-->\n"
    found = marker_problems("<p>Intro.</p>\n<!--site:glossary-->", loose, "content/pages/page.md")
    assert [(p.line, p.severity) for p in found] == [(10, "error")]
    assert "write it exactly as <!-- site:glossary -->" in found[0].message
