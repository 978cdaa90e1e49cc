"""Signal wiring. Each handler is a few lines; the work is in the modules.

    get_generators            load and check the data file (again on every
                              --autoreload rebuild; cached by file content)
    generator_init            share the model as `continuum` in the context;
                              add the `continuum_checked` template filter
    all_generators_finalized  replace the markers in every page's HTML
"""

import hashlib
import logging
import posixpath
from pathlib import Path
from urllib.parse import urljoin

import yaml
from pelican import signals
from pelican.utils import get_relative_path, path_to_url
from site_pages.paths import project_relative  # the one helper; site_pages loads first

from . import load, markers, render_quiz, render_table, shape_cache, templates_env, validate
from .errors import ContinuumError

log = logging.getLogger(__name__)

DEFAULTS = {"data": "data/continuum.yaml"}
GUIDE_SLUG = "self-check-guide"          # the printable self-check: content/pages/self-check-guide.md
RESULTS_SLUG = "self-check-results"      # what each result means: content/pages/self-check-results.md
QUIZ_JS = "js/quiz/quiz.js"              # under THEME_STATIC_DIR in output/
_cache = {}            # (data path, sha256, page slugs) -> checked model
_data_cache = {}       # the same key -> the parsed data (for other languages' texts)
_state = {}            # the current build's model and page map


def _settings(settings):
    conf = dict(DEFAULTS)
    given = settings.get("CONTINUUM") or {}
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise ContinuumError([f"pelicanconf.py: CONTINUUM: unknown key(s) {', '.join(unknown)}; "
                              f"allowed: {', '.join(DEFAULTS)}"])
    conf.update(given)
    return conf


def _display(path, settings):
    return project_relative(path, settings)


def page_files(settings):
    """{slug: path relative to PATH} for every Markdown page (slug = file name);
    the default language's file when a translation (pages/es/x.md) shares the name."""
    root = Path(settings["PATH"])
    found = {}
    for sub in settings.get("PAGE_PATHS") or ["pages"]:
        for path in sorted((root / sub).rglob("*.md"), key=lambda p: (len(p.parts), p)):
            found.setdefault(path.stem, path.relative_to(root).as_posix())
    return found


def read_sources(settings):
    """{key: entry} from content/data/sources.yaml (checked in full by the
    site_pages plugin and `make check`; here only its keys and links are
    needed), or None when the site has no source list."""
    path = Path(settings["PATH"]) / "data" / "sources.yaml"
    try:
        # libyaml's loader when PyYAML has it (about 5x faster); the file's
        # full check, with line numbers, is the site_pages plugin's.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError):
        return None
    return {str(k): v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else None


def load_checked(settings):
    """Load and check the data file, reusing the last result if nothing changed."""
    conf = _settings(settings)
    path = Path(settings["PATH"]) / conf["data"]
    shown = _display(path, settings)
    pages = page_files(settings)
    sources = read_sources(settings)
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None             # load() reports the missing file
    digest = hashlib.sha256(raw).hexdigest() if raw is not None else None
    key = (str(path.resolve()), digest, frozenset(pages), frozenset(sources or ()))
    if digest and key in _cache:
        _state["sources"] = sources
        _state["data"] = _data_cache.get(key)
        return _cache[key], pages
    data, lines = load.load(path, shown)
    cache_dir = settings.get("CACHE_PATH") or "cache"
    shape_key = shape_cache.key_for(raw) if raw is not None else None
    passed = {check: bool(shape_key) and shape_cache.passed(cache_dir, shape_key, check)
              for check in ("schema", "paths")}
    model = validate.check(data, lines, shown, known_pages=set(pages), shape_passed=passed["schema"],
                           known_sources=set(sources) if sources is not None else None,
                           paths_passed=passed["paths"], known_lines=settings.get("CRISIS_LINES"))
    for check, done in passed.items():
        if shape_key and not done:
            shape_cache.remember(cache_dir, shape_key, check)   # reached only when every check passed
    cov = model.coverage
    if cov is None:
        log.debug("continuum: every visitor path passed before with these exact bytes and plugin code")
    else:
        log.debug("continuum: %s visitor paths (%s answer sets) checked in %.3f s: %s", f"{cov.total:,}",
                  f"{cov.answer_sets:,}", cov.seconds, cov.counts())
    _cache.clear()
    _cache[key] = model
    _data_cache.clear()
    _data_cache[key] = data
    _state["data"] = data
    _state["sources"] = sources
    return model, pages


def on_get_generators(pelican):
    model, pages = load_checked(pelican.settings)
    templates_env.use_bytecode_cache(pelican.settings.get("CACHE_PATH") or "cache")
    _state.update(model=model, pages=pages, settings=pelican.settings, lang_models={}, modules={})


def model_for(lang, settings):
    """(model, localized) for a page's language. The default language: the
    checked model. Another: the same data with its texts from
    data/continuum.<lang>.yaml, by plugins/continuum/i18n.py's localize(),
    which fails naming the id of any missing text. The rules, ids and
    structure are the English file's: one set, checked once."""
    default = settings.get("DEFAULT_LANG", "en")
    if lang in (None, default):
        return _state["model"], True
    if lang not in _state["lang_models"]:
        try:
            from . import i18n  # issue 14's data half; imported only when a translated page needs it
        except ImportError:
            # Not merged yet: the default language's text, marked as such (lang="en").
            _state["lang_models"][lang] = (_state["model"], False)
            return _state["lang_models"][lang]
        from guard import datafile
        path = Path(settings["PATH"]) / f"data/continuum.{lang}.yaml"
        shown = _display(path, settings)
        overlay, _ = datafile.load(path, shown, error=ContinuumError)
        localized = i18n.localize(_state["data"], overlay, shown)
        _state["lang_models"][lang] = (validate.build(localized), True)
    return _state["lang_models"][lang]


def checked(content, source_path=""):
    """Template filter: fail if a marker is still in the HTML (e.g. in a summary)."""
    left = markers.leftover(content)
    if left:
        raise ContinuumError([f"{source_path}: marker not rendered: {', '.join(left)}"])
    return content


def on_generator_init(generator):
    if "model" in _state:
        generator.context["continuum"] = _state["model"]
    env = getattr(generator, "env", None)
    if env is not None:
        env.filters["continuum_checked"] = checked


def _contents(generators):
    for gen in generators:
        for attr in ("pages", "hidden_pages", "draft_pages", "articles", "drafts", "translations",
                     "hidden_translations", "draft_translations"):
            yield from getattr(gen, attr, None) or []


def _link_maker(settings, contents, files):
    """links_for(page) -> ({slug: href}, base): the address of each page in
    `files` ({slug: '{filename}/...'}) as seen from `page`, exactly as Pelican
    would write a {filename} link (relative to the page with RELATIVE_URLS,
    else under SITEURL). Pelican resolves each {filename} link on each page on
    its own, which for one table on each of 1,000 pages is ten thousand
    look-ups; here each target's URL is read once. A slug Pelican did not
    generate keeps its {filename} form, so Pelican still reports it."""
    urls = {}   # (slug, lang) -> url
    default = settings.get("DEFAULT_LANG", "en")
    for c in contents:
        stem = Path(c.source_path).stem
        key = (stem, getattr(c, "lang", None) or default)
        if stem in files and key not in urls:
            urls[key] = c.url
    relative = settings.get("RELATIVE_URLS")
    siteurl = settings.get("SITEURL") or ""
    join = posixpath.join if relative else urljoin

    def links_for(obj):
        if relative:
            base = path_to_url(get_relative_path(obj.save_as))
        else:
            base = siteurl if siteurl.endswith("/") else siteurl + "/"
        # A page links to the pages of its own language (the default language's while not translated).
        lang = getattr(obj, "lang", None) or default
        found = {slug: urls.get((slug, lang)) or urls.get((slug, default)) for slug in files}
        return {slug: join(base, found[slug]) if found[slug] else ref for slug, ref in files.items()}, base

    return links_for


def on_all_generators_finalized(generators):
    model = _state["model"]
    settings = _state["settings"]
    # Only the pages the data file links to (levels' and outcomes' pages).
    wanted = ({level.page for level in model.levels} | {o.page for o in model.quiz.outcomes if o.page}
              | {c.page for c in model.quiz.cautions if c.page}
              | {s.page for o in model.quiz.outcomes for s in o.next_steps if s.page} | {GUIDE_SLUG, RESULTS_SLUG})
    files = {slug: "{filename}/" + rel for slug, rel in _state["pages"].items() if slug in wanted}
    contents = list(_contents(generators))
    default = settings.get("DEFAULT_LANG", "en")
    titles_by_lang = {}
    for c in contents:
        if getattr(c, "title", None):
            titles_by_lang.setdefault(getattr(c, "lang", None) or default, {}).setdefault(Path(c.source_path).stem, c.title)
    lines = settings["CRISIS_LINES"]  # pelicanconf.py: the one place the help-line numbers live
    links_for = _link_maker(settings, contents, files)
    problems = []
    # The table is the same on every page but for its links' base and a
    # level's link to the page it is on, so render each variant once: big
    # sites pay almost nothing per page.
    level_pages = {level.page for level in model.levels}
    tables = {}
    for obj in contents:
        html = getattr(obj, "_content", None)
        if not html or "<!--" not in html:
            continue
        slug = Path(obj.source_path).stem
        links, base = links_for(obj)
        lang = getattr(obj, "lang", None) or default
        titles = dict(titles_by_lang.get(default, {}), **titles_by_lang.get(lang, {}))
        if markers.MARKER.search(html):
            lang_model, translated = model_for(lang, settings)
            text = strings_for(lang if translated else default)
        else:
            lang_model, translated, text = model, True, None

        def table(n, slug=slug, links=links, base=base, lang_model=lang_model, translated=translated,
                  text=text, lang=lang):
            key = (slug if slug in level_pages else None, base, n, lang)
            if key not in tables:
                tables[key] = untranslated(render_table.render(
                    lang_model, links, key[0], table_id="continuum-table" + (f"-{n}" if n > 1 else ""),
                    sources=_state.get("sources"), t=text), translated, default)
            return tables[key]

        def quiz(n, obj=obj, links=links, lang_model=lang_model, translated=translated, text=text, titles=titles):
            if n > 1:
                problems.append(f"{_display(obj.source_path, settings)}: a second <!-- continuum:quiz --> marker; "
                                "expected one self-check per page")
                return ""
            guide = links.get(GUIDE_SLUG)
            data = render_quiz.app_data(lang_model, links, titles, render_quiz.lines_for(lines, text_or_en(text)),
                                        sources=_state.get("sources"), t=text, guide_href=guide)
            module, quiz_js = render_quiz.module_paths(
                obj.save_as, posixpath.join(settings.get("THEME_STATIC_DIR", "theme"), QUIZ_JS))
            _state["modules"][module] = render_quiz.module_source(data, quiz_js)
            return untranslated(render_quiz.render_start(lang_model, guide, lines, t=text), translated, default)

        def guide(n, links=links, lang_model=lang_model, translated=translated, text=text, titles=titles):
            return untranslated(render_quiz.render_guide(
                lang_model, links, titles, lines, links.get(RESULTS_SLUG, ""),
                quiz_id="continuum-guide" + (f"-{n}" if n > 1 else ""), t=text), translated, default)

        def results(n, links=links, lang_model=lang_model, translated=translated, text=text, titles=titles):
            return untranslated(render_quiz.render_results(
                lang_model, links, titles, lines, quiz_id="continuum-results" + (f"-{n}" if n > 1 else ""),
                sources=_state.get("sources"), t=text), translated, default)

        renderers = {"table": table, "quiz": quiz, "quiz-guide": guide, "quiz-results": results}
        assert set(renderers) == set(markers.NAMES), "markers.NAMES lists every marker this plugin renders"
        new, counts, unknown = markers.replace(html, renderers)
        for text in unknown:
            problems.append(f"{_display(obj.source_path, settings)}: unknown marker {text}; expected "
                            "<!-- continuum:table -->, <!-- continuum:quiz -->, <!-- continuum:quiz-guide --> or "
                            "<!-- continuum:quiz-results --> on a line of its own")
        if counts:
            obj._content = new
            obj.continuum_quiz = bool(counts.get("quiz"))
            cache = getattr(obj.get_content, "cache", {})
            for key in [k for k in cache if k and k[0] is obj]:
                del cache[key]          # drop HTML rendered before the markers were replaced
    if problems:
        raise ContinuumError(problems)


def on_finalized(pelican):
    """Write each self-check page's data module (quiz-data.js) next to the page."""
    root = Path(pelican.output_path)
    for rel, source in _state.get("modules", {}).items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")


def text_or_en(t):
    """The strings to use: the page's, or the English catalogue's."""
    from .render_table import strings
    return strings(t)


def strings_for(lang):
    """The theme's strings in `lang` (plugins/site_i18n's catalogue), or None:
    the templates' own English words."""
    try:
        from site_i18n.plugin import strings_for as catalogue_strings
    except ImportError:
        return None
    return catalogue_strings(lang)


def untranslated(html, translated, default):
    """The default language's table or quiz on a translated page, until its
    texts exist: marked with its language, so screen readers read it right."""
    from markupsafe import Markup
    return html if translated else Markup(f'<div lang="{default}">{html}</div>')


def register():
    signals.get_generators.connect(on_get_generators)
    signals.generator_init.connect(on_generator_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)
