"""Signal wiring for site_pages. Each handler is a few lines; the work is in
metadata.py, sources.py, citations.py, glossary.py and navigation.py."""

import datetime as dt
import logging
import re
from pathlib import Path

from pelican import signals
from pelican.contents import Page

from . import citations, glossary, navigation, source_list
from .cite_md import CitationExtension
from .errors import ContentError, Problem, collector
from .metadata import check_page, header_lines, header_problems
from .paths import project_relative
from .slugs import SlugRegistry
from .sources import load_sources

log = logging.getLogger(__name__)
EDITORIAL_POLICY = "editorial-policy"  # the page "not yet had clinical review" links to


def _today(settings):
    # Tests pin the date so review-date checks are repeatable.
    fixed = settings.get("SITE_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def _read(path):
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


SLUGS = "SITE_SLUGS"   # the build's SlugRegistry, kept in its settings (a new build has new settings)


def on_initialized(pelican):
    """Teach Markdown the citation syntax [@key] (once, whatever the settings file)."""
    md = pelican.settings.setdefault("MARKDOWN", {})
    extensions = md.setdefault("extensions", [])
    if not any(isinstance(e, CitationExtension) for e in extensions):
        extensions.append(CitationExtension())


def on_page_generator_init(generator):
    generator.settings[SLUGS] = SlugRegistry()


def on_content_object_init(instance):
    if isinstance(instance, Page) and getattr(instance, "source_path", None):
        lines = header_lines(_read(instance.source_path))
        slugs = instance.settings.setdefault(SLUGS, SlugRegistry())
        slugs.add(instance, project_relative(instance.source_path, instance.settings), lines.get("slug"))


def _set_content(page, html):
    page._content = html
    cache = getattr(page.get_content, "cache", {})
    for key in [k for k in cache if k and k[0] is page]:
        del cache[key]  # drop HTML rendered before this pass


# <!-- site:sources --> and <!-- site:glossary --> are replaced only when written
# exactly; a comment that looks like one of them is a mistake to report.
SITE_MARKERS = (source_list.MARKER, glossary.MARKER)
SITE_LIKE = re.compile(r"<!--\s*site\s*:\s*[\w-]*\s*-->", re.I)


def marker_problems(content_html, text, shown):
    """Comments that look like this plugin's markers but are not written exactly."""
    problems = []
    for written in dict.fromkeys(m.group(0) for m in SITE_LIKE.finditer(content_html or "")):
        if written in SITE_MARKERS:
            continue
        squeezed = re.sub(r"\s+", "", written[4:-3]).lower()
        exact = next((k for k in SITE_MARKERS if re.sub(r"\s+", "", k[4:-3]) == squeezed), None)
        hint = (f"write it exactly as {exact}" if exact else
                "the markers are: " + ", ".join(SITE_MARKERS) + ", each on a line of its own")
        line = next((n for n, line in enumerate(text.splitlines(), start=1) if written in line), None)
        problems.append(Problem(shown, f"unknown marker {written}; {hint}", line=line))
    return problems


def _sources(settings, data, found):
    try:
        return load_sources(data / settings.get("SOURCES_FILE", "data/sources.yaml"))
    except ContentError as exc:
        found.extend(exc.problems)   # reported with the rest; pages are still checked against no sources
        return {}


def _glossary(settings, data, sources, found):
    glossary_path = data / settings.get("GLOSSARY_FILE", "data/glossary.yaml")
    try:
        return glossary.load_glossary(glossary_path, sources, project_relative(glossary_path, settings))
    except ContentError as exc:
        found.extend(exc.problems)
        return []


def on_page_generator_finalized(generator):
    settings = generator.settings
    data = Path(settings["PATH"])
    found = collector(settings)
    sources = _sources(settings, data, found)
    terms = _glossary(settings, data, sources, found)
    today = _today(settings)
    problems = list(settings.get(SLUGS, SlugRegistry()).problems)
    # Translations (Lang: es) go through the same checks, citations and sources.
    pages = (list(generator.pages) + list(generator.hidden_pages) + list(generator.draft_pages)
             + list(generator.translations) + list(getattr(generator, "hidden_translations", [])))
    default_lang = settings.get("DEFAULT_LANG", "en")
    # Each language's glossary (glossary.<lang>.yaml beside the English one), and the
    # page that shows it (the one with the marker), found before the marker is filled.
    langs = dict.fromkeys([default_lang] + [getattr(p, "lang", None) or default_lang for p in pages])
    terms_by_lang = {lang: terms if lang == default_lang else
                     glossary_terms_for(lang, data, settings, sources, found) for lang in langs}
    glossary_pages = {(getattr(p, "lang", None) or default_lang): p for p in pages
                      if glossary.MARKER in (p._content or "")}
    for page in pages:
        rel = project_relative(page.source_path, settings)
        text = _read(page.source_path)
        fields, page_problems = check_page(rel, page.metadata, sources, today, lines=header_lines(text))
        problems.extend(header_problems(text, rel) + page_problems)
        page.reviewed_on = fields.get("reviewed")
        page.next_review_on = fields.get("next_review")
        page.review_months = fields.get("review_months")
        page.clinical_review = fields.get("clinical_review")
        page.order = fields.get("order")
        page.translated_on = fields.get("translated_on")
        page.translated_from = fields.get("translated_from")
        page.translation_source = next((p for p in getattr(page, "translations", [])
                                        if p.lang == default_lang), None) if page.lang != default_lang else None
        if page.reviewed_on:
            # The sitemap's lastmod: when an editor last checked the page.
            page.modified = dt.datetime.combine(page.reviewed_on, dt.time(), tzinfo=dt.timezone.utc)
        content = source_list.fill_marker(page._content or "", sources, getattr(page, "lang", None) or default_lang)
        content = glossary.fill_marker(content, terms_by_lang[getattr(page, "lang", None) or default_lang])
        problems += marker_problems(content, text, rel)
        page.page_toc = navigation.headings(content)
        page.show_toc = len(page.page_toc) >= navigation.TOC_MIN_SECTIONS
        page.faq = navigation.faq_items(content) if str(page.metadata.get("faq", "")).lower() == "yes" else []
        problems += citations.unknown_key_problems(rel, content, sources, text)
        page.source_list = citations.full_source_list(fields.get("sources", []), content, sources)
        page.citation_count = citations.citation_count(content)
        content = citations.number_citations(content, page.source_list)
        _set_content(page, content)
    found.extend(problems)   # the build stops once every stage has reported (guard)
    for lang, lang_pages in _by_lang(pages, default_lang).items():
        _link_glossary(lang_pages, terms_by_lang[lang], glossary_pages.get(lang), data)
    reading_paths = {lang: navigation.link_reading_path([p for p in lang_pages if p.status == "published"])
                     for lang, lang_pages in _by_lang(pages, default_lang).items()}
    reading_path = reading_paths.get(default_lang, [])
    generator.context["reading_path"] = reading_path
    generator.context["reading_paths"] = reading_paths
    generator.context["site_sources"] = sources
    generator.context["glossary_terms"] = terms
    generator.context["editorial_policy_page"] = next(
        (p for p in pages if Path(p.source_path).stem == settings.get("EDITORIAL_POLICY_PAGE", EDITORIAL_POLICY)),
        None)


def _by_lang(pages, default_lang):
    out = {}
    for page in pages:
        out.setdefault(getattr(page, "lang", None) or default_lang, []).append(page)
    return out


def glossary_terms_for(lang, data, settings, sources, found):
    """The glossary in another language: data/glossary.<lang>.yaml (same keys
    as the English file: term, forms, definition). No file yet: no links."""
    path = data / f"data/glossary.{lang}.yaml"
    try:
        return glossary.load_glossary(path, sources, project_relative(path, settings))
    except ContentError as exc:
        found.extend(exc.problems)
        return []


def _link_glossary(pages, terms, glossary_page, data):
    """Link the first use of each term to the glossary page in the same language."""
    if glossary_page is None or not terms:
        return
    base = "{filename}/" + Path(glossary_page.source_path).relative_to(data.resolve()).as_posix()
    pattern = glossary.term_pattern(terms)
    for page in pages:
        if page is not glossary_page:
            html, page.glossary_terms = glossary.link_terms(page._content, terms, base, pattern)
            _set_content(page, html)


def register():
    signals.initialized.connect(on_initialized)
    signals.page_generator_init.connect(on_page_generator_init)
    signals.content_object_init.connect(on_content_object_init)
    signals.page_generator_finalized.connect(on_page_generator_finalized)
