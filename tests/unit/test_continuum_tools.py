"""The decision tools' data (issue 22): the next-steps sheet (quiz.sheet) and
the option grid (grid, levels[].grid) in content/data/continuum.yaml.

Validation (ids, text limits, HTML, figures without a source), the
translation walker, the sheet's rule (Python and the page's JavaScript), the
three people whose sheets must differ, and the renderers."""

import json
import os
import random
import shutil
import subprocess

import pytest
import yaml
from bs4 import BeautifulSoup

from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from continuum_helpers import LINES, ROOT, SHOWN, fresh, problems, real_data, validate
from iopguide.continuum import i18n, model as model_mod, render_grid, render_quiz, render_sheet, rules, sheet

PERSONAS_FILE = ROOT / "tests" / "personas.yaml"
SOURCE_LIST = yaml.load((ROOT / "content" / "data" / "sources.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
ES_FILE = ROOT / "content" / "data" / "continuum.es.yaml"


@pytest.fixture(scope="module")
def model():
    data = real_data()
    return validate.check(data, None, SHOWN, known_lines=LINES)


def personas():
    data = yaml.load(PERSONAS_FILE.read_text(encoding="utf-8"), Loader=SafeLoader)
    return [dict(p, answers=dict(data["defaults"], **p["answers"])) for p in data["personas"]]


def item_index(data, item_id):
    return next(i for i, it in enumerate(data["quiz"]["sheet"]["items"]) if it["id"] == item_id)


def messages(data):
    return [str(p) for p in problems(data)]


# ---- Validation ---------------------------------------------------------------
def test_the_real_file_has_a_sheet_and_a_grid(model):
    assert len(model.quiz.sheet.items) >= 30 and {n.id for n in model.quiz.sheet.needs} >= {"work-days", "children"}
    assert {i.group for i in model.quiz.sheet.items} == set(render_sheet.GROUPS)
    assert [lv.id for lv in model.grid_levels] == ["outpatient-therapy", "medically-managed-outpatient",
                                                    "intensive-outpatient", "high-intensity-outpatient",
                                                    "high-intensity-residential"]


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-evening")].update(needs=["nights"]),
     "unknown need 'nights'"),
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-step-up")].update(outcomes=["later"]),
     "unknown outcome 'later'"),
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-teen")].update(when_any=[{"years": ["young"]}]),
     "unknown question 'years'"),
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-teen")].update(when_any=[{"age": ["young"]}]),
     "unknown answer 'young' for question 'age'"),
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-cost")].update(text="Ask about <b>cost</b>"),
     "contains HTML"),
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-cost")].update(text="x" * 301),
     "is 301 characters long"),
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-cost")].update(text="Ask if it costs $20 a week."),
     "states a figure"),
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-cost")].update(text="Call 1-800-555-0199 first."),
     "the number 1-800-555-0199 is not a help line"),
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-cost")].update(text="Or dial 1-800-555-0199."),
     "the number 1-800-555-0199 is not a help line"),      # a full stop after it hid it before
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-cost")].update(group="doctor"),
     "'doctor' is not allowed"),
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-cost")].update(when="always"),
     "unknown key 'when'"),
    (lambda d: d["quiz"]["sheet"]["items"][item_index(d, "p-cost")].update(source="no-such-source"),
     "unknown source 'no-such-source'"),
    (lambda d: d["quiz"]["sheet"]["items"].append(dict(d["quiz"]["sheet"]["items"][0])),
     "duplicate id 'p-license'"),
    (lambda d: d["quiz"]["sheet"]["needs"].append({"id": "night-shift", "text": "I work nights"}),
     "no sheet item uses need 'night-shift'"),
    (lambda d: d.pop("grid"), "has no top-level `grid`"),
    (lambda d: [lv.pop("grid", None) for lv in d["levels"][2:]], "expected at least 2"),
    (lambda d: d["levels"][1]["grid"].update(source=["nowhere"]), "unknown source 'nowhere'"),
    (lambda d: d["levels"][1]["grid"].pop("evidence"), "evidence: missing"),
    (lambda d: d["grid"]["matters"].append(dict(d["grid"]["matters"][0])), "duplicate id 'job'"),
])
def test_bad_sheet_or_grid_data_stops_the_build_with_the_key(change, expected):
    data = fresh()
    change(data)
    found = messages(data)
    assert any(expected in m for m in found), found


def test_a_help_line_number_is_not_a_figure_and_a_sourced_figure_is_fine():
    data = fresh()
    data["quiz"]["sheet"]["items"][item_index(data, "p-cost")]["text"] = "Call 988 or 1-800-662-4357 for help."
    assert messages(data) == []
    data["quiz"]["sheet"]["items"][item_index(data, "p-cost")].update(text="Ask for care within 48 hours.",
                                                                       source="ecfr-45-cfr-96-131")
    assert messages(data) == []


# ---- Translations: the walker finds the new text fields ---------------------
def test_the_translation_walker_finds_every_new_text_and_spanish_has_them():
    data = real_data()
    paths = i18n.text_paths(data)
    for parts in [("quiz", "sheet", "items", "p-evening", "text"), ("quiz", "sheet", "needs", "work-days", "text"),
                  ("levels", "intensive-outpatient", "grid", "evidence"), ("levels", "outpatient-therapy", "grid",
                                                                         "label"),
                  ("grid", "caption"), ("grid", "note"), ("grid", "matters", "job", "text")]:
        assert parts in paths, parts
    assert not any(p[:2] == ("quiz", "sheet") and p[-1] in ("group", "when_any", "needs", "outcomes", "source")
                   for p in paths), "only words are translated"
    overlay, _ = i18n.load_overlay(ES_FILE)
    es = model_mod.build(i18n.localize(data, overlay))
    assert es.quiz.sheet.items[0].text.startswith("¿") and es.grid.matters[0].text.startswith("Seguir")
    assert [i.id for i in es.quiz.sheet.items] == [i.id for i in model_mod.build(data).quiz.sheet.items]
    del overlay["quiz"]["sheet"]["items"]["p-evening"]
    with pytest.raises(Exception) as exc:
        i18n.localize(data, overlay)
    assert "quiz.sheet.items.p-evening.text: missing translation" in str(exc.value)


# ---- The sheet's rule ----------------------------------------------------------
def test_the_crisis_result_shows_only_items_that_name_it(model):
    result, items = sheet.items_for(model.quiz, {"self-harm": "plan"})
    assert result.outcome == "crisis" and items == ["w-after-crisis"]
    result, items = sheet.items_for(model.quiz, {"self-harm": "no", "recent-danger": "overdose-now"})
    assert result.outcome == "crisis" and items == ["w-bring-pills", "w-after-crisis"]


def test_needs_and_answers_add_items_and_skipped_questions_count_for_nothing(model):
    calm = dict(next(p for p in personas() if p["name"] == "Weekly therapy helps, keeping up with work")["answers"])
    _, plain = sheet.items_for(model.quiz, calm)
    assert "p-evening" not in plain and "p-children" not in plain
    _, ticked = sheet.items_for(model.quiz, calm, ("work-days", "children"))
    assert {"p-evening", "p-children", "w-211"} <= set(ticked)
    # groups is skipped once a higher rule decided (opioids): "hard" does not add evening groups then.
    opioids = dict(calm, use="street", withdrawal="mild", opioids="daily", groups="hard")
    result, items = sheet.items_for(model.quiz, opioids)
    assert result.outcome == "opioid-medicine" and "groups" not in result.asked and "p-evening" not in items
    _, items = sheet.items_for(model.quiz, dict(calm, groups="hard"))
    assert "p-evening" in items


PEOPLE = [p for p in personas() if "sheet" in p]


def test_three_people_have_sheets_that_differ_in_the_right_way():
    names = {p["name"] for p in PEOPLE}
    assert {"Fentanyl most days, works weekdays, can only go to groups in the evening", "Pregnant, uses meth, coping",
            "Teenager using cannabis, falling behind at school"} <= names


@pytest.mark.parametrize("person", PEOPLE, ids=[p["name"] for p in PEOPLE])
def test_each_persona_sheet_has_and_lacks_what_it_should(model, person):
    result, items = sheet.items_for(model.quiz, person["answers"], person["sheet"].get("needs", ()))
    assert result.outcome == person["outcome"]
    missing = [i for i in person["sheet"]["has"] if i not in items]
    extra = [i for i in person["sheet"]["lacks"] if i in items]
    assert not missing and not extra, (missing, extra, items)


def random_visitors(quiz, n, seed):
    rng = random.Random(seed)
    needs = [nd.id for nd in quiz.sheet.needs]
    for _ in range(n):
        answers = {q.id: rng.choice(q.answers).id for q in quiz.questions}
        # Danger answers end the quiz at once: keep most visitors past them, so later questions count.
        for qid in ("self-harm", "recent-danger", "harm-others"):
            if rng.random() < 0.85:
                answers[qid] = "no"
        yield answers, tuple(x for x in needs if rng.random() < 0.3)


def test_every_sheet_item_and_need_is_shown_to_someone(model):
    shown = set()
    for answers, needs in list(random_visitors(model.quiz, 4_000, 7)) + [(p["answers"], ()) for p in personas()]:
        shown |= set(sheet.items_for(model.quiz, answers, needs)[1])
    assert shown == {i.id for i in model.quiz.sheet.items}


def test_javascript_sheet_matches_python(model, tmp_path):
    node = shutil.which("node")
    assert node, "node (20+) is needed for the JavaScript tests"
    cases = []
    visitors = [(p["answers"], tuple(p.get("sheet", {}).get("needs", ()))) for p in personas()]
    for answers, needs in visitors + list(random_visitors(model.quiz, 1_500, 11)):
        result, items = sheet.items_for(model.quiz, answers, needs)
        cases.append({"outcome": result.outcome, "given": rules.asked_answers(model.quiz, answers),
                      "needs": list(needs), "items": items})
    app = render_quiz.app_data(model, {}, {}, render_quiz.lines_for(LINES, None))
    fixture = tmp_path / "sheet.json"
    fixture.write_text(json.dumps({"data": {"outcomes": app["outcomes"], "sheet": app["sheet"]}, "cases": cases}),
                       encoding="utf-8")
    result = subprocess.run([node, "--test", "tests/js/sheet.test.mjs"], cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, CONTINUUM_SHEET_FILE=str(fixture)), timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "# fail 0" in output, output[-3000:]
    assert f"sheet parity: {len(cases)} answer sets checked" in output, output[-3000:]


# ---- Renderers -------------------------------------------------------------------
def test_the_data_module_carries_the_sheet_with_tappable_help_lines(model):
    app = render_quiz.app_data(model, {"self-check-sheet": "../self-check-sheet/", "letters": "../letters/"},
                               {"letters": "Letters"}, render_quiz.lines_for(LINES, None), sources=SOURCE_LIST)
    items = {i["id"]: i for i in app["sheet"]["items"]}
    assert list(items) == [i.id for i in model.quiz.sheet.items]
    assert {"t": "988", "href": "tel:988"} in items["w-lines"]["text"]
    assert items["p-evening"]["needs"] == ["work-days"] and items["p-evening"]["when_any"] == [{"groups": ["hard"]}]
    assert items["p-pregnant-first"]["sources"][0]["href"].startswith("https://")
    assert app["sheet"]["printable"] == "../self-check-sheet/" and app["sheet"]["tools"] == [
        {"href": "../letters/", "title": "Letters"}]
    assert set(app["sheet"]["ui"]) == set(render_sheet.UI_KEYS)


def test_the_printable_sheet_lists_every_item_with_who_it_is_for(model):
    html = render_sheet.render_sheet(model, {}, {}, LINES)
    page = BeautifulSoup(html, "html.parser")
    listed = [li["data-item"] for li in page.select("[data-group] > li[data-item]")]
    assert listed == [i.id for g in render_sheet.GROUPS for i in model.quiz.sheet.items if i.group == g]
    evening = page.select_one('li[data-item="p-evening"] .sheet__when').get_text(" ")
    assert "It would be hard, but I could find a way" in evening and "I work or go to school in the daytime" in evening
    assert "For everyone" in page.select_one('li[data-item="p-license"]').get_text(" ")
    compare = [tr["data-item"] for tr in page.select("table tr[data-item]")]
    assert compare == [i.id for i in model.quiz.sheet.items if i.group == "programs" and not (
        i.when_any or i.needs or i.outcomes)]
    assert page.find("form") is None and not page.select("input[name]"), "nothing here can be submitted"


def test_the_sheet_escapes_text(model):
    raw = fresh()
    raw["quiz"]["sheet"]["items"][0]["text"] = "<img src=x onerror=alert(1)>"
    m = model_mod.build(raw)
    html = render_sheet.render_sheet(m, {}, {}, LINES)
    assert "<img" not in html and "&lt;img" in html


def test_who_an_item_is_for_is_escaped_once(model):
    """An answer with an apostrophe ("I'm not sure") reads as written, not "I&#39;m"; a tag in
    an answer still cannot get through."""
    page = BeautifulSoup(render_sheet.render_sheet(model, {}, {}, LINES), "html.parser")
    when = " ".join(w.get_text(" ") for w in page.select(".sheet__when"))
    assert "I'm not sure" in when and "&#39;" not in when and "&amp;" not in when
    raw = fresh()
    raw["quiz"]["questions"][0]["answers"][0]["text"] = "Tom's <b>answer</b>"
    qid, aid = raw["quiz"]["questions"][0]["id"], raw["quiz"]["questions"][0]["answers"][0]["id"]
    raw["quiz"]["sheet"]["items"][0]["when_any"] = [{qid: [aid]}]
    html = render_sheet.render_sheet(model_mod.build(raw), {}, {}, LINES)
    assert "Tom&#39;s &lt;b&gt;answer&lt;/b&gt;" in html and "&amp;#39;" not in html and "&amp;lt;" not in html


def test_the_grid_and_the_table_cannot_disagree(model):
    page = BeautifulSoup(render_grid.render_grid(model, {}, sources=SOURCE_LIST), "html.parser")
    for level in model.grid_levels:
        for row in ("hours_per_week", "where_you_live", "relative_cost"):
            cell = page.select_one(f'tr[data-row="{row}"] td[data-option="{level.id}"]').get_text(strip=True)
            assert cell == getattr(level, row), (level.id, row)
        for row in ("keeping_a_job", "evidence", "not_safe_for"):
            assert page.select_one(f'tr[data-row="{row}"] td[data-option="{level.id}"]').get_text(strip=True) == \
                getattr(level.grid, row)
        links = page.select(f'tr[data-row="sources"] td[data-option="{level.id}"] a')
        assert len(links) == len(dict.fromkeys(level.source + level.grid.source))
    matters = page.select("fieldset[data-matter]")
    assert [f["data-matter"] for f in matters] == [m.id for m in model.grid.matters] + ["leaning"]
    assert page.find("form") is None, "the choices are never submitted"
    assert len({r["name"] for r in page.select("input[type=radio]")}) == len(model.grid.matters) + 1
