"""Signal wiring. Each handler is a few lines; the work is in the modules.

    get_generators            load and check the data file (before any page is
                              read); its problems go to the build's Collector
    generator_init            share the model as `continuum` in the context;
                              add the `continuum_checked` template filter
    content_object_init       replace the markers in each page as it is read,
                              with {filename} links that Pelican resolves (and
                              reports, when a page is missing)
    all_generators_finalized  each self-check page's data module, with the
                              addresses of the pages it links to
    finalized                 write those modules next to their pages

What one build knows is kept in its settings (Build below), never in this module.
"""

import hashlib
import json
import logging
import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

import yaml
from markupsafe import Markup
from pelican import signals
from pelican.contents import Page
from pelican.utils import get_relative_path, path_to_url

from .. import datafile
from ..contents import every_page
from ..header import parse_header
from ..paths import project_relative
from ..problems import collector
from . import load, markers, pass_cache, render_grid, render_quiz, render_sheet, render_table, templates_env, validate
from .errors import ContinuumError, Problem
from .text import strings

log = logging.getLogger(__name__)

DEFAULTS = {"data": "data/continuum.yaml"}
GUIDE_SLUG = "self-check-guide"          # the printable self-check: content/pages/self-check-guide.md
RESULTS_SLUG = "self-check-results"      # what each result means: content/pages/self-check-results.md
QUIZ_JS = "js/quiz/quiz.js"              # under THEME_STATIC_DIR in output/
BUILD = "CONTINUUM_BUILD"                # the build's Build, kept in its settings


@dataclass
class Build:
    """What one build knows about the continuum data."""
    settings: dict
    model: object = None        # the checked model; None when the data file has problems
    data: dict = None           # the parsed data (for other languages' texts)
    sources: dict = None        # {key: entry} from sources.yaml
    files: dict = field(default_factory=dict)    # {(slug, lang): path in content/} of every page
    titles: dict = field(default_factory=dict)   # {(slug, lang): title} of every page
    lang_models: dict = field(default_factory=dict)
    page_sets: dict = field(default_factory=dict)     # {lang: PageSet}: what every page in that language renders with
    tables: dict = field(default_factory=dict)       # one rendering per variant: (level page or None, n, lang)
    quiz_pages: list = field(default_factory=list)   # (page, lang) of each page with the self-check
    contents: dict = field(default_factory=dict)     # {path under PATH: page} of every page, once all are read
    modules: dict = field(default_factory=dict)      # {module path in output/: source}


def _settings(settings):
    conf = dict(DEFAULTS)
    given = settings.get("CONTINUUM") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise ContinuumError([Problem("pelicanconf.py", f"unknown key(s) {', '.join(unknown)}; "
                                      f"allowed: {', '.join(DEFAULTS)}", key="CONTINUUM")])
    conf.update(given)
    return conf


def page_files(settings):
    """({(slug, lang): path relative to PATH}, {(slug, lang): title}) for every
    Markdown page (slug = file name), read from the files' headers before
    Pelican reads them, so a page's markers can link to any other page."""
    root = Path(settings["PATH"])
    default = settings.get("DEFAULT_LANG", "en")
    files, titles = {}, {}
    for sub in settings.get("PAGE_PATHS") or ["pages"]:
        for path in sorted((root / sub).rglob("*.md"), key=lambda p: (len(p.parts), p)):
            try:
                header = parse_header(path.read_text(encoding="utf-8")).metadata
            except (OSError, UnicodeDecodeError):
                continue   # the content scan reports it
            key = (path.stem, header.get("lang") or default)
            files.setdefault(key, path.relative_to(root).as_posix())
            titles.setdefault(key, header.get("title") or path.stem)
    return files, titles


def read_sources(settings):
    """{key: entry} from content/data/sources.yaml (checked in full by the
    pages part; here only its keys and links are needed), or None when the
    site has no source list."""
    path = Path(settings["PATH"]) / "data" / "sources.yaml"
    try:
        # libyaml's loader when PyYAML has it (about 5x faster); the file's
        # full check, with line numbers, is the pages part's.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError):
        return None
    return {str(k): v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else None


@lru_cache(maxsize=2)
def _checked(path, digest, shown, pages, sources, lines_json, cache_dir=None):
    """(model, data) for the data file whose bytes have this digest, checked in
    full: every visitor path walked. Remembered for the process, by everything
    the check reads: the live preview's worker builds again after every save and
    skips this when nothing it depends on changed (`make bench`); across
    processes, pass_cache.py lets a build skip the two slow checks for inputs
    that passed before. Raises ContinuumError (never remembered)."""
    data, line_map = load.load(Path(path), shown)
    lines = json.loads(lines_json) if lines_json is not None else None
    key = pass_cache.key_for(digest, pages, sources, lines) if cache_dir and digest else None
    before = bool(key) and pass_cache.passed(cache_dir, key)
    model = validate.check(data, line_map, shown, known_pages=set(pages),
                           known_sources=set(sources) if sources is not None else None,
                           known_lines=lines, passed_before=before)
    if key and not before:
        pass_cache.remember(cache_dir, key)      # reached only when every check passed
    cov = model.coverage
    if cov is not None:
        log.debug("continuum: %s visitor paths (%s answer sets) checked in %.3f s: %s", f"{cov.total:,}",
                  f"{cov.answer_sets:,}", cov.seconds, cov.counts())
    else:
        log.debug("continuum: these exact inputs passed every check before (%s)", pass_cache.FILE_NAME)
    return model, data


def load_checked(settings, files):
    """(model, data, sources) for the build; raises ContinuumError."""
    path = Path(settings["PATH"]) / _settings(settings)["data"]
    shown = project_relative(path, settings)
    sources = read_sources(settings)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        digest = None          # load() reports the missing file
    lines = settings.get("CRISIS_LINES")
    model, data = _checked(str(path), digest, shown, frozenset(slug for slug, _ in files),
                           frozenset(sources) if sources is not None else None,
                           json.dumps(lines, sort_keys=True) if lines is not None else None,
                           settings.get("CACHE_PATH"))
    return model, data, sources


def on_get_generators(pelican):
    settings = pelican.settings
    files, titles = page_files(settings)
    build = settings[BUILD] = Build(settings, files=files, titles=titles)
    templates_env.use_cache_path(settings.get("CACHE_PATH"))
    try:
        build.model, build.data, build.sources = load_checked(settings, files)
    except ContinuumError as exc:
        collector(settings).extend(exc.problems)   # the markers stay; the build stops before writing


def model_for(build, lang):
    """(model, localized) for a page's language. The default language: the
    checked model. Another: the same data with its texts from
    data/continuum.<lang>.yaml, by i18n.localize(), which fails naming the id
    of any missing text. The rules, ids and structure are the English file's:
    one set, checked once."""
    settings = build.settings
    if lang in (None, settings.get("DEFAULT_LANG", "en")):
        return build.model, True
    if lang not in build.lang_models:
        from . import i18n
        path = Path(settings["PATH"]) / f"data/continuum.{lang}.yaml"
        shown = project_relative(path, settings)
        overlay, _ = datafile.load(path, shown, error=ContinuumError)
        build.lang_models[lang] = (validate.build(i18n.localize(build.data, overlay, shown)), True)
    return build.lang_models[lang]


def checked(content, source_path=""):
    """Template filter: fail if a marker is still in the HTML (e.g. in a summary)."""
    left = markers.leftover(content)
    if left:
        raise ContinuumError([Problem(source_path, f"marker not rendered: {', '.join(left)}")])
    return content


def on_generator_init(generator):
    build = generator.settings.get(BUILD)
    if build is not None and build.model is not None:
        generator.context["continuum"] = build.model
    env = getattr(generator, "env", None)
    if env is not None:
        env.filters["continuum_checked"] = checked


def wanted_pages(model):
    """The pages the data file links to (levels', outcomes', cautions', next steps')."""
    return ({level.page for level in model.levels} | {o.page for o in model.quiz.outcomes if o.page}
            | {c.page for c in model.quiz.cautions if c.page}
            | {s.page for o in model.quiz.outcomes for s in o.next_steps if s.page} | {GUIDE_SLUG, RESULTS_SLUG}
            | {render_sheet.SHEET_SLUG, *render_sheet.TOOL_SLUGS})


def page_links(build, lang):
    """{slug: '{filename}/pages/...'} for a page in `lang`: the page in the same
    language, or the default language's while it has no translation. Pelican
    resolves each link when it writes the page (and stops on one it cannot)."""
    default = build.settings.get("DEFAULT_LANG", "en")
    found = {}
    for slug in wanted_pages(build.model):
        rel = build.files.get((slug, lang)) or build.files.get((slug, default))
        if rel:
            found[slug] = "{filename}/" + rel
    return found


def page_titles(build, lang):
    default = build.settings.get("DEFAULT_LANG", "en")
    titles = {slug: title for (slug, page_lang), title in build.titles.items() if page_lang == default}
    titles.update({slug: title for (slug, page_lang), title in build.titles.items() if page_lang == lang})
    return titles


def untranslated(html, translated, default):
    """The default language's table or quiz on a translated page, until its
    texts exist: marked with its language, so screen readers read it right."""
    return html if translated else Markup(f'<div lang="{default}">{html}</div>')


@dataclass
class PageSet:
    """What every page in one language renders its markers with: worked out
    once per build and language (on the first page that needs it), not per
    page, so a site of 1,000 pages pays for it once."""
    model: object
    translated: bool
    text: dict
    links: dict
    titles: dict


def page_set(build, lang):
    if lang not in build.page_sets:
        settings = build.settings
        default = settings.get("DEFAULT_LANG", "en")
        lang_model, translated = model_for(build, lang)
        build.page_sets[lang] = PageSet(lang_model, translated, strings_in(lang if translated else default, settings),
                                        page_links(build, lang), page_titles(build, lang))
    return build.page_sets[lang]


def renderers(build, page, lang, where, problems):
    """{marker name: render(n)} for one page. Nothing is worked out until a
    marker needs it; a table already rendered for this variant costs a lookup.
    where(): the page's path as the editor sees it, for a problem."""
    settings = build.settings
    default = settings.get("DEFAULT_LANG", "en")
    lines = settings["CRISIS_LINES"]  # pelicanconf.py: the one place the help-line numbers live
    slug = Path(page.source_path).stem
    level_pages = {level.page for level in build.model.levels}

    def table(n):
        # The same on every page but for a level's link to the page it is on: rendered once per variant.
        key = (slug if slug in level_pages else None, n, lang)
        if key not in build.tables:
            ps = page_set(build, lang)
            build.tables[key] = untranslated(render_table.render(
                ps.model, ps.links, key[0], table_id="continuum-table" + (f"-{n}" if n > 1 else ""),
                sources=build.sources, t=ps.text), ps.translated, default)
        return build.tables[key]

    def quiz(n):
        ps = page_set(build, lang)
        if n > 1:
            problems.append(Problem(where(), "a second <!-- continuum:quiz --> marker; expected one self-check per page"))
            return ""
        build.quiz_pages.append((page, lang))
        return untranslated(render_quiz.render_start(ps.model, ps.links.get(GUIDE_SLUG), lines, t=ps.text),
                            ps.translated, default)

    def guide(n):
        ps = page_set(build, lang)
        return untranslated(render_quiz.render_guide(
            ps.model, ps.links, ps.titles, lines, ps.links.get(RESULTS_SLUG, ""),
            quiz_id="continuum-guide" + (f"-{n}" if n > 1 else ""), t=ps.text), ps.translated, default)

    def results(n):
        ps = page_set(build, lang)
        return untranslated(render_quiz.render_results(
            ps.model, ps.links, ps.titles, lines, quiz_id="continuum-results" + (f"-{n}" if n > 1 else ""),
            sources=build.sources, t=ps.text), ps.translated, default)

    def sheet(n):
        ps = page_set(build, lang)
        return untranslated(render_sheet.render_sheet(
            ps.model, ps.links, ps.titles, lines, quiz_id="continuum-sheet" + (f"-{n}" if n > 1 else ""),
            sources=build.sources, t=ps.text), ps.translated, default)

    def grid(n):
        ps = page_set(build, lang)
        if ps.model.grid is None:
            problems.append(Problem(where(), "<!-- continuum:option-grid --> but content/data/continuum.yaml has no "
                                           "`grid`; expected a top-level grid and levels with a `grid` column"))
            return ""
        return untranslated(render_grid.render_grid(
            ps.model, ps.links, grid_id="continuum-grid" + (f"-{n}" if n > 1 else ""),
            sources=build.sources, t=ps.text), ps.translated, default)

    found = {"table": table, "quiz": quiz, "quiz-guide": guide, "quiz-results": results,
             "quiz-sheet": sheet, "option-grid": grid}
    assert set(found) == set(markers.NAMES), "markers.NAMES lists every marker this plugin renders"
    return found


def on_content_object_init(page):
    """Replace the markers in a page as Pelican reads it (before anything renders it)."""
    build = getattr(page, "settings", {}).get(BUILD)
    html = getattr(page, "_content", None)
    if build is None or not isinstance(page, Page) or not html or "<!--" not in html:
        return
    if not (markers.MARKER.search(html) or markers.SUSPECT.search(html)):
        return
    settings = build.settings

    def where():
        # Only a page with a problem needs it (resolving paths cost 0.3 ms a page).
        return project_relative(page.source_path, settings)

    problems = []
    if build.model is None:   # the data file has problems (reported): only say which markers are not known
        new, counts, left = markers.replace(html, {})
    else:
        lang = getattr(page, "lang", None) or settings.get("DEFAULT_LANG", "en")
        new, counts, left = markers.replace(html, renderers(build, page, lang, where, problems))
    if left:   # the page's source is read only to give a problem its line
        problems += markers.problems(new, Path(page.source_path).read_text(encoding="utf-8"), where())
    if counts:
        page._content = new
        page.continuum_quiz = bool(counts.get("quiz"))
    collector(settings).extend(problems)


def module_links(build, page, lang):
    """{slug: address} of the pages a self-check's data module links to, as seen
    from the module (next to its page): the data module is not a page, so Pelican
    does not resolve its links; these are the addresses Pelican gave those pages
    (relative to the module with RELATIVE_URLS, else under SITEURL)."""
    settings = build.settings
    default = settings.get("DEFAULT_LANG", "en")
    urls = {}
    for slug in wanted_pages(build.model):
        rel = build.files.get((slug, lang)) or build.files.get((slug, default))
        target = build.contents.get(rel) if rel else None
        if target is not None:
            urls[slug] = target.url
    if settings.get("RELATIVE_URLS"):
        base = path_to_url(get_relative_path(page.save_as))
        return {slug: posixpath.join(base, url) for slug, url in urls.items()}
    siteurl = settings.get("SITEURL") or ""
    base = siteurl if siteurl.endswith("/") else siteurl + "/"
    return {slug: urljoin(base, url) for slug, url in urls.items()}



def on_all_generators_finalized(generators):
    """Each self-check page's data module (quiz-data.js), now every page's address is known."""
    build = generators[0].settings.get(BUILD) if generators else None
    if build is None or build.model is None or not build.quiz_pages:
        return
    settings = build.settings
    # Keyed as build.files is (the path under PATH), which is how Pelican itself
    # finds a {filename} link's page: no path is resolved on the disk.
    build.contents = {p.relative_source_path: p for p in every_page(generators)
                      if getattr(p, "relative_source_path", None)}
    default = settings.get("DEFAULT_LANG", "en")
    lines = settings["CRISIS_LINES"]
    for page, lang in build.quiz_pages:
        lang_model, translated = model_for(build, lang)
        text = strings(strings_in(lang if translated else default, settings))
        links = module_links(build, page, lang)
        data = render_quiz.app_data(lang_model, links, page_titles(build, lang), render_quiz.lines_for(lines, text),
                                    sources=build.sources, t=text, guide_href=links.get(GUIDE_SLUG))
        module, quiz_js = render_quiz.module_paths(
            page.save_as, posixpath.join(settings.get("THEME_STATIC_DIR", "theme"), QUIZ_JS))
        build.modules[module] = render_quiz.module_source(data, quiz_js)


def on_finalized(pelican):
    """Write each self-check page's data module (quiz-data.js) next to the page."""
    build = pelican.settings.get(BUILD)
    root = Path(pelican.output_path)
    for rel, source in (build.modules.items() if build is not None else ()):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")


def strings_in(lang, settings):
    """The theme's strings in `lang` (the i18n part's catalogue for this build)."""
    from ..i18n.plugin import strings_for
    return strings_for(lang, settings)


def register():
    signals.get_generators.connect(on_get_generators)
    signals.generator_init.connect(on_generator_init)
    signals.content_object_init.connect(on_content_object_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)
