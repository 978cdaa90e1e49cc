"""Translations of the continuum data (iopguide/continuum/i18n.py and
content/data/continuum.es.yaml): every visible text has its Spanish text at the
same id path, anything else in the translation file is refused with the file
and the id path, and the rules are the English file's own in both languages."""

import copy

import pytest

from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from continuum_helpers import DATA_FILE, PAGES, ROOT, SHOWN, SOURCES, ContinuumError, load, said, validate
from iopguide.continuum import i18n, rules

ES_FILE = ROOT / "content" / "data" / "continuum.es.yaml"
ES_SHOWN = "content/data/continuum.es.yaml"

# The fields an editor writes in words (schema.TEXT). Written out here so that a
# schema change which stops a text field being found fails this test.
TEXT_FIELDS = {"caption", "note", "name", "other_names", "hours_per_week", "where_you_live", "supervision", "fits",
               "typical_length", "relative_cost", "text", "hint", "title", "summary", "next_steps", "reason",
               # the option grid's columns (levels[].grid) and the next-steps sheet's words (issue 22)
               "label", "keeping_a_job", "evidence", "not_safe_for"}
# Every key of the data file that is never a text.
NOT_TEXT = {"id", "asam", "page", "source", "focus", "minutes", "crisis", "urgent", "call_first", "ask_if", "kind",
            "level", "help_lines", "priority", "when", "outcome", "when_any", "group", "needs", "outcomes"}


@pytest.fixture(scope="module")
def english():
    data, _ = load.load(DATA_FILE, SHOWN)
    return data


@pytest.fixture(scope="module")
def spanish():
    return i18n.load_overlay(ES_FILE, ES_SHOWN)


def overlay():
    data, _ = i18n.load_overlay(ES_FILE, ES_SHOWN)
    return data


def messages(data, over, lines=None):
    with pytest.raises(ContinuumError) as err:
        i18n.localize(data, over, ES_SHOWN, lines)
    return [said(p) for p in err.value.problems]


def leaf_paths(value, parts=()):
    """Every text position in a translation file, as id paths."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in leaf_paths(v, parts + (k,))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in leaf_paths(v, parts + (i,))]
    return [parts]


# ---- text_paths: what counts as a text

def test_text_paths_are_every_visible_text_and_nothing_else(english):
    paths = i18n.text_paths(english)
    assert len(paths) > 200
    assert all(isinstance(t, str) and t.strip() for t in paths.values())
    fields = {p[-2] if isinstance(p[-1], int) else p[-1] for p in paths}
    assert fields == TEXT_FIELDS
    assert not fields & NOT_TEXT
    # Objects with ids are addressed by id; lists of words by position.
    assert paths[("quiz", "questions", "self-harm", "answers", "plan", "text")].startswith("Yes, and I have a plan")
    assert paths[("levels", "high-intensity-outpatient", "other_names", 1)] == "PHP"
    assert paths[("quiz", "outcomes", "crisis", "next_steps", 0, "text")].startswith("Call 911")
    assert paths[("quiz", "outcomes", "crisis", "next_steps", 2)].startswith("If you can, stay")
    assert paths[("quiz", "rules", "self-harm-plan", "reason")].startswith("You have thoughts")
    assert paths[("quiz", "cautions", "teen", "title")] == "If you are under 18"
    assert ("quiz", "outcomes", "crisis", "next_steps", 0, "call") not in paths     # the line to call is not a text
    assert paths[("table", "caption")].startswith("Levels of care")


def test_text_paths_count_every_text_of_the_english_file(english):
    """Cross-check against a plain count of the English file's text fields."""
    q = english["quiz"]
    expected = (1 + ("note" in english["table"])
                + sum(7 + len(lv["other_names"]) + ("note" in lv) for lv in english["levels"])
                + sum(1 + ("hint" in qu) + len(qu["answers"]) for qu in q["questions"])
                + sum(2 + len(o["next_steps"]) for o in q["outcomes"])
                + 2 * len(q["cautions"]) + len(q["rules"])
                + sum(4 for lv in english["levels"] if "grid" in lv)
                + (2 + len(english["grid"]["matters"]) if "grid" in english else 0)
                + len(q["sheet"]["items"]) + len(q["sheet"].get("needs", [])))
    assert len(i18n.text_paths(english)) == expected


# ---- the real Spanish file

def test_the_spanish_file_covers_every_english_text_exactly(english, spanish):
    over, lines = spanish
    i18n.check(english, over, ES_SHOWN, lines)             # raises naming every difference
    assert set(leaf_paths(over)) == set(i18n.text_paths(english))
    assert i18n.missing_report(english, over) == []


def test_the_spanish_texts_are_spanish_and_keep_the_crisis_help(english, spanish):
    import re

    es = i18n.text_paths(i18n.localize(english, spanish[0]))
    en = i18n.text_paths(english)
    same = [p for p in en if en[p] == es[p] and en[p] not in {"No", "IOP", "IOT", "PHP"}]
    assert same == [], "texts left in English"
    plan = es[("quiz", "rules", "self-harm-plan", "reason")]
    assert "988" in plan and "911" in plan and "marque 2" in plan and "AYUDA" in plan
    for rule in ("harm-others-plan", "withdrawal-now"):
        assert "911" in es[("quiz", "rules", rule, "reason")]
    assert "1-800-799-7233" in es[("quiz", "cautions", "violence-at-home", "text")]
    assert "211" in es[("quiz", "cautions", "no-stable-home", "text")]
    # Every number in an English text (hours, ages, phone numbers) is in its Spanish text.
    for p, text in en.items():
        for number in re.findall(r"\d[\d-]*", text):
            assert number in es[p], (p, number)


def test_the_localized_data_passes_every_check_of_the_english_file(english):
    localized = i18n.localize(english, overlay())
    model = validate.check(localized, None, ES_SHOWN, known_pages=PAGES, known_sources=SOURCES)
    assert model.coverage.total > 1000


# ---- localize(): one set of rules

def _without_texts(data):
    out = copy.deepcopy(data)
    for parts in i18n.text_paths(data):
        node = out
        for part in parts[:-1]:
            node = (next(x for x in node if x.get("id") == part)
                    if isinstance(node, list) and not isinstance(part, int) else node[part])
        node[parts[-1]] = "TEXT"
    return out


def test_localize_changes_only_texts(english):
    localized = i18n.localize(english, overlay())
    assert _without_texts(localized) == _without_texts(english)
    for key in ("rules", "cautions", "questions", "outcomes"):
        for en, es in zip(english["quiz"][key], localized["quiz"][key]):
            for field in NOT_TEXT & set(en):
                assert es[field] == en[field], (key, en["id"], field)
    for en, es in zip(english["quiz"]["questions"], localized["quiz"]["questions"]):
        assert [(a["id"], a.get("crisis"), a.get("urgent"), a.get("call_first")) for a in en["answers"]] == \
               [(a["id"], a.get("crisis"), a.get("urgent"), a.get("call_first")) for a in es["answers"]]
    assert localized["quiz"]["minutes"] == english["quiz"]["minutes"]
    assert english["quiz"]["questions"][0]["text"].startswith("Right now"), "the English data was changed"


def test_both_languages_give_the_same_result_on_every_visitor_path(english):
    en = validate.check(copy.deepcopy(english), None, SHOWN, known_pages=PAGES, known_sources=SOURCES)
    es = validate.check(i18n.localize(english, overlay()), None, ES_SHOWN, known_pages=PAGES, known_sources=SOURCES)
    assert en.coverage.endings == es.coverage.endings
    assert (en.coverage.asked, en.coverage.shown) == (es.coverage.asked, es.coverage.shown)
    for ending in en.coverage.endings:
        a, b = rules.evaluate(en.quiz, ending.given()), rules.evaluate(es.quiz, ending.given())
        assert (a.outcome, a.rules, a.also, a.cautions, a.asked) == (b.outcome, b.rules, b.also, b.cautions, b.asked)
    # ...while the words shown differ.
    assert en.quiz.outcome("crisis").title != es.quiz.outcome("crisis").title


def test_texts_follow_ids_not_positions(english):
    """Reordering answers in the English file keeps each Spanish text with its answer."""
    data = copy.deepcopy(english)
    answers = data["quiz"]["questions"][0]["answers"]
    answers.reverse()
    localized = i18n.localize(data, overlay())
    by_id = {a["id"]: a["text"] for a in localized["quiz"]["questions"][0]["answers"]}
    assert by_id["plan"].startswith("Sí, y tengo un plan")
    assert by_id["no"] == "No"


# ---- mistakes, each named with the file and the id path

def test_an_english_text_without_spanish_stops_the_build(english):
    data = copy.deepcopy(english)
    harm = next(q for q in data["quiz"]["questions"] if q["id"] == "current-care")
    harm["hint"] = "A new hint an editor added in English."
    harm["answers"].insert(1, {"id": "maybe", "text": "Maybe"})
    found = messages(data, overlay())
    assert len(found) == 2, found
    assert any(f.startswith(f"{ES_SHOWN}: quiz.questions.current-care.hint: missing translation of "
                            "'A new hint an editor added in English.'") for f in found), found
    assert any(f.startswith(f"{ES_SHOWN}: quiz.questions.current-care.answers.maybe.text: missing translation "
                            "of 'Maybe'") for f in found), found


def test_a_missing_spanish_text_names_the_id_path_and_line(english, tmp_path):
    text = ES_FILE.read_text(encoding="utf-8")
    plan = '        plan: {text: "Sí, y tengo un plan o la intención de hacerlo"}\n'
    assert plan in text
    path = tmp_path / "continuum.es.yaml"
    path.write_text(text.replace(plan, "", 1), encoding="utf-8")
    over, lines = i18n.load_overlay(path, ES_SHOWN)
    del over["quiz"]["outcomes"]["soon"]["next_steps"][3]
    found = messages(english, over, lines)
    assert len(found) == 2
    assert found[0].startswith(f"{ES_SHOWN}: quiz.questions.self-harm.answers.plan.text: missing translation of "
                               "'Yes, and I have a plan")
    assert found[0].endswith(f"(line {lines[('quiz', 'questions', 'self-harm', 'answers')]})")
    assert "quiz.outcomes.soon.next_steps[3].text: missing translation of 'If you or someone else is in danger" in found[1]


def test_an_extra_id_or_field_is_a_structure_difference(english):
    over = overlay()
    over["quiz"]["questions"]["self-harm"]["answers"]["maybe"] = {"text": "Quizás"}
    over["quiz"]["outcomes"]["crisi"] = over["quiz"]["outcomes"].pop("crisis")
    over["quiz"]["outcomes"]["soon"]["next_steps"].append("Un paso de más.")
    over["levels"]["intensive-outpatient"]["note"] = "Una nota que el inglés no tiene"
    found = messages(english, over)
    assert any(f.startswith(f"{ES_SHOWN}: quiz.questions.self-harm.answers.maybe: 'maybe' is not in the English "
                            "file here (the structure differs); expected one of: plan, thoughts, not-sure, no")
               for f in found), found
    assert any("quiz.outcomes.crisi: 'crisi' is not in the English file" in f for f in found)
    assert any("quiz.outcomes.crisis.title: missing translation" in f for f in found)
    assert any("quiz.outcomes.soon.next_steps[4]: an extra item (the English list has 4)" in f for f in found)
    assert any("levels.intensive-outpatient.note: 'note' is not in the English file" in f for f in found)


def test_rules_and_flags_cannot_be_translated(english):
    over = overlay()
    over["quiz"]["rules"]["self-harm-plan"]["when"] = {"self-harm": ["thoughts"]}
    over["quiz"]["rules"]["managing"]["priority"] = 1
    over["quiz"]["questions"]["self-harm"]["answers"]["plan"]["crisis"] = False
    over["levels"]["intensive-outpatient"]["page"] = "que-es-iop"
    over["quiz"]["minutes"] = 4
    found = messages(english, over)
    assert len(found) == 5
    for path in ("quiz.rules.self-harm-plan.when", "quiz.rules.managing.priority",
                 "quiz.questions.self-harm.answers.plan.crisis", "levels.intensive-outpatient.page",
                 "quiz.minutes"):
        assert any(f.startswith(f"{ES_SHOWN}: {path}: '{path.split('.')[-1]}' is not a text; ids, flags, rules, "
                                "pages and sources are set only in content/data/continuum.yaml") for f in found), path


@pytest.mark.parametrize("value, words", [
    (42, "expected text, got 42"),
    (["Sí"], "expected text, got a list"),
    ({"es": "Sí"}, "expected text, got a mapping"),
    (True, "expected text, got true; YAML reads yes, no"),
    (None, "expected text, got nothing (empty)"),
    ("   ", "is blank"),
    ("Llame <b>ya</b>", "contains HTML"),
    ("x" * 301, "is 301 characters long; expected at most 300"),
])
def test_a_value_that_is_not_plain_text_is_refused(english, value, words):
    over = overlay()
    over["quiz"]["questions"]["psychosis"]["answers"]["yes"]["text"] = value
    found = messages(english, over)
    assert len(found) == 1 and found[0].startswith(f"{ES_SHOWN}: quiz.questions.psychosis.answers.yes.text: {words}")


def test_a_list_written_as_a_mapping_or_a_text_is_refused(english):
    over = overlay()
    over["levels"]["outpatient-therapy"]["other_names"] = "Terapia semanal"
    found = messages(english, over)
    assert found[0].startswith(f"{ES_SHOWN}: levels.outpatient-therapy.other_names: expected a list of texts, "
                               "one per English item, got 'Terapia semanal'")


def test_unquoted_yes_and_no_ids_get_a_hint(english, tmp_path):
    text = ES_FILE.read_text(encoding="utf-8").replace('"no": {text: "No"}', 'no: {text: "No"}', 1)
    path = tmp_path / "continuum.es.yaml"
    path.write_text(text, encoding="utf-8")
    over, lines = i18n.load_overlay(path, ES_SHOWN)
    found = messages(english, over, lines)
    assert any("quiz.questions.self-harm.answers.false: 'false' is not an id of the English file; YAML reads yes, "
               "no" in f for f in found), found
    assert any("quiz.questions.self-harm.answers.no.text: missing translation of 'No'" in f for f in found)


def test_the_translation_file_uses_the_one_yaml_loader(tmp_path):
    path = tmp_path / "continuum.es.yaml"
    path.write_text("table:\n  caption: Uno\n  caption: Dos\n", encoding="utf-8")
    with pytest.raises(ContinuumError) as err:
        i18n.load_overlay(path, ES_SHOWN)
    assert "table.caption: duplicate key 'caption'" in str(err.value)
    path.write_text("table: &t {caption: Uno}\nlevels: *t\n", encoding="utf-8")
    with pytest.raises(ContinuumError) as err:
        i18n.load_overlay(path, ES_SHOWN)
    assert "anchors and aliases" in str(err.value)
    path.write_text("", encoding="utf-8")
    assert i18n.load_overlay(path, ES_SHOWN) == ({}, {})


def test_an_empty_translation_lists_every_text(english):
    with pytest.raises(ContinuumError) as err:
        i18n.localize(english, {}, ES_SHOWN)
    assert len(err.value.problems) == len(i18n.text_paths(english))
    assert len(i18n.missing_report(english, {})) == len(i18n.text_paths(english))
    with pytest.raises(ContinuumError) as err:
        i18n.localize(english, ["no"], ES_SHOWN)
    assert "(top level): expected a mapping with the texts" in str(err.value)


def test_quiz_texts_are_plain_spanish(english):
    """Fernández-Huerta (textstat 0.7.8, Spanish) of all the quiz texts together."""
    textstat = pytest.importorskip("textstat")
    textstat.set_lang("es")
    texts = [t if t.endswith((".", "?", "!")) else t + "." for p, t in
             i18n.text_paths(i18n.localize(english, overlay())).items() if p[0] == "quiz"]
    score = textstat.fernandez_huerta("\n".join(texts))
    textstat.set_lang("en")
    assert score >= 70, score


# ---- the Spanish glossary (content/data/glossary.es.yaml)

def test_the_spanish_glossary_has_every_english_entry_and_loads():
    import yaml
    from pathlib import Path
    from iopguide.pages.glossary import load_glossary

    sources = set(yaml.load((ROOT / "content" / "data" / "sources.yaml").read_text(encoding="utf-8"), Loader=SafeLoader))
    en = load_glossary(ROOT / "content" / "data" / "glossary.yaml", sources)
    es_path = Path(ROOT / "content" / "data" / "glossary.es.yaml")
    es = load_glossary(es_path, sources)       # raises on any problem (sentences, forms used twice, HTML)
    assert [e["key"] for e in es] == [e["key"] for e in en]
    raw = yaml.load(es_path.read_text(encoding="utf-8"), Loader=SafeLoader)
    for key, entry in raw.items():
        assert set(entry) == {"term", "forms", "definition"}, key   # sources stay in the English file
    english = {e["key"]: e for e in en}
    for e in es:
        assert e["definition"] != english[e["key"]]["definition"], e["key"]
