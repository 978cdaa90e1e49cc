"""The continuum plugin in real builds: the table and the quiz in the built
pages, escaping, the editor scenario, and builds that must fail."""

import hashlib
import json
import re
import runpy
import time
from pathlib import Path

import pytest
import yaml

import builtsite
from iopguide.datafile import SafeLoader  # libyaml's loader: the pure-Python one is ~10x slower
from continuum_helpers import DATA_FILE, PAGES, ROOT, SHOWN, SOURCES, load, validate
from iopguide.continuum import markers, model as model_mod, render_quiz, render_table
from quizdom import logic, read_app_data, read_quiz
from sitebuild import build_site, copy_project


def soup(path):
    return builtsite.soup(path)  # parsed once per test process


@pytest.fixture(scope="module")
def real():
    data, lines = load.load(DATA_FILE, SHOWN)
    return data, validate.check(data, lines, SHOWN, known_pages=PAGES, known_sources=SOURCES)


# ---- The table --------------------------------------------------------------
@pytest.mark.parametrize("slug", ["what-is-iop", "compare-levels-of-care"])
def test_table_on_each_page_that_asks_for_it(site, real, slug):
    data, model = real
    page = soup(Path(site) / slug / "index.html")
    tables = page.select(".continuum-table table")
    assert len(tables) == 1, slug
    table = tables[0]
    caption = table.find("caption")
    assert caption and caption.get_text(strip=True) == data["table"]["caption"]
    assert table["aria-labelledby"] == caption["id"]
    cols = table.select("thead th")
    assert len(cols) == 8 and all(th.get("scope") == "col" for th in cols)
    rows = table.select("tbody tr")
    assert [r["data-level"] for r in rows] == [lv["id"] for lv in data["levels"]]
    for row, level in zip(rows, data["levels"]):
        th = row.find("th")
        assert th.get("scope") == "row" and level["name"] in th.get_text(" ")
        assert f"Level {level['asam']}" in th.get_text(" ")
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        assert any(level["hours_per_week"] in c for c in cells)
    focus = [r for r in rows if "continuum-table__row--focus" in r["class"]]
    assert len(focus) == 1 and focus[0]["data-level"] == "intensive-outpatient"
    # Marked by words too, not by colour alone.
    assert "This site's focus" in focus[0].get_text(" ")
    assert not page.find(string=lambda s: "continuum:" in s), "a marker was left in the page"


def test_table_shows_notes_and_where_its_facts_come_from(site, real):
    data, _ = real
    page = soup(Path(site) / "compare-levels-of-care" / "index.html")
    box = page.select_one(".continuum-table")
    row = box.select_one('tr[data-level="medically-managed-intensive-outpatient"]')
    assert "New in the 4th edition" in row.find("th").get_text(" ")
    assert "New in the 4th edition" not in row.find_all("td")[0].get_text(" "), "a note is not another name"
    note = box.select_one(".continuum-table__note").get_text(" ")
    assert "addiction" in note and "mental health alone uses other level systems" in note and "not from ASAM" in note
    links = {a["href"] for a in box.select(".continuum-table__sources a")}
    sources = yaml.load((ROOT / "content" / "data" / "sources.yaml").read_text(encoding="utf-8"), Loader=SafeLoader)
    keys = {k for lv in data["levels"] for k in ([lv["source"]] if isinstance(lv["source"], str) else lv["source"])}
    assert links == {sources[k]["url"] for k in keys}
    iop = box.select_one('tr[data-level="intensive-outpatient"]').get_text(" ")
    assert "2 to 4 months" not in iop and "no set length" in iop


def test_table_links_resolve_and_do_not_link_a_page_to_itself(site):
    what = soup(Path(site) / "what-is-iop" / "index.html")
    iop = what.select_one('tr[data-level="intensive-outpatient"] th')
    assert iop.find("a") is None, "the IOP row links to the page it is on"
    compare = soup(Path(site) / "compare-levels-of-care" / "index.html")
    link = compare.select_one('tr[data-level="intensive-outpatient"] th a')
    assert link["href"] == "../what-is-iop/"
    for a in compare.select(".continuum-table table a"):
        assert "{filename}" not in a["href"] and (Path(site) / a["href"].replace("../", "") / "index.html").exists()


def test_table_escapes_text():
    raw = dict(yaml.load(DATA_FILE.read_text(encoding="utf-8"), Loader=SafeLoader))
    raw["levels"][0]["name"] = "<script>alert(1)</script>"
    raw["levels"][0]["fits"] = "Drugs & alcohol"
    m = model_mod.build(raw)       # the validator would refuse this; the renderer must still be safe
    html = render_table.render(m, {}, None)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Drugs &amp; alcohol" in html


# ---- The quiz ---------------------------------------------------------------
LINES_HREFS = {"tel:988", "sms:988", "tel:911", "tel:+18006624357"}


def test_the_self_check_page_is_a_start_panel_and_loads_its_data_module(site, real):
    data, model = real
    page = soup(Path(site) / "self-check" / "index.html")
    quiz = page.select_one("[data-continuum-quiz]")
    start = quiz.select_one("[data-quiz-start-link]")
    assert start["href"] == "../self-check-guide/", "without JavaScript, Start opens the printable guide"
    assert quiz.select_one("[data-quiz-app]").has_attr("hidden")
    assert not quiz.select("fieldset"), "the questions are in the data module, not on the page"
    # Before Start, the page says what to do in danger; right under Start, what to do after taking too much.
    danger = quiz.find_previous("p")
    assert {"tel:911", "sms:988"} <= {a["href"] for a in danger.find_all("a")}
    unwell = quiz.select_one(".quiz-start__unwell")
    assert {"tel:911", "tel:+18002221222"} <= {a["href"] for a in unwell.find_all("a")}
    # The quiz's scripts are not in the page: site.js loads the module the quiz
    # names, next to the page, once the page has first painted (largest paint).
    assert not any("quiz" in s["src"] for s in page.find_all("script", src=True))
    assert not page.select('link[rel="modulepreload"]')
    assert quiz["data-quiz-module"] == "quiz-data.js"
    assert (Path(site) / "self-check" / quiz["data-quiz-module"]).is_file()
    site_js = (ROOT / "theme" / "static" / "js" / "site.js").read_text(encoding="utf-8")
    assert 'import("./quiz/quiz.js")' in site_js and "root.dataset.quizModule" in site_js
    module = (Path(site) / "self-check" / "quiz-data.js").read_text(encoding="utf-8")
    assert module.splitlines()[2] == 'import { start } from "../theme/js/quiz/quiz.js";'
    app = read_app_data(Path(site) / "self-check" / "quiz-data.js")
    assert logic_of_app(app) == render_quiz.engine_data(model)
    assert set(app["ui"]) == set(render_quiz.UI_KEYS) and app["ui"]["js_continue"] == "Continue"
    assert app["guide"] == "../self-check-guide/" and app["lang"] == "en"
    es = read_app_data(Path(site) / "es" / "self-check" / "quiz-data.js")
    assert logic_of_app(es) == logic_of_app(app), "one set of rules in both languages"
    assert es["ui"]["js_continue"] == "Continuar" and es["lang"] == "es"
    other = soup(Path(site) / "what-is-iop" / "index.html")
    assert not any("quiz" in s["src"] for s in other.find_all("script", src=True))


LOGIC_KEYS = {"questions": ("id", "ask_if", "skip_below", "answers"), "answers": ("id", "crisis", "urgent"),
              "outcomes": ("id", "kind"), "rules": ("id", "priority", "when", "outcome", "call_first"),
              "cautions": ("id", "when_any")}


def logic_of_app(app):
    """The app data without its words: the shape of render_quiz.engine_data()."""
    def keep(items, kind):
        out = []
        for item in items:
            kept = {k: item[k] for k in LOGIC_KEYS[kind] if k in item}
            if "answers" in kept:
                kept["answers"] = keep(kept["answers"], "answers")
            out.append(kept)
        return out
    return {kind: keep(app[kind], kind) for kind in ("questions", "outcomes", "rules", "cautions")}


def test_every_result_has_an_action_a_visitor_can_tap(site, real):
    _, model = real
    app = read_app_data(Path(site) / "self-check" / "quiz-data.js")
    for outcome in app["outcomes"]:
        actions = [a for step in outcome["steps"] for a in step.get("actions", [])]
        assert actions, f"{outcome['id']}: no link or call button"
        assert all(a["href"].startswith(("tel:", "sms:", "../")) for a in actions), actions
    crisis = next(o for o in app["outcomes"] if o["kind"] == "crisis")
    assert crisis["steps"][0]["actions"][0]["href"] == "tel:911"


def test_the_printable_guide_works_without_javascript(site, real):
    data, model = real
    page = soup(Path(site) / "self-check-guide" / "index.html")
    guide = page.select_one("[data-quiz-guide]")
    fieldsets = guide.select(".quiz-static fieldset.quiz-question")
    assert len(fieldsets) == len(data["quiz"]["questions"])
    for fs, q in zip(fieldsets, data["quiz"]["questions"]):
        assert q["text"] in fs.legend.get_text(" ")
        radios = fs.select('input[type="radio"]')
        assert [r["value"] for r in radios] == [a["id"] for a in q["answers"]]
        assert len({r["name"] for r in radios}) == 1
        for r, a in zip(radios, q["answers"]):   # each radio sits in its label, which names it
            assert r.find_parent("label") and r.find_parent("label").get_text(" ").strip() == a["text"], r["value"]
        if any(a.get("crisis") or a.get("urgent") for a in q["answers"]):
            help_box = fs.select_one(".quiz-help")
            assert help_box and LINES_HREFS <= {a["href"] for a in help_box.find_all("a")}, q["id"]
        if "ask_if" in q:
            note = fs.select_one("[data-ask-if]")
            assert note and ("Answer this only if" in note.get_text(" ") or "Skip this question if" in note.get_text(" "))
    # Psychosis after a birth: the help box says so, with 911 first.
    psychosis = guide.select_one('fieldset[data-question="psychosis"] .quiz-help')
    assert "If your answer to question 5 was “I gave birth in the past 12 months”" in psychosis.get_text(" ")
    assert psychosis.select("[data-line]")[0]["data-line"] == "emergency"
    rules = guide.select(".quiz-guide > li")
    assert [li["data-rule"] for li in rules] == [r["id"] for r in sorted(data["quiz"]["rules"], key=lambda r: r["priority"])]
    assert "quiz-guide__rule--crisis" in rules[0]["class"], "crisis rules come first"
    results = soup(Path(site) / "self-check-results" / "index.html")
    for li in rules:
        href = li.select_one(".quiz-guide__result a")["href"]
        assert href.startswith("../self-check-results/#"), href
        assert results.find(id=href.split("#")[1]), f"{href}: no such result"
    assert "not a diagnosis" in guide.get_text(" ")
    assert guide.find("form") is None, "the no-JS quiz must not submit answers anywhere"


def test_the_results_page_explains_every_result_and_caution(site, real):
    data, model = real
    page = soup(Path(site) / "self-check-results" / "index.html")
    results = page.select_one("[data-quiz-results]")
    outcomes = results.select("section.quiz-outcome")
    assert [s["data-outcome"] for s in outcomes] == [o["id"] for o in data["quiz"]["outcomes"]]
    for s in outcomes:
        link = s.select_one("a.quiz-outcome__link")
        if link:
            assert "{filename}" not in link["href"] and link["href"].startswith("../")
        assert s.select(".quiz-outcome__steps a.quiz-action"), f"{s['data-outcome']}: no action"
        # One main action per result, the first (a link or a tel:/sms: button), as on the result screen.
        primary = s.select("a.quiz-action--primary")
        assert len(primary) == 1 and primary[0] is s.select("a.quiz-action")[0], s["data-outcome"]
        assert s["data-care"] == ("emergency" if s["data-kind"] == "crisis" else
                                  "urgent" if s.select_one(".quiz-help") else "non-urgent"), s["data-outcome"]
    cautions = results.select(".quiz-cautions-guide > li[data-caution]")
    assert [c["data-caution"] for c in cautions] == [c["id"] for c in data["quiz"]["cautions"]]
    for li, c in zip(cautions, data["quiz"]["cautions"]):
        body = li.select_one(".quiz-caution__title").get_text()
        assert c["title"] in body and li.select_one(".quiz-caution__source a[href^='https://']")
        assert li.select("[data-when]"), "each caution says which answers it applies to"
    crisis = results.select_one(".quiz-outcome--crisis")
    assert LINES_HREFS <= {a["href"] for a in crisis.find_all("a")}


def test_the_printable_pages_say_what_the_data_module_says(site, real):
    _, model = real
    for lang in ("", "es/"):
        quiz = read_quiz((Path(site) / f"{lang}self-check-guide" / "index.html").read_text(encoding="utf-8"),
                         (Path(site) / f"{lang}self-check-results" / "index.html").read_text(encoding="utf-8"))
        app = read_app_data(Path(site) / f"{lang}self-check" / "quiz-data.js")
        assert logic(quiz) == render_quiz.engine_data(model)
        assert [q["text"] for q in quiz["questions"]] == [q["text"] for q in app["questions"]]
        assert [[a["text"] for a in q["answers"]] for q in quiz["questions"]] == \
            [[a["text"] for a in q["answers"]] for q in app["questions"]]
        assert [r["reason"] for r in quiz["rules"]] == [r["reason"] for r in app["rules"]]
        assert [o["title"] for o in quiz["outcomes"]] == [o["title"] for o in app["outcomes"]]


def test_quiz_json_cannot_break_out_of_its_script_element():
    text = render_quiz.json_for_script({"a": "</script><script>alert(1)</script>", "b": "<!--", "c": "&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["a"] == "</script><script>alert(1)</script>"


def test_quiz_escapes_text(real):
    raw = dict(yaml.load(DATA_FILE.read_text(encoding="utf-8"), Loader=SafeLoader))
    raw["quiz"]["questions"][0]["text"] = "<img src=x onerror=alert(1)>"
    raw["quiz"]["rules"][0]["reason"] = "<b>bold</b>"
    raw["quiz"]["cautions"][0]["title"] = "<i>caution</i>"
    m = model_mod.build(raw)
    lines = runpy.run_path(str(ROOT / "pelicanconf.py"))["CRISIS_LINES"]
    html = render_quiz.render_guide(m, {}, {}, lines, "../r/") + render_quiz.render_results(m, {}, {}, lines)
    assert "<img" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    module = render_quiz.module_source(render_quiz.app_data(m, {}, {}, render_quiz.lines_for(lines, None)), "./q.js")
    assert "<img" not in module and "\\u003cimg" in module


# ---- Markers ----------------------------------------------------------------
def test_marker_forms():
    r = {"table": lambda n: f"[T{n}]", "quiz": lambda n: "[Q]"}
    assert markers.replace("<!-- continuum:table -->", r)[0] == "[T1]"
    assert markers.replace("<p><!-- continuum:table --></p>\n<!--continuum:table-->", r)[0] == "[T1]\n[T2]"
    for typo in ("<!-- continuum:tabel -->", "<!-- continum:table -->", "<!-- Continuum: quiz -->", "<!-- contiuum:quiz -->"):
        assert markers.replace(typo, r)[2], typo
    assert markers.replace("<!-- a normal comment -->", r)[2] == []


# ---- Whole builds -----------------------------------------------------------
def tree_hash(folder):
    h = hashlib.sha256()
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def reported(out, file, words, line=False):
    """The build names `file` and says `words` about it (on a line of the file,
    when `line`): Pelican run directly lists each Problem as 'file:line: message'."""
    where = r":\d+" if line else r"(?::\d+)?"
    return re.search(rf"{re.escape(file)}{where}: {re.escape(words)}", out) is not None


def _build(project, out):
    return build_site(out, settings=project / "pelicanconf.py", content=project / "content", search_index=False)


@pytest.mark.slow
def test_editor_adds_a_level_and_a_question_without_code_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "content" / "data" / "continuum.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    data["levels"].insert(0, {
        "id": "early-intervention", "asam": "0.5", "name": "Early intervention", "other_names": ["Brief help"],
        "hours_per_week": "A few hours in all", "where_you_live": "At home", "supervision": "A short talk or class",
        "fits": "People at risk who do not have a disorder", "typical_length": "A few sessions",
        "relative_cost": "Lowest", "page": "compare-levels-of-care", "source": "asam-criteria"})
    data["quiz"]["questions"].append({"id": "sleep", "text": "Do you sleep well most nights?", "answers": [
        {"id": "yes", "text": "Yes"}, {"id": "no", "text": "No, hardly ever"}]})
    rules = data["quiz"]["rules"]
    last = max(r["priority"] for r in rules)
    at = next(i for i, r in enumerate(rules) if r["priority"] == last)
    rules.insert(at, {"id": "poor-sleep", "priority": last - 1, "when": {"sleep": ["no"]}, "outcome": "iop",
                      "reason": "Poor sleep can be a sign you need more support."})
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    # The Spanish edition needs the same texts, keyed by the same ids (continuum.es.yaml)
    spanish_path = project / "content" / "data" / "continuum.es.yaml"
    spanish = yaml.load(spanish_path.read_text(encoding="utf-8"), Loader=SafeLoader)
    spanish["levels"]["early-intervention"] = {
        "name": "Intervención temprana", "other_names": ["Ayuda breve"], "hours_per_week": "Unas pocas horas en total",
        "where_you_live": "En su casa", "supervision": "Una charla corta o una clase",
        "fits": "Personas en riesgo que no tienen un trastorno", "typical_length": "Unas pocas sesiones",
        "relative_cost": "El más bajo"}
    spanish["quiz"]["questions"]["sleep"] = {"text": "¿Duerme bien la mayoría de las noches?", "answers": {
        "yes": {"text": "Sí"}, "no": {"text": "No, casi nunca"}}}
    spanish["quiz"]["rules"]["poor-sleep"] = {"reason": "Dormir mal puede ser una señal de que necesita más apoyo."}
    spanish_path.write_text(yaml.safe_dump(spanish, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code_before = tree_hash(project / "iopguide"), tree_hash(project / "theme")
    content_before = tree_hash(project / "content")
    result = _build(project, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tree_hash(project / "iopguide"), tree_hash(project / "theme")) == code_before
    assert tree_hash(project / "content") == content_before, "the build changed content/"
    for slug in ("what-is-iop", "compare-levels-of-care"):
        row = soup(tmp_path / "out" / slug / "index.html").select_one('tr[data-level="early-intervention"]')
        assert row is not None and "Early intervention" in row.get_text(" ") and "Level 0.5" in row.get_text(" ")
    page = soup(tmp_path / "out" / "self-check-guide" / "index.html")
    assert page.select_one("#continuum-guide-q-sleep") is not None
    n = len(data["quiz"]["questions"])
    assert f"Question {n} of {n}" in page.select_one("#continuum-guide-q-sleep legend").get_text(" ")
    engine = read_quiz(page, soup(tmp_path / "out" / "self-check-results" / "index.html"))
    assert engine["questions"][-1]["id"] == "sleep"
    assert any(r["id"] == "poor-sleep" for r in engine["rules"])
    assert page.select_one('.quiz-guide li[data-rule="poor-sleep"]') is not None
    app = read_app_data(tmp_path / "out" / "self-check" / "quiz-data.js")
    assert app["questions"][-1]["text"] == "Do you sleep well most nights?"


@pytest.mark.slow
def test_bad_data_stops_the_build_with_file_path_and_expectation(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "content" / "data" / "continuum.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    - id: harm-others\n", "    - id: self-harm\n", 1), encoding="utf-8")
    index = next(i for i, q in enumerate(yaml.load(text, Loader=SafeLoader)["quiz"]["questions"]) if q["id"] == "harm-others")
    result = _build(project, tmp_path / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert reported(out, "content/data/continuum.yaml", f"quiz.questions[{index}].id: duplicate id 'self-harm'"), out[-3000:]


@pytest.mark.slow
def test_marker_typo_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "content" / "pages" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n<!-- continuum:tabel -->\n", encoding="utf-8")
    result = _build(project, tmp_path / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert reported(out, "content/pages/faq.md", "unknown marker <!-- continuum:tabel -->", line=True), out[-3000:]


@pytest.mark.slow
def test_without_the_plugin_the_build_fails_rather_than_show_a_marker(tmp_path):
    result = build_site(tmp_path / "out", extra={"PLUGINS": json.dumps(["iopguide.guard", "iopguide.pages",
                                                                            "iopguide.i18n", "pelican.plugins.sitemap"])},
                        search_index=False)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "continuum_checked" in out, out[-3000:]


def test_the_check_is_cached_by_file_content_for_fast_rebuilds():
    """The dev server rebuilds on every save: an unchanged data file is not checked again."""
    from iopguide.continuum import plugin
    settings = {"PATH": str(ROOT / "content"), "PAGE_PATHS": ["pages"]}
    files, _ = plugin.page_files(settings)
    plugin._checked.cache_clear()
    started = time.perf_counter()
    first, _, _ = plugin.load_checked(settings, files)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    again, _, _ = plugin.load_checked(settings, files)
    warm = time.perf_counter() - started
    assert again is first
    print(f"\nload+check: cold {cold * 1000:.1f} ms, cached {warm * 1000:.2f} ms")   # timed by `make bench`


@pytest.mark.slow
def test_table_and_quiz_links_resolve_from_deeper_page_addresses(tmp_path):
    """The plugin writes the data file's page links itself (as Pelican would
    write a {filename} link); they must still land on the right page when
    pages live deeper than one folder, and be absolute in a publish build."""
    deep = {"PAGE_URL": json.dumps("guide/{slug}/"), "PAGE_SAVE_AS": json.dumps("guide/{slug}/index.html")}
    out = tmp_path / "out"
    result = build_site(out, extra=deep, search_index=False)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = 0
    for slug in ("what-is-iop", "compare-levels-of-care", "self-check"):
        page = out / "guide" / slug / "index.html"
        for a in soup(page).select(".continuum-table a[href], .continuum-quiz a[href], [id^=continuum] a[href]"):
            href = a["href"]
            if href.startswith(("#", "tel:", "sms:", "http")):
                continue
            target = (page.parent / href).resolve()
            assert href.startswith("../../") and (target / "index.html").exists(), (slug, href)
            checked += 1
    assert checked >= 10, checked
    pub = tmp_path / "pub"
    result = build_site(pub, settings="publishconf.py", env={"SITEURL": "https://iop.test/sub",
                        "GITHUB_REPOSITORY": "example/iop-guide", "REPORT_PROBLEM_URL": ""}, extra=deep,
                        search_index=False)
    assert result.returncode == 0, result.stdout + result.stderr
    hrefs = [a["href"] for a in soup(pub / "guide" / "what-is-iop" / "index.html").select(".continuum-table table a[href]")]
    assert hrefs and all(h.startswith("https://iop.test/sub/guide/") for h in hrefs), hrefs


def test_caution_phone_numbers_are_links_and_text_stays_escaped():
    lines = runpy.run_path(str(ROOT / "pelicanconf.py"))["CRISIS_LINES"]
    html = str(render_quiz.linked_phones("Call 1-800-799-7233 or text START to 88788, dial 211 <b>x</b>; 6 hours; 9 to 19",
                                         render_quiz.lines_for(lines, None)))
    assert '<a class="quiz-phone" href="tel:+18007997233">1-800-799-7233</a>' in html
    assert '<a class="quiz-phone" href="sms:88788">88788</a>' in html and 'href="tel:211"' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html
    assert html.count("<a ") == 3
