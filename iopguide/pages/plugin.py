"""Signal wiring for iopguide.pages. Each handler is a few lines; the work is in
metadata.py, sources.py, citations.py, glossary.py and navigation.py.

    initialized            the citation syntax for Markdown; load the sources
                           and the glossaries (each language's) once, and find
                           each language's glossary page
    content_object_init    each page as it is read: check its header and
                           metadata, fill its markers (the source registry,
                           the glossary), number its citations, link its
                           glossary terms ({filename} links Pelican resolves)
                           and note its contents list: the page's content is
                           written once, where Pelican expects it, before
                           anything renders it
    page_generator_finalized  what needs every page: duplicate slugs, the
                           translation each page follows, the reading path

Every problem goes to the build's Collector (guard): the build stops once,
with all of them.
"""

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Page

from . import citations, glossary, navigation, source_list
from .. import markers
from .cite_md import CitationExtension
from ..problems import ContentError, collector
from .metadata import check_page, header_lines, header_problems
from ..paths import project_relative
from .slugs import SlugRegistry
from .sources import load_sources

EDITORIAL_POLICY = "editorial-policy"  # the page "not yet had clinical review" links to
SLUGS = "SITE_SLUGS"   # the build's SlugRegistry, kept in its settings (a new build has new settings)
DATA = "SITE_PAGES_DATA"   # the build's SiteData, likewise
# <!-- site:sources --> and <!-- site:glossary --> are replaced only when written
# exactly; a comment that looks like one of them is a mistake to report.
SITE_MARKERS = (*source_list.MARKERS, glossary.MARKER)
SITE_LIKE = re.compile(r"<!--\s*site\s*:\s*[\w-]*(?:\s+[\w-]+)?\s*-->", re.I)


@dataclass
class SiteData:
    """What every page of one build is checked and filled with, loaded once."""
    sources: dict          # key -> entry (content/data/sources.yaml)
    terms: dict            # lang -> glossary entries (glossary.yaml, glossary.<lang>.yaml)
    patterns: dict         # lang -> the entries' forms as one regex (glossary.term_pattern)
    glossary_pages: dict   # lang -> the glossary page's path in content/ (the page with the marker)
    today: dt.date
    default_lang: str


def _today(settings):
    # Tests pin the date so review-date checks are repeatable.
    fixed = settings.get("SITE_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def _read(path):
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def marker_problems(content_html, text, shown):
    """Comments that look like this plugin's markers but are not written exactly."""
    return [markers.unknown(written, SITE_MARKERS, text, shown)
            for written in dict.fromkeys(m.group(0) for m in SITE_LIKE.finditer(content_html or ""))
            if written not in SITE_MARKERS]


def _sources(settings, data, found):
    try:
        return load_sources(data / settings.get("SOURCES_FILE", "data/sources.yaml"))
    except ContentError as exc:
        found.extend(exc.problems)   # reported with the rest; pages are still checked against no sources
        return {}


def _glossary(path, settings, sources, found):
    """A language's glossary (glossary.yaml, or glossary.<lang>.yaml beside it with
    the same keys). No file: no links."""
    try:
        return glossary.load_glossary(path, sources, project_relative(path, settings))
    except ContentError as exc:
        found.extend(exc.problems)
        return []


def _glossary_pages(settings, default_lang):
    """{lang: the page that shows the glossary (the one with the marker), as Pelican's
    {filename} names it}: known before any page is read, so every page can link to it."""
    from ..header import parse_header
    content = Path(settings["PATH"])
    found = {}
    for sub in settings.get("PAGE_PATHS") or ["pages"]:
        for path in sorted((content / sub).rglob("*.md")):
            text = _read(path)
            if glossary.MARKER in text:
                lang = parse_header(text).metadata.get("lang") or default_lang
                found.setdefault(lang, path.relative_to(content).as_posix())
    return found


def on_initialized(pelican):
    """Teach Markdown the citation syntax [@key] (once, whatever the settings file),
    and load what every page is checked and filled with."""
    settings = pelican.settings
    md = settings.setdefault("MARKDOWN", {})
    extensions = md.setdefault("extensions", [])
    if not any(isinstance(e, CitationExtension) for e in extensions):
        extensions.append(CitationExtension())
    found = collector(settings)
    data = Path(settings["PATH"])
    default_lang = settings.get("DEFAULT_LANG", "en")
    sources = _sources(settings, data, found)
    terms = {lang: _glossary(data / settings.get("GLOSSARY_FILE", "data/glossary.yaml") if lang == default_lang
                             else data / f"data/glossary.{lang}.yaml", settings, sources, found)
             for lang in dict.fromkeys([default_lang, *(settings.get("SITE_LANGS") or [])])}
    settings[DATA] = SiteData(sources, terms, {lang: glossary.term_pattern(entries) for lang, entries in terms.items()},
                              _glossary_pages(settings, default_lang), _today(settings), default_lang)


def on_page_generator_init(generator):
    generator.settings[SLUGS] = SlugRegistry()


def _fields(page, fields):
    page.reviewed_on = fields.get("reviewed")
    page.next_review_on = fields.get("next_review")
    page.review_months = fields.get("review_months")
    page.clinical_review = fields.get("clinical_review")
    page.order = fields.get("order")
    page.translated_on = fields.get("translated_on")
    page.translated_from = fields.get("translated_from")
    page.tool_script = fields.get("tool")
    if page.reviewed_on:
        # The sitemap's lastmod: when an editor last checked the page.
        page.modified = dt.datetime.combine(page.reviewed_on, dt.time(), tzinfo=dt.timezone.utc)


def on_content_object_init(page):
    if not isinstance(page, Page) or not getattr(page, "source_path", None):
        return
    settings = page.settings
    data = settings.get(DATA)
    if data is None:   # a Page made outside a build (a test): nothing to check it against
        return
    rel = project_relative(page.source_path, settings)
    text = _read(page.source_path)
    lines = header_lines(text)
    settings.setdefault(SLUGS, SlugRegistry()).add(page, rel, lines.get("slug"))
    lang = getattr(page, "lang", None) or data.default_lang
    page.written_links = navigation.PAGE_LINK.findall(page._content or "")   # for related pages
    fields, problems = check_page(rel, page.metadata, data.sources, data.today, lines=lines, text=text)
    problems = header_problems(text, rel) + problems
    _fields(page, fields)
    content = source_list.fill_marker(page._content or "", data.sources, lang)
    content = glossary.fill_marker(content, data.terms.get(lang, []))
    problems += marker_problems(content, text, rel)
    page.page_toc = navigation.headings(content)
    page.show_toc = len(page.page_toc) >= navigation.TOC_MIN_SECTIONS
    page.faq = navigation.faq_items(content) if str(page.metadata.get("faq", "")).lower() == "yes" else []
    problems += citations.unknown_key_problems(rel, content, data.sources, text)
    page.source_list = citations.full_source_list(fields.get("sources", []), content, data.sources)
    page.citation_count = citations.citation_count(content)
    content = citations.number_citations(content, page.source_list)
    page.glossary_terms = []
    glossary_page = data.glossary_pages.get(lang)
    if glossary_page and data.terms.get(lang) and rel != f"content/{glossary_page}":
        # The first use of each term links to the glossary page in the same language.
        content, page.glossary_terms = glossary.link_terms(content, data.terms[lang], "{filename}/" + glossary_page,
                                                           data.patterns[lang])
    page._content = content
    collector(settings).extend(problems)


def on_page_generator_finalized(generator):
    settings = generator.settings
    data = settings[DATA]
    collector(settings).extend(settings.get(SLUGS, SlugRegistry()).problems)
    # Translations (Lang: es) went through the same checks, citations and sources.
    pages = (list(generator.pages) + list(generator.hidden_pages) + list(generator.draft_pages)
             + list(generator.translations) + list(getattr(generator, "hidden_translations", [])))
    default_lang = data.default_lang
    for page in pages:
        page.translation_source = next((p for p in getattr(page, "translations", [])
                                        if p.lang == default_lang), None) if page.lang != default_lang else None
    for lang_pages in _by_lang(pages, default_lang).values():
        # From the links editors wrote between pages (page.written_links): not the
        # glossary's links to a term's meaning, nor the levels table's.
        navigation.related_pages([p for p in lang_pages if p.status == "published"], Path(settings["PATH"]))
    reading_paths = {lang: navigation.link_reading_path([p for p in lang_pages if p.status == "published"])
                     for lang, lang_pages in _by_lang(pages, default_lang).items()}
    generator.context["reading_path"] = reading_paths.get(default_lang, [])
    generator.context["reading_paths"] = reading_paths
    generator.context["site_sources"] = data.sources
    generator.context["glossary_terms"] = data.terms.get(default_lang, [])
    generator.context["editorial_policy_page"] = next(
        (p for p in pages if Path(p.source_path).stem == settings.get("EDITORIAL_POLICY_PAGE", EDITORIAL_POLICY)),
        None)


def _by_lang(pages, default_lang):
    out = {}
    for page in pages:
        out.setdefault(getattr(page, "lang", None) or default_lang, []).append(page)
    return out


def register():
    signals.initialized.connect(on_initialized)
    signals.page_generator_init.connect(on_page_generator_init)
    signals.content_object_init.connect(on_content_object_init)
    signals.page_generator_finalized.connect(on_page_generator_finalized)
