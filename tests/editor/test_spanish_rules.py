"""The Spanish edition's rules in `make check` and the build (issue 14): the
words to avoid and the figure rule on Spanish pages, the translation-status
warning, the translation fields, and the strings catalogue that names a
missing Spanish string."""

import datetime as dt
import hashlib
import textwrap

import pytest

from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from checks import citations, translations, words
from checks.project import Project
from iopguide.problems import SiteError
from iopguide.i18n import catalogue
from iopguide.pages.metadata import check_page

TODAY = dt.date(2026, 11, 23)
ENGLISH = """\
Title: A fixture page
Summary: A page for the tests.
Reviewed: 2026-11-23
Next-review: 2027-11-23
Sources: samhsa-tip47, asam-criteria
Order: 1

Adults in an IOP get at least 9 hours of care a week [@asam-criteria].
"""


def spanish_header(digest):
    return f"""\
Title: Una página de prueba
Summary: Una página para las pruebas.
Lang: es
Slug: page
Translation-of: page.md
Translated-from: {digest}
Translated-on: 2026-11-23
Reviewed: 2026-11-23
Next-review: 2027-11-23
Sources: samhsa-tip47, asam-criteria
Order: 1

"""


def project_with(tmp_path, body, digest=None):
    root = tmp_path / f"project-{len(list(tmp_path.iterdir()))}"
    pages = root / "content" / "pages"
    (pages / "es").mkdir(parents=True)
    (root / "content" / "data").mkdir()
    (pages / "page.md").write_text(ENGLISH, encoding="utf-8")
    digest = digest or hashlib.sha256(ENGLISH.encode()).hexdigest()[:12]
    (pages / "es" / "page.md").write_text(spanish_header(digest) + textwrap.dedent(body), encoding="utf-8")
    project = Project(root)
    return project, project.pages()


def findings(module, tmp_path, body, **kw):
    project, pages = project_with(tmp_path, body, **kw)
    return [f for f in module.check(project, pages, TODAY) if f.file.endswith("es/page.md")]


@pytest.mark.parametrize("text, word", [
    ("Mi hermano es adicto.", "adicto"),
    ("Un drogadicto necesita ayuda.", "drogadicto"),
    ("Un alcohólico en recuperación.", "alcohólico"),
    ("La prueba salió limpia.", "salió limpia"),
    ("El resultado de orina sucio.", "resultado de orina sucio"),
])
def test_spanish_words_to_avoid(tmp_path, text, word):
    found = findings(words, tmp_path, text + "\n")
    assert [f.line for f in found] == [13], found
    assert f"'{word}'" in found[0].message and "Write instead" in found[0].message


@pytest.mark.parametrize("text", ["Las bebidas alcohólicas dañan el hígado.", "Alcohólicos Anónimos se reúne.",
                                  "Un lugar limpio y tranquilo.", "Un resultado negativo."])
def test_ordinary_spanish_passes(tmp_path, text):
    assert findings(words, tmp_path, text + "\n") == []


def test_spanish_words_are_not_checked_on_english_pages(tmp_path):
    project, pages = project_with(tmp_path, "Texto.\n")
    english = [p for p in pages if p.rel.endswith("pages/page.md")][0]
    english.text = english.text + "\nThe word adicto is Spanish.\n"
    assert words.page_findings(english, *words.load_rules()) == []


def test_spanish_figure_needs_a_citation(tmp_path):
    found = findings(citations, tmp_path, "Los adultos reciben al menos 9 horas por semana.\n")
    assert [f.line for f in found] == [13]
    assert findings(citations, tmp_path, "Los adultos reciben al menos 9 horas por semana [@asam-criteria].\n") == []


def test_translation_status_warns_when_the_english_page_changed(tmp_path):
    assert findings(translations, tmp_path, "Texto.\n") == []
    found = findings(translations, tmp_path, "Texto.\n", digest="0123456789ab")
    assert len(found) == 1 and found[0].severity == "warning"
    assert "changed after this translation" in found[0].message and "0123456789ab" in found[0].message


def test_translation_fields_are_checked():
    meta = {"title": "T", "summary": "S", "reviewed": "2026-11-23", "next-review": "2027-11-23",
            "sources": "samhsa-tip47, asam-criteria", "order": "1", "lang": "es"}
    sources = {"samhsa-tip47": {}, "asam-criteria": {}}
    _, problems = check_page("content/pages/es/x.md", meta, sources, TODAY)
    assert {p.key for p in problems} == {"Translation-of", "Translated-from", "Translated-on"}
    meta.update({"translation-of": "x.md", "translated-from": "0123456789ab", "translated-on": "2026-11-23"})
    fields, problems = check_page("content/pages/es/x.md", meta, sources, TODAY)
    assert problems == [] and fields["translated_on"] == TODAY


def test_a_missing_spanish_string_stops_the_build_naming_the_key(tmp_path):
    path = tmp_path / "strings.yaml"
    path.write_text("skip_link:\n  en: Skip to main content\n  es: Saltar al contenido\n"
                    "exit_page:\n  en: Exit this page\n", encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        catalogue.load(path, "content/data/strings.yaml", ["en", "es"])
    assert [str(p) for p in caught.value.problems] == [
        "content/data/strings.yaml:4: exit_page: no 'es' text; add a line 'es: ...' under the key"]


def test_the_real_catalogue_has_every_string_in_both_languages():
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    strings = catalogue.load(root / "content" / "data" / "strings.yaml", "strings.yaml", ["en", "es"])
    cat = catalogue.Catalogue(strings, "en", "strings.yaml")
    assert cat.date(dt.date(2026, 11, 23), "es") == "23 de noviembre de 2026"
    assert cat.date(dt.date(2026, 11, 23), "en") == "November 23, 2026"


# ---- One term for one concept (checks/spanish-terms.yaml, docs/spanish-terms.md) ----

@pytest.mark.parametrize("text, term, preferred", [
    ("Un programa intensivo ambulatorio dura semanas.", "programa intensivo ambulatorio",
     "programa ambulatorio intensivo"),
    ("Llame a la Línea de Ayuda de SAMHSA.", "Línea de Ayuda de SAMHSA", "la Línea Nacional de Ayuda de SAMHSA"),
    ("Llame a la SAMHSA National Helpline.", "SAMHSA National Helpline", "la Línea Nacional de Ayuda de SAMHSA"),
    ("Llame a la Línea 988 de crisis.", "Línea 988 de crisis", "la Línea 988 de Prevención del Suicidio y Crisis"),
    ("Use Narcán si lo tiene.", "Narcán", "naloxona (Narcan)"),
    ("2. Adminístrele naloxona.", "Adminístrele naloxona", "Dele naloxona"),
    ("3. Póngalo de lado.", "Póngalo de lado", "Póngala de lado"),
    ("Busque un médico que le conozca.", "le conozca", "lo / la"),
])
def test_spanish_terms_one_term_for_one_concept(tmp_path, text, term, preferred):
    found = findings(words, tmp_path, text + "\n")
    assert [f.line for f in found] == [13], found
    assert f"'{term}'" in found[0].message and "docs/spanish-terms.md" in found[0].message
    assert f"Write instead: {preferred}" in found[0].message


@pytest.mark.parametrize("text", [
    "Un programa ambulatorio intensivo (IOP) dura semanas.",
    "Llame a la Línea Nacional de Ayuda de SAMHSA (SAMHSA National Helpline).",
    "A veces se le llama clínica de metadona.",                    # "se le": not a direct object
    "Envíele un texto a la Línea 988.",                             # an indirect object
    'El nombre viejo era "Línea Nacional de Prevención del Suicidio".',  # a mention, in quotes
    "La Administración de Servicios de Salud Mental y Abuso de Sustancias (SAMHSA).",  # a proper name
])
def test_preferred_terms_and_other_uses_pass(tmp_path, text):
    assert findings(words, tmp_path, text + "\n") == []


def test_spanish_terms_are_not_checked_on_english_pages(tmp_path):
    project, pages = project_with(tmp_path, "Texto.\n")
    english = [p for p in pages if p.rel.endswith("pages/page.md")][0]
    english.text += "\nThe old name, programa intensivo ambulatorio, is Spanish.\n"
    assert words.page_findings(english, *words.load_rules()) == []


def test_spanish_terms_apply_to_the_spanish_theme_strings_only(tmp_path):
    project, _ = project_with(tmp_path, "Texto.\n")
    (project.data_dir / "strings.yaml").write_text(
        "site_tagline:\n  en: programa intensivo ambulatorio\n  es: Los programas intensivos ambulatorios\n",
        encoding="utf-8")
    found = words.data_findings(project, *words.load_rules())
    assert [(f.file, f.line) for f in found] == [("content/data/strings.yaml", 3)], found


def test_every_listed_form_is_flagged_and_no_preferred_term_is():
    """The doc's "avoid" column (avoid + examples) and the rule agree, and no
    rule flags a term the list tells translators to write."""
    import yaml
    data = yaml.load(words.TERMS.read_text(encoding="utf-8"), Loader=SafeLoader)
    rules, allowed = words.load_rules()
    spanish = [r for r in rules if r.lang == "es"]
    term_rules, _ = words.load_terms()
    checked = [e for e in data["terms"] if e.get("avoid") or e.get("pattern")]
    assert len(term_rules) == len(checked) >= 15
    for entry, rule in zip(checked, term_rules):
        for form in (entry.get("avoid") or []) + (entry.get("examples") or []):
            assert words.problems_in(form, [rule], None), (entry["concept"], form)
        if entry.get("pattern"):
            assert entry.get("examples"), f"{entry['concept']}: a pattern needs examples for the doc"
    for entry in data["terms"]:
        assert words.problems_in(entry["preferred"], spanish, allowed) == [], entry["concept"]


def test_the_terms_doc_is_generated_from_the_list():
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "scripts/spanish_terms_doc.py"], capture_output=True, text=True,
                            cwd=root)
    assert result.returncode == 0, result.stderr
    committed = (root / "docs" / "spanish-terms.md").read_text(encoding="utf-8")
    assert committed == result.stdout, "docs/spanish-terms.md is out of date: run `make docs`"
    assert ("| IOP, intensive outpatient program | programa ambulatorio intensivo (IOP); en plural, programas "
            "ambulatorios intensivos | programa intensivo ambulatorio; programas intensivos ambulatorios |") in committed
