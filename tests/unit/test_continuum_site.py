"""The continuum plugin in real builds: the table and the quiz in the built
pages, escaping, the editor scenario, and builds that must fail."""

import hashlib
import json
import runpy
import time
from pathlib import Path

import pytest
import yaml

import builtsite
from continuum_helpers import DATA_FILE, PAGES, ROOT, SHOWN, SOURCES, load, validate
from continuum import markers, model as model_mod, render_quiz, render_table
from quizdom import logic, read_quiz
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
    sources = yaml.safe_load((ROOT / "content" / "data" / "sources.yaml").read_text(encoding="utf-8"))
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
    raw = dict(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")))
    raw["levels"][0]["name"] = "<script>alert(1)</script>"
    raw["levels"][0]["fits"] = "Drugs & alcohol"
    m = model_mod.build(raw)       # the validator would refuse this; the renderer must still be safe
    html = render_table.render(m, {}, None)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Drugs &amp; alcohol" in html


# ---- The quiz ---------------------------------------------------------------
def test_quiz_works_without_javascript(site, real):
    data, model = real
    page = soup(Path(site) / "self-check" / "index.html")
    quiz = page.select_one("[data-continuum-quiz]")
    assert quiz is not None
    fieldsets = quiz.select(".quiz-static fieldset.quiz-question")
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
            assert help_box and {"tel:988", "sms:988", "tel:911", "tel:+18006624357"} <= {a["href"] for a in help_box.find_all("a")}
    guide = quiz.select(".quiz-guide > li")
    assert [li["data-rule"] for li in guide] == [r["id"] for r in sorted(data["quiz"]["rules"], key=lambda r: r["priority"])]
    assert "quiz-guide__rule--crisis" in guide[0]["class"], "crisis rules come first"
    assert guide[0].get_text(" ").count("If your answer to") == 1
    outcomes = quiz.select("section.quiz-outcome")
    assert [s["data-outcome"] for s in outcomes] == [o["id"] for o in data["quiz"]["outcomes"]]
    for li in guide:
        assert quiz.select_one(li.select_one(".quiz-guide__result a")["href"]), "guide links to its outcome"
    for s in outcomes:
        link = s.select_one("a[data-quiz-page-link]")
        assert link and "{filename}" not in link["href"] and link["href"].startswith("../")
    cautions = quiz.select(".quiz-cautions-guide > li[data-caution]")
    assert [c["data-caution"] for c in cautions] == [c["id"] for c in data["quiz"]["cautions"]]
    for li, c in zip(cautions, data["quiz"]["cautions"]):
        assert c["text"] in li.get_text() and li.select_one(".quiz-caution__source a[href^='https://']")
        assert li.select("[data-when]"), "each caution says which answers it applies to"
    for fs, q in zip(fieldsets, data["quiz"]["questions"]):
        if "ask_if" in q:
            note = fs.select_one("[data-ask-if]")
            assert note and ("Answer this only if" in note.get_text(" ") or "Skip this question if" in note.get_text(" "))
    crisis = quiz.select_one(".quiz-outcome--crisis")
    assert {"tel:988", "sms:988", "tel:911", "tel:+18006624357"} <= {a["href"] for a in crisis.find_all("a")}
    assert "not a diagnosis" in quiz.get_text(" ")
    assert quiz.find("form") is None, "the no-JS quiz must not submit answers anywhere"


def test_quiz_markup_carries_the_engine_data_and_the_script_loads_only_there(site, real):
    _, model = real
    page = soup(Path(site) / "self-check" / "index.html")
    quiz = read_quiz(page)
    assert logic(quiz) == render_quiz.engine_data(model)
    assert [q["text"] for q in quiz["questions"]] == [q.text for q in model.quiz.questions]
    assert [r["reason"] for r in quiz["rules"]] == [r.reason for r in sorted(model.quiz.rules, key=lambda r: r.priority)]
    # Each word is on the page once: no second copy in a JSON block.
    assert page.select_one("script[data-quiz-data]") is None
    ui = json.loads(page.select_one('script[type="application/json"][data-quiz-ui]').string)
    assert set(ui) == set(render_quiz.UI_KEYS) and ui["js_continue"] == "Continue"
    srcs = [s["src"] for s in page.find_all("script", src=True)]
    assert "../theme/js/quiz/quiz.js" in srcs
    assert page.find("script", src="../theme/js/quiz/quiz.js")["type"] == "module"
    assert (Path(site) / "theme" / "js" / "quiz" / "engine.js").exists()
    other = soup(Path(site) / "what-is-iop" / "index.html")
    assert not any("quiz" in s["src"] for s in other.find_all("script", src=True))


def test_quiz_json_cannot_break_out_of_its_script_element():
    text = render_quiz.json_for_script({"a": "</script><script>alert(1)</script>", "b": "<!--", "c": "&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["a"] == "</script><script>alert(1)</script>"


def test_quiz_escapes_text(real):
    raw = dict(yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")))
    raw["quiz"]["questions"][0]["text"] = "<img src=x onerror=alert(1)>"
    raw["quiz"]["rules"][0]["reason"] = "<b>bold</b>"
    m = model_mod.build(raw)
    html = render_quiz.render(m, {}, {}, runpy.run_path(str(ROOT / "pelicanconf.py"))["CRISIS_LINES"])
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html


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


def _build(project, out):
    return build_site(out, settings=project / "pelicanconf.py", content=project / "content", search_index=False)


@pytest.mark.slow
def test_editor_adds_a_level_and_a_question_without_code_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "content" / "data" / "continuum.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    spanish = yaml.safe_load(spanish_path.read_text(encoding="utf-8"))
    spanish["levels"]["early-intervention"] = {
        "name": "Intervención temprana", "other_names": ["Ayuda breve"], "hours_per_week": "Unas pocas horas en total",
        "where_you_live": "En su casa", "supervision": "Una charla corta o una clase",
        "fits": "Personas en riesgo que no tienen un trastorno", "typical_length": "Unas pocas sesiones",
        "relative_cost": "El más bajo"}
    spanish["quiz"]["questions"]["sleep"] = {"text": "¿Duerme bien la mayoría de las noches?", "answers": {
        "yes": {"text": "Sí"}, "no": {"text": "No, casi nunca"}}}
    spanish["quiz"]["rules"]["poor-sleep"] = {"reason": "Dormir mal puede ser una señal de que necesita más apoyo."}
    spanish_path.write_text(yaml.safe_dump(spanish, sort_keys=False, allow_unicode=True), encoding="utf-8")
    code_before = tree_hash(project / "plugins"), tree_hash(project / "theme")
    content_before = tree_hash(project / "content")
    result = _build(project, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tree_hash(project / "plugins"), tree_hash(project / "theme")) == code_before
    assert tree_hash(project / "content") == content_before, "the build changed content/"
    for slug in ("what-is-iop", "compare-levels-of-care"):
        row = soup(tmp_path / "out" / slug / "index.html").select_one('tr[data-level="early-intervention"]')
        assert row is not None and "Early intervention" in row.get_text(" ") and "Level 0.5" in row.get_text(" ")
    page = soup(tmp_path / "out" / "self-check" / "index.html")
    assert page.select_one("#continuum-quiz-q-sleep") is not None
    n = len(data["quiz"]["questions"])
    assert f"Question {n} of {n}" in page.select_one("#continuum-quiz-q-sleep legend").get_text(" ")
    engine = read_quiz(page)
    assert engine["questions"][-1]["id"] == "sleep"
    assert any(r["id"] == "poor-sleep" for r in engine["rules"])
    assert page.select_one('.quiz-guide li[data-rule="poor-sleep"]') is not None


@pytest.mark.slow
def test_bad_data_stops_the_build_with_file_path_and_expectation(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "content" / "data" / "continuum.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    - id: harm-others\n", "    - id: self-harm\n", 1), encoding="utf-8")
    index = next(i for i, q in enumerate(yaml.safe_load(text)["quiz"]["questions"]) if q["id"] == "harm-others")
    result = _build(project, tmp_path / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"content/data/continuum.yaml: quiz.questions[{index}].id: duplicate id 'self-harm'" in out, out[-3000:]


@pytest.mark.slow
def test_marker_typo_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "content" / "pages" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n<!-- continuum:tabel -->\n", encoding="utf-8")
    result = _build(project, tmp_path / "out")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/pages/faq.md: unknown marker <!-- continuum:tabel -->" in out, out[-3000:]


@pytest.mark.slow
def test_without_the_plugin_the_build_fails_rather_than_show_a_marker(tmp_path):
    result = build_site(tmp_path / "out", extra={"PLUGINS": json.dumps(["site_pages", "pelican.plugins.sitemap",
                                                                            "site_i18n"])},
                        search_index=False)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "continuum_checked" in out, out[-3000:]


def test_the_check_is_cached_by_file_content_for_fast_rebuilds():
    """The dev server rebuilds on every save: an unchanged data file is not checked again."""
    from continuum import plugin
    settings = {"PATH": str(ROOT / "content"), "PAGE_PATHS": ["pages"]}
    plugin._cache.clear()
    started = time.perf_counter()
    first, _ = plugin.load_checked(settings)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    again, _ = plugin.load_checked(settings)
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
    result = build_site(pub, settings="publishconf.py", env={"SITEURL": "https://iop.test/sub"}, extra=deep,
                        search_index=False)
    assert result.returncode == 0, result.stdout + result.stderr
    hrefs = [a["href"] for a in soup(pub / "guide" / "what-is-iop" / "index.html").select(".continuum-table table a[href]")]
    assert hrefs and all(h.startswith("https://iop.test/sub/guide/") for h in hrefs), hrefs


def test_caution_phone_numbers_are_links_and_text_stays_escaped():
    html = str(render_quiz.linked_phones("Call 1-800-799-7233 or text START to 88788, dial 211 <b>x</b>; 6 hours; 9 to 19"))
    assert '<a class="quiz-phone" href="tel:+18007997233">1-800-799-7233</a>' in html
    assert '<a class="quiz-phone" href="sms:88788">88788</a>' in html and 'href="tel:211"' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html
    assert html.count("<a ") == 3
