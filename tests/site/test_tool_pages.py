"""The decision tools in the built site (issue 22): call scripts, letters, the
option grid and the printable next-steps sheet, in English and Spanish; each
tool page loads only its own module; the pages that need them link to them;
the printed forms say what the self-check's data says."""

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from quizdom import read_app_data
from iopguide.pages import metadata as page_metadata

ROOT = Path(__file__).resolve().parents[2]
TOOLS_JS = ROOT / "theme" / "static" / "js" / "tools"
TOOL_PAGES = {"call-scripts": "fill-in", "letters": "fill-in", "option-grid": "option-grid"}
LANGS = ("", "es/")


def soup(site, path):
    return BeautifulSoup((Path(site) / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def hrefs(page):
    return {a["href"] for a in page.select("main a[href]")}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug, tool", TOOL_PAGES.items())
def test_each_tool_page_loads_only_its_own_module(site, lang, slug, tool):
    page = soup(site, f"{lang}{slug}")
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert any(src.endswith(f"/theme/js/tools/{tool}.js") for src in scripts), scripts
    assert all(s["type"] == "module" for s in page.find_all("script", src=True))
    assert not any("quiz" in src for src in scripts)
    words = page.select_one("[data-tool-words]")
    assert words is not None and words.has_attr("hidden")
    assert all(words[k].strip() for k in words.attrs if k.startswith("data-") and k != "data-tool-words")
    assert page.find("form", attrs={"method": "post"}) is None and not page.select("main form")
    other = soup(site, f"{lang}what-is-iop")
    assert not any("/tools/" in s["src"] for s in other.find_all("script", src=True))


@pytest.mark.parametrize("lang", LANGS)
def test_scripts_and_letters_have_blanks_and_say_what_they_are_not(site, lang):
    scripts = soup(site, f"{lang}call-scripts")
    boxes = scripts.select("main .fill-in")
    assert [b["id"] for b in boxes] == ["script-program", "script-plan", "script-interpreter", "script-relay"]
    assert all(b.select(".blank") for b in boxes)
    assert {"tel:711"} <= hrefs(scripts)
    letters = soup(site, f"{lang}letters")
    boxes = letters.select("main .fill-in--letter")
    assert [b["id"] for b in boxes] == ["letter-work", "letter-504", "letter-appeal", "letter-review"]
    explains = {"letter-work": "work-school-and-privacy/", "letter-504": "teens-and-iop/",
                "letter-appeal": "paying-for-care/", "letter-review": "paying-for-care/"}
    not_advice = "not legal advice" if not lang else "no es consejo legal"
    for box in boxes:
        assert len({b.get_text(strip=True) for b in box.select(".blank")}) >= 4, box["id"]
        intro = box.find_previous("h2").find_next("p")        # the line under the letter's heading
        assert not_advice in intro.get_text(" ").lower(), box["id"]
        assert any(explains[box["id"]] in a["href"] for a in intro.find_all("a")), box["id"]
    assert not letters.select("main input, main textarea"), "the boxes are added by the script"


LINKS = {
    # page: what it must link to (hrefs end with these)
    "choosing-a-program": ["call-scripts/", "option-grid/"],
    "paying-for-care": ["letters/#an-appeal-to-your-health-plan", "letters/#asking-for-an-outside-review",
                        "call-scripts/#calling-your-health-plan-or-medicaid"],
    "work-school-and-privacy": ["letters/#time-off-or-a-new-schedule-at-work", "letters/#a-504-plan-at-school"],
    "teens-and-iop": ["letters/#a-504-plan-at-school"],
    "": ["call-scripts/", "letters/", "option-grid/"],
    "self-check-results": ["self-check-sheet/"],
}
LINKS_ES = {
    "choosing-a-program": ["call-scripts/", "option-grid/"],
    "paying-for-care": ["letters/#una-apelacion-a-su-plan-de-salud", "letters/#pedir-una-revision-externa",
                        "call-scripts/#llamar-a-su-plan-de-salud-o-a-medicaid"],
    "work-school-and-privacy": ["letters/#tiempo-libre-o-un-horario-nuevo-en-el-trabajo",
                                "letters/#un-plan-504-en-la-escuela"],
    "teens-and-iop": ["letters/#un-plan-504-en-la-escuela"],
    "": ["call-scripts/", "letters/", "option-grid/"],
    "self-check-results": ["self-check-sheet/"],
}


@pytest.mark.parametrize("lang, links", [("", LINKS), ("es/", LINKS_ES)])
def test_the_tools_are_linked_where_visitors_need_them(site, lang, links):
    for slug, wanted in links.items():
        page = soup(site, f"{lang}{slug}".rstrip("/") or ".")
        found = hrefs(page)
        for end in wanted:
            assert any(h.endswith(end) and not h.startswith("http") for h in found), (lang, slug, end)
            if "#" in end:
                target = soup(site, f"{lang}{end.split('#')[0]}")
                assert target.find(id=end.split("#")[1]), f"{lang}{end}: no such section"
    app = read_app_data(Path(site) / lang / "self-check" / "quiz-data.js")
    # Relative to the self-check page (in Spanish Pelican writes ../../es/<slug>/: the same pages).
    tools = [t["href"] for t in app["sheet"]["tools"]]
    assert [h.rsplit("/", 2)[-2] for h in tools] == ["call-scripts", "letters", "option-grid"], tools
    assert all(h.startswith("../") and (lang in h or not lang) for h in tools), tools
    assert app["sheet"]["printable"].endswith(f"{lang}self-check-sheet/")


@pytest.mark.parametrize("lang", LANGS)
def test_the_printable_sheet_says_what_the_data_module_says(site, lang):
    page = soup(site, f"{lang}self-check-sheet")
    app = read_app_data(Path(site) / lang / "self-check" / "quiz-data.js")
    printed = {li["data-item"]: li.select_one("label span").get_text()
               for li in page.select("[data-quiz-sheet] [data-group] > li[data-item]")}
    data = {i["id"]: "".join(p if isinstance(p, str) else p["t"] for p in i["text"]) for i in app["sheet"]["items"]}
    assert printed.keys() == data.keys()
    assert all(" ".join(printed[k].split()) == " ".join(data[k].split()) for k in data)
    assert page.select("[data-quiz-sheet] table tbody tr") and page.select_one("[data-quiz-sheet] form") is None


@pytest.mark.parametrize("lang", LANGS)
def test_the_option_grid_and_the_levels_table_say_the_same(site, lang):
    grid = soup(site, f"{lang}option-grid").select_one("[data-option-grid]")
    table = soup(site, f"{lang}compare-levels-of-care").select_one(".continuum-table table")
    columns = {"hours_per_week": 2, "where_you_live": 3, "relative_cost": 7}      # td index + 1 in the table
    options = [th["data-option"] for th in grid.select("thead th[data-option]")]
    assert len(options) == 5
    for level in options:
        row = table.select_one(f'tr[data-level="{level}"]')
        cells = row.find_all("td")
        for key, col in columns.items():
            in_grid = grid.select_one(f'tr[data-row="{key}"] td[data-option="{level}"]').get_text(strip=True)
            assert in_grid == cells[col - 1].get_text(strip=True), (lang, level, key)
    assert grid.select("fieldset[data-matter] input[type=radio]") and grid.find("form") is None


def test_a_page_names_only_a_tool_the_site_has():
    assert set(page_metadata.TOOLS) == {p.stem for p in TOOLS_JS.glob("*.js")} - {"common", "sheet"}
    base = {"title": "T", "summary": "S", "reviewed": "2026-12-01", "next-review": "2027-06-01",
            "sources": "asam-criteria, samhsa-tip47", "order": "3"}
    sources = {"asam-criteria": {}, "samhsa-tip47": {}}
    fields, problems = page_metadata.check_page("p.md", dict(base, tool="fill-in"), sources, dt.date(2026, 12, 7))
    assert fields["tool"] == "fill-in" and problems == []
    _, problems = page_metadata.check_page("p.md", dict(base, tool="quiz"), sources, dt.date(2026, 12, 7))
    assert any("Tool: 'quiz' is not a tool this site has" in p.message for p in problems), problems
